/* SSE/SSE2 floating-point comparisons: CMPPS/CMPPD/CMPSS/CMPSD with all eight
 * predicates (lane masks and the invalid flag of the signaling ones), and
 * COMISS/COMISD/UCOMISS/UCOMISD (ZF, PF, CF; OF, SF, AF cleared; IE rules). */
#include "sse_common.h"

#define CMP(insn, pred, d, s, csr)                                     \
    do {                                                               \
        v128 r_ = (d);                                                 \
        unsigned fl_;                                                  \
        XOP(insn " $" #pred ",", r_, s, csr, fl_);                     \
        printf("%s %d", insn, pred);                                   \
        pv(d);                                                         \
        pv(s);                                                         \
        printf(" ->");                                                 \
        pv(r_);                                                        \
        printf(" %04x\n", fl_);                                        \
    } while (0)
#define CMPALL(insn, d, s, csr) \
    CMP(insn, 0, d, s, csr); CMP(insn, 1, d, s, csr); CMP(insn, 2, d, s, csr); CMP(insn, 3, d, s, csr); \
    CMP(insn, 4, d, s, csr); CMP(insn, 5, d, s, csr); CMP(insn, 6, d, s, csr); CMP(insn, 7, d, s, csr)

/* COMIS-style: flags out, input flags all set so cleared ones show. */
#define COMI(insn, a, b, csr)                                                                       \
    do {                                                                                            \
        __m128i a_ = ld128(a), b_ = ld128(b);                                                       \
        static unsigned c_, o_; /* static: %rsp moves inside the asm */                          \
        unsigned long f_;                                                                           \
        c_ = (csr);                                                                           \
        __asm__ volatile("lea -128(%%rsp),%%rsp\n\tpushq $0x8d7\n\tpopfq\n\tldmxcsr %[c]\n\t" insn \
                         " %[b],%[a]\n\tpushfq\n\tpopq %[f]\n\tstmxcsr %[o]\n\tldmxcsr %[z]\n\tlea 128(%%rsp),%%rsp" \
                         : [f] "=&r"(f_), [o] "=m"(o_)                                              \
                         : [a] "x"(a_), [b] "x"(b_), [c] "m"(c_), [z] "m"(csr_default)              \
                         : "cc", "memory");                                                         \
        printf("%s %016llx %016llx -> %03lx %04x\n", insn, (unsigned long long)(a).lo,             \
               (unsigned long long)(b).lo, f_ & 0x8d5, o_);                                         \
    } while (0)

int main(void) {
    static const unsigned csrs[] = {0x1f80, 0x1fc0, 0x1f80};
    for (unsigned i = 0; i < NELEM(f64s); i++)
        for (unsigned j = 0; j < NELEM(f64s); j += 2) {
            v128 a = mk(f64s[i], 0x77), b = mk(f64s[j], 0x88);
            unsigned csr = csrs[(i + j) % 3];
            CMPALL("cmpsd", a, b, csr);
            COMI("comisd", a, b, csr);
            COMI("ucomisd", a, b, csr);
        }
    for (unsigned i = 0; i < NELEM(f32s); i++)
        for (unsigned j = 1; j < NELEM(f32s); j += 2) {
            v128 a = mk(0x1234567800000000ULL | f32s[i], 0x77), b = mk(f32s[j], 0x88);
            unsigned csr = csrs[(i + j) % 3];
            CMPALL("cmpss", a, b, csr);
            COMI("comiss", a, b, csr);
            COMI("ucomiss", a, b, csr);
        }
    for (int n = 0; n < 60; n++) {
        v128 a = mk(any64(), any64()), b = n & 1 ? a : mk(any64(), any64());
        CMPALL("cmppd", a, b, csrs[n % 3]);
        a = mk(any32() | (uint64_t)any32() << 32, any32() | (uint64_t)any32() << 32);
        b = n & 1 ? mk(a.lo ^ 1, a.hi) : mk(any32() | (uint64_t)any32() << 32, any32() | (uint64_t)any32() << 32);
        CMPALL("cmpps", a, b, csrs[n % 3]);
    }
    return 0;
}
