/* clock_gettime, clock_getres and clock_nanosleep on every Linux clock id,
 * CPU-time clock ids of the process and thread, bad ids; nanosleep,
 * gettimeofday and time. All through syscall(2), so the kernel's answers are
 * what is compared (not a vDSO's or the C library's). */
#include "time_poll_check.h"
#include <stdint.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <unistd.h>

#define BAD ((void *)16)

static long long ns_of(struct timespec ts) { return ts.tv_sec * 1000000000LL + ts.tv_nsec; }

static long long clock_ns(clockid_t c) {
    struct timespec ts;
    syscall(SYS_clock_gettime, c, &ts);
    return ns_of(ts);
}

/* A CPU-time clock id as clock_getcpuclockid(3) makes it: ~pid << 3 | which. */
static clockid_t cpu_clock(int pid, int thread, int which) {
    return (clockid_t)(((unsigned)~pid << 3) | (thread ? 4 : 0) | (unsigned)which);
}

static void spin_cpu(clockid_t c, long long ns) {
    long long end = clock_ns(c) + ns;
    volatile unsigned x = 1;
    while (clock_ns(c) < end)
        for (int i = 0; i < 1000; i++) x = x * 1103515245u + 12345u;
}

int main(void) {
    static const char *names[] = {"REALTIME", "MONOTONIC", "PROCESS_CPUTIME_ID", "THREAD_CPUTIME_ID",
                                  "MONOTONIC_RAW", "REALTIME_COARSE", "MONOTONIC_COARSE", "BOOTTIME",
                                  "REALTIME_ALARM", "BOOTTIME_ALARM", "10", "TAI", "12"};
    for (int c = 0; c <= 12; c++) {
        struct timespec a = {0, 0}, b = {0, 0}, res = {-1, -1}, zero = {0, 0};
        long r1 = syscall(SYS_clock_gettime, c, &a);
        int e1 = errno;
        long r2 = syscall(SYS_clock_gettime, c, &b);
        long rr = syscall(SYS_clock_getres, c, &res);
        int e2 = errno;
        long rn = syscall(SYS_clock_nanosleep, c, TIMER_ABSTIME, &zero, NULL);
        int e3 = errno;
        printf("clock %-18s gettime %ld %s", names[c], r1, r1 ? errname(e1) : "");
        if (r1 == 0 && r2 == 0) printf(" nondecreasing %s", ns_of(b) >= ns_of(a) ? "yes" : "no");
        printf(" | getres %ld %s", rr, rr ? errname(e2) : "");
        if (rr == 0) printf(" %ld.%09ld", (long)res.tv_sec, res.tv_nsec);
        printf(" | nanosleep(abs 0) %ld %s\n", rn, rn ? errname(e3) : "");
    }
    struct timespec ts;
    TRY(syscall(SYS_clock_gettime, CLOCK_MONOTONIC, BAD));
    TRY(syscall(SYS_clock_getres, CLOCK_MONOTONIC, BAD));
    TRY(syscall(SYS_clock_getres, CLOCK_MONOTONIC, NULL));
    TRY(syscall(SYS_clock_getres, 99, NULL));
    TRY(syscall(SYS_clock_gettime, -1, &ts));
    TRY(syscall(SYS_clock_gettime, 0x7fffffff, &ts));

    /* CPU-time clocks: of this process and thread by pid 0 or by id, and of nobody. */
    int pid = getpid(), tid = (int)syscall(SYS_gettid);
    long long cpu0 = clock_ns(CLOCK_PROCESS_CPUTIME_ID), thr0 = clock_ns(CLOCK_THREAD_CPUTIME_ID);
    spin_cpu(CLOCK_PROCESS_CPUTIME_ID, 30000000);
    yes("process CPU time advanced >= 30ms", clock_ns(CLOCK_PROCESS_CPUTIME_ID) - cpu0 >= 30000000);
    yes("thread CPU time advanced >= 20ms", clock_ns(CLOCK_THREAD_CPUTIME_ID) - thr0 >= 20000000);
    for (int which = 0; which < 4; which++) {
        struct timespec r;
        printf("which %d:\n", which);
        TRY(syscall(SYS_clock_gettime, cpu_clock(0, 0, which), &ts));
        TRY(syscall(SYS_clock_gettime, cpu_clock(pid, 0, which), &ts));
        TRY(syscall(SYS_clock_gettime, cpu_clock(0, 1, which), &ts));
        TRY(syscall(SYS_clock_gettime, cpu_clock(tid, 1, which), &ts));
        TRY(syscall(SYS_clock_gettime, cpu_clock(0x0fffffff, 0, which), &ts));
        TRY(syscall(SYS_clock_gettime, cpu_clock(0x0fffffff, 1, which), &ts));
        if (TRY(syscall(SYS_clock_getres, cpu_clock(0, 0, which), &r)) == 0 && which == 2)
            printf("res %ld.%09ld\n", (long)r.tv_sec, r.tv_nsec);
        TRY(syscall(SYS_clock_nanosleep, cpu_clock(0, 1, which), TIMER_ABSTIME, &(struct timespec){0, 0}, NULL));
    }
    clockid_t mine;
    TRY_RC(clock_getcpuclockid(0, &mine));
    long long c1 = clock_ns(mine), c2 = clock_ns(CLOCK_PROCESS_CPUTIME_ID);
    yes("clock_getcpuclockid(0) clock is close to CLOCK_PROCESS_CPUTIME_ID", c2 >= c1 && c2 - c1 < 1000000000LL);

    /* Sleeping. */
    long long t0 = mono_ns();
    TRY(syscall(SYS_nanosleep, &(struct timespec){0, 10000000}, NULL));
    yes("nanosleep 10ms: elapsed >= 10ms", mono_ns() - t0 >= 10000000);
    TRY(syscall(SYS_nanosleep, &(struct timespec){0, 1000000000}, NULL));
    TRY(syscall(SYS_nanosleep, &(struct timespec){-1, 0}, NULL));
    TRY(syscall(SYS_nanosleep, &(struct timespec){0, -1}, NULL));
    TRY(syscall(SYS_nanosleep, BAD, NULL));
    TRY(syscall(SYS_nanosleep, &(struct timespec){0, 0}, NULL));
    struct timespec rem = {7, 7};
    TRY(syscall(SYS_nanosleep, &(struct timespec){0, 1000}, &rem));
    printf("rem untouched: %ld.%ld\n", (long)rem.tv_sec, rem.tv_nsec);
    int relclocks[] = {CLOCK_REALTIME, CLOCK_MONOTONIC, CLOCK_BOOTTIME, CLOCK_TAI};
    for (int i = 0; i < 4; i++) {
        t0 = mono_ns();
        TRY(syscall(SYS_clock_nanosleep, relclocks[i], 0, &(struct timespec){0, 5000000}, NULL));
        yes("relative 5ms: elapsed >= 5ms", mono_ns() - t0 >= 5000000);
    }
    struct timespec now;
    syscall(SYS_clock_gettime, CLOCK_MONOTONIC, &now);
    now.tv_nsec += 8000000;
    if (now.tv_nsec >= 1000000000) now.tv_sec++, now.tv_nsec -= 1000000000;
    t0 = mono_ns();
    TRY(syscall(SYS_clock_nanosleep, CLOCK_MONOTONIC, TIMER_ABSTIME, &now, NULL));
    yes("absolute +8ms: elapsed >= 7ms", mono_ns() - t0 >= 7000000);
    syscall(SYS_clock_gettime, CLOCK_REALTIME, &now);
    now.tv_sec -= 10;
    TRY(syscall(SYS_clock_nanosleep, CLOCK_REALTIME, TIMER_ABSTIME, &now, NULL));
    TRY(syscall(SYS_clock_nanosleep, CLOCK_MONOTONIC, 0, &(struct timespec){0, 1000000000}, NULL));
    TRY(syscall(SYS_clock_nanosleep, CLOCK_MONOTONIC, 0, BAD, NULL));
    TRY(syscall(SYS_clock_nanosleep, CLOCK_MONOTONIC_RAW, 0, BAD, NULL));
    TRY(syscall(SYS_clock_nanosleep, 99, 0, &(struct timespec){0, 1}, NULL));
    TRY(syscall(SYS_clock_nanosleep, -1, 0, &(struct timespec){0, 1}, NULL));

    /* gettimeofday and time agree with CLOCK_REALTIME. */
    struct timeval tv;
    TRY(syscall(SYS_gettimeofday, &tv, NULL));
    syscall(SYS_clock_gettime, CLOCK_REALTIME, &now);
    long long tvns = tv.tv_sec * 1000000000LL + tv.tv_usec * 1000LL;
    yes("gettimeofday within 1s of CLOCK_REALTIME", ns_of(now) >= tvns && ns_of(now) - tvns < 1000000000LL);
    yes("tv_usec < 1000000", tv.tv_usec >= 0 && tv.tv_usec < 1000000);
    TRY(syscall(SYS_gettimeofday, NULL, NULL));
    TRY(syscall(SYS_gettimeofday, BAD, NULL));
    time_t t = 0;
    long s = syscall(SYS_time, &t);
    yes("time() == *tloc", s == t);
    yes("time() within 2s of CLOCK_REALTIME", s >= now.tv_sec - 1 && s <= now.tv_sec + 2);
    return 0;
}
