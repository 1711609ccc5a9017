/* The /dev nodes every program may use: null reads EOF and swallows writes,
 * zero reads zeros, full reads zeros and refuses writes with ENOSPC, random
 * and urandom give bytes, stdin/stdout/stderr and fd/ are links to the
 * process's own descriptors, and tty fails without a controlling terminal. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

static void show_link(const char *path) {
    char target[256];
    ssize_t n = readlink(path, target, sizeof target - 1);
    if (n < 0) {
        printf("readlink %s: errno %d\n", path, errno);
        return;
    }
    target[n] = 0;
    printf("readlink %s: %s\n", path, target);
}

int main(void) {
    char buf[64];
    int fd = open("/dev/null", O_RDWR);
    printf("null: read %zd, write %zd\n", read(fd, buf, sizeof buf), write(fd, "hello", 5));
    close(fd);

    fd = open("/dev/zero", O_RDONLY);
    memset(buf, 'x', sizeof buf);
    ssize_t n = read(fd, buf, sizeof buf);
    int zeros = 1;
    for (int i = 0; i < (int)sizeof buf; i++) zeros &= buf[i] == 0;
    printf("zero: read %zd, all zero %d\n", n, zeros);
    close(fd);

    fd = open("/dev/full", O_RDWR);
    errno = 0;
    ssize_t w = write(fd, "x", 1);
    printf("full: write %zd errno %s, read %zd\n", w, errno == ENOSPC ? "ENOSPC" : "other",
           read(fd, buf, 8));
    close(fd);

    const char *rnd[] = {"/dev/random", "/dev/urandom"};
    for (int i = 0; i < 2; i++) {
        fd = open(rnd[i], O_RDONLY);
        printf("%s: read %zd\n", rnd[i], fd < 0 ? -1 : read(fd, buf, 16));
        close(fd);
    }

    struct stat st;
    stat("/dev/null", &st);
    printf("null is char device %d:%d: %d\n", major(st.st_rdev), minor(st.st_rdev), S_ISCHR(st.st_mode));
    stat("/dev/zero", &st);
    printf("zero is char device %d:%d: %d\n", major(st.st_rdev), minor(st.st_rdev), S_ISCHR(st.st_mode));

    show_link("/dev/stdin");
    show_link("/dev/stdout");
    show_link("/dev/stderr");
    show_link("/dev/fd");

    /* stdin is /dev/null in the tests: reading it through /dev/fd/0 gives EOF. */
    fd = open("/dev/fd/0", O_RDONLY);
    printf("/dev/fd/0: open %s, read %zd\n", fd >= 0 ? "ok" : "failed", fd >= 0 ? read(fd, buf, 8) : -1);
    close(fd);
    fflush(stdout);
    fd = open("/dev/stdout", O_WRONLY);
    if (fd >= 0) {
        const char msg[] = "written through /dev/stdout\n";
        write(fd, msg, sizeof msg - 1);
        close(fd);
    }
    fd = open("/dev/fd/9", O_RDONLY);
    printf("/dev/fd/9 (closed): errno %d\n", fd < 0 ? errno : 0);
    /* The tests run without a controlling terminal natively and emulated alike. */
    fd = open("/dev/tty", O_RDWR | O_NOCTTY);
    printf("/dev/tty: %s\n", fd >= 0 ? "opened" : errno == ENXIO ? "ENXIO" : "other error");
    if (fd >= 0) close(fd);
    fd = open("/dev/nonexistent-blink", O_RDONLY);
    printf("/dev/nonexistent-blink: errno %d\n", fd < 0 ? errno : 0);
    fd = open("/dev/null/x", O_RDONLY);
    printf("/dev/null/x: errno %d\n", fd < 0 ? errno : 0);
    return 0;
}
