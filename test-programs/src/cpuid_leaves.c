/* CPUID against what the processor does. The host's CPUID differs from the
 * emulator's (vendor, model, extensions), so the output is built to be the same
 * on both: for each extension the emulator implements (docs/isa.md) and a few
 * it does not (SSE4.1/4.2, FMA, AVX, AVX2), an advertised bit means one of its
 * instructions is run and its result checked, printing "NAME ok" or "NAME
 * WRONG"; an extension not advertised prints "NAME ok" without running
 * anything. So a set bit whose instructions misbehave (or fault) shows. Also:
 * the basic and extended maximum leaves, the brand string, and that
 * __builtin_cpu_supports (libgcc) and, with glibc, <sys/platform/x86.h> agree
 * with the bits.
 *
 * `cpuid_leaves --dump` prints the raw leaves instead (host-specific; the
 * emulator's values are checked by blink-cli's CpuidTest). */
#include <cpuid.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/syscall.h>
#if defined(__GLIBC__) && __has_include(<sys/platform/x86.h>)
#include <sys/platform/x86.h>
#define HAVE_GLIBC_X86 1
#endif

typedef struct { uint32_t a, b, c, d; } regs;

static regs leaf(uint32_t l, uint32_t sub) {
    regs r;
    __cpuid_count(l, sub, r.a, r.b, r.c, r.d);
    return r;
}

static regs L1, L7, E1;
static uint32_t max_basic, max_ext;
static int os_avx; /* OSXSAVE and XCR0 has SSE and AVX state: AVX instructions may run */

/* ---- one check per extension: 1 if the instruction gave the right result ---- */

