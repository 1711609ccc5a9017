/* Shared by the time_, poll_, epoll_, eventfd_ and timerfd_ test programs:
 * print a call's result LTP-style, with errno as its name (not strerror's
 * text, which differs between glibc and musl). */
#include <errno.h>
#include <stdio.h>
#include <time.h>

#include "check.h"

/* For calls returning a new descriptor: its number is not printed, since a
 * parent may leave descriptors open (the native run's differ). */
#define TRYFD(x) check_as_(#x, (long)(x), "fd")

/* For functions that return an error number instead of setting errno. */
static int check_rc_(const char *what, int rc) {
    printf("%s: %s\n", what, rc ? errname(rc) : "0");
    fflush(stdout);
    return rc;
}
#define TRY_RC(x) check_rc_(#x, (x))

static void yes(const char *fact, int holds) {
    printf("%s: %s\n", fact, holds ? "yes" : "no");
    fflush(stdout);
}

static long long mono_ns(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1000000000LL + ts.tv_nsec;
}
