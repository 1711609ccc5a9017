/* Deep and branchy recursion: Ackermann, naive Fibonacci, mutual recursion,
 * a 50k-deep linear recursion (uses several MiB of stack), Hanoi. */
#include <stdio.h>
#include <stdlib.h>

static unsigned long calls;

static unsigned long ack(unsigned long m, unsigned long n) {
    calls++;
    if (m == 0) return n + 1;
    if (n == 0) return ack(m - 1, 1);
    return ack(m - 1, ack(m, n - 1));
}

static unsigned long fib(unsigned n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }

static int is_odd(unsigned n);
static int is_even(unsigned n) { return n == 0 ? 1 : is_odd(n - 1); }
static int is_odd(unsigned n) { return n == 0 ? 0 : is_even(n - 1); }

/* not a tail call: the addition happens after the return */
__attribute__((noinline)) static unsigned long deep(unsigned long n, volatile char *prev) {
    volatile char frame[32];
    frame[0] = (char)n;
    frame[31] = prev ? prev[0] : 0;
    if (n == 0) return 0;
    return deep(n - 1, frame) + (unsigned char)frame[0] + (unsigned char)frame[31];
}

static unsigned long moves;
static void hanoi(int n, int from, int to, int via, unsigned long *sig) {
    if (n == 0) return;
    hanoi(n - 1, from, via, to, sig);
    moves++;
    *sig = *sig * 3 + (unsigned long)(from * 3 + to);
    hanoi(n - 1, via, to, from, sig);
}

int main(int argc, char **argv) {
    unsigned depth = argc > 1 ? (unsigned)atoi(argv[1]) : 50000;
    for (unsigned long m = 0; m <= 2; m++)
        for (unsigned long n = 0; n <= 6; n++) {
            calls = 0;
            unsigned long a = ack(m, n);
            printf("ack(%lu,%lu)=%lu calls=%lu\n", m, n, a, calls);
        }
    calls = 0;
    printf("ack(3,5)=%lu calls=%lu\n", ack(3, 5), calls);
    for (unsigned n = 0; n <= 24; n += 4) printf("fib(%u)=%lu\n", n, fib(n));
    printf("even(10001)=%d odd(7777)=%d\n", is_even(10001), is_odd(7777));
    printf("deep(%u)=%lu\n", depth, deep(depth, NULL));
    unsigned long sig = 0;
    hanoi(14, 1, 3, 2, &sig);
    printf("hanoi(14): moves=%lu sig=%lu\n", moves, sig);
    return 0;
}
