/* Shared helpers for the net_* socket tests: print a call's result as
 * "label: ret" or "label: -1 ENAME", so native and emulated runs compare. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

static const char *errname(int e) {
    switch (e) {
    case EAGAIN: return "EAGAIN";
    case EBADF: return "EBADF";
    case EFAULT: return "EFAULT";
    case EINVAL: return "EINVAL";
    case ENOTSOCK: return "ENOTSOCK";
    case EAFNOSUPPORT: return "EAFNOSUPPORT";
    case EPROTONOSUPPORT: return "EPROTONOSUPPORT";
    case ESOCKTNOSUPPORT: return "ESOCKTNOSUPPORT";
    case EOPNOTSUPP: return "EOPNOTSUPP";
    case ENOPROTOOPT: return "ENOPROTOOPT";
    case EADDRINUSE: return "EADDRINUSE";
    case EADDRNOTAVAIL: return "EADDRNOTAVAIL";
    case ECONNREFUSED: return "ECONNREFUSED";
    case EINPROGRESS: return "EINPROGRESS";
    case EISCONN: return "EISCONN";
    case ENOTCONN: return "ENOTCONN";
    case EPIPE: return "EPIPE";
    case EDESTADDRREQ: return "EDESTADDRREQ";
    case ENOENT: return "ENOENT";
    case EMSGSIZE: return "EMSGSIZE";
    case ENAMETOOLONG: return "ENAMETOOLONG";
    case ECONNRESET: return "ECONNRESET";
    case EPERM: return "EPERM";
    case EACCES: return "EACCES";
    default: return "E?";
    }
}

#define SHOW(label, expr)                                                       \
    do {                                                                        \
        errno = 0;                                                              \
        long r_ = (long)(expr);                                                 \
        if (r_ < 0) printf("%s: %ld %s\n", label, r_, errname(errno));          \
        else printf("%s: %ld\n", label, r_);                                    \
    } while (0)

/* A call whose result is an fd or count that varies: only success matters. */
#define OK(label, expr)                                                         \
    ({                                                                          \
        errno = 0;                                                              \
        long r_ = (long)(expr);                                                 \
        if (r_ < 0) printf("%s: FAILED %s\n", label, errname(errno));           \
        r_;                                                                     \
    })