static int t_fpu(void) {
    double r;
    __asm__ volatile("fld1\n\tfld1\n\tfaddp\n\tfstpl %0" : "=m"(r) : : "st");
    return r == 2.0;
}
static int t_tsc(void) {
    uint32_t lo1, hi1, lo2, hi2;
    __asm__ volatile("rdtsc" : "=a"(lo1), "=d"(hi1));
    __asm__ volatile("rdtsc" : "=a"(lo2), "=d"(hi2));
    return ((uint64_t)hi2 << 32 | lo2) >= ((uint64_t)hi1 << 32 | lo1);
}
static int t_cx8(void) {
    static uint64_t m = 0x1111111122222222ULL;
    uint32_t a = 0x22222222, d = 0x11111111;
    uint8_t z;
    __asm__ volatile("lock cmpxchg8b %1\n\tsetz %2" : "+a"(a), "+m"(m), "=q"(z), "+d"(d) : "b"(5), "c"(6) : "cc");
    return z && m == 0x0000000600000005ULL;
}
static int t_cmov(void) {
    long r = 1, s = 7;
    __asm__("cmp %1,%1\n\tcmove %1,%0" : "+r"(r) : "r"(s) : "cc");
    return r == 7;
}
static int t_clfsh(void) {
    static volatile int x = 42;
    __asm__ volatile("clflush %0" : : "m"(x) : "memory");
    return x == 42;
}
static int t_mmx(void) {
    uint64_t a = 0x01020304050607f8ULL, b = 0x0101010101010110ULL, r;
    __asm__ volatile("movq %1,%%mm0\n\tpaddb %2,%%mm0\n\tmovq %%mm0,%0\n\temms" : "=m"(r) : "m"(a), "m"(b) : "mm0");
    return r == 0x0203040506070808ULL;
}
static int t_fxsr(void) {
    static uint8_t area[512] __attribute__((aligned(16)));
    uint16_t cw = 0x027f, old;
    __asm__ volatile("fnstcw %0\n\tfldcw %1\n\tfxsave %2\n\tfldcw %0" : "+m"(old) : "m"(cw), "m"(area) : "memory");
    uint16_t saved;
    memcpy(&saved, area, 2);
    return saved == 0x027f;
}
static int t_sse(void) {
    float a[4] __attribute__((aligned(16))) = {1, 2, 3, 4}, b[4] __attribute__((aligned(16))) = {.5f, .5f, .5f, .5f};
    __asm__ volatile("movaps %0,%%xmm0\n\taddps %1,%%xmm0\n\tmovaps %%xmm0,%0" : "+m"(a) : "m"(b) : "xmm0");
    return a[0] == 1.5f && a[3] == 4.5f;
}
static int t_sse2(void) {
    uint64_t a[2] __attribute__((aligned(16))) = {~0ULL, 5}, b[2] __attribute__((aligned(16))) = {1, 6};
    __asm__ volatile("movdqa %0,%%xmm0\n\tpaddq %1,%%xmm0\n\tmovdqa %%xmm0,%0" : "+m"(a) : "m"(b) : "xmm0");
    return a[0] == 0 && a[1] == 11;
}
static int t_sse3(void) {
    double a[2] __attribute__((aligned(16))) = {1, 2}, b[2] __attribute__((aligned(16))) = {10, 20};
    __asm__ volatile("movapd %0,%%xmm0\n\thaddpd %1,%%xmm0\n\tmovapd %%xmm0,%0" : "+m"(a) : "m"(b) : "xmm0");
    return a[0] == 3 && a[1] == 30;
}
static int t_ssse3(void) {
    uint8_t a[16] __attribute__((aligned(16))), m[16] __attribute__((aligned(16)));
    for (int i = 0; i < 16; i++) a[i] = (uint8_t)i, m[i] = (uint8_t)(15 - i);
    m[0] = 0x80;
    __asm__ volatile("movdqa %0,%%xmm0\n\tpshufb %1,%%xmm0\n\tmovdqa %%xmm0,%0" : "+m"(a) : "m"(m) : "xmm0");
    return a[0] == 0 && a[1] == 14 && a[15] == 0;
}
static int t_pclmul(void) {
    uint64_t a[2] __attribute__((aligned(16))) = {3, 0}, b[2] __attribute__((aligned(16))) = {3, 0};
    __asm__ volatile("movdqa %0,%%xmm0\n\tpclmulqdq $0,%1,%%xmm0\n\tmovdqa %%xmm0,%0" : "+m"(a) : "m"(b) : "xmm0");
    return a[0] == 5 && a[1] == 0;
}
static int t_cx16(void) {
    static __int128 m __attribute__((aligned(16))) = 7;
    uint64_t lo = 7, hi = 0;
    uint8_t z;
    __asm__ volatile("lock cmpxchg16b %1\n\tsetz %2" : "+a"(lo), "+m"(m), "=q"(z), "+d"(hi) : "b"(9L), "c"(1L) : "cc");
    return z && m == ((__int128)1 << 64 | 9);
}
static int t_sse41(void) {
    int32_t a[4] __attribute__((aligned(16))) = {-5, 7, 0, 100}, b[4] __attribute__((aligned(16))) = {3, -8, 0, 99};
    __asm__ volatile("movdqa %0,%%xmm0\n\tpminsd %1,%%xmm0\n\tmovdqa %%xmm0,%0" : "+m"(a) : "m"(b) : "xmm0");
    return a[0] == -5 && a[1] == -8 && a[3] == 99;
}
static int t_sse42(void) {
    uint32_t c = ~0u;
    __asm__("crc32b %1,%0" : "+r"(c) : "r"((uint8_t)'a'));
    return (c ^ ~0u) == 0xc1d04330u; /* CRC-32C of "a" */
}
static int t_movbe(void) {
    uint32_t m = 0x11223344, r;
    __asm__("movbe %1,%0" : "=r"(r) : "m"(m));
    return r == 0x44332211;
}
static int t_popcnt(void) {
    uint64_t r;
    __asm__("popcnt %1,%0" : "=r"(r) : "r"(0xf0f0f0f0f0f0f0f1ULL) : "cc");
    return r == 33;
}
static int t_xsave(void) {
    uint32_t lo, hi;
    if (!(L1.c >> 27 & 1)) return 1; /* XGETBV needs OSXSAVE */
    __asm__ volatile("xgetbv" : "=a"(lo), "=d"(hi) : "c"(0));
    return (lo & 3) == 3; /* x87 and SSE state always enabled */
}
static int t_avx(void) {
    if (!os_avx) return 1;
    double a[4] = {1, 2, 3, 4}, b[4] = {10, 20, 30, 40};
    __asm__ volatile("vmovupd %0,%%ymm0\n\tvaddpd %1,%%ymm0,%%ymm0\n\tvmovupd %%ymm0,%0\n\tvzeroupper"
                     : "+m"(a) : "m"(b) : "xmm0");
    return a[0] == 11 && a[3] == 44;
}
static int t_avx2(void) {
    if (!os_avx) return 1;
    int32_t a[8] = {1, 2, 3, 4, 5, 6, 7, 8}, b[8] = {1, 1, 1, 1, 1, 1, 1, -8};
    __asm__ volatile("vmovdqu %0,%%ymm0\n\tvpaddd %1,%%ymm0,%%ymm0\n\tvmovdqu %%ymm0,%0\n\tvzeroupper"
                     : "+m"(a) : "m"(b) : "xmm0");
    return a[0] == 2 && a[7] == 0;
}
static int t_fma(void) {
    if (!os_avx) return 1;
    double a = 0x1p-30 + 1, r = a;
    __asm__ volatile("vmovsd %1,%%xmm1\n\tvmovsd %1,%%xmm2\n\tvfmadd213sd %2,%%xmm1,%%xmm2\n\tvmovsd %%xmm2,%0"
                     : "=m"(r) : "m"(a), "m"((double){-1.0}) : "xmm1", "xmm2");
    return r == 0x1p-29 + 0x1p-60; /* a*a - 1 exactly: no rounding in between */
}
static int t_rdrand(void) {
    for (int i = 0; i < 100; i++) {
        uint64_t v;
        uint8_t ok;
        __asm__ volatile("rdrand %0\n\tsetc %1" : "=r"(v), "=q"(ok) : : "cc");
        if (ok) return 1;
    }
    return 0;
}
static int t_rdseed(void) {
    for (int i = 0; i < 1000; i++) {
        uint64_t v;
        uint8_t ok;
        __asm__ volatile("rdseed %0\n\tsetc %1" : "=r"(v), "=q"(ok) : : "cc");
        if (ok) return 1;
    }
    return 0;
}
static int t_bmi1(void) {
    uint64_t r, t;
    __asm__("andn %2,%1,%0" : "=r"(r) : "r"(0xff00ULL), "r"(0x0ff0ULL) : "cc");
    __asm__("tzcnt %1,%0" : "=r"(t) : "r"(0x100ULL) : "cc");
    return r == 0x00f0 && t == 8;
}
static int t_bmi2(void) {
    uint64_t r;
    __asm__("pdep %2,%1,%0" : "=r"(r) : "r"(0x5ULL), "r"(0xf0ULL));
    return r == 0x50;
}
static int t_adx(void) {
    uint64_t a = ~0ULL, b = 1;
    __asm__("stc\n\tadcx %1,%0" : "+r"(a) : "r"(b) : "cc");
    return a == 1;
}
static int t_rdpid(void) {
    uint64_t p;
    __asm__ volatile("rdpid %0" : "=r"(p));
    return (p >> 32) == 0;
}
static int t_lahf(void) {
    uint8_t ah;
    __asm__("stc\n\tlahf\n\tmovb %%ah,%0" : "=r"(ah) : : "rax", "cc");
    return (ah & 3) == 3; /* CF and the always-one bit 1 */
}
static int t_lzcnt(void) {
    uint64_t r;
    __asm__("lzcnt %1,%0" : "=r"(r) : "r"(0x100ULL) : "cc");
    return r == 55;
}
static int t_syscall(void) {
    long r;
    __asm__ volatile("syscall" : "=a"(r) : "a"((long)SYS_getpid) : "rcx", "r11", "memory");
    return r == getpid();
}
static int t_rdtscp(void) {
    uint32_t lo, hi, aux;
    __asm__ volatile("rdtscp" : "=a"(lo), "=d"(hi), "=c"(aux));
    return 1;
}
static int t_lm(void) { return sizeof(void *) == 8; }

