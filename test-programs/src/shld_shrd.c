/* SHLD/SHRD, 16/32/64-bit, by CL and immediate.  16-bit counts above 16 are
 * undefined and not tested; AF is undefined; OF is defined only for count 1. */
#include "flags.h"

static const unsigned counts[] = {0, 1, 2, 4, 7, 8, 12, 15, 16, 31, 32, 33, 40, 63, 64, 65, 96};

static int valid(unsigned bits, unsigned cnt) {
    unsigned m = cnt & (bits == 64 ? 63 : 31);
    return m <= bits;
}
static unsigned long defmask(unsigned bits, unsigned cnt) {
    unsigned m = cnt & (bits == 64 ? 63 : 31);
    if (m == 0) return F_ALL;
    return F_CF | F_PF | F_ZF | F_SF | (m == 1 ? F_OF : 0);
}

#define PR(name, bits, a, b, c, r, fo, mask)                                                  \
    printf("%s%-2d %16llx %16llx %2u -> %16llx %s\n", name, bits, (unsigned long long)(a),   \
           (unsigned long long)(b), c, (unsigned long long)(r), fstr(fo, mask))

#define DSHIFT(insn, dst, src, cnt, fin, fout)                                                \
    __asm__ volatile(ASM_PRE insn " %%cl,%[s],%[d]" ASM_POST                                  \
                     : [d] "+r"(dst), [fo] "=&r"(fout)                                        \
                     : [s] "r"(src), "c"((uint8_t)(cnt)), [fi] "r"((unsigned long)(fin))      \
                     : "cc")
#define DSHIFTI(insn, dst, src, imm, fin, fout)                                               \
    __asm__ volatile(ASM_PRE insn " %[i],%[s],%[d]" ASM_POST                                  \
                     : [d] "+r"(dst), [fo] "=&r"(fout)                                        \
                     : [s] "r"(src), [i] "i"(imm), [fi] "r"((unsigned long)(fin))             \
                     : "cc")

static const uint64_t dv[] = {0x0123456789abcdefULL, 0x8000000000000000ULL, 0xffffffffffffffffULL, 0, 1};
static const uint64_t srcv[] = {0xfedcba9876543210ULL, 0, 0xffffffffffffffffULL, 0x8000000000000001ULL};

#define DS(bits, T, sfx)                                                                      \
    for (unsigned i = 0; i < NELEM(dv); i++)                                                  \
        for (unsigned j = 0; j < NELEM(srcv); j++)                                            \
            for (unsigned k = 0; k < NELEM(counts); k++) {                                    \
                unsigned c = counts[k];                                                       \
                if (!valid(bits, c)) continue;                                                \
                unsigned long fo, fin = ((i + j + k) & 1) ? FIN_ALL : FIN_NONE;               \
                T a = (T)dv[i], b = (T)srcv[j], d;                                            \
                d = a; DSHIFT("shld" sfx, d, b, c, fin, fo); PR("shld", bits, a, b, c, d, fo, defmask(bits, c)); \
                d = a; DSHIFT("shrd" sfx, d, b, c, fin, fo); PR("shrd", bits, a, b, c, d, fo, defmask(bits, c)); \
            }                                                                                 \
    for (unsigned i = 0; i < NELEM(dv); i++) {                                                \
        unsigned long fo, fin = (i & 1) ? FIN_ALL : FIN_NONE;                                 \
        T a = (T)dv[i], b = (T)srcv[i % NELEM(srcv)], d;                                      \
        d = a; DSHIFTI("shld" sfx, d, b, 1, fin, fo); PR("shldi", bits, a, b, 1, d, fo, defmask(bits, 1)); \
        d = a; DSHIFTI("shrd" sfx, d, b, 1, fin, fo); PR("shrdi", bits, a, b, 1, d, fo, defmask(bits, 1)); \
        d = a; DSHIFTI("shld" sfx, d, b, 9, fin, fo); PR("shldi", bits, a, b, 9, d, fo, defmask(bits, 9)); \
        d = a; DSHIFTI("shrd" sfx, d, b, 13, fin, fo); PR("shrdi", bits, a, b, 13, d, fo, defmask(bits, 13)); \
    }

int main(void) {
    DS(16, uint16_t, "w")
    DS(32, uint32_t, "l")
    DS(64, uint64_t, "q")
    /* memory destination */
    static uint64_t m = 0x1111222233334444ULL;
    uint64_t *p = &m, s = 0xaaaabbbbccccddddULL;
    __asm__ volatile("shldq $16,%1,(%0)" : : "r"(p), "r"(s) : "cc", "memory");
    printf("shld mem: %016llx\n", (unsigned long long)m);
    __asm__ volatile("shrdq %%cl,%1,(%0)" : : "r"(p), "r"(s), "c"(8) : "cc", "memory");
    printf("shrd mem: %016llx\n", (unsigned long long)m);
    return 0;
}
