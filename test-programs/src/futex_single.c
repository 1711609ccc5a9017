/* futex(2) in a process of one thread: waits that find another value, that time
 * out, wakes with nobody waiting, FUTEX_WAKE_OP's update of the second word, and
 * the argument checks. */
#define _GNU_SOURCE
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "futex_ops.h"

static long futex(void *uaddr, int op, uint32_t val, void *timeout, void *uaddr2, uint32_t val3) {
    return syscall(SYS_futex, uaddr, op, val, timeout, uaddr2, val3);
}

static void show(const char *what, long r) {
    printf("%-44s %ld %s\n", what, r, r == -1 ? strerror(errno) : "");
}

int main(void) {
    static uint32_t words[4] = {5, 7, 0, 0};
    struct timespec short_wait = {0, 20 * 1000 * 1000};
    show("WAIT value differs", futex(&words[0], FUTEX_WAIT, 4, NULL, NULL, 0));
    show("WAIT_PRIVATE value differs", futex(&words[0], FUTEX_WAIT_PRIVATE, 4, NULL, NULL, 0));
    show("WAIT times out", futex(&words[0], FUTEX_WAIT, 5, &short_wait, NULL, 0));
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    now.tv_nsec += 10 * 1000 * 1000;
    if (now.tv_nsec >= 1000000000) { now.tv_sec++; now.tv_nsec -= 1000000000; }
    show("WAIT_BITSET absolute deadline", futex(&words[0], FUTEX_WAIT_BITSET, 5, &now, NULL, ~0u));
    clock_gettime(CLOCK_REALTIME, &now);
    show("WAIT_BITSET realtime past deadline",
         futex(&words[0], FUTEX_WAIT_BITSET | FUTEX_CLOCK_REALTIME, 5, &now, NULL, ~0u));
    show("WAIT_BITSET bitset 0", futex(&words[0], FUTEX_WAIT_BITSET, 5, NULL, NULL, 0));
    show("WAKE nobody", futex(&words[0], FUTEX_WAKE, 1, NULL, NULL, 0));
    show("WAKE_PRIVATE INT_MAX", futex(&words[0], FUTEX_WAKE_PRIVATE, 0x7fffffff, NULL, NULL, 0));
    show("WAKE_BITSET bitset 0", futex(&words[0], FUTEX_WAKE_BITSET, 1, NULL, NULL, 0));
    show("WAKE misaligned", futex((char *)&words[0] + 1, FUTEX_WAKE, 1, NULL, NULL, 0));
    show("WAKE CLOCK_REALTIME", futex(&words[0], FUTEX_WAKE | FUTEX_CLOCK_REALTIME, 1, NULL, NULL, 0));
    show("WAIT bad address", futex((void *)8, FUTEX_WAIT, 0, NULL, NULL, 0));
    show("WAIT bad timeout", futex(&words[0], FUTEX_WAIT, 5, (void *)8, NULL, 0));
    show("CMP_REQUEUE value differs", futex(&words[0], FUTEX_CMP_REQUEUE, 1, (void *)1, &words[1], 4));
    show("CMP_REQUEUE value matches", futex(&words[0], FUTEX_CMP_REQUEUE, 1, (void *)1, &words[1], 5));
    show("REQUEUE", futex(&words[0], FUTEX_REQUEUE, 1, (void *)1, &words[1], 0));
    /* FUTEX_OP(op, oparg, cmp, cmparg) */
    show("WAKE_OP add 3", futex(&words[0], FUTEX_WAKE_OP, 1, (void *)1, &words[1],
                                FUTEX_OP(FUTEX_OP_ADD, 3, FUTEX_OP_CMP_EQ, 7)));
    printf("  word %u\n", words[1]);
    show("WAKE_OP or 1<<4", futex(&words[0], FUTEX_WAKE_OP, 1, (void *)1, &words[1],
                                  FUTEX_OP(FUTEX_OP_OR | FUTEX_OP_OPARG_SHIFT, 4, FUTEX_OP_CMP_GT, 0)));
    printf("  word %u\n", words[1]);
    show("WAKE_OP andn", futex(&words[0], FUTEX_WAKE_OP, 1, (void *)1, &words[1],
                               FUTEX_OP(FUTEX_OP_ANDN, 1, FUTEX_OP_CMP_LT, 0)));
    printf("  word %u\n", words[1]);
    show("WAKE_OP set -1", futex(&words[0], FUTEX_WAKE_OP, 1, (void *)1, &words[1],
                                 FUTEX_OP(FUTEX_OP_SET, 0xfff, FUTEX_OP_CMP_NE, 0)));
    printf("  word %u\n", words[1]);
    show("WAKE_OP xor", futex(&words[0], FUTEX_WAKE_OP, 1, (void *)1, &words[1],
                              FUTEX_OP(FUTEX_OP_XOR, 0x55, FUTEX_OP_CMP_GE, 0)));
    printf("  word %u\n", words[1]);
    show("WAKE_OP bad op", futex(&words[0], FUTEX_WAKE_OP, 1, (void *)1, &words[1], 6u << 28));
    show("WAKE_OP bad cmp", futex(&words[0], FUTEX_WAKE_OP, 1, (void *)1, &words[1], 7u << 24));
    printf("  word %u\n", words[1]);
    show("unknown op", futex(&words[0], 99, 0, NULL, NULL, 0));
    return 0;
}
