/* BMI1, BMI2, ADX, CRC32 (CRC-32C), PCLMULQDQ, RDRAND/RDSEED, RDTSCP and RDPID.
 * Deterministic results print in hex; flags the SDM leaves undefined print as '-'.
 * RDRAND/RDSEED/RDTSCP/RDPID values differ between runs and machines, so only
 * their flags and properties (two draws differ, the TSC does not go back) print. */
#include "flags.h"
#include <immintrin.h>

static const uint64_t vals[] = {0, 1, 2, 0x28, 0xff, 0x8000, 0x0804, 0x2010, 0x4020, 0xffffffff,
    0x80000000, 0x100000000ULL, 0x123456789abcdef0ULL, 0x8000000000000000ULL, 0xffffffffffffffffULL,
    0x00ff00ff00ff00ffULL, 0xf0f0f0f0f0f0f0f0ULL, 0x7fffffffffffffffULL, 0x3f00ULL, 0x4041ULL};

#define DEF_ZCO (F_ZF | F_CF | F_OF)
#define DEF_SZCO (F_SF | F_ZF | F_CF | F_OF)

/* three-operand VEX form "insn src2, src1, dst" (AT&T) with flags in and out */
#define OP3(insn, D, A, B, fin, fo)                                               \
    __asm__ volatile(ASM_PRE insn " %[b],%[a],%[d]" ASM_POST                       \
                     : [d] "=&r"(D), [fo] "=&r"(fo)                              \
                     : [a] "r"(A), [b] "r"(B), [fi] "r"((unsigned long)(fin)) : "cc")
#define OP2(insn, D, A, fin, fo)                                                  \
    __asm__ volatile(ASM_PRE insn " %[a],%[d]" ASM_POST                            \
                     : [d] "=&r"(D), [fo] "=&r"(fo)                              \
                     : [a] "r"(A), [fi] "r"((unsigned long)(fin)) : "cc")

static void bmi(void) {
    for (unsigned i = 0; i < NELEM(vals); i++) {
        for (unsigned j = 0; j < NELEM(vals); j++) {
            uint64_t a = vals[i], b = vals[j], d; uint32_t a32 = a, b32 = b, d32; unsigned long fo, fin = (i + j) & 1 ? FIN_ALL : FIN_NONE;
            OP3("andn", d, a, b, fin, fo); printf("andnq %llx %llx -> %llx %s\n", (unsigned long long)a, (unsigned long long)b, (unsigned long long)d, fstr(fo, DEF_SZCO));
            OP3("andn", d32, a32, b32, fin, fo); printf("andnl -> %x %s\n", d32, fstr(fo, DEF_SZCO));
            OP3("bextr", d, b, a, fin, fo); printf("bextrq %llx ctl %llx -> %llx %s\n", (unsigned long long)a, (unsigned long long)b, (unsigned long long)d, fstr(fo, DEF_ZCO));
            OP3("bextr", d32, b32, a32, fin, fo); printf("bextrl -> %x %s\n", d32, fstr(fo, DEF_ZCO));
            OP3("bzhi", d, b, a, fin, fo); printf("bzhiq -> %llx %s\n", (unsigned long long)d, fstr(fo, DEF_SZCO));
            OP3("bzhi", d32, b32, a32, fin, fo); printf("bzhil -> %x %s\n", d32, fstr(fo, DEF_SZCO));
            OP3("pdep", d, b, a, fin, fo); printf("pdepq -> %llx %s\n", (unsigned long long)d, fstr(fo, F_ALL));
            OP3("pext", d, b, a, fin, fo); printf("pextq -> %llx %s\n", (unsigned long long)d, fstr(fo, F_ALL));
            OP3("pdep", d32, b32, a32, fin, fo); OP3("pext", a32, b32, d32, fin, fo); printf("pdep/pextl -> %x %x\n", d32, a32);
            OP3("shlx", d, b, a, fin, fo); printf("shlxq -> %llx %s\n", (unsigned long long)d, fstr(fo, F_ALL));
            OP3("sarx", d, b, a, fin, fo); printf("sarxq -> %llx\n", (unsigned long long)d);
            OP3("shrx", d, b, a, fin, fo); printf("shrxq -> %llx\n", (unsigned long long)d);
            OP3("sarx", d32, b32, a32, fin, fo); printf("sarxl -> %x\n", d32);
            uint64_t hi, lo = 0;
            __asm__("mulx %[s],%[lo],%[hi]" : [hi] "=&r"(hi), [lo] "=&r"(lo) : "d"(a), [s] "r"(b));
            printf("mulxq -> %llx:%llx\n", (unsigned long long)hi, (unsigned long long)lo);
            uint32_t hi32, lo32;
            __asm__("mulx %[s],%[lo],%[hi]" : [hi] "=&r"(hi32), [lo] "=&r"(lo32) : "d"(a32), [s] "r"(b32));
            printf("mulxl -> %x:%x\n", hi32, lo32);
        }
        uint64_t a = vals[i], d; uint32_t d32; unsigned long fo;
        OP2("blsr", d, a, FIN_NONE, fo); printf("blsr %llx -> %llx %s\n", (unsigned long long)a, (unsigned long long)d, fstr(fo, DEF_SZCO));
        OP2("blsmsk", d, a, FIN_ALL, fo); printf("blsmsk -> %llx %s\n", (unsigned long long)d, fstr(fo, DEF_SZCO));
        OP2("blsi", d, a, FIN_NONE, fo); printf("blsi -> %llx %s\n", (unsigned long long)d, fstr(fo, DEF_SZCO));
        OP2("blsi", d32, (uint32_t)a, FIN_ALL, fo); printf("blsil -> %x %s\n", d32, fstr(fo, DEF_SZCO));
        __asm__("rorx $13,%1,%0" : "=r"(d) : "r"(a)); printf("rorxq -> %llx\n", (unsigned long long)d);
        __asm__("rorx $45,%1,%0" : "=r"(d32) : "r"((uint32_t)a)); printf("rorxl -> %x\n", d32);
    }
}

