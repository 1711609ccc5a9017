/* timerfd_create, timerfd_settime, timerfd_gettime: one-shot and periodic
 * expirations read as counts, absolute times, disarming, the old value,
 * non-blocking reads, poll, and the errors (EINVAL, EBADF, EFAULT). */
#include "time_poll_check.h"
#include <fcntl.h>
#include <poll.h>
#include <stdint.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/timerfd.h>
#include <unistd.h>

#define BAD ((void *)16)
#define MS(x) ((x) * 1000000L)

static long long its_ns(struct timespec ts) { return ts.tv_sec * 1000000000LL + ts.tv_nsec; }

static void show(const char *what, struct itimerspec *v) {
    printf("%s: value %s interval %ld.%09ld\n", what, v->it_value.tv_sec || v->it_value.tv_nsec ? "armed" : "0",
           (long)v->it_interval.tv_sec, v->it_interval.tv_nsec);
}

static uint64_t rd(int fd) {
    uint64_t v = 0;
    long n = read(fd, &v, 8);
    if (n < 0) printf("read: -1 %s\n", errname(errno));
    return v;
}

int main(void) {
    TRYFD(timerfd_create(CLOCK_PROCESS_CPUTIME_ID, 0));
    TRYFD(timerfd_create(CLOCK_MONOTONIC_RAW, 0));
    TRYFD(timerfd_create(99, 0));
    TRYFD(timerfd_create(CLOCK_MONOTONIC, 1));
    int fd = TRYFD(timerfd_create(CLOCK_MONOTONIC, 0));
    int rt = TRYFD(timerfd_create(CLOCK_REALTIME, TFD_NONBLOCK | TFD_CLOEXEC));
    TRYFD(timerfd_create(CLOCK_BOOTTIME, 0));
    TRY(fcntl(rt, F_GETFD));
    TRY(fcntl(rt, F_GETFL) & O_NONBLOCK);

    struct itimerspec v, old;
    memset(&v, 0x55, sizeof v);
    TRY(timerfd_gettime(fd, &v));
    show("initial", &v);

    /* One-shot: a blocking read waits for it (long enough to be read back first). */
    long long t0 = mono_ns();
    TRY(timerfd_settime(fd, 0, &(struct itimerspec){{0, 0}, {0, MS(150)}}, &old));
    show("old", &old);
    TRY(timerfd_gettime(fd, &v));
    yes("0 < value <= 150ms", its_ns(v.it_value) <= MS(150) && its_ns(v.it_value) > 0);
    printf("expirations %llu\n", (unsigned long long)rd(fd));
    yes("elapsed >= 150ms", mono_ns() - t0 >= MS(150));
    TRY(timerfd_gettime(fd, &v));
    show("after expiry", &v);

    /* Periodic: several expirations read at once. */
    TRY(timerfd_settime(fd, 0, &(struct itimerspec){{0, MS(5)}, {0, MS(5)}}, NULL));
    struct timespec ts = {0, MS(32)};
    syscall(SYS_nanosleep, &ts, NULL);
    uint64_t n = rd(fd);
    yes("periodic: >= 6 expirations in 32ms", n >= 6);
    TRY(timerfd_gettime(fd, &v));
    /* A periodic timer's value may read 0 when its expiry is due but the host's
       timer interrupt has not run yet (timerfd_get_remaining clamps at 0), so
       only the bound is printed. */
    yes("periodic value <= 5ms", its_ns(v.it_value) <= MS(5));
    printf("periodic interval %ld.%09ld\n", (long)v.it_interval.tv_sec, v.it_interval.tv_nsec);
    TRY(timerfd_settime(fd, 0, &(struct itimerspec){{0, 0}, {0, 0}}, &old));
    yes("old periodic value <= 5ms", its_ns(old.it_value) <= MS(5));
    printf("old periodic interval %ld.%09ld\n", (long)old.it_interval.tv_sec, old.it_interval.tv_nsec);
    TRY(timerfd_gettime(fd, &v));
    show("disarmed", &v);

    /* Absolute, in the past: expires at once. Non-blocking read when not expired. */
    struct timespec now;
    clock_gettime(CLOCK_REALTIME, &now);
    TRY(read(rt, &n, 8));
    TRY(timerfd_settime(rt, TFD_TIMER_ABSTIME, &(struct itimerspec){{0, 0}, {now.tv_sec - 1, 0}}, NULL));
    struct pollfd p = {.fd = rt, .events = POLLIN};
    TRY(poll(&p, 1, 100));
    printf("revents %#x expirations %llu\n", p.revents, (unsigned long long)rd(rt));
    TRY(poll(&p, 1, 0));
    TRY(timerfd_settime(rt, TFD_TIMER_ABSTIME | TFD_TIMER_CANCEL_ON_SET,
                        &(struct itimerspec){{0, 0}, {now.tv_sec + 100, 0}}, NULL));
    TRY(timerfd_gettime(rt, &v));
    yes("absolute value 98..100s", v.it_value.tv_sec >= 98 && v.it_value.tv_sec <= 100);
    TRY(read(fd, &n, 4));

    /* Errors. */
    TRY(timerfd_settime(fd, 4, &(struct itimerspec){{0, 0}, {1, 0}}, NULL));
    TRY(timerfd_settime(fd, 0, &(struct itimerspec){{0, 0}, {0, 1000000000}}, NULL));
    TRY(timerfd_settime(fd, 0, &(struct itimerspec){{0, -1}, {1, 0}}, NULL));
    TRY(timerfd_settime(fd, 0, &(struct itimerspec){{0, 0}, {-1, 0}}, NULL));
    TRY(timerfd_settime(fd, 0, BAD, NULL));
    TRY(timerfd_settime(99, 0, &(struct itimerspec){{0, 0}, {1, 0}}, NULL));
    TRY(timerfd_settime(99, 4, &(struct itimerspec){{0, 0}, {1, 0}}, NULL));
    TRY(timerfd_settime(0, 0, &(struct itimerspec){{0, 0}, {1, 0}}, NULL));
    TRY(timerfd_settime(fd, 0, &(struct itimerspec){{0, 0}, {100, 0}}, BAD));
    TRY(timerfd_gettime(fd, &v));
    show("set despite bad old", &v);
    TRY(timerfd_gettime(fd, BAD));
    TRY(timerfd_gettime(99, &v));
    TRY(timerfd_gettime(0, &v));
    return 0;
}
