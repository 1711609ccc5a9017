/* SHL/SHR/SAR by CL and by immediates, all sizes, counts 0, 1, size-1, size,
 * >size and past the count mask.  Flags the SDM leaves undefined are masked:
 * AF (count != 0), OF (count != 1), CF (count >= size). */
#include "flags.h"

static const unsigned counts[] = {0, 1, 2, 3, 4, 7, 8, 9, 15, 16, 17, 31, 32, 33, 63, 64, 65, 127, 255};

static unsigned long defmask(unsigned bits, unsigned cnt) {
    unsigned m = cnt & (bits == 64 ? 63 : 31);
    if (m == 0) return F_ALL; /* flags untouched */
    unsigned long d = F_PF | F_ZF | F_SF;
    if (m < bits) d |= F_CF;
    if (m == 1) d |= F_OF;
    return d;
}

#define PR(name, bits, a, c, r, fo, mask)                                               \
    printf("%s%-2d %16llx %3u -> %16llx %s\n", name, bits, (unsigned long long)(a), c, \
           (unsigned long long)(r), fstr(fo, mask))

static const uint64_t sv[] = {0x0123456789abcdefULL, 0x8000000000000001ULL, 0xffffffffffffffffULL,
                              0x4000000000000000ULL, 1, 0, 0xfedcba9876543210ULL, 0x7f7f7f7f7f7f7f7fULL};

#define SHIFTS(bits, T, sfx)                                                           \
    for (unsigned i = 0; i < NELEM(sv); i++)                                           \
        for (unsigned k = 0; k < NELEM(counts); k++) {                                 \
            unsigned c = counts[k];                                                    \
            unsigned long fo, fin = ((i + k) & 1) ? FIN_ALL : FIN_NONE;                \
            unsigned long dm = defmask(bits, c);                                       \
            T a = (T)sv[i], d;                                                         \
            d = a; SHIFTCL("shl" sfx, d, c, fin, fo); PR("shl", bits, a, c, d, fo, dm); \
            d = a; SHIFTCL("shr" sfx, d, c, fin, fo); PR("shr", bits, a, c, d, fo, dm); \
            d = a; SHIFTCL("sar" sfx, d, c, fin, fo); PR("sar", bits, a, c, d, fo, dm); \
        }                                                                              \
    for (unsigned i = 0; i < NELEM(sv); i++) {                                         \
        unsigned long fo, fin = (i & 1) ? FIN_ALL : FIN_NONE;                          \
        T a = (T)sv[i], d;                                                             \
        d = a; SHIFTIMM("shl" sfx, d, 1, fin, fo); PR("shl1_", bits, a, 1, d, fo, defmask(bits, 1)); \
        d = a; SHIFTIMM("shr" sfx, d, 1, fin, fo); PR("shr1_", bits, a, 1, d, fo, defmask(bits, 1)); \
        d = a; SHIFTIMM("sar" sfx, d, 1, fin, fo); PR("sar1_", bits, a, 1, d, fo, defmask(bits, 1)); \
        d = a; SHIFTIMM("shl" sfx, d, 5, fin, fo); PR("shli_", bits, a, 5, d, fo, defmask(bits, 5)); \
        d = a; SHIFTIMM("shr" sfx, d, 6, fin, fo); PR("shri_", bits, a, 6, d, fo, defmask(bits, 6)); \
        d = a; SHIFTIMM("sar" sfx, d, 7, fin, fo); PR("sari_", bits, a, 7, d, fo, defmask(bits, 7)); \
        d = a; SHIFTIMM("shl" sfx, d, 0, fin, fo); PR("shl0_", bits, a, 0, d, fo, defmask(bits, 0)); \
        d = a; SHIFTIMM("sar" sfx, d, bits - 1, fin, fo); PR("sarm_", bits, a, bits - 1, d, fo, defmask(bits, bits - 1)); \
        d = a; SHIFTIMM("shr" sfx, d, bits - 1, fin, fo); PR("shrm_", bits, a, bits - 1, d, fo, defmask(bits, bits - 1)); \
    }

int main(void) {
    SHIFTS(8, uint8_t, "b")
    SHIFTS(16, uint16_t, "w")
    SHIFTS(32, uint32_t, "l")
    SHIFTS(64, uint64_t, "q")
    /* 32-bit shift by 0 still zero-extends the destination register */
    uint64_t q = 0xffffffff80000000ULL;
    __asm__ volatile("shll $0,%k0" : "+r"(q) : : "cc");
    printf("shll $0 zext: %016llx\n", (unsigned long long)q);
    q = 0xffffffff80000000ULL;
    __asm__ volatile("sarl %%cl,%k0" : "+r"(q) : "c"(32) : "cc");
    printf("sarl 32 zext: %016llx\n", (unsigned long long)q);
    /* memory operand */
    static uint16_t m = 0x8001;
    uint16_t *p = &m;
    unsigned long fo;
    __asm__ volatile(ASM_PRE "sarw $1,(%[p])" ASM_POST : [fo] "=&r"(fo) : [p] "r"(p), [fi] "r"(FIN_NONE) : "cc", "memory");
    printf("sarw mem: %04x %s\n", m, fstr(fo, defmask(16, 1)));
    /* BMI2 shifts are not used: they are CPUID-dependent */
    return 0;
}
