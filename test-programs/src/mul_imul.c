/* MUL and IMUL in all forms: one-operand (8/16/32/64, result in AX / DX:AX /
 * EDX:EAX / RDX:RAX), two-operand, three-operand with imm8 and imm32/imm16.
 * Only CF and OF are defined. */
#include "flags.h"

#define DEF (F_CF | F_OF)

static void one_operand(void) {
    for (unsigned i = 0; i < NELEM(vals8); i++)
        for (unsigned j = 0; j < NELEM(vals8); j++) {
            unsigned long fo;
            uint16_t ax = (uint16_t)(0xab00 | vals8[i]);
            uint8_t s = (uint8_t)vals8[j];
            uint16_t r = ax;
            __asm__ volatile(ASM_PRE "mulb %[s]" ASM_POST : "+a"(r), [fo] "=&r"(fo) : [s] "q"(s), [fi] "r"(FIN_NONE) : "cc");
            printf("mul8  %02x %02x -> %04x %s\n", ax & 0xff, s, r, fstr(fo, DEF));
            r = ax;
            __asm__ volatile(ASM_PRE "imulb %[s]" ASM_POST : "+a"(r), [fo] "=&r"(fo) : [s] "q"(s), [fi] "r"(FIN_ALL) : "cc");
            printf("imul8 %02x %02x -> %04x %s\n", ax & 0xff, s, r, fstr(fo, DEF));
        }
    for (unsigned i = 0; i < NELEM(vals16); i++)
        for (unsigned j = 0; j < NELEM(vals16); j++) {
            unsigned long fo;
            uint16_t a = (uint16_t)vals16[i], s = (uint16_t)vals16[j], lo, hi;
            lo = a; hi = 0x5555;
            __asm__ volatile(ASM_PRE "mulw %[s]" ASM_POST : "+a"(lo), "+d"(hi), [fo] "=&r"(fo) : [s] "r"(s), [fi] "r"(FIN_NONE) : "cc");
            printf("mul16  %04x %04x -> %04x:%04x %s\n", a, s, hi, lo, fstr(fo, DEF));
            lo = a; hi = 0x5555;
            __asm__ volatile(ASM_PRE "imulw %[s]" ASM_POST : "+a"(lo), "+d"(hi), [fo] "=&r"(fo) : [s] "r"(s), [fi] "r"(FIN_ALL) : "cc");
            printf("imul16 %04x %04x -> %04x:%04x %s\n", a, s, hi, lo, fstr(fo, DEF));
        }
    for (unsigned i = 0; i < NELEM(vals32); i++)
        for (unsigned j = 0; j < NELEM(vals32); j++) {
            unsigned long fo;
            uint64_t lo = 0xcccccccc00000000ULL | vals32[i], hi = 0xdddddddddddddddd;
            uint32_t s = (uint32_t)vals32[j];
            __asm__ volatile(ASM_PRE "mull %[s]" ASM_POST : "+a"(lo), "+d"(hi), [fo] "=&r"(fo) : [s] "r"(s), [fi] "r"(FIN_NONE) : "cc");
            printf("mul32  %08llx %08x -> %016llx:%016llx %s\n", (unsigned long long)vals32[i], s,
                   (unsigned long long)hi, (unsigned long long)lo, fstr(fo, DEF));
            lo = 0xcccccccc00000000ULL | vals32[i]; hi = 0xdddddddddddddddd;
            __asm__ volatile(ASM_PRE "imull %[s]" ASM_POST : "+a"(lo), "+d"(hi), [fo] "=&r"(fo) : [s] "r"(s), [fi] "r"(FIN_ALL) : "cc");
            printf("imul32 %08llx %08x -> %016llx:%016llx %s\n", (unsigned long long)vals32[i], s,
                   (unsigned long long)hi, (unsigned long long)lo, fstr(fo, DEF));
        }
    for (unsigned i = 0; i < NELEM(vals64); i++)
        for (unsigned j = 0; j < NELEM(vals64); j++) {
            unsigned long fo;
            uint64_t a = vals64[i], s = vals64[j], lo = a, hi = 7;
            __asm__ volatile(ASM_PRE "mulq %[s]" ASM_POST : "+a"(lo), "+d"(hi), [fo] "=&r"(fo) : [s] "r"(s), [fi] "r"(FIN_NONE) : "cc");
            printf("mul64  %016llx %016llx -> %016llx:%016llx %s\n", (unsigned long long)a,
                   (unsigned long long)s, (unsigned long long)hi, (unsigned long long)lo, fstr(fo, DEF));
            lo = a; hi = 7;
            __asm__ volatile(ASM_PRE "imulq %[s]" ASM_POST : "+a"(lo), "+d"(hi), [fo] "=&r"(fo) : [s] "r"(s), [fi] "r"(FIN_ALL) : "cc");
            printf("imul64 %016llx %016llx -> %016llx:%016llx %s\n", (unsigned long long)a,
                   (unsigned long long)s, (unsigned long long)hi, (unsigned long long)lo, fstr(fo, DEF));
        }
}

