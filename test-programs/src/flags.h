/* Shared helpers for the instruction tests: run one instruction with chosen
 * input flags and capture the output flags.
 *
 * The asm blocks step over the 128-byte red zone before pushing, so they are
 * safe in leaf functions.  Operands are registers only (memory forms take the
 * address in a register), so moving %rsp does not disturb them. */
#ifndef BLINK_TEST_FLAGS_H
#define BLINK_TEST_FLAGS_H

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#define F_CF 0x0001UL
#define F_PF 0x0004UL
#define F_AF 0x0010UL
#define F_ZF 0x0040UL
#define F_SF 0x0080UL
#define F_DF 0x0400UL
#define F_OF 0x0800UL
#define F_ALL (F_CF | F_PF | F_AF | F_ZF | F_SF | F_OF)

/* Input flag states used by most tests: all status flags clear, and all set
 * (the latter shows which flags an instruction preserves). */
#define FIN_NONE 0x0002UL
#define FIN_ALL (0x0002UL | F_ALL)

/* Seven characters: C P A Z S O; upper-case when set, '.' when clear,
 * '-' when the flag is undefined for the instruction (masked out). */
static inline const char *fstr(unsigned long f, unsigned long defined) {
    static char buf[8][8];
    static int slot;
    char *b = buf[slot++ & 7];
    static const struct { unsigned long bit; char c; } t[] = {
        {F_CF, 'C'}, {F_PF, 'P'}, {F_AF, 'A'}, {F_ZF, 'Z'}, {F_SF, 'S'}, {F_OF, 'O'}};
    for (int i = 0; i < 6; i++)
        b[i] = !(defined & t[i].bit) ? '-' : (f & t[i].bit) ? t[i].c : '.';
    b[6] = 0;
    return b;
}

#define ASM_PRE "lea -128(%%rsp),%%rsp\n\tpush %[fi]\n\tpopf\n\t"
#define ASM_POST "\n\tpushf\n\tpop %[fo]\n\tlea 128(%%rsp),%%rsp"

/* dst = dst OP src, two-operand form, any size (type of the variables picks
 * the register names). */
#define BINOP(insn, dst, src, fin, fout)                                   \
    __asm__ volatile(ASM_PRE insn " %[s],%[d]" ASM_POST                    \
                     : [d] "+r"(dst), [fo] "=&r"(fout)                     \
                     : [s] "r"(src), [fi] "r"((unsigned long)(fin))        \
                     : "cc", "memory")

/* one-operand form: dst = OP dst */
#define UNOP(insn, dst, fin, fout)                                         \
    __asm__ volatile(ASM_PRE insn " %[d]" ASM_POST                         \
                     : [d] "+r"(dst), [fo] "=&r"(fout)                     \
                     : [fi] "r"((unsigned long)(fin))                      \
                     : "cc", "memory")

/* shift/rotate by CL */
#define SHIFTCL(insn, dst, cnt, fin, fout)                                 \
    __asm__ volatile(ASM_PRE insn " %%cl,%[d]" ASM_POST                    \
                     : [d] "+r"(dst), [fo] "=&r"(fout)                     \
                     : "c"((uint8_t)(cnt)), [fi] "r"((unsigned long)(fin)) \
                     : "cc", "memory")

/* shift/rotate by an immediate (must be a compile-time constant) */
#define SHIFTIMM(insn, dst, imm, fin, fout)                                \
    __asm__ volatile(ASM_PRE insn " %[i],%[d]" ASM_POST                    \
                     : [d] "+r"(dst), [fo] "=&r"(fout)                     \
                     : [i] "i"(imm), [fi] "r"((unsigned long)(fin))        \
                     : "cc", "memory")

/* Small deterministic PRNG (64-bit LCG, top bits). */
static uint64_t lcg_state = 0x2545F4914F6CDD1DULL;
static inline uint64_t lcg64(void) {
    uint64_t r;
    lcg_state = lcg_state * 6364136223846793005ULL + 1442695040888963407ULL;
    r = lcg_state >> 32;
    lcg_state = lcg_state * 6364136223846793005ULL + 1442695040888963407ULL;
    return (r << 32) | (lcg_state >> 32);
}

/* Interesting values per size. */
static const uint64_t vals8[] = {0, 1, 2, 0x0f, 0x10, 0x3f, 0x40, 0x7e, 0x7f, 0x80, 0x81, 0xa5, 0xfe, 0xff};
static const uint64_t vals16[] = {0, 1, 0x00ff, 0x0100, 0x7ffe, 0x7fff, 0x8000, 0x8001, 0xa55a, 0xfffe, 0xffff};
static const uint64_t vals32[] = {0, 1, 0xff, 0xffff, 0x10000, 0x7fffffff, 0x80000000, 0x80000001, 0xdeadbeef, 0xfffffffe, 0xffffffff};
static const uint64_t vals64[] = {0, 1, 0xffffffff, 0x100000000ULL, 0x7fffffffffffffffULL, 0x8000000000000000ULL,
                                  0x8000000000000001ULL, 0x0123456789abcdefULL, 0xfedcba9876543210ULL,
                                  0xfffffffffffffffeULL, 0xffffffffffffffffULL};
#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

#endif
