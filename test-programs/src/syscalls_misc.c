/* Assorted system calls whose results are deterministic (or reduced to a
 * deterministic fact): ids, clocks, sleep, getrandom, uname, umask, rlimits,
 * stdin at EOF (/dev/null), pipes with poll/select, getcwd/chdir, and errno
 * values for invalid calls. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/resource.h>
#include <sys/select.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/utsname.h>
#include <time.h>
#include <unistd.h>

int main(void) {
    printf("getpid stable: %d\n", getpid() == getpid());
    printf("gettid == getpid in main thread: %d\n", (pid_t)syscall(SYS_gettid) == getpid());
    printf("getppid > 0: %d\n", getppid() > 0);
    printf("getpgrp/getsid > 0: %d %d\n", getpgrp() > 0, getsid(0) > 0);
    printf("uid matches euid: %d\n", getuid() == geteuid());

    struct timespec a, b;
    clock_gettime(CLOCK_MONOTONIC, &a);
    struct timespec req = {0, 2000000}; /* 2 ms */
    int r = nanosleep(&req, NULL);
    clock_gettime(CLOCK_MONOTONIC, &b);
    long ns = (b.tv_sec - a.tv_sec) * 1000000000L + (b.tv_nsec - a.tv_nsec);
    printf("nanosleep: %d, slept >= 2ms: %d\n", r, ns >= 2000000);
    struct timespec rt;
    clock_gettime(CLOCK_REALTIME, &rt);
    printf("realtime after 2020: %d\n", rt.tv_sec > 1577836800);
    struct timeval tv;
    gettimeofday(&tv, NULL);
    printf("gettimeofday usec in range: %d\n", tv.tv_usec >= 0 && tv.tv_usec < 1000000);
    printf("time() close to realtime: %d\n", labs((long)time(NULL) - (long)rt.tv_sec) <= 2);
    struct timespec res;
    printf("clock_getres monotonic ok: %d\n", clock_getres(CLOCK_MONOTONIC, &res) == 0 && res.tv_sec == 0);

    unsigned char rnd[16];
    printf("getrandom 16: %zd\n", getrandom(rnd, sizeof rnd, 0));

    struct utsname u;
    uname(&u);
    printf("uname: %s %s\n", u.sysname, u.machine);

    mode_t old = umask(027);
    mode_t back = umask(old);
    printf("umask round trip: %03o\n", back);

    struct rlimit rl;
    getrlimit(RLIMIT_NOFILE, &rl);
    printf("RLIMIT_NOFILE cur > 16: %d\n", rl.rlim_cur > 16);
    getrlimit(RLIMIT_STACK, &rl);
    printf("RLIMIT_STACK cur >= 1 MiB: %d\n", rl.rlim_cur >= (1 << 20));
    printf("sched_yield: %d\n", sched_yield());

    /* stdin is /dev/null */
    char c;
    printf("read stdin: %zd\n", read(0, &c, 1));
    printf("isatty(0): %d\n", isatty(0));
    struct stat st;
    fstat(0, &st);
    printf("stdin is char device: %d\n", S_ISCHR(st.st_mode));
    fstat(1, &st);
    printf("stdout is pipe: %d\n", S_ISFIFO(st.st_mode));

    /* pipe with poll and select */
    int p[2];
    pipe(p);
    struct pollfd pfd = {p[0], POLLIN, 0};
    printf("poll empty pipe: %d\n", poll(&pfd, 1, 0));
    write(p[1], "xy", 2);
    r = poll(&pfd, 1, 100);
    printf("poll readable: %d revents=%d\n", r, pfd.revents & POLLIN ? 1 : 0);
    fd_set rf;
    FD_ZERO(&rf);
    FD_SET(p[0], &rf);
    struct timeval zero = {0, 0};
    r = select(p[0] + 1, &rf, NULL, NULL, &zero);
    printf("select: %d isset=%d\n", r, FD_ISSET(p[0], &rf) ? 1 : 0);
    char buf[8];
    printf("read pipe: %zd\n", read(p[0], buf, sizeof buf));
    close(p[1]);
    printf("read closed pipe: %zd\n", read(p[0], buf, sizeof buf));
    close(p[0]);
    int q[2];
    pipe2(q, O_NONBLOCK | O_CLOEXEC);
    ssize_t n = read(q[0], buf, 1);
    printf("nonblocking empty read: %zd %s\n", n, n < 0 && errno == EAGAIN ? "EAGAIN" : "?");
    printf("pipe2 cloexec: %d\n", fcntl(q[0], F_GETFD) & FD_CLOEXEC);
    close(q[0]);
    close(q[1]);

    /* directories */
    char cwd[4096];
    getcwd(cwd, sizeof cwd);
    printf("chdir /: %d\n", chdir("/"));
    char root[16];
    printf("getcwd at /: %s\n", getcwd(root, sizeof root));
    printf("chdir back: %d\n", chdir(cwd));
    char small[2];
    errno = 0;
    char *g = getcwd(small, sizeof small);
    printf("getcwd small buffer: %s %s\n", g ? "ok" : "NULL", errno == ERANGE ? "ERANGE" : "?");

    /* errors */
    errno = 0;
    r = (int)syscall(SYS_close, 12345);
    printf("close(12345): %d errno=%s\n", r, errno == EBADF ? "EBADF" : "?");
    errno = 0;
    r = (int)syscall(SYS_open, (char *)1, O_RDONLY);
    printf("open(bad pointer): %d errno=%s\n", r, errno == EFAULT ? "EFAULT" : "?");
    errno = 0;
    r = (int)syscall(SYS_write, 1, (char *)8, 5);
    printf("write(bad pointer): %d errno=%s\n", r, errno == EFAULT ? "EFAULT" : "?");
    errno = 0;
    r = (int)syscall(100000);
    printf("unknown syscall: %d errno=%s\n", r, errno == ENOSYS ? "ENOSYS" : "?");
    return 0;
}