enum { EDX1, ECX1, EBX7, ECX7, ECXE, EDXE };
static const struct {
    const char *name;
    int reg, bit;
    int (*test)(void);
} features[] = {
    {"fpu", EDX1, 0, t_fpu},       {"tsc", EDX1, 4, t_tsc},         {"cx8", EDX1, 8, t_cx8},
    {"cmov", EDX1, 15, t_cmov},    {"clfsh", EDX1, 19, t_clfsh},    {"mmx", EDX1, 23, t_mmx},
    {"fxsr", EDX1, 24, t_fxsr},    {"sse", EDX1, 25, t_sse},        {"sse2", EDX1, 26, t_sse2},
    {"sse3", ECX1, 0, t_sse3},     {"pclmulqdq", ECX1, 1, t_pclmul}, {"ssse3", ECX1, 9, t_ssse3},
    {"fma", ECX1, 12, t_fma},      {"cx16", ECX1, 13, t_cx16},      {"sse4.1", ECX1, 19, t_sse41},
    {"sse4.2", ECX1, 20, t_sse42}, {"movbe", ECX1, 22, t_movbe},    {"popcnt", ECX1, 23, t_popcnt},
    {"xsave", ECX1, 26, t_xsave},  {"avx", ECX1, 28, t_avx},        {"rdrand", ECX1, 30, t_rdrand},
    {"bmi1", EBX7, 3, t_bmi1},     {"avx2", EBX7, 5, t_avx2},       {"bmi2", EBX7, 8, t_bmi2},
    {"rdseed", EBX7, 18, t_rdseed}, {"adx", EBX7, 19, t_adx},       {"rdpid", ECX7, 22, t_rdpid},
    {"lahf-sahf", ECXE, 0, t_lahf}, {"lzcnt", ECXE, 5, t_lzcnt},    {"syscall", EDXE, 11, t_syscall},
    {"rdtscp", EDXE, 27, t_rdtscp}, {"lm", EDXE, 29, t_lm},
};

