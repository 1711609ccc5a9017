/* times, getrusage and sysinfo: which fields move and which are zero, and the
 * errors (EINVAL, EFAULT). CPU time is spent until the process CPU clock has
 * advanced 60ms, so the figures hold however fast the machine is. */
#include "time_poll_check.h"
#include <string.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/sysinfo.h>
#include <sys/times.h>
#include <unistd.h>

#define BAD ((void *)16)
#ifndef RUSAGE_THREAD
#define RUSAGE_THREAD 1
#endif

static long long cpu_ns(void) {
    struct timespec ts;
    syscall(SYS_clock_gettime, CLOCK_PROCESS_CPUTIME_ID, &ts);
    return ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static long long tv_us(struct timeval tv) { return tv.tv_sec * 1000000LL + tv.tv_usec; }

int main(void) {
    struct tms t0, t1;
    long e0 = syscall(SYS_times, &t0);
    yes("times() > 0", e0 > 0);
    long long start = cpu_ns();
    volatile unsigned x = 1;
    while (cpu_ns() - start < 60000000)
        for (int i = 0; i < 1000; i++) x = x * 1103515245u + 12345u;
    struct timespec ts = {0, 30000000};
    syscall(SYS_nanosleep, &ts, NULL);
    long e1 = syscall(SYS_times, &t1);
    yes("times() advanced >= 2 ticks over >= 90ms", e1 - e0 >= 2);
    yes("tms_utime + tms_stime advanced >= 4 ticks", (t1.tms_utime + t1.tms_stime) - (t0.tms_utime + t0.tms_stime) >= 4);
    printf("tms_cutime %ld tms_cstime %ld\n", (long)t1.tms_cutime, (long)t1.tms_cstime);
    yes("times(NULL) > 0", syscall(SYS_times, NULL) > 0);
    TRY(syscall(SYS_times, BAD));

    struct rusage ru, rt, rc;
    memset(&rc, 0x55, sizeof rc);
    TRY(syscall(SYS_getrusage, RUSAGE_SELF, &ru));
    TRY(syscall(SYS_getrusage, RUSAGE_THREAD, &rt));
    TRY(syscall(SYS_getrusage, RUSAGE_CHILDREN, &rc));
    long long cpu_us = cpu_ns() / 1000;
    yes("self utime+stime >= 50ms", tv_us(ru.ru_utime) + tv_us(ru.ru_stime) >= 50000);
    yes("self utime+stime <= CPU clock + 20ms", tv_us(ru.ru_utime) + tv_us(ru.ru_stime) <= cpu_us + 20000);
    yes("thread utime+stime >= 50ms", tv_us(rt.ru_utime) + tv_us(rt.ru_stime) >= 50000);
    yes("usec fields < 1000000", ru.ru_utime.tv_usec < 1000000 && ru.ru_stime.tv_usec < 1000000);
    yes("maxrss > 0", ru.ru_maxrss > 0);
    yes("children all zero", !tv_us(rc.ru_utime) && !tv_us(rc.ru_stime) && !rc.ru_maxrss && !rc.ru_minflt &&
                                 !rc.ru_nvcsw);
    TRY(syscall(SYS_getrusage, 2, &ru));
    TRY(syscall(SYS_getrusage, -2, &ru));
    TRY(syscall(SYS_getrusage, RUSAGE_SELF, BAD));
    TRY(syscall(SYS_getrusage, 5, BAD));

    struct sysinfo si;
    memset(&si, 0, sizeof si);
    TRY(syscall(SYS_sysinfo, &si));
    yes("uptime > 0", si.uptime > 0);
    yes("totalram > freeram > 0", si.totalram > si.freeram && si.freeram > 0);
    yes("mem_unit >= 1", si.mem_unit >= 1);
    yes("procs >= 1", si.procs >= 1);
    struct timespec boot;
    syscall(SYS_clock_gettime, CLOCK_BOOTTIME, &boot);
    yes("uptime within 2s of CLOCK_BOOTTIME", si.uptime >= boot.tv_sec - 2 && si.uptime <= boot.tv_sec + 2);
    TRY(syscall(SYS_sysinfo, BAD));
    return 0;
}
