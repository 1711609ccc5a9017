/* ppoll and epoll_pwait wait with their own signal mask. A SIGALRM that
 * expires while it is blocked stays pending through an epoll_pwait that
 * blocks it too; ppoll's empty mask then lets it through, and its default
 * action ends the process: exit status 142. */
#include "time_poll_check.h"
#include <poll.h>
#include <signal.h>
#include <sys/epoll.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <unistd.h>

static int alrm_pending(void) {
    unsigned long long set = 0;
    syscall(SYS_rt_sigpending, &set, 8);
    return (set >> (SIGALRM - 1)) & 1;
}

int main(void) {
    unsigned long long alrm = 1ULL << (SIGALRM - 1), none = 0;
    int ep = epoll_create1(0);
    struct epoll_event out;
    TRY(syscall(SYS_rt_sigprocmask, SIG_BLOCK, &alrm, NULL, 8));
    TRY(syscall(SYS_setitimer, ITIMER_REAL, &(struct itimerval){{0, 0}, {0, 20000}}, NULL));
    TRY(syscall(SYS_epoll_pwait, ep, &out, 1, 300, &alrm, 8));
    yes("SIGALRM pending after epoll_pwait", alrm_pending());
    printf("ppoll\n");
    fflush(stdout);
    syscall(SYS_ppoll, NULL, 0, &(struct timespec){5, 0}, &none, 8);
    printf("ppoll returned: not killed\n");
    return 0;
}
