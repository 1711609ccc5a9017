/* alarm, getitimer and setitimer: old values and rounding, errors (EINVAL,
 * EFAULT), the CPU timers' kept interval, and what expiry does when SIGALRM is
 * blocked (pending) or ignored (nothing). Raw system calls throughout. */
#include "time_poll_check.h"
#include <signal.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <unistd.h>

#define BAD ((void *)16)

static long long tv_ns(struct timeval tv) { return tv.tv_sec * 1000000000LL + tv.tv_usec * 1000LL; }

static void show(const char *what, struct itimerval *v) {
    printf("%s: value %s interval %ld.%06ld\n", what, v->it_value.tv_sec || v->it_value.tv_usec ? "armed" : "0",
           (long)v->it_interval.tv_sec, (long)v->it_interval.tv_usec);
}

static void sleep_ms(int ms) {
    struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};
    syscall(SYS_nanosleep, &ts, NULL);
}

static int alrm_pending(void) {
    unsigned long long set = 0;
    syscall(SYS_rt_sigpending, &set, 8);
    return (set >> (SIGALRM - 1)) & 1;
}

static void set_handler(int sig, void *h) {
    /* struct kernel_sigaction: handler, flags, restorer, mask */
    unsigned long act[4] = {(unsigned long)h, 0, 0, 0};
    syscall(SYS_rt_sigaction, sig, act, NULL, 8);
}

int main(void) {
    struct itimerval v, old;
    for (int w = 0; w < 3; w++) {
        memset(&v, 0x55, sizeof v);
        TRY(syscall(SYS_getitimer, w, &v));
        show("initial", &v);
    }
    TRY(syscall(SYS_getitimer, 3, &v));
    TRY(syscall(SYS_getitimer, -1, &v));
    TRY(syscall(SYS_getitimer, ITIMER_REAL, BAD));
    TRY(syscall(SYS_setitimer, 3, &(struct itimerval){{0, 0}, {1, 0}}, NULL));
    TRY(syscall(SYS_setitimer, ITIMER_REAL, &(struct itimerval){{0, 0}, {0, 1000000}}, NULL));
    TRY(syscall(SYS_setitimer, ITIMER_REAL, &(struct itimerval){{0, 0}, {-1, 0}}, NULL));
    TRY(syscall(SYS_setitimer, ITIMER_REAL, &(struct itimerval){{0, -1}, {1, 0}}, NULL));
    TRY(syscall(SYS_setitimer, ITIMER_REAL, BAD, NULL));

    /* ITIMER_REAL: set, read back, replace; alarm shares it. */
    TRY(syscall(SYS_setitimer, ITIMER_REAL, &(struct itimerval){{2, 500000}, {10, 0}}, &old));
    show("old", &old);
    TRY(syscall(SYS_getitimer, ITIMER_REAL, &v));
    yes("real: 9s < value <= 10s", tv_ns(v.it_value) > 9000000000LL && tv_ns(v.it_value) <= 10000000000LL);
    show("real", &v);
    TRY(syscall(SYS_alarm, 5));   /* 9.99..s left rounds to 10 */
    TRY(syscall(SYS_getitimer, ITIMER_REAL, &v));
    show("after alarm(5)", &v);
    TRY(syscall(SYS_alarm, 0));   /* 4.99..s left rounds to 5 */
    TRY(syscall(SYS_alarm, 0));   /* nothing pending: 0 */
    TRY(syscall(SYS_setitimer, ITIMER_REAL, &(struct itimerval){{0, 0}, {1, 400000}}, NULL));
    TRY(syscall(SYS_alarm, 0));   /* anything in (0, 1.5s) left is 1: never 0 while pending */
    TRY(syscall(SYS_setitimer, ITIMER_REAL, &(struct itimerval){{1, 0}, {3, 0}}, NULL));
    TRY(syscall(SYS_setitimer, ITIMER_REAL, NULL, &old));   /* NULL disarms */
    yes("old value was armed", old.it_value.tv_sec > 0);
    TRY(syscall(SYS_getitimer, ITIMER_REAL, &v));
    show("after NULL", &v);
    TRY(syscall(SYS_setitimer, ITIMER_REAL, &(struct itimerval){{0, 0}, {1, 0}}, BAD));
    TRY(syscall(SYS_getitimer, ITIMER_REAL, &v));
    show("set despite bad old", &v);
    syscall(SYS_setitimer, ITIMER_REAL, &(struct itimerval){{0, 0}, {0, 0}}, NULL);

    /* CPU timers: remaining time, and a disarmed one keeps its interval. */
    for (int w = ITIMER_VIRTUAL; w <= ITIMER_PROF; w++) {
        TRY(syscall(SYS_setitimer, w, &(struct itimerval){{1, 0}, {10, 0}}, NULL));
        TRY(syscall(SYS_getitimer, w, &v));
        yes("cpu: 9s < value <= 10.1s", tv_ns(v.it_value) > 9000000000LL && tv_ns(v.it_value) <= 10100000000LL);
        printf("interval %ld.%06ld\n", (long)v.it_interval.tv_sec, (long)v.it_interval.tv_usec);
        TRY(syscall(SYS_setitimer, w, &(struct itimerval){{2, 0}, {0, 0}}, &old));
        yes("old cpu value armed", old.it_value.tv_sec > 0);
        TRY(syscall(SYS_getitimer, w, &v));
        show("cpu disarmed", &v);
        syscall(SYS_setitimer, w, &(struct itimerval){{0, 0}, {0, 0}}, NULL);
    }

    /* Expiry while SIGALRM is blocked: pending, and the one-shot timer is disarmed. */
    unsigned long long mask = 1ULL << (SIGALRM - 1);
    TRY(syscall(SYS_rt_sigprocmask, SIG_BLOCK, &mask, NULL, 8));
    TRY(syscall(SYS_setitimer, ITIMER_REAL, &(struct itimerval){{0, 0}, {0, 20000}}, NULL));
    sleep_ms(200);
    yes("SIGALRM pending", alrm_pending());
    TRY(syscall(SYS_getitimer, ITIMER_REAL, &v));
    show("expired", &v);
    set_handler(SIGALRM, SIG_IGN);   /* ignoring discards it */
    yes("SIGALRM pending after SIG_IGN", alrm_pending());
    TRY(syscall(SYS_rt_sigprocmask, SIG_UNBLOCK, &mask, NULL, 8));

    /* A periodic timer with SIGALRM ignored: the expiry does nothing, and the
     * timer stops, since Linux restarts it only when a SIGALRM is dequeued. */
    TRY(syscall(SYS_setitimer, ITIMER_REAL, &(struct itimerval){{0, 5000}, {0, 5000}}, NULL));
    sleep_ms(200);
    TRY(syscall(SYS_getitimer, ITIMER_REAL, &v));
    yes("periodic still armed", v.it_value.tv_sec || v.it_value.tv_usec);
    printf("interval %ld.%06ld\n", (long)v.it_interval.tv_sec, (long)v.it_interval.tv_usec);
    TRY(syscall(SYS_setitimer, ITIMER_REAL, &(struct itimerval){{0, 0}, {0, 0}}, &old));
    yes("old periodic value <= 5ms", tv_ns(old.it_value) <= 5000000);
    set_handler(SIGALRM, SIG_DFL);
    printf("still alive\n");
    return 0;
}
