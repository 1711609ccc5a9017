/* POSIX message queues: create with attributes, priority order, non-blocking and
 * timed operations and their errors, attributes, poll readiness, and a queue
 * shared with a forked child. */
#include <errno.h>
#include <fcntl.h>
#include <mqueue.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include "check.h"

int main(void) {
    char name[64];
    snprintf(name, sizeof name, "/blink-mq-test-%d", (int)getpid());
    mq_unlink(name);
    struct mq_attr attr = {.mq_maxmsg = 4, .mq_msgsize = 64};
    mqd_t q = mq_open(name, O_CREAT | O_EXCL | O_RDWR, 0600, &attr);
    printf("open: %s\n", q == (mqd_t)-1 ? errname(errno) : "ok");
    TRY(mq_open(name, O_CREAT | O_EXCL | O_RDWR, 0600, &attr));     /* EEXIST */
    TRY(mq_open("/blink-mq-missing", O_RDONLY));                    /* ENOENT */
    struct mq_attr big = {.mq_maxmsg = 0, .mq_msgsize = 64};
    TRY(mq_open("/blink-mq-bad", O_CREAT | O_RDWR, 0600, &big));    /* EINVAL */

    struct mq_attr a;
    TRY(mq_getattr(q, &a));
    printf("attr: flags %ld maxmsg %ld msgsize %ld curmsgs %ld\n", a.mq_flags, a.mq_maxmsg, a.mq_msgsize, a.mq_curmsgs);
    struct pollfd p = {.fd = q, .events = POLLIN | POLLOUT};
    TRY(poll(&p, 1, 0));
    printf("empty: revents %#x\n", p.revents);

    TRY(mq_send(q, "low", 3, 1));
    TRY(mq_send(q, "high", 4, 9));
    TRY(mq_send(q, "mid", 3, 5));
    TRY(mq_send(q, "toolong-toolong-toolong-toolong-toolong-toolong-toolong-toolong-x", 65, 0)); /* EMSGSIZE */
    TRY(poll(&p, 1, 0));
    printf("three: revents %#x\n", p.revents);
    char buf[64];
    unsigned prio;
    for (int i = 0; i < 3; i++) {
        ssize_t n = mq_receive(q, buf, sizeof buf, &prio);
        printf("receive: %zd '%.*s' prio %u\n", n, (int)(n > 0 ? n : 0), buf, prio);
    }
    TRY(mq_receive(q, buf, 10, &prio));                             /* EMSGSIZE: buffer < msgsize */

    struct timespec past = {0, 0};
    TRY(mq_timedreceive(q, buf, sizeof buf, &prio, &past));          /* ETIMEDOUT */
    struct timespec bad = {0, 2000000000L};
    TRY(mq_timedreceive(q, buf, sizeof buf, &prio, &bad));           /* EINVAL */

    struct mq_attr nb = {.mq_flags = O_NONBLOCK}, old;
    TRY(mq_setattr(q, &nb, &old));
    printf("old flags %ld\n", old.mq_flags);
    TRY(mq_receive(q, buf, sizeof buf, &prio));                      /* EAGAIN */
    for (int i = 0; i < 5; i++) TRY(mq_send(q, "x", 1, 0));          /* the fifth: EAGAIN */
    TRY(mq_getattr(q, &a));
    printf("full: flags %#lx curmsgs %ld\n", a.mq_flags, a.mq_curmsgs);
    for (int i = 0; i < 4; i++) mq_receive(q, buf, sizeof buf, &prio);
    struct mq_attr blocking = {.mq_flags = 0};
    TRY(mq_setattr(q, &blocking, NULL));

    /* A child sends after a pause; the parent's blocking receive waits for it. */
    pid_t pid = fork();
    if (pid == 0) {
        usleep(50000);
        mq_send(q, "from child", 10, 3);
        _exit(0);
    }
    ssize_t n = mq_receive(q, buf, sizeof buf, &prio);
    printf("parent got: %zd '%.*s' prio %u\n", n, (int)(n > 0 ? n : 0), buf, prio);
    int st;
    waitpid(pid, &st, 0);
    printf("child status %d\n", WEXITSTATUS(st));

    TRY(mq_close(q));
    TRY(mq_unlink(name));
    TRY(mq_unlink(name));                                            /* ENOENT */
    return 0;
}
