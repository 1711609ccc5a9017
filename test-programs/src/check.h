/* Shared by the LTP-style test programs: errno as its name (not strerror's
 * text, which differs between glibc and musl), and printing a call's result so
 * native and emulated runs compare line for line. */
#ifndef CHECK_H
#define CHECK_H
#include <errno.h>
#include <stdio.h>

static const char *errname(int e) {
    switch (e) {
    case E2BIG: return "E2BIG";
    case EACCES: return "EACCES";
    case EADDRINUSE: return "EADDRINUSE";
    case EADDRNOTAVAIL: return "EADDRNOTAVAIL";
    case EAFNOSUPPORT: return "EAFNOSUPPORT";
    case EAGAIN: return "EAGAIN";
    case EBADF: return "EBADF";
    case EBUSY: return "EBUSY";
    case ECHILD: return "ECHILD";
    case ECONNREFUSED: return "ECONNREFUSED";
    case ECONNRESET: return "ECONNRESET";
    case EDESTADDRREQ: return "EDESTADDRREQ";
    case EEXIST: return "EEXIST";
    case EFAULT: return "EFAULT";
    case EFBIG: return "EFBIG";
    case EIDRM: return "EIDRM";
    case EINPROGRESS: return "EINPROGRESS";
    case EINTR: return "EINTR";
    case EINVAL: return "EINVAL";
    case EISCONN: return "EISCONN";
    case EISDIR: return "EISDIR";
    case ELOOP: return "ELOOP";
    case EMFILE: return "EMFILE";
    case EMLINK: return "EMLINK";
    case EMSGSIZE: return "EMSGSIZE";
    case ENAMETOOLONG: return "ENAMETOOLONG";
    case ENOENT: return "ENOENT";
    case ENOEXEC: return "ENOEXEC";
    case ENOMEM: return "ENOMEM";
    case ENOMSG: return "ENOMSG";
    case ENOPROTOOPT: return "ENOPROTOOPT";
    case ENOSPC: return "ENOSPC";
    case ENOSYS: return "ENOSYS";
    case ENOTCONN: return "ENOTCONN";
    case ENOTDIR: return "ENOTDIR";
    case ENOTEMPTY: return "ENOTEMPTY";
    case ENOTSOCK: return "ENOTSOCK";
    case EOPNOTSUPP: return "EOPNOTSUPP";
    case EPERM: return "EPERM";
    case EPIPE: return "EPIPE";
    case EPROTONOSUPPORT: return "EPROTONOSUPPORT";
    case ERANGE: return "ERANGE";
    case EROFS: return "EROFS";
    case ESOCKTNOSUPPORT: return "ESOCKTNOSUPPORT";
    case ESRCH: return "ESRCH";
    case EXDEV: return "EXDEV";
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

/* For results that differ between runs (new ids, descriptors): success prints label, not the number. */
static long check_as_(const char *what, long r, const char *label) {
    if (r < 0) printf("%s: %ld %s\n", what, r, errname(errno));
    else printf("%s: %s\n", what, label);
    fflush(stdout);
    return r;
}
#endif