static void adx(void) {
    /* two interleaved carry chains: 256-bit a + b via ADCX and a + c via ADOX */
    uint64_t a[4] = {~0ULL, ~0ULL, 5, ~0ULL}, b[4] = {1, 0, ~0ULL, 7}, c[4] = {2, ~0ULL, 0, 9};
    uint64_t s0 = a[0], s1 = a[1], s2 = a[2], s3 = a[3], t0 = a[0], t1 = a[1], t2 = a[2], t3 = a[3];
    unsigned long fo;
    __asm__(ASM_PRE "xor %%eax,%%eax\n\t"
            "adcx 0(%[b]),%[s0]\n\tadox 0(%[c]),%[t0]\n\t"
            "adcx 8(%[b]),%[s1]\n\tadox 8(%[c]),%[t1]\n\t"
            "adcx 16(%[b]),%[s2]\n\tadox 16(%[c]),%[t2]\n\t"
            "adcx 24(%[b]),%[s3]\n\tadox 24(%[c]),%[t3]" ASM_POST
            : [s0] "+r"(s0), [s1] "+r"(s1), [s2] "+r"(s2), [s3] "+r"(s3), [t0] "+r"(t0), [t1] "+r"(t1),
              [t2] "+r"(t2), [t3] "+r"(t3), [fo] "=&r"(fo)
            : [b] "r"(b), [c] "r"(c), [fi] "r"(FIN_NONE) : "rax", "cc", "memory");
    printf("adcx %llx %llx %llx %llx adox %llx %llx %llx %llx %s\n", (unsigned long long)s3, (unsigned long long)s2,
           (unsigned long long)s1, (unsigned long long)s0, (unsigned long long)t3, (unsigned long long)t2,
           (unsigned long long)t1, (unsigned long long)t0, fstr(fo, F_CF | F_OF | F_ZF));
    uint32_t x = 0xffffffff;
    __asm__(ASM_PRE "adcx %[y],%[x]" ASM_POST : [x] "+r"(x), [fo] "=&r"(fo) : [y] "r"(0u), [fi] "r"(FIN_ALL) : "cc");
    printf("adcxl %x %s\n", x, fstr(fo, F_ALL));
    x = 0x7fffffff;
    __asm__(ASM_PRE "adox %[y],%[x]" ASM_POST : [x] "+r"(x), [fo] "=&r"(fo) : [y] "r"(1u), [fi] "r"(FIN_NONE) : "cc");
    printf("adoxl %x %s\n", x, fstr(fo, F_ALL));
}

