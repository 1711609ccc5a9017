/* CPU-bound benchmark: fill an array from an LCG, sort it with a hand-written
 * quicksort + insertion sort, merge sort a copy, verify, checksum.  The first
 * argument is the element count (default 3,000,000: about half a second
 * natively); the test suite passes a small count via bench_sort.args. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void insertion(uint32_t *a, long n) {
    for (long i = 1; i < n; i++) {
        uint32_t v = a[i];
        long j = i - 1;
        while (j >= 0 && a[j] > v) {
            a[j + 1] = a[j];
            j--;
        }
        a[j + 1] = v;
    }
}

static void quick(uint32_t *a, long n) {
    while (n > 16) {
        uint32_t x = a[0], y = a[n / 2], z = a[n - 1];
        uint32_t p = x < y ? (y < z ? y : (x < z ? z : x)) : (x < z ? x : (y < z ? z : y));
        long i = 0, j = n - 1;
        for (;;) {
            while (a[i] < p) i++;
            while (a[j] > p) j--;
            if (i >= j) break;
            uint32_t t = a[i];
            a[i] = a[j];
            a[j] = t;
            i++;
            j--;
        }
        if (j + 1 < n - j - 1) {
            quick(a, j + 1);
            a += j + 1;
            n -= j + 1;
        } else {
            quick(a + j + 1, n - j - 1);
            n = j + 1;
        }
    }
    insertion(a, n);
}

static void merge_sort(uint32_t *a, uint32_t *tmp, long n) {
    for (long w = 1; w < n; w *= 2) {
        for (long lo = 0; lo < n; lo += 2 * w) {
            long mid = lo + w < n ? lo + w : n, hi = lo + 2 * w < n ? lo + 2 * w : n;
            long i = lo, j = mid, k = lo;
            while (i < mid && j < hi) tmp[k++] = a[i] <= a[j] ? a[i++] : a[j++];
            while (i < mid) tmp[k++] = a[i++];
            while (j < hi) tmp[k++] = a[j++];
        }
        memcpy(a, tmp, (size_t)n * sizeof *a);
    }
}

int main(int argc, char **argv) {
    long n = argc > 1 ? strtol(argv[1], NULL, 10) : 3000000;
    if (n < 1) n = 1;
    uint32_t *a = malloc((size_t)n * sizeof *a), *b = malloc((size_t)n * sizeof *b), *t = malloc((size_t)n * sizeof *t);
    uint64_t s = 42;
    for (long i = 0; i < n; i++) {
        s = s * 6364136223846793005ULL + 1442695040888963407ULL;
        a[i] = b[i] = (uint32_t)(s >> 33);
    }
    quick(a, n);
    merge_sort(b, t, n);
    int same = memcmp(a, b, (size_t)n * sizeof *a) == 0, sorted = 1;
    uint64_t h = 0;
    for (long i = 0; i < n; i++) {
        if (i && a[i - 1] > a[i]) sorted = 0;
        h = h * 1099511628211ULL ^ a[i];
    }
    printf("n=%ld sorted=%d same=%d min=%u max=%u hash=%016llx\n", n, sorted, same, a[0], a[n - 1], (unsigned long long)h);
    free(a);
    free(b);
    free(t);
    return 0;
}
