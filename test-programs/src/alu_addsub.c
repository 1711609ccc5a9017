/* ADD/ADC/SUB/SBB/CMP/NEG/INC/DEC results and flags at 8/16/32/64 bits. */
#include "flags.h"

#define PR(name, bits, a, b, cin, r, fo, mask)                                        \
    printf("%-6s %2d %16llx %16llx c%d -> %16llx %s\n", name, bits, (unsigned long long)(a), \
           (unsigned long long)(b), (int)(cin), (unsigned long long)(r), fstr(fo, mask))

#define BIN_ALL(bits, T, sfx, vals)                                                    \
    for (unsigned i = 0; i < NELEM(vals); i++)                                         \
        for (unsigned j = 0; j < NELEM(vals); j++) {                                   \
            unsigned long fo;                                                          \
            T a = (T)vals[i], b = (T)vals[j], d;                                       \
            unsigned long fin = ((i + j) & 1) ? FIN_ALL : FIN_NONE;                    \
            d = a; BINOP("add" sfx, d, b, fin, fo); PR("add", bits, a, b, fin & 1, d, fo, F_ALL); \
            d = a; BINOP("sub" sfx, d, b, fin, fo); PR("sub", bits, a, b, fin & 1, d, fo, F_ALL); \
            d = a; BINOP("cmp" sfx, d, b, fin, fo); PR("cmp", bits, a, b, fin & 1, d, fo, F_ALL); \
            for (int c = 0; c < 2; c++) {                                              \
                unsigned long f2 = c ? (FIN_NONE | F_CF) : (FIN_ALL & ~F_CF);          \
                d = a; BINOP("adc" sfx, d, b, f2, fo); PR("adc", bits, a, b, c, d, fo, F_ALL); \
                d = a; BINOP("sbb" sfx, d, b, f2, fo); PR("sbb", bits, a, b, c, d, fo, F_ALL); \
            }                                                                          \
        }                                                                              \
    for (unsigned i = 0; i < NELEM(vals); i++)                                         \
        for (int c = 0; c < 2; c++) {                                                  \
            unsigned long fo, fin = c ? FIN_ALL : FIN_NONE;                            \
            T a = (T)vals[i], d;                                                       \
            d = a; UNOP("neg" sfx, d, fin, fo); PR("neg", bits, a, 0, c, d, fo, F_ALL); \
            d = a; UNOP("inc" sfx, d, fin, fo); PR("inc", bits, a, 0, c, d, fo, F_ALL); \
            d = a; UNOP("dec" sfx, d, fin, fo); PR("dec", bits, a, 0, c, d, fo, F_ALL); \
        }

