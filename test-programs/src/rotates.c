/* ROL/ROR/RCL/RCR by CL and by immediates, all sizes, with CF in 0 and 1.
 * CF is defined for every non-zero masked count; OF only for a count of 1;
 * SF/ZF/AF/PF are never changed. */
#include "flags.h"

static const unsigned counts[] = {0, 1, 2, 3, 7, 8, 9, 10, 15, 16, 17, 18, 31, 32, 33, 63, 64, 65, 200};

static unsigned long defmask(unsigned bits, unsigned cnt) {
    unsigned m = cnt & (bits == 64 ? 63 : 31);
    return m == 1 || m == 0 ? F_ALL : (F_ALL & ~F_OF);
}

#define PR(name, bits, a, c, cin, r, fo, mask)                                          \
    printf("%s%-2d %16llx %3u c%d -> %16llx %s\n", name, bits, (unsigned long long)(a), c, cin, \
           (unsigned long long)(r), fstr(fo, mask))

static const uint64_t sv[] = {0x0123456789abcdefULL, 0x8000000000000001ULL, 0xffffffffffffffffULL,
                              0x4000000000000000ULL, 1, 0, 0xc3c3c3c3c3c3c3c3ULL};

#define ROTS(bits, T, sfx)                                                             \
    for (unsigned i = 0; i < NELEM(sv); i++)                                           \
        for (unsigned k = 0; k < NELEM(counts); k++)                                   \
            for (int cin = 0; cin < 2; cin++) {                                        \
                unsigned c = counts[k];                                                \
                /* vary the other input flags too, to see they are preserved */      \
                unsigned long fo, fin = (((i + k) & 1) ? FIN_ALL & ~F_CF : FIN_NONE) | (cin ? F_CF : 0); \
                unsigned long dm = defmask(bits, c);                                   \
                T a = (T)sv[i], d;                                                     \
                d = a; SHIFTCL("rol" sfx, d, c, fin, fo); PR("rol", bits, a, c, cin, d, fo, dm); \
                d = a; SHIFTCL("ror" sfx, d, c, fin, fo); PR("ror", bits, a, c, cin, d, fo, dm); \
                d = a; SHIFTCL("rcl" sfx, d, c, fin, fo); PR("rcl", bits, a, c, cin, d, fo, dm); \
                d = a; SHIFTCL("rcr" sfx, d, c, fin, fo); PR("rcr", bits, a, c, cin, d, fo, dm); \
            }                                                                          \
    for (unsigned i = 0; i < NELEM(sv); i++)                                           \
        for (int cin = 0; cin < 2; cin++) {                                            \
            unsigned long fo, fin = FIN_NONE | (cin ? F_CF : 0);                       \
            T a = (T)sv[i], d;                                                         \
            d = a; SHIFTIMM("rol" sfx, d, 1, fin, fo); PR("rol1_", bits, a, 1, cin, d, fo, F_ALL); \
            d = a; SHIFTIMM("ror" sfx, d, 1, fin, fo); PR("ror1_", bits, a, 1, cin, d, fo, F_ALL); \
            d = a; SHIFTIMM("rcl" sfx, d, 1, fin, fo); PR("rcl1_", bits, a, 1, cin, d, fo, F_ALL); \
            d = a; SHIFTIMM("rcr" sfx, d, 1, fin, fo); PR("rcr1_", bits, a, 1, cin, d, fo, F_ALL); \
            d = a; SHIFTIMM("rol" sfx, d, 4, fin, fo); PR("roli_", bits, a, 4, cin, d, fo, defmask(bits, 4)); \
            d = a; SHIFTIMM("ror" sfx, d, 3, fin, fo); PR("rori_", bits, a, 3, cin, d, fo, defmask(bits, 3)); \
            d = a; SHIFTIMM("rcl" sfx, d, 5, fin, fo); PR("rcli_", bits, a, 5, cin, d, fo, defmask(bits, 5)); \
            d = a; SHIFTIMM("rcr" sfx, d, 6, fin, fo); PR("rcri_", bits, a, 6, cin, d, fo, defmask(bits, 6)); \
        }

int main(void) {
    ROTS(8, uint8_t, "b")
    ROTS(16, uint16_t, "w")
    ROTS(32, uint32_t, "l")
    ROTS(64, uint64_t, "q")
    uint64_t q = 0xffffffff00000001ULL;
    __asm__ volatile("roll $0,%k0" : "+r"(q) : : "cc");
    printf("roll $0 zext: %016llx\n", (unsigned long long)q);
    q = 0x1234;
    __asm__ volatile("rolw $8,%w0" : "+r"(q) : : "cc");
    printf("rolw 8 (byte swap): %016llx\n", (unsigned long long)q);
    return 0;
}
