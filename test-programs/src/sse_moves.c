/* SSE/SSE2/SSE3 data movement: aligned and unaligned 128-bit loads and stores
 * (including ones that straddle a page), MOVSS/MOVSD register-merge versus
 * memory-zero rules, MOVLPS/MOVHPS/MOVHLPS/MOVLHPS, MOVD/MOVQ to and from general
 * registers, non-temporal stores, MASKMOVDQU, LDDQU, MOVDDUP/MOVSLDUP/MOVSHDUP,
 * prefetch hints, and the upper registers XMM8-XMM15. */
#include <sys/mman.h>
#include "sse_common.h"

static void show(const char *what, v128 v) {
    printf("%-12s", what);
    pv(v);
    printf("\n");
}

int main(void) {
    static __attribute__((aligned(16))) uint8_t buf[64];
    for (int k = 0; k < 64; k++) buf[k] = (uint8_t)(k * 7 + 1);
    v128 ones = mk(~0ULL, ~0ULL), v;
    __m128i x, y;

    /* 128-bit loads at every offset (unaligned), aligned loads, stores. */
    for (int off = 0; off < 17; off++) {
        __asm__ volatile("movdqu (%1),%0" : "=x"(x) : "r"(buf + off) : "memory");
        show("movdqu", st128(x));
        __asm__ volatile("movups (%1),%0" : "=x"(x) : "r"(buf + off) : "memory");
        show("movups", st128(x));
        __asm__ volatile("lddqu (%1),%0" : "=x"(x) : "r"(buf + off) : "memory");
        show("lddqu", st128(x));
    }
    __asm__ volatile("movdqa (%1),%0\n\tmovaps 16(%1),%%xmm9\n\tmovapd 32(%1),%%xmm15\n\t"
                     "pxor %%xmm9,%0\n\tpaddb %%xmm15,%0" : "=x"(x) : "r"(buf) : "xmm9", "xmm15", "memory");
    show("movdqa+hi", st128(x));
    static __attribute__((aligned(16))) uint8_t out[48];
    memset(out, 0xee, sizeof out);
    x = ld128(mk(0x0123456789abcdefULL, 0xfedcba9876543210ULL));
    __asm__ volatile("movdqu %1,3(%0)\n\tmovaps %1,16(%0)\n\tmovntdq %1,32(%0)" : : "r"(out), "x"(x) : "memory");
    for (int k = 0; k < 48; k += 16) show("stored", mk(*(uint64_t *)(out + k), *(uint64_t *)(out + k + 8)));
    __asm__ volatile("movntps %1,(%0)\n\tmovntpd %1,16(%0)\n\tmovnti %2,32(%0)\n\tmovnti %k2,40(%0)\n\tsfence"
                     : : "r"(out), "x"(x), "r"(0x1122334455667788ULL) : "memory");
    for (int k = 0; k < 48; k += 16) show("nt", mk(*(uint64_t *)(out + k), *(uint64_t *)(out + k + 8)));

    /* A load and a store straddling two pages. */
    uint8_t *pg = mmap(0, 8192, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    for (int k = 0; k < 8192; k++) pg[k] = (uint8_t)k;
    __asm__ volatile("movdqu 4088(%1),%0" : "=x"(x) : "r"(pg) : "memory");
    show("straddle", st128(x));
    __asm__ volatile("movups %1,4090(%0)" : : "r"(pg), "x"(ld128(ones)) : "memory");
    show("straddle-st", mk(*(uint64_t *)(pg + 4088), *(uint64_t *)(pg + 4096)));
    munmap(pg, 8192);

    /* MOVSS/MOVSD: register form merges, memory form zeroes the rest. */
    static uint64_t q = 0x1122334455667788ULL;
    x = ld128(ones);
    __asm__ volatile("movss %1,%0" : "+x"(x) : "m"(q));
    show("movss-m", st128(x));
    x = ld128(ones);
    __asm__ volatile("movsd %1,%0" : "+x"(x) : "m"(q));
    show("movsd-m", st128(x));
    x = ld128(ones);
    y = ld128(mk(0x1122334455667788ULL, 0x99aabbccddeeff00ULL));
    __asm__ volatile("movss %1,%0" : "+x"(x) : "x"(y));
    show("movss-r", st128(x));
    x = ld128(ones);
    __asm__ volatile("movsd %1,%0" : "+x"(x) : "x"(y));
    show("movsd-r", st128(x));
    static uint64_t sq[2];
    sq[0] = sq[1] = ~0ULL;
    __asm__ volatile("movss %1,%0" : "=m"(sq[0]) : "x"(y));
    __asm__ volatile("movsd %1,%0" : "=m"(sq[1]) : "x"(y));
    show("movss/sd-st", mk(sq[0], sq[1]));

    /* Half-register moves. */
    x = ld128(mk(1, 2));
    y = ld128(mk(3, 4));
    __asm__ volatile("movhlps %1,%0" : "+x"(x) : "x"(y));
    show("movhlps", st128(x));
    x = ld128(mk(1, 2));
    __asm__ volatile("movlhps %1,%0" : "+x"(x) : "x"(y));
    show("movlhps", st128(x));
    x = ld128(mk(1, 2));
    __asm__ volatile("movlps %1,%0" : "+x"(x) : "m"(q));
    show("movlps", st128(x));
    x = ld128(mk(1, 2));
    __asm__ volatile("movhpd %1,%0" : "+x"(x) : "m"(q));
    show("movhpd", st128(x));
    __asm__ volatile("movhps %1,%0\n\tmovlpd %1,8+%0" : "=m"(sq) : "x"(y));
    show("movhps-st", mk(sq[0], sq[1]));

    /* MOVD/MOVQ. */
    uint64_t g = 0xdeadbeefcafef00dULL, r64;
    uint32_t r32;
    x = ld128(ones);
    __asm__ volatile("movd %k1,%0" : "=x"(x) : "r"(g));
    show("movd-in", st128(x));
    __asm__ volatile("movq %1,%0" : "=x"(x) : "r"(g));
    show("movq-in", st128(x));
    __asm__ volatile("movq %1,%0" : "=x"(x) : "m"(q));
    show("movq-m", st128(x));
    y = ld128(mk(0x0102030405060708ULL, 0x1112131415161718ULL));
    __asm__ volatile("movd %1,%0" : "=r"(r32) : "x"(y));
    __asm__ volatile("movq %1,%0" : "=r"(r64) : "x"(y));
    printf("movd/q-out %08x %016llx\n", r32, (unsigned long long)r64);
    x = ld128(ones);
    __asm__ volatile("movq %1,%0" : "+x"(x) : "x"(y));
    show("movq-r", st128(x));
    __asm__ volatile("movq %1,%0" : "=m"(sq[1]) : "x"(y));
    show("movq-st", mk(sq[0], sq[1]));

    /* MASKMOVDQU stores the selected bytes at [rdi]. */
    memset(out, 0xee, sizeof out);
    x = ld128(mk(0x1122334455667788ULL, 0x99aabbccddeeff00ULL));
    y = ld128(mk(0x80ff007f80000001ULL, 0x8000000000000080ULL));
    __asm__ volatile("maskmovdqu %1,%0" : : "x"(x), "x"(y), "D"(out + 5) : "memory");
    for (int k = 0; k < 32; k += 16) show("maskmovdqu", mk(*(uint64_t *)(out + k), *(uint64_t *)(out + k + 8)));

    /* SSE3 duplicating moves. */
    y = ld128(mk(0x0123456789abcdefULL, 0xfedcba9876543210ULL));
    __asm__ volatile("movddup %1,%0" : "=x"(x) : "x"(y));
    show("movddup", st128(x));
    __asm__ volatile("movddup %1,%0" : "=x"(x) : "m"(q));
    show("movddup-m", st128(x));
    __asm__ volatile("movsldup %1,%0" : "=x"(x) : "x"(y));
    show("movsldup", st128(x));
    __asm__ volatile("movshdup %1,%0" : "=x"(x) : "x"(y));
    show("movshdup", st128(x));

    /* Prefetch hints do nothing visible, even for an unmapped address. */
    __asm__ volatile("prefetchnta (%0)\n\tprefetcht0 (%0)\n\tprefetcht1 (%0)\n\tprefetcht2 64(%0)" : : "r"(buf));
    __asm__ volatile("prefetcht0 (%0)" : : "r"(16L));
    printf("prefetch ok\n");

    /* All sixteen registers keep their own values. */
    static __attribute__((aligned(16))) uint64_t regs[32];
    for (int k = 0; k < 32; k++) regs[k] = 0x0101010101010101ULL * (uint64_t)(k + 1);
    __asm__ volatile(
        "movdqa 0(%0),%%xmm0\n\tmovdqa 16(%0),%%xmm1\n\tmovdqa 32(%0),%%xmm2\n\tmovdqa 48(%0),%%xmm3\n\t"
        "movdqa 64(%0),%%xmm4\n\tmovdqa 80(%0),%%xmm5\n\tmovdqa 96(%0),%%xmm6\n\tmovdqa 112(%0),%%xmm7\n\t"
        "movdqa 128(%0),%%xmm8\n\tmovdqa 144(%0),%%xmm9\n\tmovdqa 160(%0),%%xmm10\n\tmovdqa 176(%0),%%xmm11\n\t"
        "movdqa 192(%0),%%xmm12\n\tmovdqa 208(%0),%%xmm13\n\tmovdqa 224(%0),%%xmm14\n\tmovdqa 240(%0),%%xmm15\n\t"
        "paddq %%xmm15,%%xmm0\n\tpaddq %%xmm14,%%xmm1\n\tpaddq %%xmm13,%%xmm2\n\tpaddq %%xmm8,%%xmm9\n\t"
        "pxor %%xmm12,%%xmm10\n\tpsubb %%xmm3,%%xmm11\n\tmovdqa %%xmm11,%%xmm4\n\tmovdqa %%xmm2,%%xmm12\n\t"
        "movdqa %%xmm0,0(%0)\n\tmovdqa %%xmm1,16(%0)\n\tmovdqa %%xmm2,32(%0)\n\tmovdqa %%xmm3,48(%0)\n\t"
        "movdqa %%xmm4,64(%0)\n\tmovdqa %%xmm5,80(%0)\n\tmovdqa %%xmm6,96(%0)\n\tmovdqa %%xmm7,112(%0)\n\t"
        "movdqa %%xmm8,128(%0)\n\tmovdqa %%xmm9,144(%0)\n\tmovdqa %%xmm10,160(%0)\n\tmovdqa %%xmm11,176(%0)\n\t"
        "movdqa %%xmm12,192(%0)\n\tmovdqa %%xmm13,208(%0)\n\tmovdqa %%xmm14,224(%0)\n\tmovdqa %%xmm15,240(%0)\n\t"
        : : "r"(regs)
        : "xmm0", "xmm1", "xmm2", "xmm3", "xmm4", "xmm5", "xmm6", "xmm7", "xmm8", "xmm9", "xmm10", "xmm11",
          "xmm12", "xmm13", "xmm14", "xmm15", "memory");
    for (int k = 0; k < 16; k++) {
        char name[16];
        snprintf(name, sizeof name, "xmm%d", k);
        show(name, mk(regs[2 * k], regs[2 * k + 1]));
    }
    (void)v;
    return 0;
}