static int has(int reg, int bit) {
    uint32_t v = reg == EDX1 ? L1.d : reg == ECX1 ? L1.c : reg == EBX7 ? L7.b : reg == ECX7 ? L7.c
               : reg == ECXE ? E1.c : E1.d;
    return v >> bit & 1;
}

static int avx_usable(void) { return has(ECX1, 28) && os_avx; }

static void agree(const char *what, int lib, int bits) {
    printf("%s %s\n", what, !lib == !bits ? "agrees" : "DISAGREES");
}

static void dump(void) {
    static const uint32_t leaves[] = {0, 1, 7, 0x40000000, 0x40031337, 0x80000000, 0x80000001,
                                      0x80000002, 0x80000003, 0x80000004};
    for (unsigned i = 0; i < sizeof leaves / sizeof leaves[0]; i++) {
        regs r = leaf(leaves[i], 0);
        printf("leaf %08x: %08x %08x %08x %08x\n", leaves[i], r.a, r.b, r.c, r.d);
    }
    char name[13] = {0};
    regs r = leaf(0, 0);
    memcpy(name, &r.b, 4), memcpy(name + 4, &r.d, 4), memcpy(name + 8, &r.c, 4);
    printf("vendor %s\n", name);
    r = leaf(0x40000000, 0);
    memcpy(name, &r.b, 4), memcpy(name + 4, &r.c, 4), memcpy(name + 8, &r.d, 4);
    printf("hypervisor %s\n", name);
    r = leaf(0x40031337, 0);
    memcpy(name, &r.b, 4), memcpy(name + 4, &r.c, 4), memcpy(name + 8, &r.d, 4);
    printf("os %s\n", name);
}

