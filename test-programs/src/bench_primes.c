/* CPU-bound benchmark: count primes below N by trial division (integer
 * division heavy) and print a checksum.  N comes from the first argument;
 * the default (5,000,000) takes about half a second natively.  The test
 * suite passes a small N via bench_primes.args. */
#include <stdio.h>
#include <stdlib.h>

static int is_prime(unsigned n) {
    if (n < 2) return 0;
    if (n % 2 == 0) return n == 2;
    for (unsigned d = 3; d * d <= n; d += 2)
        if (n % d == 0) return 0;
    return 1;
}

int main(int argc, char **argv) {
    unsigned n = argc > 1 ? (unsigned)strtoul(argv[1], NULL, 10) : 5000000;
    unsigned count = 0;
    unsigned long long sum = 0;
    for (unsigned i = 0; i < n; i++)
        if (is_prime(i)) {
            count++;
            sum = sum * 31 + i;
        }
    printf("primes below %u: %u checksum %016llx\n", n, count, sum);
    return 0;
}
