/* eventfd and eventfd2: counter and semaphore reads, EAGAIN when empty or
 * full (non-blocking), EINVAL for bad flags, short buffers and the reserved
 * value, poll and epoll readiness, close-on-exec. */
#include "time_poll_check.h"
#include <fcntl.h>
#include <poll.h>
#include <stdint.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/syscall.h>
#include <unistd.h>

static void rd(int fd) {
    uint64_t v = 0;
    long n = read(fd, &v, 8);
    if (n < 0) printf("read: -1 %s\n", errname(errno));
    else printf("read: %ld value %llu\n", n, (unsigned long long)v);
}

static void wr(int fd, uint64_t v) {
    long n = write(fd, &v, 8);
    if (n < 0) printf("write %llu: -1 %s\n", (unsigned long long)v, errname(errno));
    else printf("write %llu: %ld\n", (unsigned long long)v, n);
}

static void pollshow(int fd) {
    struct pollfd p = {.fd = fd, .events = POLLIN | POLLOUT};
    int n = poll(&p, 1, 0);
    printf("poll: %d revents %#x\n", n, p.revents);
}

int main(void) {
    TRYFD(syscall(SYS_eventfd2, 0, 0x10));
    TRYFD(syscall(SYS_eventfd2, 0, O_RDWR));
    int fd = TRYFD(syscall(SYS_eventfd, 3));
    TRY(fcntl(fd, F_GETFD));
    TRY(fcntl(fd, F_GETFL) & O_NONBLOCK);
    pollshow(fd);
    rd(fd);
    pollshow(fd);
    wr(fd, 5);
    wr(fd, 6);
    rd(fd);
    uint32_t small;
    TRY(read(fd, &small, 4));
    TRY(write(fd, &small, 4));
    wr(fd, UINT64_MAX);
    close(fd);

    int nb = TRYFD(syscall(SYS_eventfd2, 0, EFD_NONBLOCK | EFD_CLOEXEC));
    TRY(fcntl(nb, F_GETFD));
    TRY(fcntl(nb, F_GETFL) & O_NONBLOCK);
    rd(nb);                                  /* EAGAIN */
    wr(nb, UINT64_MAX - 1);                  /* the largest count */
    pollshow(nb);                            /* readable, not writable */
    wr(nb, 1);                               /* EAGAIN: would overflow */
    rd(nb);
    wr(nb, 0);
    pollshow(nb);

    int sem = TRYFD(syscall(SYS_eventfd2, 2, EFD_SEMAPHORE | EFD_NONBLOCK));
    rd(sem);
    rd(sem);
    rd(sem);                                 /* EAGAIN */
    wr(sem, 1);

    int ep = epoll_create1(0);
    struct epoll_event e = {.events = EPOLLIN | EPOLLET, .data.u64 = 42};
    TRY(epoll_ctl(ep, EPOLL_CTL_ADD, sem, &e));
    struct epoll_event out[2];
    TRY(epoll_wait(ep, out, 2, 0));
    printf("data %llu events %#x\n", (unsigned long long)out[0].data.u64, out[0].events);
    TRY(epoll_wait(ep, out, 2, 0));
    wr(sem, 1);
    TRY(epoll_wait(ep, out, 2, 0));

    /* eventfd(2) passes initval as an unsigned int. */
    int big = TRYFD(syscall(SYS_eventfd2, 0xffffffffu, EFD_NONBLOCK));
    rd(big);
    return 0;
}