int main(int argc, char **argv) {
    if (argc > 1 && strcmp(argv[1], "--dump") == 0) {
        dump();
        return 0;
    }
    regs l0 = leaf(0, 0);
    max_basic = l0.a;
    max_ext = leaf(0x80000000, 0).a;
    L1 = leaf(1, 0);
    L7 = leaf(7, 0);
    E1 = leaf(0x80000001, 0);
    if (L1.c >> 27 & 1) {
        uint32_t lo, hi;
        __asm__ volatile("xgetbv" : "=a"(lo), "=d"(hi) : "c"(0));
        os_avx = (lo & 6) == 6;
    }
    printf("max basic leaf >= 7: %d\n", max_basic >= 7);
    printf("max extended leaf >= 0x80000004: %d\n", max_ext >= 0x80000004);
    printf("sse2 advertised: %d\n", has(EDX1, 26)); /* every x86-64 processor */
    printf("avx without osxsave: %d\n", has(ECX1, 28) && !(L1.c >> 27 & 1));
    char brand[49] = {0};
    for (int i = 0; i < 3; i++) {
        regs r = leaf(0x80000002 + i, 0);
        memcpy(brand + 16 * i, &r, 16);
    }
    int printable = 1, len = (int)strlen(brand);
    for (int i = 0; i < len; i++) printable &= brand[i] >= 0x20 && brand[i] < 0x7f;
    printf("brand string printable and non-empty: %d\n", printable && len > 0);

    for (unsigned i = 0; i < sizeof features / sizeof features[0]; i++) {
        int ok = has(features[i].reg, features[i].bit) ? features[i].test() : 1;
        printf("%s %s\n", features[i].name, ok ? "ok" : "WRONG");
    }

    __builtin_cpu_init();
    agree("builtin cmov", __builtin_cpu_supports("cmov"), has(EDX1, 15));
    agree("builtin mmx", __builtin_cpu_supports("mmx"), has(EDX1, 23));
    agree("builtin sse", __builtin_cpu_supports("sse"), has(EDX1, 25));
    agree("builtin sse2", __builtin_cpu_supports("sse2"), has(EDX1, 26));
    agree("builtin sse3", __builtin_cpu_supports("sse3"), has(ECX1, 0));
    agree("builtin pclmul", __builtin_cpu_supports("pclmul"), has(ECX1, 1));
    agree("builtin ssse3", __builtin_cpu_supports("ssse3"), has(ECX1, 9));
    agree("builtin sse4.1", __builtin_cpu_supports("sse4.1"), has(ECX1, 19));
    agree("builtin sse4.2", __builtin_cpu_supports("sse4.2"), has(ECX1, 20));
    agree("builtin popcnt", __builtin_cpu_supports("popcnt"), has(ECX1, 23));
    agree("builtin avx", __builtin_cpu_supports("avx"), avx_usable());
    agree("builtin fma", __builtin_cpu_supports("fma"), has(ECX1, 12) && avx_usable());
    agree("builtin avx2", __builtin_cpu_supports("avx2"), has(EBX7, 5) && avx_usable());
    agree("builtin bmi", __builtin_cpu_supports("bmi"), has(EBX7, 3));
    agree("builtin bmi2", __builtin_cpu_supports("bmi2"), has(EBX7, 8));
#ifdef HAVE_GLIBC_X86
    agree("glibc SSE2", CPU_FEATURE_ACTIVE(SSE2), has(EDX1, 26));
    agree("glibc SSSE3", CPU_FEATURE_ACTIVE(SSSE3), has(ECX1, 9));
    agree("glibc SSE4_1", CPU_FEATURE_ACTIVE(SSE4_1), has(ECX1, 19));
    agree("glibc SSE4_2", CPU_FEATURE_ACTIVE(SSE4_2), has(ECX1, 20));
    agree("glibc POPCNT", CPU_FEATURE_ACTIVE(POPCNT), has(ECX1, 23));
    agree("glibc MOVBE", CPU_FEATURE_ACTIVE(MOVBE), has(ECX1, 22));
    agree("glibc CX16", CPU_FEATURE_ACTIVE(CMPXCHG16B), has(ECX1, 13));
    agree("glibc AVX", CPU_FEATURE_ACTIVE(AVX), avx_usable());
    agree("glibc AVX2", CPU_FEATURE_ACTIVE(AVX2), has(EBX7, 5) && avx_usable());
    agree("glibc FMA", CPU_FEATURE_ACTIVE(FMA), has(ECX1, 12) && avx_usable());
    agree("glibc BMI1", CPU_FEATURE_ACTIVE(BMI1), has(EBX7, 3));
    agree("glibc BMI2", CPU_FEATURE_ACTIVE(BMI2), has(EBX7, 8));
    agree("glibc LZCNT", CPU_FEATURE_ACTIVE(LZCNT), has(ECXE, 5));
    agree("glibc ADX", CPU_FEATURE_ACTIVE(ADX), has(EBX7, 19));
    agree("glibc RDRAND", CPU_FEATURE_PRESENT(RDRAND), has(ECX1, 30));
    agree("glibc RDSEED", CPU_FEATURE_PRESENT(RDSEED), has(EBX7, 18));
#else
    for (int i = 0; i < 16; i++) printf("(no glibc x86 feature check)\n");
#endif
    return 0;
}
