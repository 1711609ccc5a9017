/* SIGALRM's default action ends a process that never makes a system call:
 * alarm(1)-like ITIMER_REAL of 30ms, then a busy loop. Exit status 142. */
#include "time_poll_check.h"
#include <sys/syscall.h>
#include <sys/time.h>
#include <unistd.h>

int main(void) {
    /* Nothing is printed once the timer runs: an emulator may be slow to print. */
    printf("spinning\n");
    fflush(stdout);
    syscall(SYS_setitimer, ITIMER_REAL, &(struct itimerval){{0, 0}, {0, 30000}}, NULL);
    volatile unsigned long x = 0;
    for (;;) x++;
}
