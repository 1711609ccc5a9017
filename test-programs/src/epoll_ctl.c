/* epoll_create, epoll_create1 and epoll_ctl: success and every error path
 * (EINVAL, EBADF, EFAULT, EEXIST, ENOENT, EPERM, ELOOP), EPOLLEXCLUSIVE rules,
 * and that closing the last descriptor of a watched file removes it. */
#include "time_poll_check.h"
#include <fcntl.h>
#include <sys/epoll.h>
#include <sys/syscall.h>
#include <unistd.h>

#define BAD ((void *)16)

static struct epoll_event ev(unsigned events, unsigned long long data) {
    struct epoll_event e = {.events = events, .data.u64 = data};
    return e;
}

int main(void) {
    struct epoll_event e;
    /* musl's epoll_create does not pass size on (it calls epoll_create1). */
    TRYFD(syscall(SYS_epoll_create, 0));
    TRYFD(syscall(SYS_epoll_create, -1));
    int ep = TRYFD(epoll_create(1));
    TRY(fcntl(ep, F_GETFD));
    TRYFD(epoll_create1(1));
    TRYFD(epoll_create1(O_NONBLOCK));
    int ep2 = TRYFD(epoll_create1(EPOLL_CLOEXEC));
    TRY(fcntl(ep2, F_GETFD));

    int p[2], q[2];
    TRY(pipe(p));
    TRY(pipe(q));
    e = ev(EPOLLIN, 0x1122334455667788ULL);
    TRY(epoll_ctl(ep, EPOLL_CTL_ADD, p[0], &e));
    TRY(epoll_ctl(ep, EPOLL_CTL_ADD, p[0], &e));        /* EEXIST */
    TRY(epoll_ctl(ep, EPOLL_CTL_MOD, p[1], &e));        /* ENOENT */
    TRY(epoll_ctl(ep, EPOLL_CTL_DEL, p[1], NULL));      /* ENOENT */
    TRY(epoll_ctl(ep, EPOLL_CTL_ADD, p[1], BAD));       /* EFAULT */
    TRY(epoll_ctl(ep, EPOLL_CTL_MOD, p[0], BAD));       /* EFAULT */
    TRY(epoll_ctl(ep, EPOLL_CTL_DEL, p[0], BAD));       /* DEL ignores the event */
    TRY(epoll_ctl(ep, EPOLL_CTL_DEL, p[0], NULL));      /* ENOENT now */
    TRY(epoll_ctl(99, EPOLL_CTL_ADD, p[0], &e));        /* EBADF */
    TRY(epoll_ctl(ep, EPOLL_CTL_ADD, 99, &e));          /* EBADF */
    TRY(epoll_ctl(99, EPOLL_CTL_ADD, 98, BAD));         /* EFAULT first */
    TRY(epoll_ctl(ep, EPOLL_CTL_ADD, ep, &e));          /* EINVAL: itself */
    TRY(epoll_ctl(p[0], EPOLL_CTL_ADD, q[0], &e));      /* EINVAL: not an epoll */
    TRY(epoll_ctl(ep, 0, q[0], &e));                    /* EINVAL: no such op */
    TRY(epoll_ctl(ep, 99, q[0], &e));
    TRY(epoll_ctl(ep, 99, q[0], BAD));                  /* EFAULT before the op */

    /* Regular files cannot be polled: EPERM, even for an unknown op. */
    int f = TRYFD(open("epoll_ctl.tmp", O_RDWR | O_CREAT | O_TRUNC, 0600));
    unlink("epoll_ctl.tmp");
    TRY(epoll_ctl(ep, EPOLL_CTL_ADD, f, &e));
    TRY(epoll_ctl(ep, 99, f, &e));
    int null = TRYFD(open("/dev/null", O_RDONLY));
    TRY(epoll_ctl(ep, EPOLL_CTL_ADD, null, &e));      /* EPERM: /dev/null has no poll */

    /* Every flag is accepted on ADD and MOD. */
    e = ev(EPOLLIN | EPOLLOUT | EPOLLRDHUP | EPOLLPRI | EPOLLERR | EPOLLHUP | EPOLLET | EPOLLONESHOT, 1);
    TRY(epoll_ctl(ep, EPOLL_CTL_ADD, q[0], &e));
    e = ev(EPOLLIN | EPOLLET, 2);
    TRY(epoll_ctl(ep, EPOLL_CTL_MOD, q[0], &e));

    /* EPOLLEXCLUSIVE: only with ADD, not with ONESHOT, not on an epoll. */
    e = ev(EPOLLIN | EPOLLEXCLUSIVE, 3);
    TRY(epoll_ctl(ep, EPOLL_CTL_ADD, q[1], &e));
    TRY(epoll_ctl(ep, EPOLL_CTL_MOD, q[1], &e));
    e = ev(EPOLLIN | EPOLLEXCLUSIVE | EPOLLONESHOT, 3);
    TRY(epoll_ctl(ep, EPOLL_CTL_ADD, p[1], &e));
    e = ev(EPOLLIN | EPOLLEXCLUSIVE, 3);
    TRY(epoll_ctl(ep2, EPOLL_CTL_ADD, ep, &e));
    e = ev(EPOLLIN, 3);
    TRY(epoll_ctl(ep, EPOLL_CTL_MOD, q[1], &e));        /* EINVAL: was exclusive */

    /* Nesting: an epoll in an epoll is fine, a loop is ELOOP. */
    e = ev(EPOLLIN, 4);
    TRY(epoll_ctl(ep2, EPOLL_CTL_ADD, ep, &e));
    TRY(epoll_ctl(ep, EPOLL_CTL_ADD, ep2, &e));
    int ep3 = TRYFD(epoll_create1(0));
    TRY(epoll_ctl(ep3, EPOLL_CTL_ADD, ep2, &e));
    TRY(epoll_ctl(ep, EPOLL_CTL_ADD, ep3, &e));

    /* Closing: a dup keeps the registration; closing the last one removes it. */
    int r[2];
    TRY(pipe(r));
    int r0dup = TRYFD(dup(r[0]));
    int ep4 = TRYFD(epoll_create1(0));
    e = ev(EPOLLIN, 0xabcdef);
    TRY(epoll_ctl(ep4, EPOLL_CTL_ADD, r[0], &e));
    TRY(write(r[1], "x", 1));
    TRY(close(r[0]));
    struct epoll_event out[4];
    TRY(epoll_wait(ep4, out, 4, 0));
    printf("data %llx\n", (unsigned long long)out[0].data.u64);
    TRY(epoll_ctl(ep4, EPOLL_CTL_DEL, r[0], NULL));    /* EBADF: that fd is closed */
    TRY(close(r0dup));
    TRY(epoll_wait(ep4, out, 4, 0));
    return 0;
}
