/* SSE/SSE2/SSE3 floating-point arithmetic: ADD/SUB/MUL/DIV/MIN/MAX/SQRT in SS, SD,
 * PS and PD forms, HADD/HSUB/ADDSUB, over special values (NaN payloads, SNaNs,
 * infinities, denormals, extremes) and random ones, under every rounding mode,
 * flush-to-zero and denormals-are-zero. Each line shows the result bits and the
 * MXCSR the instruction left (its exception flags). RCPPS/RSQRTPS approximations
 * differ between CPUs, so only their error bound and special cases are printed. */
#include "sse_common.h"

static const unsigned csrs[] = {0x1f80, 0x3f80, 0x5f80, 0x7f80, 0x9f80, 0x1fc0, 0x9fc0, 0x1fa0};

#define SCALAR_D(name, insn)                                                    \
    for (unsigned i = 0; i < NELEM(f64s); i++)                                  \
        for (unsigned j = 0; j < NELEM(f64s); j++) {                            \
            unsigned csr = csrs[(i * 3 + j) % NELEM(csrs)], fl;                 \
            v128 d = mk(f64s[i], 0x1111111111111111ULL), s = mk(f64s[j], 5);    \
            XOP(insn, d, s, csr, fl);                                           \
            printf("%s %04x %016llx %016llx ->", name, csr, (unsigned long long)f64s[i], \
                   (unsigned long long)f64s[j]);                                \
            pv(d);                                                              \
            printf(" %04x\n", fl);                                              \
        }

#define SCALAR_S(name, insn)                                                                    \
    for (unsigned i = 0; i < NELEM(f32s); i++)                                                  \
        for (unsigned j = 0; j < NELEM(f32s); j++) {                                            \
            unsigned csr = csrs[(i + j * 5) % NELEM(csrs)], fl;                                 \
            v128 d = mk(0xabcdef0100000000ULL | f32s[i], 0x2222222222222222ULL), s = mk(f32s[j], 7); \
            XOP(insn, d, s, csr, fl);                                                           \
            printf("%s %04x %08x %08x ->", name, csr, f32s[i], f32s[j]);                        \
            pv(d);                                                                              \
            printf(" %04x\n", fl);                                                              \
        }

#define PACKED(name, insn, gen)                                                 \
    for (unsigned n = 0; n < 300; n++) {                                        \
        unsigned csr = csrs[n % NELEM(csrs)], fl;                               \
        v128 d = gen, s = gen, in = d;                                          \
        if (n % 4 == 0) s = mk(d.lo ^ (rnd64() & 3), d.hi ^ 0x8000000080000000ULL); \
        XOP(insn, d, s, csr, fl);                                               \
        printf("%s %04x", name, csr);                                           \
        pv(in);                                                                 \
        pv(s);                                                                  \
        printf(" ->");                                                          \
        pv(d);                                                                  \
        printf(" %04x\n", fl);                                                  \
    }

#define GEN_PD mk(any64(), any64())
#define GEN_PS mk(any32() | (uint64_t)any32() << 32, any32() | (uint64_t)any32() << 32)

static void approximations(void) {
    /* |r * x - 1| <= 1.5 * 2^-12 for normal results (SDM); specials exactly. */
    static const float xs[] = {1, 3, 0.1f, 7e-3f, 123456.7f, -2.5f, 1e30f, 3e-37f, 0.75f, 1.9999f, 65504, -1e-3f};
    for (unsigned k = 0; k < NELEM(xs); k++) {
        float x = xs[k], r, q;
        __m128 v = _mm_set1_ps(x);
        _mm_store_ss(&r, _mm_rcp_ps(v));
        double err = (double)r * x - 1;
        uint32_t xb;
        memcpy(&xb, &x, 4);
        printf("rcpps %08x ok=%d\n", xb, err <= 0x1.8p-12 && err >= -0x1.8p-12);
        if (x > 0) {
            _mm_store_ss(&q, _mm_rsqrt_ss(v));
            double s = 1; /* sqrt(x) by Newton's iteration: no libm */
            for (int it = 0; it < 200; it++) s = (s + x / s) / 2;
            err = (double)q * s - 1;
            printf("rsqrtss %08x ok=%d\n", xb, err <= 0x1.8p-12 && err >= -0x1.8p-12);
        }
    }
    uint32_t sp[4] = {0, 0x80000000, 0x7f800000, 0xff800000}, nn[4] = {0x7fc00001, 0xbf800000, 0x00000001, 0x7f7fffff}, o[4];
    v128 a; unsigned fl;
    memcpy(&a, sp, 16);
    XOP("rcpps", a, a, CSR_DEFAULT, fl);
    memcpy(o, &a, 16);
    printf("rcpps specials %08x %08x %08x %08x %04x\n", o[0], o[1], o[2], o[3], fl);
    memcpy(&a, nn, 16);
    v128 b = a;
    XOP("rsqrtps", b, a, CSR_DEFAULT, fl);
    memcpy(o, &b, 16);
    printf("rsqrtps specials %08x %08x %08x %04x\n", o[0], o[1], o[2], fl);
}

int main(void) {
    SCALAR_D("addsd", "addsd")
    SCALAR_D("subsd", "subsd")
    SCALAR_D("mulsd", "mulsd")
    SCALAR_D("divsd", "divsd")
    SCALAR_D("minsd", "minsd")
    SCALAR_D("maxsd", "maxsd")
    SCALAR_D("sqrtsd", "sqrtsd")
    SCALAR_S("addss", "addss")
    SCALAR_S("subss", "subss")
    SCALAR_S("mulss", "mulss")
    SCALAR_S("divss", "divss")
    SCALAR_S("minss", "minss")
    SCALAR_S("maxss", "maxss")
    SCALAR_S("sqrtss", "sqrtss")
    PACKED("addpd", "addpd", GEN_PD)
    PACKED("subpd", "subpd", GEN_PD)
    PACKED("mulpd", "mulpd", GEN_PD)
    PACKED("divpd", "divpd", GEN_PD)
    PACKED("minpd", "minpd", GEN_PD)
    PACKED("maxpd", "maxpd", GEN_PD)
    PACKED("sqrtpd", "sqrtpd", GEN_PD)
    PACKED("addps", "addps", GEN_PS)
    PACKED("subps", "subps", GEN_PS)
    PACKED("mulps", "mulps", GEN_PS)
    PACKED("divps", "divps", GEN_PS)
    PACKED("minps", "minps", GEN_PS)
    PACKED("maxps", "maxps", GEN_PS)
    PACKED("sqrtps", "sqrtps", GEN_PS)
    PACKED("haddpd", "haddpd", GEN_PD)
    PACKED("hsubpd", "hsubpd", GEN_PD)
    PACKED("addsubpd", "addsubpd", GEN_PD)
    PACKED("haddps", "haddps", GEN_PS)
    PACKED("hsubps", "hsubps", GEN_PS)
    PACKED("addsubps", "addsubps", GEN_PS)
    approximations();
    return 0;
}
