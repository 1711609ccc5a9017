/* AND/OR/XOR/TEST/NOT results and flags at 8/16/32/64 bits (AF is undefined). */
#include "flags.h"

#define DEF (F_ALL & ~F_AF)
#define PR(name, bits, a, b, r, fo, mask)                                              \
    printf("%-4s %2d %16llx %16llx -> %16llx %s\n", name, bits, (unsigned long long)(a), \
           (unsigned long long)(b), (unsigned long long)(r), fstr(fo, mask))

#define LOGIC(bits, T, sfx, vals)                                                      \
    for (unsigned i = 0; i < NELEM(vals); i++)                                         \
        for (unsigned j = 0; j < NELEM(vals); j++) {                                   \
            unsigned long fo, fin = ((i ^ j) & 1) ? FIN_ALL : FIN_NONE;                \
            T a = (T)vals[i], b = (T)vals[j], d;                                       \
            d = a; BINOP("and" sfx, d, b, fin, fo); PR("and", bits, a, b, d, fo, DEF); \
            d = a; BINOP("or" sfx, d, b, fin, fo); PR("or", bits, a, b, d, fo, DEF);   \
            d = a; BINOP("xor" sfx, d, b, fin, fo); PR("xor", bits, a, b, d, fo, DEF); \
            d = a; BINOP("test" sfx, d, b, fin, fo); PR("test", bits, a, b, d, fo, DEF); \
        }                                                                              \
    for (unsigned i = 0; i < NELEM(vals); i++) {                                       \
        unsigned long fo;                                                              \
        T a = (T)vals[i], d = a;                                                       \
        UNOP("not" sfx, d, (i & 1) ? FIN_ALL : FIN_NONE, fo);                          \
        PR("not", bits, a, 0, d, fo, F_ALL);                                           \
    }

int main(void) {
    LOGIC(8, uint8_t, "b", vals8)
    LOGIC(16, uint16_t, "w", vals16)
    LOGIC(32, uint32_t, "l", vals32)
    LOGIC(64, uint64_t, "q", vals64)

    /* sign-extended immediates and zero-extension of 32-bit results */
    uint64_t q = 0xffffffffffffffffULL;
    unsigned long fo;
    __asm__ volatile(ASM_PRE "andq $-16,%[d]" ASM_POST : [d] "+r"(q), [fo] "=&r"(fo) : [fi] "r"(FIN_NONE) : "cc");
    PR("andi", 64, -1LL, -16LL, q, fo, DEF);
    q = 0xffffffffffffffffULL;
    __asm__ volatile(ASM_PRE "andl $0x7fffffff,%k[d]" ASM_POST : [d] "+r"(q), [fo] "=&r"(fo) : [fi] "r"(FIN_NONE) : "cc");
    PR("andl", 64, -1LL, 0x7fffffff, q, fo, DEF);
    q = 0x8000000000000000ULL;
    __asm__ volatile(ASM_PRE "orq $-0x80000000,%[d]" ASM_POST : [d] "+r"(q), [fo] "=&r"(fo) : [fi] "r"(FIN_ALL) : "cc");
    PR("ori", 64, 0x8000000000000000ULL, -0x80000000LL, q, fo, DEF);
    q = 0x5555555555555555ULL;
    __asm__ volatile(ASM_PRE "xorl %k[d],%k[d]" ASM_POST : [d] "+r"(q), [fo] "=&r"(fo) : [fi] "r"(FIN_ALL) : "cc");
    PR("xorl", 64, 0x5555555555555555ULL, 0, q, fo, DEF);
    q = 0x00000000000000f0ULL;
    __asm__ volatile(ASM_PRE "testb $0x80,%b[d]" ASM_POST : [d] "+q"(q), [fo] "=&r"(fo) : [fi] "r"(FIN_NONE) : "cc");
    PR("testi", 8, 0xf0, 0x80, q, fo, DEF);
    q = 0xffffffffffffffffULL;
    __asm__ volatile("notl %k0" : "+r"(q));
    printf("notl zext: %016llx\n", (unsigned long long)q);
    q = 0x1234;
    __asm__ volatile("notw %w0" : "+r"(q));
    printf("notw: %016llx\n", (unsigned long long)q);

    /* memory forms with lock */
    static uint32_t m[2] = {0xf0f0f0f0, 0};
    uint32_t *p = m;
    __asm__ volatile(ASM_PRE "lock xorl $0xffffffff,(%[p])" ASM_POST : [fo] "=&r"(fo) : [p] "r"(p), [fi] "r"(FIN_NONE) : "cc", "memory");
    printf("lock xor mem: %08x %s\n", m[0], fstr(fo, DEF));
    __asm__ volatile(ASM_PRE "lock orb $0x80,4(%[p])" ASM_POST : [fo] "=&r"(fo) : [p] "r"(p), [fi] "r"(FIN_NONE) : "cc", "memory");
    printf("lock or mem: %08x %s\n", m[1], fstr(fo, DEF));
    __asm__ volatile(ASM_PRE "lock andw $0,(%[p])" ASM_POST : [fo] "=&r"(fo) : [p] "r"(p), [fi] "r"(FIN_NONE) : "cc", "memory");
    printf("lock and mem: %08x %s\n", m[0], fstr(fo, DEF));
    return 0;
}
