/* BSF/BSR (zero source leaves the destination unchanged and sets ZF; other
 * flags undefined), BSWAP 32/64, and bit-reversal helpers built from them. */
#include "flags.h"

#define SCAN(bits, T, sfx, vals)                                                        \
    for (unsigned i = 0; i < NELEM(vals); i++) {                                        \
        unsigned long fo;                                                               \
        T s = (T)vals[i], d = (T)0x5555;                                                \
        __asm__ volatile(ASM_PRE "bsf" sfx " %[s],%[d]" ASM_POST                        \
                         : [d] "+r"(d), [fo] "=&r"(fo) : [s] "r"(s), [fi] "r"(FIN_NONE) : "cc"); \
        printf("bsf%d %16llx -> %llx %s\n", bits, (unsigned long long)s, (unsigned long long)d, fstr(fo, F_ZF)); \
        d = (T)0x5555;                                                                  \
        __asm__ volatile(ASM_PRE "bsr" sfx " %[s],%[d]" ASM_POST                        \
                         : [d] "+r"(d), [fo] "=&r"(fo) : [s] "r"(s), [fi] "r"(FIN_ALL) : "cc"); \
        printf("bsr%d %16llx -> %llx %s\n", bits, (unsigned long long)s, (unsigned long long)d, fstr(fo, F_ZF)); \
    }

int main(void) {
    SCAN(16, uint16_t, "w", vals16)
    SCAN(32, uint32_t, "l", vals32)
    SCAN(64, uint64_t, "q", vals64)
    /* every single-bit position */
    unsigned sum = 0;
    for (int i = 0; i < 64; i++) {
        uint64_t v = 1ULL << i, f, r;
        __asm__("bsfq %1,%0" : "=r"(f) : "r"(v) : "cc");
        __asm__("bsrq %1,%0" : "=r"(r) : "r"(v | 1) : "cc");
        sum = sum * 31 + (unsigned)f * 7 + (unsigned)r;
    }
    printf("single bits: %u\n", sum);
    /* memory source */
    static uint64_t m = 0x0000100000000000ULL;
    uint64_t d;
    __asm__("bsfq (%1),%0" : "=r"(d) : "r"(&m) : "cc");
    printf("bsf mem: %llu\n", (unsigned long long)d);
    /* builtins (compile to bsf/bsr without BMI) */
    for (unsigned i = 1; i < NELEM(vals64); i++)
        printf("ctz/clz %016llx: %d %d %d\n", (unsigned long long)vals64[i], __builtin_ctzll(vals64[i]),
               __builtin_clzll(vals64[i]), __builtin_popcountll(vals64[i]));

    /* BSWAP */
    for (unsigned i = 0; i < NELEM(vals64); i++) {
        uint64_t q = vals64[i];
        uint32_t l = (uint32_t)vals64[i];
        __asm__("bswapq %0" : "+r"(q));
        __asm__("bswapl %0" : "+r"(l));
        printf("bswap %016llx -> %016llx %08x\n", (unsigned long long)vals64[i], (unsigned long long)q, l);
    }
    uint64_t z = 0xffffffff11223344ULL;
    __asm__("bswapl %k0" : "+r"(z));
    printf("bswapl zext: %016llx\n", (unsigned long long)z);
    uint64_t r8 = 0x0102030405060708ULL;
    __asm__("bswapq %%r8" : : : "r8");
    __asm__("mov %1,%%r9\n\tbswapq %%r9\n\tmov %%r9,%0" : "=r"(r8) : "r"(r8) : "r9");
    printf("bswap r9: %016llx\n", (unsigned long long)r8);
    printf("builtin bswap: %08x %016llx %04x\n", __builtin_bswap32(0xa1b2c3d4u),
           (unsigned long long)__builtin_bswap64(0xa1b2c3d4e5f60718ULL), __builtin_bswap16(0xabcd));
    return 0;
}
