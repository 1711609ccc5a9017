/* Sixteen POSIX threads at once: a mutex-protected counter, a condition
 * variable queue (one producer, fifteen consumers), a barrier reused over
 * several rounds, a read-write lock, thread-local storage and pthread_once.
 * Every result is printed after the joins, so the output is deterministic. */
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>

#define NT 16
#define ITERS 5000
#define ITEMS 3000
#define ROUNDS 20

static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static long counter;

static pthread_once_t once = PTHREAD_ONCE_INIT;
static int once_runs;
static void init_once(void) { once_runs++; }

static __thread long tls = 7;
static long tls_seen[NT];

static pthread_barrier_t barrier;
static int round_values[ROUNDS][NT];
static int round_errors;

static pthread_rwlock_t rw = PTHREAD_RWLOCK_INITIALIZER;
static long table[64];
static int torn_reads;

/* The queue: the producer (thread 0) pushes ITEMS numbers, consumers sum them. */
static pthread_mutex_t qmu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t nonempty = PTHREAD_COND_INITIALIZER, nonfull = PTHREAD_COND_INITIALIZER;
static int queue[8], qhead, qlen, produced_all;
static long consumed_sum[NT];
static int consumed_count[NT];

static void produce(void) {
    for (int i = 1; i <= ITEMS; i++) {
        pthread_mutex_lock(&qmu);
        while (qlen == 8) pthread_cond_wait(&nonfull, &qmu);
        queue[(qhead + qlen++) % 8] = i;
        pthread_cond_signal(&nonempty);
        pthread_mutex_unlock(&qmu);
    }
    pthread_mutex_lock(&qmu);
    produced_all = 1;
    pthread_cond_broadcast(&nonempty);
    pthread_mutex_unlock(&qmu);
}

static void consume(int id) {
    for (;;) {
        pthread_mutex_lock(&qmu);
        while (qlen == 0 && !produced_all) pthread_cond_wait(&nonempty, &qmu);
        if (qlen == 0) {
            pthread_mutex_unlock(&qmu);
            return;
        }
        int v = queue[qhead];
        qhead = (qhead + 1) % 8;
        qlen--;
        pthread_cond_signal(&nonfull);
        pthread_mutex_unlock(&qmu);
        consumed_sum[id] += v;
        consumed_count[id]++;
    }
}

static void *worker(void *arg) {
    int id = (int)(intptr_t)arg;
    pthread_once(&once, init_once);
    tls = id * 1000;

    for (int i = 0; i < ITERS; i++) {
        pthread_mutex_lock(&mu);
        counter++;
        pthread_mutex_unlock(&mu);
    }

    /* Each round every thread writes its slot, then checks everyone's after the barrier. */
    for (int r = 0; r < ROUNDS; r++) {
        round_values[r][id] = r * 100 + id;
        pthread_barrier_wait(&barrier);
        for (int j = 0; j < NT; j++) {
            if (round_values[r][j] != r * 100 + j) __atomic_fetch_add(&round_errors, 1, __ATOMIC_RELAXED);
        }
        pthread_barrier_wait(&barrier);
    }

    /* Writers keep every table entry equal; readers must never see them differ. */
    for (int i = 0; i < 500; i++) {
        if (id % 4 == 0) {
            pthread_rwlock_wrlock(&rw);
            for (int j = 0; j < 64; j++) table[j]++;
            pthread_rwlock_unlock(&rw);
        } else {
            pthread_rwlock_rdlock(&rw);
            for (int j = 1; j < 64; j++) {
                if (table[j] != table[0]) { __atomic_fetch_add(&torn_reads, 1, __ATOMIC_RELAXED); break; }
            }
            pthread_rwlock_unlock(&rw);
        }
    }

    if (id == 0) produce();
    else consume(id);

    tls_seen[id] = tls;
    return (void *)(intptr_t)(id * 3);
}

int main(void) {
    pthread_t t[NT];
    pthread_barrier_init(&barrier, NULL, NT);
    for (int i = 0; i < NT; i++) pthread_create(&t[i], NULL, worker, (void *)(intptr_t)i);
    long ret_sum = 0;
    for (int i = 0; i < NT; i++) {
        void *ret;
        pthread_join(t[i], &ret);
        ret_sum += (intptr_t)ret;
    }
    long sum = 0;
    int count = 0, tls_ok = 1;
    for (int i = 0; i < NT; i++) {
        sum += consumed_sum[i];
        count += consumed_count[i];
        if (tls_seen[i] != i * 1000) tls_ok = 0;
    }
    printf("mutex counter: %ld (expect %d)\n", counter, NT * ITERS);
    printf("pthread_once ran %d time(s)\n", once_runs);
    printf("barrier rounds: %d, errors %d\n", ROUNDS, round_errors);
    printf("rwlock: table[0] = %ld, torn reads %d\n", table[0], torn_reads);
    printf("condvar queue: %d items, sum %ld (expect %ld)\n", count, sum, (long)ITEMS * (ITEMS + 1) / 2);
    printf("tls per thread: %s; main's tls %ld\n", tls_ok ? "ok" : "WRONG", tls);
    printf("join values sum: %ld\n", ret_sum);
    pthread_barrier_destroy(&barrier);
    return 0;
}
