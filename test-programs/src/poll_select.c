/* poll, ppoll, select and pselect6 on pipes: readiness, POLLNVAL, POLLHUP,
 * POLLERR, the time left written back, timeouts, and the errors (EINVAL,
 * EBADF, EFAULT). Raw system calls for the ones C libraries rewrite. */
#include "time_poll_check.h"
#include <poll.h>
#include <signal.h>
#include <string.h>
#include <sys/select.h>
#include <sys/syscall.h>
#include <unistd.h>

#define BAD ((void *)16)

int main(void) {
    int p[2], q[2];
    pipe(p), pipe(q);
    struct pollfd f[4] = {{p[0], POLLIN, 0}, {p[1], POLLOUT, 0}, {99, POLLIN, 0}, {-1, POLLIN, 0x7}};
    TRY(poll(f, 4, 0));
    for (int i = 0; i < 4; i++) printf("revents[%d] %#x\n", i, f[i].revents);
    write(p[1], "x", 1);
    TRY(poll(f, 2, 0));
    printf("revents %#x %#x\n", f[0].revents, f[1].revents);
    close(q[1]);
    struct pollfd h = {q[0], POLLIN, 0};
    TRY(poll(&h, 1, 0));
    printf("hup revents %#x\n", h.revents);
    int r[2];
    pipe(r);
    close(r[0]);
    struct pollfd e = {r[1], POLLOUT, 0};
    TRY(poll(&e, 1, 0));
    printf("err revents %#x\n", e.revents);

    long long t0 = mono_ns();
    struct pollfd idle = {p[1], POLLIN, 0};
    TRY(poll(&idle, 1, 20));
    yes("poll 20ms: elapsed >= 20ms", mono_ns() - t0 >= 20000000);
    TRY(syscall(SYS_poll, BAD, 1, 0));
    TRY(poll(NULL, 0, 0));
    TRY(syscall(SYS_poll, f, 1L << 40, 0));

    struct timespec ts = {1, 0};
    TRY(syscall(SYS_ppoll, f, 1, &ts, NULL, 8));
    yes("ppoll ready at once: time left > 0.9s", ts.tv_sec == 0 ? ts.tv_nsec > 900000000 : ts.tv_sec == 1);
    ts = (struct timespec){0, 10000000};
    TRY(syscall(SYS_ppoll, &idle, 1, &ts, NULL, 8));
    printf("ppoll time left %ld.%09ld\n", (long)ts.tv_sec, ts.tv_nsec);
    TRY(syscall(SYS_ppoll, f, 1, &(struct timespec){0, 1000000000}, NULL, 8));
    TRY(syscall(SYS_ppoll, f, 1, BAD, NULL, 8));
    sigset_t set;
    sigemptyset(&set);
    TRY(syscall(SYS_ppoll, f, 1, NULL, &set, 4));

    fd_set rd, wr;
    FD_ZERO(&rd);
    FD_ZERO(&wr);
    FD_SET(p[0], &rd);
    FD_SET(p[1], &wr);
    FD_SET(q[0], &rd);
    struct timeval tv = {0, 0};
    TRY(select(q[0] + 1, &rd, &wr, NULL, &tv));
    printf("read set: p0 %d q0 %d write set: p1 %d\n", FD_ISSET(p[0], &rd), FD_ISSET(q[0], &rd), FD_ISSET(p[1], &wr));
    FD_ZERO(&rd);
    FD_SET(p[1], &rd);
    tv = (struct timeval){0, 15000};
    t0 = mono_ns();
    TRY(syscall(SYS_select, p[1] + 1, &rd, NULL, NULL, &tv));
    yes("select 15ms: elapsed >= 15ms", mono_ns() - t0 >= 15000000);
    printf("select time left %ld.%06ld, set %d\n", (long)tv.tv_sec, (long)tv.tv_usec, FD_ISSET(p[1], &rd));
    /* A closed descriptor below the table's size (Linux ignores those beyond it). */
    int closed = dup(0);
    close(closed);
    FD_ZERO(&rd);
    FD_SET(closed, &rd);
    tv = (struct timeval){0, 0};
    TRY(syscall(SYS_select, closed + 1, &rd, NULL, NULL, &tv));
    TRY(syscall(SYS_select, -1, NULL, NULL, NULL, &tv));
    /* tv_usec carries into seconds: 1.5s, returning at once with a writable pipe. */
    FD_ZERO(&wr);
    FD_SET(p[1], &wr);
    tv = (struct timeval){0, 1500000};
    TRY(syscall(SYS_select, p[1] + 1, NULL, &wr, NULL, &tv));
    yes("time left 1.4..1.5s", tv.tv_sec == 1 && tv.tv_usec > 400000 && tv.tv_usec <= 500000);
    tv = (struct timeval){0, -1};
    TRY(syscall(SYS_select, p[1] + 1, NULL, &wr, NULL, &tv));
    tv = (struct timeval){0, 0};
    TRY(syscall(SYS_select, 10, BAD, NULL, NULL, &tv));

    FD_ZERO(&rd);
    FD_SET(p[0], &rd);
    ts = (struct timespec){0, 0};
    struct { const sigset_t *ss; size_t len; } sig = {&set, 8}, badsig = {&set, 4};
    TRY(syscall(SYS_pselect6, p[0] + 1, &rd, NULL, NULL, &ts, &sig));
    TRY(syscall(SYS_pselect6, p[0] + 1, &rd, NULL, NULL, &ts, &badsig));
    TRY(syscall(SYS_pselect6, p[0] + 1, &rd, NULL, NULL, &(struct timespec){0, -1}, NULL));
    return 0;
}
