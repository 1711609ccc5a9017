/* Robust and priority-inheritance mutexes: an owner thread that exits while
 * holding a PTHREAD_MUTEX_ROBUST mutex makes the next locker (one already
 * blocked in lock, and one arriving later) get EOWNERDEAD; pthread_mutex_consistent
 * repairs it, and unlocking without it leaves ENOTRECOVERABLE. The same for a
 * robust PI mutex. Then four threads contend for a PTHREAD_PRIO_INHERIT mutex.
 * Output after joins. */
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static const char *name(int e) {
    switch (e) {
    case 0: return "0";
    case EOWNERDEAD: return "EOWNERDEAD";
    case ENOTRECOVERABLE: return "ENOTRECOVERABLE";
    case EBUSY: return "EBUSY";
    case EDEADLK: return "EDEADLK";
    case EPERM: return "EPERM";
    case EINVAL: return "EINVAL";
    case ENOTSUP: return "ENOTSUP";
    default: return "E?";
    }
}

static pthread_mutex_t m;
static pthread_barrier_t held;

/* Locks m, tells main, and exits without unlocking (after a pause if arg is
 * set, so a locker started meanwhile is most likely blocked by then). */
static void *lock_and_die(void *arg) {
    pthread_mutex_lock(&m);
    pthread_barrier_wait(&held);
    if (arg) usleep(50 * 1000);
    return NULL;
}

static int blocked_result;

static void *lock_blocked(void *arg) {
    (void)arg;
    blocked_result = pthread_mutex_lock(&m);
    if (blocked_result == EOWNERDEAD) pthread_mutex_consistent(&m);
    pthread_mutex_unlock(&m);
    return NULL;
}

static void robust(int protocol, const char *label) {
    pthread_mutexattr_t a;
    pthread_mutexattr_init(&a);
    pthread_mutexattr_setrobust(&a, PTHREAD_MUTEX_ROBUST);
    int r = pthread_mutexattr_setprotocol(&a, protocol);
    r = r ? r : pthread_mutex_init(&m, &a);
    printf("%s: init %s\n", label, name(r));
    if (r) return;

    /* The owner dies with nobody waiting; the next lock sees it. */
    pthread_t t;
    pthread_barrier_init(&held, NULL, 2);
    pthread_create(&t, NULL, lock_and_die, NULL);
    pthread_barrier_wait(&held);
    pthread_join(t, NULL);
    int first = pthread_mutex_lock(&m);
    int consistent = pthread_mutex_consistent(&m);
    int unlock = pthread_mutex_unlock(&m);
    int again = pthread_mutex_lock(&m);
    pthread_mutex_unlock(&m);
    printf("  dead owner: lock %s, consistent %s, unlock %s, lock again %s\n", name(first), name(consistent),
           name(unlock), name(again));

    /* The owner dies while another thread is blocked in lock: that thread gets EOWNERDEAD. */
    pthread_t dier, waiter;
    pthread_barrier_destroy(&held);
    pthread_barrier_init(&held, NULL, 2);
    pthread_create(&dier, NULL, lock_and_die, (void *)1);
    pthread_barrier_wait(&held);
    pthread_create(&waiter, NULL, lock_blocked, NULL);
    pthread_join(dier, NULL);
    pthread_join(waiter, NULL);
    printf("  blocked locker: %s\n", name(blocked_result));

    /* Unlocking without pthread_mutex_consistent makes it unusable. */
    pthread_barrier_destroy(&held);
    pthread_barrier_init(&held, NULL, 2);
    pthread_create(&t, NULL, lock_and_die, NULL);
    pthread_barrier_wait(&held);
    pthread_join(t, NULL);
    first = pthread_mutex_lock(&m);
    unlock = pthread_mutex_unlock(&m);
    again = pthread_mutex_lock(&m);
    int trylock = pthread_mutex_trylock(&m);
    printf("  not made consistent: lock %s, unlock %s, lock %s, trylock %s\n", name(first), name(unlock),
           name(again), name(trylock));
    pthread_barrier_destroy(&held);
    pthread_mutexattr_destroy(&a);
}

#define NT 4
#define ITERS 20000
static pthread_mutex_t pi;
static long counter;
static int errors;

static void *contend(void *arg) {
    (void)arg;
    for (int i = 0; i < ITERS; i++) {
        if (pthread_mutex_lock(&pi) != 0) __atomic_fetch_add(&errors, 1, __ATOMIC_RELAXED);
        counter++;
        if (pthread_mutex_unlock(&pi) != 0) __atomic_fetch_add(&errors, 1, __ATOMIC_RELAXED);
    }
    return NULL;
}

int main(void) {
    robust(PTHREAD_PRIO_NONE, "robust");
    robust(PTHREAD_PRIO_INHERIT, "robust PI");

    pthread_mutexattr_t a;
    pthread_mutexattr_init(&a);
    int r = pthread_mutexattr_setprotocol(&a, PTHREAD_PRIO_INHERIT);
    r = r ? r : pthread_mutex_init(&pi, &a);
    printf("PI mutex: init %s\n", name(r));
    if (r) return 0;
    int again = pthread_mutex_lock(&pi);
    int trylock = pthread_mutex_trylock(&pi);
    pthread_mutex_unlock(&pi);
    printf("  lock %s, trylock while held %s\n", name(again), name(trylock));
    pthread_t t[NT];
    for (int i = 0; i < NT; i++) pthread_create(&t[i], NULL, contend, NULL);
    for (int i = 0; i < NT; i++) pthread_join(t[i], NULL);
    printf("  %d threads x %d: counter %ld, errors %d\n", NT, ITERS, counter, errors);
    return 0;
}
