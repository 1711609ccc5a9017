/* malloc/calloc/realloc/free churn: thousands of random-size allocations
 * driven by a fixed-seed LCG; contents are verified and checksummed.
 * Sizes span small bins, large chunks and mmap-sized blocks. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SLOTS 512
/* bytes written and verified: every byte of small blocks, a sample of big ones */
#define STRIDE(n) ((n) <= 64 ? 1 : (n) / 61 + 1)

static uint32_t seed = 12345;
static uint32_t rnd(void) {
    seed = seed * 1103515245u + 12345u;
    return seed >> 8;
}

struct slot {
    unsigned char *p;
    size_t n;
    unsigned char tag;
};

static size_t pick_size(void) {
    uint32_t r = rnd() % 100;
    if (r < 60) return rnd() % 64 + 1;
    if (r < 90) return rnd() % 4096 + 1;
    if (r < 99) return rnd() % 65536 + 1;
    return rnd() % (1 << 20) + 200000; /* mmap threshold territory */
}

static int check(const struct slot *s) {
    for (size_t i = 0; i < s->n; i += STRIDE(s->n))
        if (s->p[i] != (unsigned char)(s->tag + i)) return 0;
    return 1;
}

static void fill(struct slot *s) {
    for (size_t i = 0; i < s->n; i += STRIDE(s->n)) s->p[i] = (unsigned char)(s->tag + i);
}

int main(int argc, char **argv) {
    int rounds = argc > 1 ? atoi(argv[1]) : 20000;
    static struct slot slots[SLOTS];
    uint64_t checksum = 0;
    unsigned long allocs = 0, frees = 0, reallocs = 0, bad = 0, misaligned = 0;
    for (int r = 0; r < rounds; r++) {
        struct slot *s = &slots[rnd() % SLOTS];
        uint32_t op = rnd() % 10;
        if (s->p && !check(s)) bad++;
        if (s->p && op < 4) {
            free(s->p);
            s->p = NULL;
            frees++;
        } else if (s->p && op < 6) {
            size_t n = pick_size();
            unsigned char *q = realloc(s->p, n);
            if (!q) { printf("realloc failed\n"); return 1; }
            /* the common prefix must survive */
            size_t keep = n < s->n ? n : s->n;
            for (size_t i = 0; i < keep; i += STRIDE(s->n))
                if (q[i] != (unsigned char)(s->tag + i)) bad++;
            s->p = q;
            s->n = n;
            fill(s);
            reallocs++;
        } else if (!s->p) {
            s->n = pick_size();
            s->tag = (unsigned char)rnd();
            if (op == 9) {
                s->p = calloc(1, s->n);
                for (size_t i = 0; i < s->n; i += 13)
                    if (s->p[i]) bad++;
            } else {
                s->p = malloc(s->n);
            }
            if (!s->p) { printf("malloc failed\n"); return 1; }
            if ((uintptr_t)s->p % 16) misaligned++;
            fill(s);
            allocs++;
        }
        checksum = checksum * 1000003u + (s->p ? s->n : 0) + op;
    }
    for (int i = 0; i < SLOTS; i++) {
        if (slots[i].p) {
            if (!check(&slots[i])) bad++;
            /* only bytes that fill() wrote: the rest may hold allocator metadata */
            for (size_t k = 0; k < slots[i].n; k += STRIDE(slots[i].n) * 5) checksum += slots[i].p[k];
            free(slots[i].p);
        }
    }
    printf("allocs=%lu frees=%lu reallocs=%lu bad=%lu misaligned=%lu checksum=%016llx\n", allocs, frees,
           reallocs, bad, misaligned, (unsigned long long)checksum);
    /* big blocks go straight to mmap and back */
    for (int i = 0; i < 8; i++) {
        size_t n = (size_t)(i + 1) << 18;
        char *p = malloc(n);
        memset(p, i, n);
        unsigned sum = 0;
        for (size_t k = 0; k < n; k += 4096) sum += (unsigned char)p[k];
        printf("block %zu KiB sum=%u\n", n >> 10, sum);
        free(p);
    }
    return bad != 0;
}
