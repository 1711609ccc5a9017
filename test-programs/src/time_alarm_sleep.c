/* SIGALRM's default action ends a process blocked in nanosleep: alarm via
 * setitimer(ITIMER_REAL, 50ms), then a 10 s sleep that must not finish. The
 * exit status is 128 + SIGALRM = 142. */
#include "time_poll_check.h"
#include <sys/syscall.h>
#include <sys/time.h>
#include <unistd.h>

int main(void) {
    /* Nothing is printed once the timer runs: an emulator may be slow to print. */
    printf("sleeping\n");
    fflush(stdout);
    syscall(SYS_setitimer, ITIMER_REAL, &(struct itimerval){{0, 0}, {0, 50000}}, NULL);
    syscall(SYS_nanosleep, &(struct timespec){10, 0}, NULL);
    printf("woke up: not killed\n");
    return 0;
}
