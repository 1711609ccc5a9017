/* Nice values and scheduling policies of the calling thread: getpriority/setpriority, sched_*. */
#define _GNU_SOURCE
#include <errno.h>
#include <sched.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

static void show(const char *what, long r) {
    printf("%-40s %ld %s\n", what, r, r == -1 ? strerror(errno) : "");
}

int main(void) {
    errno = 0;
    show("getpriority(PRIO_PROCESS, 0)", getpriority(PRIO_PROCESS, 0));
    show("raw getpriority (20 - nice)", syscall(SYS_getpriority, PRIO_PROCESS, 0));
    show("setpriority(PRIO_PROCESS, 0, 5)", setpriority(PRIO_PROCESS, 0, 5));
    show("getpriority after", getpriority(PRIO_PROCESS, 0));
    show("raw getpriority after", syscall(SYS_getpriority, PRIO_PROCESS, 0));
    show("setpriority(PRIO_PROCESS, getpid(), 7)", setpriority(PRIO_PROCESS, getpid(), 7));
    show("getpriority(PRIO_PROCESS, getpid())", getpriority(PRIO_PROCESS, getpid()));
    show("setpriority(which 7)", setpriority(7, 0, 1));
    show("getpriority(which 7)", getpriority(7, 0));
    show("getpriority(PRIO_PROCESS, 999999)", getpriority(PRIO_PROCESS, 999999));
    show("sched_getscheduler(0)", sched_getscheduler(0));
    show("sched_getscheduler(-1)", sched_getscheduler(-1));
    show("sched_get_priority_max(SCHED_FIFO)", sched_get_priority_max(SCHED_FIFO));
    show("sched_get_priority_min(SCHED_RR)", sched_get_priority_min(SCHED_RR));
    show("sched_get_priority_max(SCHED_OTHER)", sched_get_priority_max(SCHED_OTHER));
    show("sched_get_priority_max(42)", sched_get_priority_max(42));
    struct sched_param p = {0};
    show("sched_getparam(0)", sched_getparam(0, &p));
    printf("  priority %d\n", p.sched_priority);
    show("sched_getparam(0, NULL)", syscall(SYS_sched_getparam, 0, NULL));
    show("sched_setscheduler(0, SCHED_BATCH)", sched_setscheduler(0, SCHED_BATCH, &p));
    show("sched_getscheduler(0) now", sched_getscheduler(0));
    p.sched_priority = 200;
    show("sched_setscheduler(SCHED_FIFO, 200)", sched_setscheduler(0, SCHED_FIFO, &p));
    p.sched_priority = 0;
    show("sched_setscheduler(0, SCHED_OTHER)", sched_setscheduler(0, SCHED_OTHER, &p));
    show("sched_setparam(0, prio 0)", sched_setparam(0, &p));
    show("sched_setparam(0, NULL)", syscall(SYS_sched_setparam, 0, NULL));
    struct timespec ts = {-1, -1};
    show("sched_rr_get_interval(0)", sched_rr_get_interval(0, &ts));
    printf("  interval set: %s\n", ts.tv_sec >= 0 && ts.tv_nsec >= 0 ? "yes" : "no");
    cpu_set_t set;
    CPU_ZERO(&set);
    CPU_SET(0, &set);
    show("sched_setaffinity(0, {0})", sched_setaffinity(0, sizeof set, &set));
    CPU_ZERO(&set);
    show("sched_setaffinity(0, {})", sched_setaffinity(0, sizeof set, &set));
    show("sched_setaffinity(999999, {0})", (CPU_SET(0, &set), sched_setaffinity(999999, sizeof set, &set)));
    return 0;
}
