/* Sieve of Eratosthenes (byte array and bit array), prime gaps, twin primes
 * and Goldbach checks for small even numbers. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(int argc, char **argv) {
    unsigned n = argc > 1 ? (unsigned)atoi(argv[1]) : 2000000;
    unsigned char *comp = calloc(n + 1, 1);
    for (unsigned i = 2; (uint64_t)i * i <= n; i++)
        if (!comp[i])
            for (unsigned j = i * i; j <= n; j += i) comp[j] = 1;
    unsigned count = 0, twins = 0, maxgap = 0, last = 2, gapat = 0;
    for (unsigned i = 2; i <= n; i++) {
        if (comp[i]) continue;
        count++;
        if (i - last > maxgap) {
            maxgap = i - last;
            gapat = last;
        }
        if (i - last == 2) twins++;
        last = i;
    }
    printf("n=%u primes=%u twins=%u maxgap=%u after %u largest=%u\n", n, count, twins, maxgap, gapat, last);
    /* bit sieve over odd numbers agrees */
    size_t words = n / 128 + 1;
    uint64_t *bits = calloc(words, 8);
    for (uint64_t i = 3; i * i <= n; i += 2)
        if (!(bits[i / 128] >> ((i / 2) % 64) & 1))
            for (uint64_t j = i * i; j <= n; j += 2 * i) bits[j / 128] |= 1ULL << ((j / 2) % 64);
    unsigned count2 = n >= 2;
    for (uint64_t i = 3; i <= n; i += 2) count2 += !(bits[i / 128] >> ((i / 2) % 64) & 1);
    printf("bit sieve agrees: %d\n", count2 == count);
    unsigned bad = 0;
    for (unsigned e = 4; e <= 20000 && e <= n; e += 2) {
        unsigned p = 2;
        while (p <= e / 2 && (comp[p] || comp[e - p])) p++;
        if (p > e / 2) bad++;
    }
    printf("goldbach failures up to 20000: %u\n", bad);
    free(comp);
    free(bits);
    return 0;
}
