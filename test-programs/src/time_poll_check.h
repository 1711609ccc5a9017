/* Shared by the time_, poll_, epoll_, eventfd_ and timerfd_ test programs:
 * print a call's result LTP-style, with errno as its name (not strerror's
 * text, which differs between glibc and musl). */
#include <errno.h>
#include <stdio.h>
#include <time.h>

static const char *errname(int e) {
    switch (e) {
    case EPERM: return "EPERM";
    case ENOENT: return "ENOENT";
    case ESRCH: return "ESRCH";
    case EINTR: return "EINTR";
    case EBADF: return "EBADF";
    case EAGAIN: return "EAGAIN";
    case EFAULT: return "EFAULT";
    case EEXIST: return "EEXIST";
    case EINVAL: return "EINVAL";
    case EMFILE: return "EMFILE";
    case ENOSYS: return "ENOSYS";
    case ELOOP: return "ELOOP";
    case EOPNOTSUPP: return "EOPNOTSUPP";
    default: return "E?";
    }
}

/* Prints "what: r" on success, "what: -1 ENAME" on failure; returns r. */
static long check_(const char *what, long r) {
    if (r < 0) printf("%s: %ld %s\n", what, r, errname(errno));
    else printf("%s: %ld\n", what, r);
    fflush(stdout);
    return r;
}
#define TRY(x) check_(#x, (long)(x))

/* For calls returning a new descriptor: its number is not printed, since a
 * parent may leave descriptors open (the native run's differ). */
static long check_fd_(const char *what, long r) {
    if (r < 0) printf("%s: %ld %s\n", what, r, errname(errno));
    else printf("%s: fd\n", what);
    fflush(stdout);
    return r;
}
#define TRYFD(x) check_fd_(#x, (long)(x))

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
