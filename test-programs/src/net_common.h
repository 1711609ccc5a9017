/* Shared helpers for the net_* socket tests: print a call's result as
 * "label: ret" or "label: -1 ENAME", so native and emulated runs compare. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "check.h"
#include <arpa/inet.h>
#include <netinet/in.h>
#include <string.h>
#include <sys/socket.h>

/* Any socket address the tests use. */
typedef union {
    struct sockaddr sa;
    struct sockaddr_in in;
    struct sockaddr_in6 in6;
    struct sockaddr_storage ss;
} addr_t;

static socklen_t loopback(int family, addr_t *a, int port) {
    memset(a, 0, sizeof *a);
    if (family == AF_INET) {
        a->in.sin_family = AF_INET;
        a->in.sin_port = htons(port);
        a->in.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        return sizeof a->in;
    }
    a->in6.sin6_family = AF_INET6;
    a->in6.sin6_port = htons(port);
    a->in6.sin6_addr = in6addr_loopback;
    return sizeof a->in6;
}

static int port_of(const addr_t *a) {
    return ntohs(a->sa.sa_family == AF_INET ? a->in.sin_port : a->in6.sin6_port);
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
