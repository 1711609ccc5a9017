/* qsort and bsearch over ints, strings and structs (stable tie-breaking via
 * a secondary key), with checksums of the sorted order. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static uint32_t seed = 777;
static uint32_t rnd(void) {
    seed ^= seed << 13;
    seed ^= seed >> 17;
    seed ^= seed << 5;
    return seed;
}

static int cmp_int(const void *a, const void *b) {
    int x = *(const int *)a, y = *(const int *)b;
    return (x > y) - (x < y);
}
static int cmp_str(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

struct rec {
    int key;
    int order;
    double w;
};
static int cmp_rec(const void *a, const void *b) {
    const struct rec *x = a, *y = b;
    if (x->key != y->key) return x->key < y->key ? -1 : 1;
    return (x->order > y->order) - (x->order < y->order);
}

int main(void) {
    enum { N = 5000 };
    static int a[N];
    for (int i = 0; i < N; i++) a[i] = (int)(rnd() % 100000) - 50000;
    qsort(a, N, sizeof a[0], cmp_int);
    uint64_t h = 0;
    int sorted = 1;
    for (int i = 0; i < N; i++) {
        h = h * 31 + (uint32_t)a[i];
        if (i && a[i - 1] > a[i]) sorted = 0;
    }
    printf("ints: sorted=%d min=%d max=%d median=%d hash=%016llx\n", sorted, a[0], a[N - 1], a[N / 2],
           (unsigned long long)h);
    int found = 0;
    for (int k = -50000; k < 50000; k += 97) found += bsearch(&k, a, N, sizeof a[0], cmp_int) != NULL;
    printf("bsearch hits: %d\n", found);

    enum { S = 2000 };
    static char buf[S][12];
    static char *strs[S];
    for (int i = 0; i < S; i++) {
        int len = (int)(rnd() % 10) + 1;
        for (int k = 0; k < len; k++) buf[i][k] = (char)('a' + rnd() % 26);
        buf[i][len] = 0;
        strs[i] = buf[i];
    }
    qsort(strs, S, sizeof strs[0], cmp_str);
    printf("strings: first=%s last=%s mid=%s\n", strs[0], strs[S - 1], strs[S / 2]);
    h = 0;
    for (int i = 0; i < S; i++)
        for (const char *p = strs[i]; *p; p++) h = h * 131 + (unsigned char)*p;
    printf("strings hash=%016llx\n", (unsigned long long)h);

    enum { R = 5000 };
    static struct rec r[R];
    for (int i = 0; i < R; i++) {
        r[i].key = (int)(rnd() % 50);
        r[i].order = i;
        r[i].w = i * 0.5;
    }
    qsort(r, R, sizeof r[0], cmp_rec);
    h = 0;
    for (int i = 0; i < R; i++) h = h * 7 + (uint64_t)r[i].order + (uint64_t)r[i].w;
    printf("records: first=(%d,%d) last=(%d,%d) hash=%016llx\n", r[0].key, r[0].order, r[R - 1].key,
           r[R - 1].order, (unsigned long long)h);
    /* degenerate inputs */
    static int same[1000], rev[1000];
    for (int i = 0; i < 1000; i++) {
        same[i] = 7;
        rev[i] = 1000 - i;
    }
    qsort(same, 1000, sizeof(int), cmp_int);
    qsort(rev, 1000, sizeof(int), cmp_int);
    printf("degenerate: %d %d %d %d\n", same[0], same[999], rev[0], rev[999]);
    qsort(rev, 0, sizeof(int), cmp_int);
    printf("empty ok\n");
    return 0;
}
