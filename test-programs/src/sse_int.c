/* SSE2 packed integer instructions (and the bitwise/shuffle SSE ones): wrapping
 * and saturating add/sub, compares, min/max, multiplies, averages, PSADBW,
 * logic, unpacks, packs, shuffles, shifts by register and by immediate, byte
 * shifts, sign masks, PEXTRW/PINSRW; register and memory source forms. */
#include "sse_common.h"

/* Lane-boundary values: each byte drawn from a small set, or random bits. */
static uint64_t intv(void) {
    static const uint8_t bytes[] = {0x00, 0x01, 0x7f, 0x80, 0x81, 0xfe, 0xff, 0x40};
    uint64_t r = rnd64(), v = 0;
    switch (r & 3) {
    case 0:
        for (int b = 0; b < 8; b++) v |= (uint64_t)bytes[(rnd64() >> 20) & 7] << (8 * b);
        return v;
    case 1: return rnd64() >> (r >> 58);
    default: return rnd64();
    }
}

#define TWO(insn)                                                          \
    for (int n = 0; n < 40; n++) {                                         \
        v128 d = mk(intv(), intv()), s = mk(intv(), intv()), in = d;       \
        unsigned fl;                                                       \
        if (n & 1) XOP(insn, d, s, CSR_DEFAULT, fl);                       \
        else XOPM(insn, d, s, CSR_DEFAULT, fl);                            \
        printf("%-10s", insn);                                             \
        pv(in);                                                            \
        pv(s);                                                             \
        printf(" ->");                                                     \
        pv(d);                                                             \
        printf("\n");                                                      \
        (void)fl;                                                          \
    }

/* Shifts by an xmm count: mostly small counts, sometimes huge ones. */
#define SHIFTX(insn)                                                                       \
    for (int n = 0; n < 24; n++) {                                                         \
        uint64_t cnt = n < 18 ? (uint64_t)n * 4 % 70 : n == 18 ? 1ULL << 32 : rnd64();       \
        v128 d = mk(intv(), intv()), s = mk(cnt, rnd64()), in = d;                         \
        unsigned fl;                                                                       \
        XOP(insn, d, s, CSR_DEFAULT, fl);                                                  \
        printf("%-10s %llx", insn, (unsigned long long)cnt);                               \
        pv(in);                                                                            \
        printf(" ->");                                                                     \
        pv(d);                                                                             \
        printf("\n");                                                                      \
        (void)fl;                                                                          \
    }

/* Shifts by an immediate: one-operand form. */
#define SHIFTI(insn, imm)                                                     \
    for (int n = 0; n < 4; n++) {                                             \
        __m128i a_ = ld128(mk(intv(), intv()));                               \
        v128 in = st128(a_);                                                  \
        __asm__ volatile(insn " $" #imm ",%0" : "+x"(a_));                    \
        printf("%-8s %3d", insn, imm);                                        \
        pv(in);                                                               \
        printf(" ->");                                                        \
        pv(st128(a_));                                                        \
        printf("\n");                                                         \
    }
#define SHIFTS(insn) SHIFTI(insn, 0) SHIFTI(insn, 1) SHIFTI(insn, 3) SHIFTI(insn, 7) SHIFTI(insn, 8) \
    SHIFTI(insn, 15) SHIFTI(insn, 16) SHIFTI(insn, 31) SHIFTI(insn, 32) SHIFTI(insn, 63) SHIFTI(insn, 64) SHIFTI(insn, 200)

#define IMM(insn, imm)                                                        \
    for (int n = 0; n < 4; n++) {                                             \
        v128 d = mk(intv(), intv()), s = mk(intv(), intv()), in = d;          \
        unsigned fl;                                                          \
        XOP(insn " $" #imm ",", d, s, CSR_DEFAULT, fl);                       \
        printf("%-8s %3d", insn, imm);                                        \
        pv(in);                                                               \
        pv(s);                                                                \
        printf(" ->");                                                        \
        pv(d);                                                                \
        printf("\n");                                                         \
        (void)fl;                                                             \
    }
#define IMMS(insn) IMM(insn, 0) IMM(insn, 1) IMM(insn, 0x1b) IMM(insn, 0x4e) IMM(insn, 0xb1) IMM(insn, 0xe4) IMM(insn, 0xff) IMM(insn, 2)

static void masks(void) {
    for (int n = 0; n < 32; n++) {
        __m128i v = ld128(mk(intv(), intv()));
        unsigned long a, b, c, e;
        __asm__("pmovmskb %1,%0" : "=r"(a) : "x"(v));
        __asm__("movmskps %1,%0" : "=r"(b) : "x"(v));
        __asm__("movmskpd %1,%0" : "=r"(c) : "x"(v));
        __asm__("pextrw $5,%1,%k0" : "=r"(e) : "x"(v));
        printf("masks");
        pv(st128(v));
        printf(" -> %lx %lx %lx %lx", a, b, c, e);
        __asm__("pextrw $0,%1,%k0" : "=r"(e) : "x"(v));
        printf(" %lx", e);
        unsigned w = (unsigned)rnd64();
        __asm__("pinsrw $3,%1,%0" : "+x"(v) : "r"(w));
        static uint16_t m16;
        m16 = (uint16_t)rnd64();
        __asm__("pinsrw $7,%1,%0" : "+x"(v) : "m"(m16));
        pv(st128(v));
        printf("\n");
    }
}

int main(void) {
    TWO("pand") TWO("pandn") TWO("por") TWO("pxor")
    TWO("andps") TWO("andnps") TWO("orps") TWO("xorps") TWO("andpd") TWO("andnpd") TWO("orpd") TWO("xorpd")
    TWO("paddb") TWO("paddw") TWO("paddd") TWO("paddq") TWO("psubb") TWO("psubw") TWO("psubd") TWO("psubq")
    TWO("paddsb") TWO("paddsw") TWO("paddusb") TWO("paddusw") TWO("psubsb") TWO("psubsw") TWO("psubusb") TWO("psubusw")
    TWO("pcmpeqb") TWO("pcmpeqw") TWO("pcmpeqd") TWO("pcmpgtb") TWO("pcmpgtw") TWO("pcmpgtd")
    TWO("pminub") TWO("pmaxub") TWO("pminsw") TWO("pmaxsw")
    TWO("pmullw") TWO("pmulhw") TWO("pmulhuw") TWO("pmuludq") TWO("pmaddwd")
    TWO("pavgb") TWO("pavgw") TWO("psadbw")
    TWO("punpcklbw") TWO("punpcklwd") TWO("punpckldq") TWO("punpcklqdq")
    TWO("punpckhbw") TWO("punpckhwd") TWO("punpckhdq") TWO("punpckhqdq")
    TWO("unpcklps") TWO("unpckhps") TWO("unpcklpd") TWO("unpckhpd")
    TWO("packsswb") TWO("packuswb") TWO("packssdw")
    SHIFTX("psrlw") SHIFTX("psrld") SHIFTX("psrlq") SHIFTX("psraw") SHIFTX("psrad") SHIFTX("psllw") SHIFTX("pslld") SHIFTX("psllq")
    SHIFTS("psrlw") SHIFTS("psrld") SHIFTS("psrlq") SHIFTS("psraw") SHIFTS("psrad") SHIFTS("psllw") SHIFTS("pslld") SHIFTS("psllq")
    SHIFTS("psrldq") SHIFTS("pslldq")
    IMMS("pshufd") IMMS("pshuflw") IMMS("pshufhw") IMMS("shufps") IMMS("shufpd")
    masks();
    return 0;
}
