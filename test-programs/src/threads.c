/* POSIX threads: create/join with return values, a mutex-protected counter,
 * atomic increments, a condition-variable ping-pong, thread-local storage,
 * pthread_once and a barrier.  All output happens after the joins, so it is
 * deterministic. */
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#define NT 4
#define ITERS 20000

static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static long counter;
static long atomic_counter;
static __thread long tls_value = 5;
static pthread_once_t once = PTHREAD_ONCE_INIT;
static int once_runs;
static pthread_barrier_t barrier;

static void init_once(void) { once_runs++; }

static void *worker(void *arg) {
    long id = (long)(intptr_t)arg;
    pthread_once(&once, init_once);
    tls_value = id * 100;
    for (int i = 0; i < ITERS; i++) {
        pthread_mutex_lock(&mu);
        counter++;
        pthread_mutex_unlock(&mu);
        __atomic_fetch_add(&atomic_counter, 1, __ATOMIC_RELAXED);
    }
    pthread_barrier_wait(&barrier);
    long local = 0;
    for (long i = 1; i <= 1000 * (id + 1); i++) local += i;
    return (void *)(intptr_t)(local + tls_value);
}

static pthread_mutex_t pm = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t pc = PTHREAD_COND_INITIALIZER;
static int turn, rounds_done;

static void *pong(void *arg) {
    (void)arg;
    for (int i = 0; i < 200; i++) {
        pthread_mutex_lock(&pm);
        while (turn != 1) pthread_cond_wait(&pc, &pm);
        turn = 0;
        rounds_done++;
        pthread_cond_signal(&pc);
        pthread_mutex_unlock(&pm);
    }
    return NULL;
}

int main(void) {
    pthread_t t[NT];
    pthread_barrier_init(&barrier, NULL, NT);
    for (long i = 0; i < NT; i++)
        if (pthread_create(&t[i], NULL, worker, (void *)(intptr_t)i)) {
            printf("pthread_create failed\n");
            return 1;
        }
    for (int i = 0; i < NT; i++) {
        void *ret;
        pthread_join(t[i], &ret);
        printf("thread %d returned %ld\n", i, (long)(intptr_t)ret);
    }
    printf("counter=%ld atomic=%ld once_runs=%d main tls=%ld\n", counter, atomic_counter, once_runs, tls_value);

    pthread_t p;
    pthread_create(&p, NULL, pong, NULL);
    for (int i = 0; i < 200; i++) {
        pthread_mutex_lock(&pm);
        turn = 1;
        pthread_cond_signal(&pc);
        while (turn != 0) pthread_cond_wait(&pc, &pm);
        pthread_mutex_unlock(&pm);
    }
    pthread_join(p, NULL);
    printf("ping-pong rounds: %d\n", rounds_done);

    /* detached threads and self-identity */
    pthread_attr_t attr;
    pthread_attr_init(&attr);
    size_t ss = 0;
    pthread_attr_setstacksize(&attr, 256 * 1024);
    pthread_attr_getstacksize(&attr, &ss);
    printf("stack size attr: %zu\n", ss);
    printf("pthread_equal(self,self)=%d\n", pthread_equal(pthread_self(), pthread_self()) != 0);
    pthread_barrier_destroy(&barrier);
    return 0;
}
