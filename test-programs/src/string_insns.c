/* MOVS/STOS/LODS/CMPS/SCAS in byte/word/dword/qword sizes, with and without
 * REP/REPE/REPNE, forwards (CLD) and backwards (STD), overlapping copies,
 * zero counts and the 32-bit address-size form. */
#include "flags.h"

static uint8_t src[256], dst[256];

static void fill(void) {
    for (int i = 0; i < 256; i++) {
        src[i] = (uint8_t)(i * 7 + 3);
        dst[i] = 0xee;
    }
}
static void dump(const char *what, const uint8_t *p, int n) {
    printf("%s:", what);
    for (int i = 0; i < n; i++) printf(" %02x", p[i]);
    printf("\n");
}
static void regs(const char *what, uint64_t rcx, const void *rsi, const void *bsi, const void *rdi, const void *bdi) {
    printf("%s rcx=%llu rsi%+ld rdi%+ld\n", what, (unsigned long long)rcx,
           (long)((const uint8_t *)rsi - (const uint8_t *)bsi), (long)((const uint8_t *)rdi - (const uint8_t *)bdi));
}

#define REP_MOVS(sfx, n, dir)                                                          \
    do {                                                                               \
        uint64_t c = n;                                                                \
        void *s = src + 64, *d = dst + 64;                                             \
        if (dir)                                                                       \
            __asm__ volatile("std\n\trep movs" sfx "\n\tcld" : "+c"(c), "+S"(s), "+D"(d) : : "memory"); \
        else                                                                           \
            __asm__ volatile("rep movs" sfx : "+c"(c), "+S"(s), "+D"(d) : : "memory"); \
        regs("rep movs" sfx " n=" #n " std=" #dir, c, s, src + 64, d, dst + 64);       \
        dump("  dst", dst + 32, 96);                                                   \
        fill();                                                                        \
    } while (0)

#define REP_STOS(sfx, n, dir, val)                                                     \
    do {                                                                               \
        uint64_t c = n, a = val;                                                       \
        void *d = dst + 64;                                                            \
        if (dir)                                                                       \
            __asm__ volatile("std\n\trep stos" sfx "\n\tcld" : "+c"(c), "+D"(d) : "a"(a) : "memory"); \
        else                                                                           \
            __asm__ volatile("rep stos" sfx : "+c"(c), "+D"(d) : "a"(a) : "memory");   \
        regs("rep stos" sfx " n=" #n " std=" #dir, c, d, dst + 64, d, dst + 64);       \
        dump("  dst", dst + 32, 96);                                                   \
        fill();                                                                        \
    } while (0)

#define LODS(sfx, dir)                                                                 \
    do {                                                                               \
        uint64_t a = 0x1111111111111111ULL;                                            \
        void *s = src + 64;                                                            \
        if (dir)                                                                       \
            __asm__ volatile("std\n\tlods" sfx "\n\tlods" sfx "\n\tcld" : "+a"(a), "+S"(s) : : "memory"); \
        else                                                                           \
            __asm__ volatile("lods" sfx "\n\tlods" sfx : "+a"(a), "+S"(s) : : "memory"); \
        printf("lods" sfx " std=" #dir " rax=%016llx rsi%+ld\n", (unsigned long long)a, \
               (long)((uint8_t *)s - (src + 64)));                                     \
    } while (0)

/* CMPS / SCAS with a prefix: report count left, pointer movement, flags */
#define CMPS(prefix, sfx, n, DIRN, fin)                                                 \
    do {                                                                               \
        uint64_t c = n;                                                                \
        unsigned long fo;                                                              \
        void *s = src + 64, *d = dst + 64;                                             \
        __asm__ volatile("lea -128(%%rsp),%%rsp\n\tpush %[fi]\n\tpopf\n\t"             \
                         prefix " cmps" sfx  \
                         "\n\tpushf\n\tpop %[fo]\n\tcld\n\tlea 128(%%rsp),%%rsp"          \
                         : "+c"(c), "+S"(s), "+D"(d), [fo] "=&r"(fo)                   \
                         : [fi] "r"((unsigned long)(fin) | ((DIRN) ? F_DF : 0)) \
                         : "memory", "cc");                                            \
        regs(prefix " cmps" sfx " n=" #n " std=" #DIRN, c, s, src + 64, d, dst + 64);  \
        printf("  flags %s\n", fstr(fo, F_ALL));                                       \
    } while (0)

#define SCAS(prefix, sfx, n, DIRN, val, fin)                                            \
    do {                                                                               \
        uint64_t c = n, a = val;                                                       \
        unsigned long fo;                                                              \
        void *d = src + 64;                                                            \
        __asm__ volatile("lea -128(%%rsp),%%rsp\n\tpush %[fi]\n\tpopf\n\t"             \
                         prefix " scas" sfx  \
                         "\n\tpushf\n\tpop %[fo]\n\tcld\n\tlea 128(%%rsp),%%rsp"          \
                         : "+c"(c), "+D"(d), [fo] "=&r"(fo)                            \
                         : "a"(a), [fi] "r"((unsigned long)(fin) | ((DIRN) ? F_DF : 0)) \
                         : "memory", "cc");                                            \
        regs(prefix " scas" sfx " n=" #n " std=" #DIRN " a=" #val, c, d, src + 64, d, src + 64); \
        printf("  flags %s\n", fstr(fo, F_ALL));                                       \
    } while (0)

int main(void) {
    fill();
    REP_MOVS("b", 0, 0); REP_MOVS("b", 1, 0); REP_MOVS("b", 17, 0); REP_MOVS("b", 17, 1);
    REP_MOVS("w", 9, 0); REP_MOVS("w", 9, 1);
    REP_MOVS("l", 5, 0); REP_MOVS("l", 5, 1);
    REP_MOVS("q", 3, 0); REP_MOVS("q", 3, 1); REP_MOVS("q", 0, 1);

    /* single MOVS without REP */
    {
        void *s = src + 10, *d = dst + 10;
        __asm__ volatile("movsq\n\tmovsl\n\tmovsw\n\tmovsb" : "+S"(s), "+D"(d) : : "memory");
        regs("movs qlwb", 0, s, src + 10, d, dst + 10);
        dump("  dst", dst, 32);
        fill();
    }
    /* overlapping forward copy: REP MOVSB replicates the pattern byte by byte */
    {
        uint64_t c = 40;
        void *s = dst + 8, *d = dst + 9;
        for (int i = 0; i < 64; i++) dst[i] = (uint8_t)i;
        __asm__ volatile("rep movsb" : "+c"(c), "+S"(s), "+D"(d) : : "memory");
        dump("overlap fwd", dst, 64);
        c = 20; s = dst + 40; d = dst + 38;
        for (int i = 0; i < 64; i++) dst[i] = (uint8_t)i;
        __asm__ volatile("std\n\trep movsw\n\tcld" : "+c"(c), "+S"(s), "+D"(d) : : "memory");
        dump("overlap bwd", dst, 64);
        c = 7; s = dst + 0; d = dst + 8;
        for (int i = 0; i < 64; i++) dst[i] = (uint8_t)i;
        __asm__ volatile("rep movsq" : "+c"(c), "+S"(s), "+D"(d) : : "memory");
        dump("overlap q", dst, 64);
        fill();
    }

    REP_STOS("b", 13, 0, 0xab); REP_STOS("b", 13, 1, 0xcd);
    REP_STOS("w", 7, 0, 0x1234); REP_STOS("w", 7, 1, 0x5678);
    REP_STOS("l", 5, 0, 0xdeadbeef); REP_STOS("l", 5, 1, 0xcafef00d);
    REP_STOS("q", 3, 0, 0x0102030405060708ULL); REP_STOS("q", 3, 1, 0x1112131415161718ULL);
    REP_STOS("q", 0, 0, 0);

    LODS("b", 0); LODS("b", 1); LODS("w", 0); LODS("w", 1);
    LODS("l", 0); LODS("l", 1); LODS("q", 0); LODS("q", 1);

    /* dst mirrors src except at byte 64+20 (and beyond 64+40) */
    memcpy(dst, src, 256);
    dst[64 + 20] ^= 0x55;
    dst[64 - 20] ^= 0x55;
    for (int i = 40; i < 60; i++) dst[64 + i] = 0;
    CMPS("repe", "b", 100, 0, FIN_NONE); CMPS("repe", "b", 10, 0, FIN_NONE);
    CMPS("repe", "b", 0, 0, FIN_ALL); CMPS("repe", "b", 100, 1, FIN_NONE);
    CMPS("repne", "b", 100, 0, FIN_NONE); CMPS("repne", "b", 1, 0, FIN_ALL);
    CMPS("repe", "w", 50, 0, FIN_NONE); CMPS("repe", "w", 50, 1, FIN_NONE);
    CMPS("repe", "l", 25, 0, FIN_NONE); CMPS("repe", "l", 25, 1, FIN_ALL);
    CMPS("repe", "q", 12, 0, FIN_NONE); CMPS("repe", "q", 2, 0, FIN_NONE);
    CMPS("", "b", 0, 0, FIN_NONE); CMPS("", "q", 0, 1, FIN_NONE);
    /* repne cmps finds the first equal element */
    memset(dst, 0, 256);
    dst[64 + 33] = src[64 + 33];
    CMPS("repne", "b", 100, 0, FIN_NONE); CMPS("repne", "b", 30, 0, FIN_NONE);

    src[64 + 50] = 0;
    src[64 + 51] = 0;
    SCAS("repne", "b", 200, 0, 0, FIN_NONE);
    SCAS("repne", "b", 10, 0, 0, FIN_NONE);
    SCAS("repne", "b", 200, 1, 0, FIN_NONE);
    SCAS("repe", "b", 200, 0, 3 + 64 * 7, FIN_NONE);
    SCAS("repe", "b", 0, 0, 0, FIN_ALL);
    SCAS("", "b", 0, 0, 0xff, FIN_NONE);
    memset(src + 64, 0x41, 64);
    SCAS("repe", "w", 100, 0, 0x4141, FIN_NONE);
    SCAS("repe", "l", 100, 0, 0x41414141, FIN_NONE);
    SCAS("repe", "q", 100, 0, 0x4141414141414141ULL, FIN_NONE);
    SCAS("repne", "l", 100, 1, 0x41414141, FIN_NONE);
    fill();

    /* 32-bit address size: ESI/EDI/ECX (static buffers are below 4 GiB) */
    {
        uint64_t c = 0xffffffff00000010ULL; /* upper half of RCX is ignored */
        uint64_t s = (uint64_t)(uintptr_t)src, d = (uint64_t)(uintptr_t)dst;
        __asm__ volatile("addr32 rep movsb" : "+c"(c), "+S"(s), "+D"(d) : : "memory");
        printf("addr32 rep movsb rcx=%016llx rsi%+lld rdi%+lld\n", (unsigned long long)c,
               (long long)(s - (uint64_t)(uintptr_t)src), (long long)(d - (uint64_t)(uintptr_t)dst));
        dump("  dst", dst, 24);
    }
    return 0;
}
