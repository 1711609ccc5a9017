/* Terminal ioctls on a pseudo-terminal pair: attributes, window size, queues, flushing, numbering, locking. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>

/* Waits until fd has input: the pty's line discipline hands bytes over asynchronously. */
static void await_input(int fd) {
    struct pollfd p = {.fd = fd, .events = POLLIN};
    poll(&p, 1, 10000);
}

static void show(const char *what, long r) {
    printf("%-36s %ld %s\n", what, r, r == -1 ? strerror(errno) : "");
}

int main(void) {
    int m = posix_openpt(O_RDWR | O_NOCTTY);
    show("posix_openpt", m >= 0 ? 0 : -1);
    show("grantpt", grantpt(m));
    show("unlockpt", unlockpt(m));
    const char *name = ptsname(m);
    printf("ptsname starts with /dev/pts/: %s\n", name && !strncmp(name, "/dev/pts/", 9) ? "yes" : "no");
    int n = -1;
    show("TIOCGPTN", ioctl(m, TIOCGPTN, &n));
    printf("  matches ptsname: %s\n", name && atoi(name + 9) == n ? "yes" : "no");
    int s = open(name, O_RDWR | O_NOCTTY);
    show("open slave", s >= 0 ? 0 : -1);
    printf("isatty master %d slave %d stdin-file %d\n", isatty(m), isatty(s), isatty(open("/proc/self/exe", O_RDONLY)));
    printf("  errno after isatty on a file: %s\n", strerror(errno));
    const char *tn = ttyname(s);
    printf("ttyname(slave) == ptsname: %s\n", tn && name && !strcmp(tn, name) ? "yes" : "no");

    struct termios t;
    show("tcgetattr(slave)", tcgetattr(s, &t));
    printf("  default lflag ICANON %d ECHO %d, VMIN %d\n", !!(t.c_lflag & ICANON), !!(t.c_lflag & ECHO), t.c_cc[VMIN]);
    cfmakeraw(&t);
    t.c_cc[VMIN] = 1;
    show("tcsetattr(TCSANOW, raw)", tcsetattr(s, TCSANOW, &t));
    struct termios u;
    tcgetattr(s, &u);
    printf("  raw now: ICANON %d ECHO %d OPOST %d CS8 %d\n", !!(u.c_lflag & ICANON), !!(u.c_lflag & ECHO),
           !!(u.c_oflag & OPOST), (u.c_cflag & CSIZE) == CS8);
    show("tcsetattr(TCSADRAIN)", tcsetattr(s, TCSADRAIN, &u));
    show("tcsetattr(TCSAFLUSH)", tcsetattr(s, TCSAFLUSH, &u));
    show("tcsetattr bad action", tcsetattr(s, 7, &u));

    struct winsize ws = {.ws_row = 24, .ws_col = 80, .ws_xpixel = 640, .ws_ypixel = 480};
    show("TIOCSWINSZ on master", ioctl(m, TIOCSWINSZ, &ws));
    struct winsize got = {0};
    show("TIOCGWINSZ on slave", ioctl(s, TIOCGWINSZ, &got));
    printf("  %dx%d %dx%d\n", got.ws_row, got.ws_col, got.ws_xpixel, got.ws_ypixel);
    show("TIOCGWINSZ bad pointer", ioctl(s, TIOCGWINSZ, (void *)8));

    show("write master", write(m, "hello", 5));
    await_input(s);
    int q = -1;
    show("FIONREAD slave", ioctl(s, FIONREAD, &q));
    printf("  %d\n", q);
    char buf[16] = {0};
    show("read slave", read(s, buf, sizeof buf));
    printf("  %s\n", buf);
    show("write slave", write(s, "back", 4));
    await_input(m);
    show("FIONREAD master", ioctl(m, FIONREAD, &q));
    printf("  %d\n", q);
    show("TIOCOUTQ slave", ioctl(s, TIOCOUTQ, &q));
    show("tcflush(master, TCIOFLUSH)", tcflush(m, TCIOFLUSH));
    show("FIONREAD master after flush", ioctl(m, FIONREAD, &q));
    printf("  %d\n", q);
    show("tcflow(slave, TCOON)", tcflow(s, TCOON));
    show("tcflush bad queue", tcflush(s, 9));
    show("tcdrain(slave)", tcdrain(s));
    show("TIOCEXCL", ioctl(s, TIOCEXCL));
    show("TIOCNXCL", ioctl(s, TIOCNXCL));
    int on = 1;
    show("FIONBIO on", ioctl(s, FIONBIO, &on));
    show("read slave, nothing there", read(s, buf, sizeof buf));
    show("tcgetpgrp(slave), no ctty", tcgetpgrp(s));
    show("tcgetsid(slave), no ctty", tcgetsid(s));
    show("TIOCGPTN on the slave", ioctl(s, TIOCGPTN, &n));
    int peer = ioctl(m, TIOCGPTPEER, O_RDWR | O_NOCTTY);
    show("TIOCGPTPEER", peer >= 0 ? 0 : -1);
    printf("  peer is a tty: %d\n", isatty(peer));
    int lock = 1;
    show("TIOCSPTLCK lock", ioctl(m, TIOCSPTLCK, &lock));
    show("open slave while locked", open(name, O_RDWR | O_NOCTTY));
    show("tcgetattr on a pipe", (pipe((int[2]){0}), tcgetattr(open("/dev/null", O_RDONLY), &t)));
    show("ioctl unknown request", ioctl(m, 0x12345678, 0));
    return 0;
}