#define IMUL2(bits, T, sfx, vals)                                                      \
    for (unsigned i = 0; i < NELEM(vals); i++)                                         \
        for (unsigned j = 0; j < NELEM(vals); j++) {                                   \
            unsigned long fo;                                                          \
            T a = (T)vals[i], b = (T)vals[j], d = a;                                   \
            BINOP("imul" sfx, d, b, (i & 1) ? FIN_ALL : FIN_NONE, fo);                 \
            printf("imul2_%d %16llx %16llx -> %16llx %s\n", bits, (unsigned long long)a, \
                   (unsigned long long)b, (unsigned long long)d, fstr(fo, DEF));        \
        }

#define IMUL3(bits, T, sfx, vals, imm)                                                 \
    for (unsigned i = 0; i < NELEM(vals); i++) {                                       \
        unsigned long fo;                                                              \
        T a = (T)vals[i], d = 0x3c;                                                    \
        __asm__ volatile(ASM_PRE "imul" sfx " %[i],%[s],%[d]" ASM_POST                  \
                         : [d] "=&r"(d), [fo] "=&r"(fo)                                \
                         : [s] "r"(a), [i] "i"(imm), [fi] "r"(FIN_NONE) : "cc");       \
        printf("imul3_%d %16llx %lld -> %16llx %s\n", bits, (unsigned long long)a,     \
               (long long)(imm), (unsigned long long)d, fstr(fo, DEF));                \
    }

int main(void) {
    one_operand();
    IMUL2(16, uint16_t, "w", vals16)
    IMUL2(32, uint32_t, "l", vals32)
    IMUL2(64, uint64_t, "q", vals64)
    IMUL3(16, uint16_t, "w", vals16, 3)
    IMUL3(16, uint16_t, "w", vals16, -128)
    IMUL3(16, uint16_t, "w", vals16, 0x1234)
    IMUL3(32, uint32_t, "l", vals32, 127)
    IMUL3(32, uint32_t, "l", vals32, -1)
    IMUL3(32, uint32_t, "l", vals32, 0x12345)
    IMUL3(64, uint64_t, "q", vals64, 2)
    IMUL3(64, uint64_t, "q", vals64, -2)
    IMUL3(64, uint64_t, "q", vals64, 0x7fffffff)
    IMUL3(64, uint64_t, "q", vals64, -0x80000000LL)
    /* memory operand forms */
    static uint64_t m = 0x100000001ULL;
    uint64_t *p = &m, lo = 0x100000000ULL, hi = 0;
    __asm__ volatile("mulq (%2)" : "+a"(lo), "=d"(hi) : "r"(p) : "cc");
    printf("mulq mem: %016llx:%016llx\n", (unsigned long long)hi, (unsigned long long)lo);
    uint64_t r;
    __asm__ volatile("imulq $-3,(%1),%0" : "=r"(r) : "r"(p) : "cc");
    printf("imul3 mem: %016llx\n", (unsigned long long)r);
    uint32_t r32 = 0xffff;
    __asm__ volatile("imull (%1),%0" : "+r"(r32) : "r"(p) : "cc");
    printf("imul2 mem: %08x\n", r32);
    return 0;
}