/* immediate forms, including sign-extended imm8 and imm32 */
static void immediates(void) {
    unsigned long fo;
    uint64_t q;
    uint32_t l;
    uint16_t w;
    uint8_t b;
    q = 5; __asm__ volatile(ASM_PRE "addq $-1,%[d]" ASM_POST : [d] "+r"(q), [fo] "=&r"(fo) : [fi] "r"(FIN_NONE) : "cc");
    PR("addi8", 64, 5, -1, 0, q, fo, F_ALL);
    q = 5; __asm__ volatile(ASM_PRE "addq $-0x80000000,%[d]" ASM_POST : [d] "+r"(q), [fo] "=&r"(fo) : [fi] "r"(FIN_NONE) : "cc");
    PR("addi32", 64, 5, 0xffffffff80000000ULL, 0, q, fo, F_ALL);
    q = 0x7fffffffffffffffULL; __asm__ volatile(ASM_PRE "subq $0x7fffffff,%[d]" ASM_POST : [d] "+r"(q), [fo] "=&r"(fo) : [fi] "r"(FIN_NONE) : "cc");
    PR("subi32", 64, 0x7fffffffffffffffULL, 0x7fffffff, 0, q, fo, F_ALL);
    l = 0xffffff00; __asm__ volatile(ASM_PRE "addl $0x100,%[d]" ASM_POST : [d] "+r"(l), [fo] "=&r"(fo) : [fi] "r"(FIN_NONE) : "cc");
    PR("addi32", 32, 0xffffff00, 0x100, 0, l, fo, F_ALL);
    w = 0x8000; __asm__ volatile(ASM_PRE "subw $1,%[d]" ASM_POST : [d] "+r"(w), [fo] "=&r"(fo) : [fi] "r"(FIN_NONE) : "cc");
    PR("subi8", 16, 0x8000, 1, 0, w, fo, F_ALL);
    w = 0x1234; __asm__ volatile(ASM_PRE "adcw $0x7ff0,%[d]" ASM_POST : [d] "+r"(w), [fo] "=&r"(fo) : [fi] "r"(FIN_NONE | F_CF) : "cc");
    PR("adci16", 16, 0x1234, 0x7ff0, 1, w, fo, F_ALL);
    b = 0x80; __asm__ volatile(ASM_PRE "sbbb $0,%[d]" ASM_POST : [d] "+q"(b), [fo] "=&r"(fo) : [fi] "r"(FIN_NONE | F_CF) : "cc");
    PR("sbbi8", 8, 0x80, 0, 1, b, fo, F_ALL);
    b = 0x7f; __asm__ volatile(ASM_PRE "cmpb $0x80,%[d]" ASM_POST : [d] "+q"(b), [fo] "=&r"(fo) : [fi] "r"(FIN_NONE) : "cc");
    PR("cmpi8", 8, 0x7f, 0x80, 0, b, fo, F_ALL);
    /* accumulator short forms */
    q = 1; __asm__ volatile(ASM_PRE "addq $0x7fffffff,%%rax" ASM_POST : "+a"(q), [fo] "=&r"(fo) : [fi] "r"(FIN_NONE) : "cc");
    PR("addrax", 64, 1, 0x7fffffff, 0, q, fo, F_ALL);
    b = 0xff; __asm__ volatile(ASM_PRE "addb $1,%%al" ASM_POST : "+a"(b), [fo] "=&r"(fo) : [fi] "r"(FIN_NONE) : "cc");
    PR("addal", 8, 0xff, 1, 0, b, fo, F_ALL);
    /* 32-bit ops zero the upper half of the 64-bit register */
    q = 0xffffffffffffffffULL;
    __asm__ volatile("addl $1,%k0" : "+r"(q) : : "cc");
    printf("zext add32: %016llx\n", (unsigned long long)q);
    q = 0xffffffff00000000ULL;
    __asm__ volatile("subl $1,%k0" : "+r"(q) : : "cc");
    printf("zext sub32: %016llx\n", (unsigned long long)q);
    /* 8/16-bit ops preserve the rest of the register */
    q = 0x1122334455667788ULL;
    __asm__ volatile("addb $0x90,%b0\n\taddw $0x1000,%w0" : "+q"(q) : : "cc");
    printf("partial: %016llx\n", (unsigned long long)q);
    q = 0x1122334455667788ULL;
    __asm__ volatile("addb $0x90,%h0" : "+Q"(q) : : "cc");
    printf("high byte: %016llx\n", (unsigned long long)q);
}

/* memory destination forms */
static void memory_forms(void) {
    static uint64_t m[4] = {0xffffffffffffffffULL, 0x7fffffff, 0x80, 0x1234};
    unsigned long fo;
    uint64_t *p = m;
    __asm__ volatile(ASM_PRE "addq $1,(%[p])" ASM_POST : [fo] "=&r"(fo) : [p] "r"(p), [fi] "r"(FIN_NONE) : "cc", "memory");
    printf("mem addq: %016llx %s\n", (unsigned long long)m[0], fstr(fo, F_ALL));
    __asm__ volatile(ASM_PRE "incl 8(%[p])" ASM_POST : [fo] "=&r"(fo) : [p] "r"(p), [fi] "r"(FIN_ALL) : "cc", "memory");
    printf("mem incl: %016llx %s\n", (unsigned long long)m[1], fstr(fo, F_ALL));
    __asm__ volatile(ASM_PRE "negb 16(%[p])" ASM_POST : [fo] "=&r"(fo) : [p] "r"(p), [fi] "r"(FIN_NONE) : "cc", "memory");
    printf("mem negb: %016llx %s\n", (unsigned long long)m[2], fstr(fo, F_ALL));
    __asm__ volatile(ASM_PRE "lock subw $0x1235,24(%[p])" ASM_POST : [fo] "=&r"(fo) : [p] "r"(p), [fi] "r"(FIN_NONE) : "cc", "memory");
    printf("mem lock subw: %016llx %s\n", (unsigned long long)m[3], fstr(fo, F_ALL));
    uint64_t r = 3;
    __asm__ volatile(ASM_PRE "subq (%[p]),%[r]" ASM_POST : [r] "+r"(r), [fo] "=&r"(fo) : [p] "r"(p), [fi] "r"(FIN_NONE) : "cc", "memory");
    printf("reg-mem subq: %016llx %s\n", (unsigned long long)r, fstr(fo, F_ALL));
}

int main(void) {
    BIN_ALL(8, uint8_t, "b", vals8)
    BIN_ALL(16, uint16_t, "w", vals16)
    BIN_ALL(32, uint32_t, "l", vals32)
    BIN_ALL(64, uint64_t, "q", vals64)
    immediates();
    memory_forms();
    return 0;
}
