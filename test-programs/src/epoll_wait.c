/* epoll_wait, epoll_pwait and epoll_pwait2: level and edge triggering,
 * EPOLLONESHOT re-arming by MOD, EPOLLOUT, EPOLLHUP and EPOLLERR on pipes, the
 * 64-bit data word returned verbatim, maxevents limits, timeouts, errors, an
 * epoll fd in poll(2), select(2) and in another epoll. */
#include "time_poll_check.h"
#include <poll.h>
#include <signal.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/select.h>
#include <sys/syscall.h>
#include <unistd.h>

#define BAD ((void *)16)

static int add(int ep, int fd, unsigned events, unsigned long long data) {
    struct epoll_event e = {.events = events, .data.u64 = data};
    return epoll_ctl(ep, EPOLL_CTL_ADD, fd, &e);
}

static void wait_show(const char *what, int ep, int max, int timeout) {
    struct epoll_event out[8];
    memset(out, 0, sizeof out);
    int n = epoll_wait(ep, out, max, timeout);
    printf("%s: %d", what, n);
    if (n < 0) printf(" %s", errname(errno));
    for (int i = 0; i < n; i++) printf(" {%#x %llx}", out[i].events, (unsigned long long)out[i].data.u64);
    printf("\n");
    fflush(stdout);
}

int main(void) {
    int ep = epoll_create1(0);
    int lt[2], et[2], os[2], hup[2], err[2];
    pipe(lt), pipe(et), pipe(os), pipe(hup), pipe(err);
    char buf[16];

    TRY(add(ep, lt[0], EPOLLIN, 0x8000000000000001ULL));
    wait_show("empty", ep, 8, 0);
    write(lt[1], "ab", 2);
    wait_show("level 1", ep, 8, 0);
    wait_show("level 2 (still readable)", ep, 8, 0);
    read(lt[0], buf, 2);
    wait_show("level drained", ep, 8, 0);

    TRY(add(ep, et[0], EPOLLIN | EPOLLET, 0xfeedfacecafebeefULL));
    write(et[1], "a", 1);
    wait_show("edge 1", ep, 8, 0);
    wait_show("edge 2 (no new edge)", ep, 8, 0);
    write(et[1], "b", 1);
    wait_show("edge 3 (new data)", ep, 8, 0);
    read(et[0], buf, 2);

    TRY(add(ep, os[0], EPOLLIN | EPOLLONESHOT, 7));
    write(os[1], "a", 1);
    wait_show("oneshot 1", ep, 8, 0);
    wait_show("oneshot 2 (disabled)", ep, 8, 0);
    struct epoll_event e = {.events = EPOLLIN | EPOLLONESHOT, .data.u64 = 8};
    TRY(epoll_ctl(ep, EPOLL_CTL_MOD, os[0], &e));
    wait_show("oneshot 3 (re-armed)", ep, 8, 0);
    TRY(epoll_ctl(ep, EPOLL_CTL_DEL, os[0], NULL));

    int ep2 = epoll_create1(0);
    TRY(add(ep2, lt[1], EPOLLOUT, 1));
    TRY(add(ep2, hup[0], EPOLLIN | EPOLLRDHUP, 2));
    TRY(add(ep2, err[1], EPOLLOUT, 3));
    write(hup[1], "z", 1);
    close(hup[1]);
    close(err[0]);
    wait_show("out, hup, err", ep2, 8, 0);
    wait_show("maxevents 1", ep2, 1, 0);

    /* Errors. */
    struct epoll_event out[2];
    TRY(epoll_wait(ep, out, 0, 0));
    TRY(syscall(SYS_epoll_wait, ep, out, -1, 0));
    TRY(epoll_wait(ep, BAD, 2, 0));
    TRY(epoll_wait(ep, NULL, 2, 0));
    TRY(epoll_wait(99, out, 2, 0));
    TRY(epoll_wait(lt[0], out, 2, 0));

    /* Timeouts. */
    long long t0 = mono_ns();
    TRY(epoll_wait(ep, out, 2, 20));
    yes("epoll_wait 20ms: elapsed >= 20ms", mono_ns() - t0 >= 20000000);
    sigset_t set;
    sigemptyset(&set);
    t0 = mono_ns();
    TRY(syscall(SYS_epoll_pwait, ep, out, 2, 10, &set, 8));
    yes("epoll_pwait 10ms: elapsed >= 10ms", mono_ns() - t0 >= 10000000);
    TRY(syscall(SYS_epoll_pwait, ep, out, 2, 0, &set, 4));
    TRY(syscall(SYS_epoll_pwait, ep, out, 2, 0, NULL, 4));
    TRY(syscall(SYS_epoll_pwait, ep, out, 2, 0, BAD, 8));
    struct timespec ts = {0, 15000000};
    t0 = mono_ns();
    TRY(syscall(SYS_epoll_pwait2, ep, out, 2, &ts, NULL, 8));
    yes("epoll_pwait2 15ms: elapsed >= 15ms", mono_ns() - t0 >= 15000000);
    TRY(syscall(SYS_epoll_pwait2, ep, out, 2, &(struct timespec){0, 1000000000}, NULL, 8));
    TRY(syscall(SYS_epoll_pwait2, ep, out, 2, &(struct timespec){-1, 0}, NULL, 8));
    TRY(syscall(SYS_epoll_pwait2, ep, out, 2, BAD, NULL, 8));
    TRY(syscall(SYS_epoll_pwait2, ep, out, 2, &(struct timespec){0, 0}, &set, 7));
    write(lt[1], "c", 1);
    TRY(syscall(SYS_epoll_pwait2, ep, out, 2, NULL, &set, 8));
    printf("pwait2 data %llx\n", (unsigned long long)out[0].data.u64);

    /* An epoll fd is readable in poll and select while it has events, and nests. */
    struct pollfd pfd = {.fd = ep, .events = POLLIN};
    TRY(poll(&pfd, 1, 0));
    printf("revents %#x\n", pfd.revents);
    fd_set rd;
    FD_ZERO(&rd);
    FD_SET(ep, &rd);
    struct timeval tv = {0, 0};
    TRY(select(ep + 1, &rd, NULL, NULL, &tv));
    yes("select: epoll fd readable", FD_ISSET(ep, &rd));
    int outer = epoll_create1(0);
    TRY(add(outer, ep, EPOLLIN, 0x0123456789abcdefULL));
    wait_show("nested", outer, 8, 0);
    read(lt[0], buf, 1);
    wait_show("nested drained", outer, 8, 0);
    TRY(poll(&pfd, 1, 0));
    printf("revents %#x\n", pfd.revents);
    return 0;
}
