/* Raw futex(2) calls between POSIX threads: a wait woken by another thread,
 * EAGAIN and ETIMEDOUT, wake counts, FUTEX_CMP_REQUEUE and FUTEX_REQUEUE
 * moving waiters, FUTEX_WAKE_OP waking the second word, and bitsets.
 * A waiter is known to be queued when a CMP_REQUEUE counts it (it moves it to
 * another word), so every count printed is deterministic. Output after joins. */
#define _GNU_SOURCE
#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "check.h"
#include "futex_ops.h"

static long futex(uint32_t *uaddr, int op, uint32_t val, long val2, uint32_t *uaddr2, uint32_t val3) {
    return syscall(SYS_futex, uaddr, op, val, (void *)val2, uaddr2, val3);
}

/* The errno name of a failed call, or nothing for a success. */
static const char *err(long r) { return r >= 0 ? "" : errname(errno); }

struct waiter {
    pthread_t thread;
    uint32_t *word, *lock;
    int tid, owned;
    int op;
    uint32_t expect, bitset;
    long result;
    int err;
};

static void *wait_once(void *arg) {
    struct waiter *w = arg;
    w->tid = syscall(SYS_gettid);
    w->result = futex(w->word, w->op, w->expect, 0, w->lock, w->bitset);
    w->err = w->result < 0 ? errno : 0;
    /* A FUTEX_WAIT_REQUEUE_PI waiter returns owning the PI lock: check, then unlock it. */
    if (w->lock && w->result == 0) {
        w->owned = (*w->lock & 0x3fffffff) == (uint32_t)w->tid;
        if (futex(w->lock, FUTEX_UNLOCK_PI | FUTEX_PRIVATE_FLAG, 0, 0, NULL, 0) != 0) w->owned = -1;
    }
    return NULL;
}

static void start(struct waiter *w, uint32_t *word, int op, uint32_t expect, uint32_t bitset) {
    w->word = word;
    w->op = op;
    w->expect = expect;
    w->bitset = bitset;
    pthread_create(&w->thread, NULL, wait_once, w);
}

/* Moves waiters from *from to *to until n have been counted there. */
static void gather(uint32_t *from, uint32_t *to, int n, int priv) {
    int moved = 0;
    while (moved < n) {
        long r = futex(from, FUTEX_CMP_REQUEUE | priv, 0, INT_MAX, to, *from);
        if (r > 0) moved += r;
        else usleep(1000);
    }
}

static void report(const char *what, struct waiter *w) {
    errno = w->err;
    printf("  %s: wait returned %ld %s\n", what, w->result, err(w->result));
}

static uint32_t a, b, c, d, pi_lock;

