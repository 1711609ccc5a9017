/* SIGALRM's default action ends a process blocked in epoll_wait with no
 * timeout on a pipe nobody writes to. Exit status 142. */
#include "time_poll_check.h"
#include <sys/epoll.h>
#include <sys/time.h>
#include <unistd.h>

int main(void) {
    int p[2], ep = epoll_create1(0);
    pipe(p);
    struct epoll_event ev = {.events = EPOLLIN, .data.u64 = 1};
    TRY(epoll_ctl(ep, EPOLL_CTL_ADD, p[0], &ev));
    TRY(alarm(1) * 0);
    /* Nothing is printed once the short timer runs: an emulator may be slow to print. */
    printf("waiting\n");
    fflush(stdout);
    struct itimerval v = {{0, 0}, {0, 40000}};
    setitimer(ITIMER_REAL, &v, NULL);
    epoll_wait(ep, &ev, 1, -1);
    printf("woke up: not killed\n");
    return 0;
}
