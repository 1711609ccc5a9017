/* SSE/SSE2 conversions under every rounding mode (and DAZ/FTZ): float and double
 * to 32/64-bit integers (rounding and truncating; NaN and out-of-range give the
 * "integer indefinite"), integers to float and double, float <-> double, and the
 * packed forms. Results in hex, with the MXCSR flags each conversion raised. */
#include "sse_common.h"

static const unsigned csrs[] = {0x1f80, 0x3f80, 0x5f80, 0x7f80, 0x1fc0, 0x9f80};

/* Values near integer boundaries: ties, limits of int32 and int64. */
static const double edges[] = {0.5, 1.5, 2.5, -0.5, -1.5, -2.5, 0.49999999999999994, 2147483647.5, 2147483648.0,
                               -2147483648.5, -2147483649.0, 9223372036854774784.0, 9223372036854775808.0,
                               -9223372036854775808.0, -9223372036854777856.0, 4503599627370497.5, 1e-310, -1e-320};

#define TO_INT(insn, reg, width, src, csr)                                                    \
    do {                                                                                      \
        uint64_t r_ = 0x5555555555555555ULL;                                                  \
        unsigned c_ = (csr), o_;                                                              \
        __m128i x_ = ld128(src);                                                              \
        __asm__ volatile("ldmxcsr %[c]\n\t" insn " %[x],%" reg "[r]\n\tstmxcsr %[o]\n\tldmxcsr %[z]" \
                         : [r] "+r"(r_), [o] "=m"(o_)                                         \
                         : [x] "x"(x_), [c] "m"(c_), [z] "m"(csr_default));                  \
        printf("%-10s %d %04x %016llx -> %016llx %04x\n", insn, width, c_, (unsigned long long)(src).lo, \
               (unsigned long long)r_, o_);                                                   \
    } while (0)

#define FROM_INT(insn, reg, width, v, csr)                                                    \
    do {                                                                                      \
        uint64_t v_ = (v);                                                                    \
        unsigned c_ = (csr), o_;                                                              \
        __m128i x_ = ld128(mk(0x1234567812345678ULL, 0x9abcdef09abcdef0ULL));                 \
        __asm__ volatile("ldmxcsr %[c]\n\t" insn " %" reg "[v],%[x]\n\tstmxcsr %[o]\n\tldmxcsr %[z]" \
                         : [x] "+x"(x_), [o] "=m"(o_)                                         \
                         : [v] "r"(v_), [c] "m"(c_), [z] "m"(csr_default));                  \
        printf("%-10s %d %04x %016llx ->", insn, width, c_, (unsigned long long)v_);         \
        pv(st128(x_));                                                                        \
        printf(" %04x\n", o_);                                                                \
    } while (0)

static uint64_t dbits(double d) { uint64_t u; memcpy(&u, &d, 8); return u; }

static uint64_t anyint(void) {
    uint64_t r = rnd64();
    switch (r & 3) {
    case 0: return r >> (r >> 58);
    case 1: return -(r >> (r >> 58));
    case 2: return (1ULL << ((r >> 8) % 64)) + ((r >> 16) & 3) - 2;
    default: return r;
    }
}

#define PACKED(insn, gen)                                                       \
    for (unsigned n = 0; n < 120; n++) {                                        \
        unsigned csr = csrs[n % NELEM(csrs)], fl;                               \
        v128 d = mk(rnd64(), rnd64()), s = gen;                                 \
        XOP(insn, d, s, csr, fl);                                               \
        printf("%-10s %04x", insn, csr);                                        \
        pv(s);                                                                  \
        printf(" ->");                                                          \
        pv(d);                                                                  \
        printf(" %04x\n", fl);                                                  \
    }
#define GEN_PD mk(n < 40 ? dbits(edges[n % NELEM(edges)]) : any64(), any64())
#define GEN_PS mk(any32() | (uint64_t)any32() << 32, any32() | (uint64_t)any32() << 32)
#define GEN_DQ mk(anyint(), anyint())

int main(void) {
    for (unsigned c = 0; c < NELEM(csrs); c++) {
        for (unsigned i = 0; i < NELEM(edges) + NELEM(f64s) + 20; i++) {
            uint64_t v = i < NELEM(edges) ? dbits(edges[i]) : i < NELEM(edges) + NELEM(f64s) ? f64s[i - NELEM(edges)] : any64();
            v128 s = mk(v, 0);
            TO_INT("cvtsd2si", "k", 32, s, csrs[c]);
            TO_INT("cvtsd2si", "q", 64, s, csrs[c]);
            TO_INT("cvttsd2si", "k", 32, s, csrs[c]);
            TO_INT("cvttsd2si", "q", 64, s, csrs[c]);
        }
        for (unsigned i = 0; i < NELEM(f32s) + 30; i++) {
            uint32_t v = i < NELEM(f32s) ? f32s[i] : any32();
            v128 s = mk(v, 0);
            TO_INT("cvtss2si", "k", 32, s, csrs[c]);
            TO_INT("cvtss2si", "q", 64, s, csrs[c]);
            TO_INT("cvttss2si", "k", 32, s, csrs[c]);
            TO_INT("cvttss2si", "q", 64, s, csrs[c]);
        }
        for (unsigned i = 0; i < 30; i++) {
            uint64_t v = anyint();
            FROM_INT("cvtsi2sdl", "k", 32, v, csrs[c]);
            FROM_INT("cvtsi2sdq", "q", 64, v, csrs[c]);
            FROM_INT("cvtsi2ssl", "k", 32, v, csrs[c]);
            FROM_INT("cvtsi2ssq", "q", 64, v, csrs[c]);
        }
    }
    PACKED("cvtsd2ss", mk(any64(), any64()))
    PACKED("cvtss2sd", GEN_PS)
    PACKED("cvtpd2ps", mk(any64(), any64()))
    PACKED("cvtps2pd", GEN_PS)
    PACKED("cvtdq2ps", GEN_DQ)
    PACKED("cvtdq2pd", GEN_DQ)
    PACKED("cvtps2dq", GEN_PS)
    PACKED("cvttps2dq", GEN_PS)
    PACKED("cvtpd2dq", GEN_PD)
    PACKED("cvttpd2dq", GEN_PD)
    return 0;
}