/* inline asm rather than the SSE4.2 intrinsics, so the compiler emits no other SSE4 instruction */
static uint32_t crc8(uint32_t c, uint8_t v) { __asm__("crc32b %1,%0" : "+r"(c) : "r"(v)); return c; }
static uint32_t crc16(uint32_t c, uint16_t v) { __asm__("crc32w %1,%0" : "+r"(c) : "r"(v)); return c; }
static uint32_t crc32(uint32_t c, uint32_t v) { __asm__("crc32l %1,%0" : "+r"(c) : "r"(v)); return c; }
static uint64_t crc64(uint64_t c, uint64_t v) { __asm__("crc32q %1,%0" : "+r"(c) : "r"(v)); return c; }

static void crc(void) {
    static const char msg[] = "123456789";
    uint32_t c = ~0u;
    for (int i = 0; i < 9; i++) c = crc8(c, (unsigned char)msg[i]);
    printf("crc32c check %x\n", ~c);
    uint64_t c64 = ~0ull;
    for (unsigned i = 0; i < NELEM(vals); i++) {
        c64 = crc64(c64, vals[i]);
        c = crc32((uint32_t)c64, (uint32_t)vals[i]);
        uint32_t w = crc16(c, (uint16_t)vals[i]);
        static uint64_t m = 0x1122334455667788ULL;
        uint32_t fromMem = c;
        __asm__("crc32l %1,%0" : "+r"(fromMem) : "m"(m));
        printf("crc32 %llx %x %x %x\n", (unsigned long long)c64, c, w, fromMem);
    }
}

static void clmul(void) {
    for (unsigned i = 0; i + 1 < NELEM(vals); i++) {
        uint64_t in[4] __attribute__((aligned(16))) = {vals[i + 1] ^ 0x1234567, vals[i], vals[i] * 3 + 1, vals[NELEM(vals) - 1 - i]};
        uint64_t out[4][2] __attribute__((aligned(16)));
        __m128i a = _mm_load_si128((const __m128i *)in), b = _mm_load_si128((const __m128i *)(in + 2));
        _mm_store_si128((__m128i *)out[0], _mm_clmulepi64_si128(a, b, 0x00));
        _mm_store_si128((__m128i *)out[1], _mm_clmulepi64_si128(a, b, 0x01));
        _mm_store_si128((__m128i *)out[2], _mm_clmulepi64_si128(a, b, 0x10));
        _mm_store_si128((__m128i *)out[3], _mm_clmulepi64_si128(a, b, 0x11));
        printf("clmul");
        for (int k = 0; k < 4; k++) printf(" %llx:%llx", (unsigned long long)out[k][1], (unsigned long long)out[k][0]);
        printf("\n");
    }
}

static void random_and_tsc(void) {
    uint64_t r1 = 0, r2 = 0;
    unsigned long fo;
    __asm__ volatile(ASM_PRE "rdrand %[r]" ASM_POST : [r] "=r"(r1), [fo] "=&r"(fo) : [fi] "r"(FIN_ALL) : "cc");
    printf("rdrand flags %s\n", fstr(fo, F_ALL));
    __asm__ volatile("rdrand %0" : "=r"(r2) : : "cc");
    printf("rdrand draws differ %d\n", r1 != r2);
    uint32_t s32;
    __asm__ volatile(ASM_PRE "rdseed %[r]" ASM_POST : [r] "=r"(s32), [fo] "=&r"(fo) : [fi] "r"(FIN_NONE) : "cc");
    printf("rdseed flags %s\n", fstr(fo, F_ALL));
    uint32_t lo, hi, aux;
    __asm__ volatile("rdtscp" : "=a"(lo), "=d"(hi), "=c"(aux));
    uint64_t t0 = (uint64_t)hi << 32 | lo;
    __asm__ volatile("rdtscp" : "=a"(lo), "=d"(hi), "=c"(aux));
    uint64_t t1 = (uint64_t)hi << 32 | lo, pid;
    printf("rdtscp monotonic %d\n", t1 >= t0);
    __asm__ volatile("rdpid %0" : "=r"(pid));
    printf("rdpid and rdtscp aux fit in 32 bits %d\n", pid >> 32 == 0 && (uint64_t)aux >> 32 == 0);
}

int main(void) {
    bmi();
    adx();
    crc();
    clmul();
    random_and_tsc();
    return 0;
}