int main(void) {
    struct timespec t20ms = {0, 20 * 1000 * 1000};
    long r;

    /* One waiter, woken by a FUTEX_WAKE that finds it queued. */
    struct waiter one = {0};
    start(&one, &a, FUTEX_WAIT | FUTEX_PRIVATE_FLAG, 0, 0);
    while ((r = futex(&a, FUTEX_WAKE | FUTEX_PRIVATE_FLAG, 1, 0, NULL, 0)) == 0) usleep(1000);
    pthread_join(one.thread, NULL);
    printf("wake woke %ld\n", r);
    report("waiter", &one);

    /* The value check and the timeout. */
    a = 5;
    r = futex(&a, FUTEX_WAIT, 4, 0, NULL, 0);
    printf("wait on a changed word: %ld %s\n", r, err(r));
    r = syscall(SYS_futex, &a, FUTEX_WAIT | FUTEX_PRIVATE_FLAG, 5, &t20ms, NULL, 0);
    printf("wait 20 ms: %ld %s\n", r, err(r));

    /* Four waiters: counted onto b, then woken two and two. */
    struct waiter four[4] = {0};
    a = 0;
    for (int i = 0; i < 4; i++) start(&four[i], &a, FUTEX_WAIT, 0, 0);
    gather(&a, &b, 4, 0);
    r = futex(&b, FUTEX_CMP_REQUEUE, 0, 1, &c, 1);
    printf("cmp_requeue with a stale value: %ld %s\n", r, err(r));
    r = futex(&b, FUTEX_WAKE, 2, 0, NULL, 0);
    printf("wake 2 of 4: %ld\n", r);
    r = futex(&b, FUTEX_REQUEUE, 0, 1, &c, 0);
    printf("requeue 1 of 2: %ld\n", r);
    r = futex(&b, FUTEX_WAKE, INT_MAX, 0, NULL, 0);
    printf("wake the one left: %ld\n", r);
    r = futex(&c, FUTEX_CMP_REQUEUE, 0, 5, &d, 0);
    printf("cmp_requeue wake 0 move 5: %ld\n", r);
    r = futex(&d, FUTEX_WAKE, INT_MAX, 0, NULL, 0);
    printf("wake the moved one: %ld\n", r);
    for (int i = 0; i < 4; i++) pthread_join(four[i].thread, NULL);
    for (int i = 0; i < 4; i++) report("one of four", &four[i]);

    /* FUTEX_WAKE_OP: adds to c and wakes a waiter on c when the old value was 0. */
    struct waiter op = {0};
    a = c = 0;
    start(&op, &a, FUTEX_WAIT | FUTEX_PRIVATE_FLAG, 0, 0);
    gather(&a, &c, 1, FUTEX_PRIVATE_FLAG);
    r = futex(&b, FUTEX_WAKE_OP | FUTEX_PRIVATE_FLAG, 1, 1, &c, FUTEX_OP(1, 3, 0, 1));
    printf("wake_op, comparison false: %ld, c = %u\n", r, c);
    r = futex(&b, FUTEX_WAKE_OP | FUTEX_PRIVATE_FLAG, 1, 1, &c, FUTEX_OP(1, 3, 0, 3));
    printf("wake_op, comparison true: %ld, c = %u\n", r, c);
    pthread_join(op.thread, NULL);
    report("wake_op waiter", &op);

    /* Bitsets: each wake reaches only the waiter whose bits it shares. */
    struct waiter bits[2] = {0};
    a = 0;
    start(&bits[0], &a, FUTEX_WAIT_BITSET | FUTEX_PRIVATE_FLAG, 0, 1);
    start(&bits[1], &a, FUTEX_WAIT_BITSET | FUTEX_PRIVATE_FLAG, 0, 6);
    gather(&a, &d, 2, FUTEX_PRIVATE_FLAG);
    r = futex(&d, FUTEX_WAKE_BITSET | FUTEX_PRIVATE_FLAG, INT_MAX, 0, NULL, 4);
    printf("wake bitset 4: %ld\n", r);
    pthread_join(bits[1].thread, NULL);
    r = futex(&d, FUTEX_WAKE_BITSET | FUTEX_PRIVATE_FLAG, INT_MAX, 0, NULL, 4);
    printf("wake bitset 4 again: %ld\n", r);
    r = futex(&d, FUTEX_WAKE_BITSET | FUTEX_PRIVATE_FLAG, INT_MAX, 0, NULL, 1);
    printf("wake bitset 1: %ld\n", r);
    pthread_join(bits[0].thread, NULL);
    report("bitset 1", &bits[0]);
    report("bitset 6", &bits[1]);

    /* Requeue-PI: a waiter is handed a free PI lock directly. */
    struct waiter rq[2] = {0};
    a = 0;
    pi_lock = 0;
    rq[0].lock = &pi_lock;
    start(&rq[0], &a, FUTEX_WAIT_REQUEUE_PI | FUTEX_PRIVATE_FLAG, 0, 0);
    r = futex(&a, FUTEX_CMP_REQUEUE_PI | FUTEX_PRIVATE_FLAG, 2, 0, &pi_lock, 0);
    printf("cmp_requeue_pi nr_wake 2: %ld %s\n", r, err(r));
    while ((r = futex(&a, FUTEX_CMP_REQUEUE_PI | FUTEX_PRIVATE_FLAG, 1, 0, &pi_lock, 0)) == 0) usleep(1000);
    printf("cmp_requeue_pi to a free lock: %ld\n", r);
    pthread_join(rq[0].thread, NULL);
    report("requeue_pi waiter", &rq[0]);
    printf("  it owned the lock: %d, lock now %u\n", rq[0].owned, pi_lock);

    /* Two waiters requeued behind a lock main holds, then handed it one by one. */
    r = futex(&pi_lock, FUTEX_LOCK_PI | FUTEX_PRIVATE_FLAG, 0, 0, NULL, 0);
    printf("main locks: %ld\n", r);
    for (int i = 0; i < 2; i++) {
        rq[i].lock = &pi_lock;
        start(&rq[i], &a, FUTEX_WAIT_REQUEUE_PI | FUTEX_PRIVATE_FLAG, 0, 0);
    }
    int moved = 0;
    while (moved < 2) {
        r = futex(&a, FUTEX_CMP_REQUEUE_PI | FUTEX_PRIVATE_FLAG, 1, INT_MAX, &pi_lock, 0);
        if (r > 0) moved += r;
        else usleep(1000);
    }
    printf("requeued behind main: %d, waiters bit %d\n", moved, (pi_lock & FUTEX_WAITERS) != 0);
    r = futex(&pi_lock, FUTEX_WAKE | FUTEX_PRIVATE_FLAG, 1, 0, NULL, 0);
    printf("plain wake of a PI waiter: %ld %s\n", r, err(r));
    r = futex(&pi_lock, FUTEX_UNLOCK_PI | FUTEX_PRIVATE_FLAG, 0, 0, NULL, 0);
    printf("main unlocks: %ld\n", r);
    for (int i = 0; i < 2; i++) pthread_join(rq[i].thread, NULL);
    for (int i = 0; i < 2; i++) {
        report("requeued waiter", &rq[i]);
        printf("  it owned the lock: %d\n", rq[i].owned);
    }
    printf("lock at the end: %u\n", pi_lock);
    return 0;
}
