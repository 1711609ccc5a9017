/* x87 FPU, instruction by instruction: constants under every rounding control,
 * stack overflow and underflow, FXCH/FFREE/FINCSTP, FCMOVcc, control and status
 * words, FBLD/FBSTP, FISTTP, the state images of FNSTENV, FNSAVE and FXSAVE (all
 * but the last-instruction pointers, which differ between CPU vendors) and their
 * restores, then long double arithmetic through the C library. Every value is
 * printed as raw hex (and long doubles also with %La and %.21Lg). */
#include <fenv.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct { uint64_t m; uint16_t e; } __attribute__((packed)) f80;

static f80 mk(uint16_t e, uint64_t m) { f80 r; r.m = m; r.e = e; return r; }
static void pf(const char *what, f80 v) { printf("%-34s %04x:%016llx\n", what, v.e, (unsigned long long)v.m); }
static void ps(const char *what, uint16_t sw) { printf("%-34s sw=%04x\n", what, sw); }

#define CLOB "memory", "st", "st(1)", "st(2)", "st(3)", "st(4)", "st(5)", "st(6)", "st(7)"

static void constants(void) {
    static const char *names[] = {"fld1", "fldl2t", "fldl2e", "fldpi", "fldlg2", "fldln2", "fldz"};
    for (int rc = 0; rc < 4; rc++) {
        uint16_t cw = 0x037f | rc << 10;
        f80 r[7];
        uint16_t sw;
        __asm__ volatile("fninit\n\tfldcw %[cw]\n\t"
                         "fldz\n\tfldln2\n\tfldlg2\n\tfldpi\n\tfldl2e\n\tfldl2t\n\tfld1\n\tfnstsw %[sw]\n\t"
                         "fstpt %[r0]\n\tfstpt %[r1]\n\tfstpt %[r2]\n\tfstpt %[r3]\n\tfstpt %[r4]\n\t"
                         "fstpt %[r5]\n\tfstpt %[r6]\n\tfninit"
                         : [r0] "=m"(r[0]), [r1] "=m"(r[1]), [r2] "=m"(r[2]), [r3] "=m"(r[3]),
                           [r4] "=m"(r[4]), [r5] "=m"(r[5]), [r6] "=m"(r[6]), [sw] "=m"(sw)
                         : [cw] "m"(cw)
                         : CLOB);
        for (int k = 0; k < 7; k++) {
            char buf[40];
            snprintf(buf, sizeof buf, "%s rc=%d", names[k], rc);
            pf(buf, r[k]);
        }
        ps("constants sw", sw);
    }
}

/* Stack faults: overflow pushes the indefinite, underflow reads it, C1 tells them apart. */
static void stack_faults(void) {
    f80 r0, r1;
    uint16_t sw1, sw2, sw3;
    __asm__ volatile("fninit\n\tfld1\n\tfld1\n\tfld1\n\tfld1\n\tfld1\n\tfld1\n\tfld1\n\tfld1\n\t"
                     "fnstsw %[s1]\n\tfldpi\n\tfnstsw %[s2]\n\tfstpt %[r0]\n\tfnclex\n\t"
                     "fstpt %[r1]\n\tfnstsw %[s3]\n\tfninit"
                     : [r0] "=m"(r0), [r1] "=m"(r1), [s1] "=m"(sw1), [s2] "=m"(sw2), [s3] "=m"(sw3)::CLOB);
    ps("eight loads", sw1);
    ps("ninth load (overflow)", sw2);
    pf("overflowed register", r0);
    pf("next register", r1);
    ps("after stores", sw3);

    float m32 = 1.0f;
    double m64 = 1.0;
    int16_t i16 = 1;
    int32_t i32 = 1;
    int64_t i64 = 1;
    f80 m80 = mk(1, 1);
    unsigned char bcd[10];
    memset(bcd, 0x11, sizeof bcd);
    __asm__ volatile("fninit\n\tfsts %[m32]\n\tfnstsw %[s1]\n\tfnclex\n\tfstl %[m64]\n\tfnclex\n\t"
                     "fstpt %[m80]\n\tfnclex\n\tfists %[i16]\n\tfnclex\n\tfistl %[i32]\n\tfnclex\n\t"
                     "fistpll %[i64]\n\tfnclex\n\tfbstp %[bcd]\n\tfnstsw %[s2]\n\tfninit"
                     : [m32] "=m"(m32), [m64] "=m"(m64), [m80] "=m"(m80), [i16] "=m"(i16), [i32] "=m"(i32),
                       [i64] "=m"(i64), [bcd] "=m"(bcd), [s1] "=m"(sw1), [s2] "=m"(sw2)::CLOB);
    uint32_t b32;
    uint64_t b64;
    memcpy(&b32, &m32, 4);
    memcpy(&b64, &m64, 8);
    printf("stores from empty: m32=%08x m64=%016llx m80=%04x:%016llx i16=%04x i32=%08x i64=%016llx\n", b32,
           (unsigned long long)b64, m80.e, (unsigned long long)m80.m, (uint16_t)i16, (uint32_t)i32,
           (unsigned long long)i64);
    printf("bcd:");
    for (int k = 9; k >= 0; k--) printf(" %02x", bcd[k]);
    printf("\n");
    ps("first store", sw1);
    ps("last store", sw2);

    uint16_t sws[8];
    __asm__ volatile("fninit\n\tfld1\n\tfadd %%st(3), %%st\n\tfnstsw %[s0]\n\tfnclex\n\t"
                     "fxch %%st(2)\n\tfnstsw %[s1]\n\tfnclex\n\t"
                     "fcom %%st(5)\n\tfnstsw %[s2]\n\tfnclex\n\t"
                     "fldz\n\tfxam\n\tfnstsw %[s3]\n\tffree %%st(0)\n\tfxam\n\tfnstsw %[s4]\n\t"
                     "fincstp\n\tfnstsw %[s5]\n\tfdecstp\n\tfdecstp\n\tfnstsw %[s6]\n\t"
                     "fstpt %[r0]\n\tfstpt %[r1]\n\tfnstsw %[s7]\n\tfninit"
                     : [s0] "=m"(sws[0]), [s1] "=m"(sws[1]), [s2] "=m"(sws[2]), [s3] "=m"(sws[3]),
                       [s4] "=m"(sws[4]), [s5] "=m"(sws[5]), [s6] "=m"(sws[6]), [s7] "=m"(sws[7]),
                       [r0] "=m"(r0), [r1] "=m"(r1)::CLOB);
    const char *what[] = {"fadd empty", "fxch empty", "fcom empty", "fxam zero", "fxam freed", "fincstp",
                          "fdecstp x2", "stores"};
    for (int k = 0; k < 8; k++) ps(what[k], sws[k]);
    pf("st0 after fdecstp", r0);
    pf("st1 after fdecstp", r1);

    /* Pushing instructions on a full stack; operations reading an empty ST(1). */
    static const char *names[] = {"fxtract full", "fsincos full", "fptan full", "fscale empty", "fprem empty",
                                  "fyl2x empty", "fpatan empty", "fcompp empty", "fucomi empty"};
    for (int k = 0; k < 9; k++) {
        uint16_t sw;
        uint64_t fl = 0;
        r0 = r1 = mk(0x5a5a, 0x5a5a5a5a5a5a5a5aULL);
        switch (k) {
#define FULL(INSN) \
    __asm__ volatile("fninit\n\tfld1\n\tfld1\n\tfld1\n\tfld1\n\tfld1\n\tfld1\n\tfld1\n\tfldpi\n\t" INSN \
                     "\n\tfnstsw %[sw]\n\tfnclex\n\tfstpt %[r0]\n\tfstpt %[r1]\n\tfninit" \
                     : [sw] "=m"(sw), [r0] "=m"(r0), [r1] "=m"(r1)::CLOB)
#define ONE(INSN) \
    __asm__ volatile("fninit\n\tfldpi\n\t" INSN "\n\tfnstsw %[sw]\n\tfnclex\n\tfstpt %[r0]\n\tfstpt %[r1]\n\tfninit" \
                     : [sw] "=m"(sw), [r0] "=m"(r0), [r1] "=m"(r1)::CLOB)
        case 0: FULL("fxtract"); break;
        case 1: FULL("fsincos"); break;
        case 2: FULL("fptan"); break;
        case 3: ONE("fscale"); break;
        case 4: ONE("fprem"); break;
        case 5: ONE("fyl2x"); break;
        case 6: ONE("fpatan"); break;
        case 7: ONE("fcompp"); break;
        case 8:
            __asm__ volatile("fninit\n\tfldpi\n\tfucomi %%st(1), %%st\n\tpushfq\n\tpop %[fl]\n\tfnstsw %[sw]\n\t"
                             "fnclex\n\tfstpt %[r0]\n\tfstpt %[r1]\n\tfninit"
                             : [sw] "=m"(sw), [r0] "=m"(r0), [r1] "=m"(r1), [fl] "=r"(fl)::CLOB, "cc");
            break;
        }
        printf("%-14s sw=%04x fl=%03llx st0=%04x:%016llx st1=%04x:%016llx\n", names[k], sw,
               (unsigned long long)(fl & 0x8d5), r0.e, (unsigned long long)r0.m, r1.e, (unsigned long long)r1.m);
    }
}

static void words(void) {
    uint16_t cw1, cw2, sw1, sw2, ax;
    uint16_t c0 = 0, cf = 0xffff;
    __asm__ volatile("fninit\n\tfldcw %[c0]\n\tfnstcw %[cw1]\n\tfldcw %[cf]\n\tfnstcw %[cw2]\n\tfninit"
                     : [cw1] "=m"(cw1), [cw2] "=m"(cw2)
                     : [c0] "m"(c0), [cf] "m"(cf)
                     : CLOB);
    printf("fldcw 0 -> %04x, fldcw ffff -> %04x\n", cw1, cw2);
    double three = 3.0;
    __asm__ volatile("fninit\n\tfld1\n\tfdivl %[t]\n\tfnstsw %[s1]\n\tfnstsw %%ax\n\tmov %%ax, %[ax]\n\t"
                     "fnclex\n\tfnstsw %[s2]\n\tfninit"
                     : [s1] "=m"(sw1), [s2] "=m"(sw2), [ax] "=m"(ax)
                     : [t] "m"(three)
                     : CLOB, "ax");
    printf("1/3: sw=%04x ax=%04x after fnclex %04x\n", sw1, ax, sw2);
}

static void fcmov_all(void) {
    static const char *names[] = {"fcmovb", "fcmove", "fcmovbe", "fcmovu", "fcmovnb", "fcmovne", "fcmovnbe", "fcmovnu"};
    for (uint64_t fin = 0; fin < 16; fin++) {
        uint64_t flags = 0x202 | (fin & 1) | (fin & 2 ? 0x40 : 0) | (fin & 4 ? 0x4 : 0);
        printf("flags=%03llx:", (unsigned long long)flags);
        for (int k = 0; k < 8; k++) {
            f80 r;
#define CMOV(INSN) \
    __asm__ volatile("fninit\n\tfldz\n\tfld1\n\tlea -128(%%rsp), %%rsp\n\tpush %[f]\n\tpopfq\n\t" INSN \
                     " %%st(1), %%st\n\tlea 128(%%rsp), %%rsp\n\tfstpt %[r]\n\tfninit" \
                     : [r] "=m"(r) : [f] "r"(flags) : CLOB, "cc")
            switch (k) {
            case 0: CMOV("fcmovb"); break;
            case 1: CMOV("fcmove"); break;
            case 2: CMOV("fcmovbe"); break;
            case 3: CMOV("fcmovu"); break;
            case 4: CMOV("fcmovnb"); break;
            case 5: CMOV("fcmovne"); break;
            case 6: CMOV("fcmovnbe"); break;
            default: CMOV("fcmovnu"); break;
            }
            printf(" %s=%d", names[k], r.e != 0);
        }
        printf("\n");
        if (fin >= 7) break;
    }
}

static void bcd(void) {
    static const f80 in[] = {
        {0, 0}, {0, 0x8000}, {0x8000000000000000ULL, 0x3fff}, {0xc000000000000000ULL, 0xbfff},
        {0xde0b6b3a763fffecULL, 0x403a}, {0xde0b6b3a76400000ULL, 0x403a}, {0xde0b6b3a763ffffeULL, 0xc03a},
        {0xa000000000000000ULL, 0x3ffe}, {0xe000000000000000ULL, 0x3ffe}, {0xc000000000000000ULL, 0x7fff},
        {0x8000000000000000ULL, 0xffff}, {0x9876543210fedcbaULL, 0x4030},
    };
    for (int rc = 0; rc < 4; rc += 3) {
        uint16_t cw = 0x037f | rc << 10;
        for (unsigned k = 0; k < sizeof in / sizeof in[0]; k++) {
            unsigned char b[10];
            f80 back;
            uint16_t sw;
            __asm__ volatile("fninit\n\tfldcw %[cw]\n\tfldt %[a]\n\tfbstp %[b]\n\tfnstsw %[sw]\n\tfnclex\n\t"
                             "fbld %[b]\n\tfstpt %[r]\n\tfninit"
                             : [b] "=m"(b), [sw] "=m"(sw), [r] "=m"(back)
                             : [a] "m"(in[k]), [cw] "m"(cw)
                             : CLOB);
            printf("fbstp rc=%d %04x:%016llx ->", rc, in[k].e, (unsigned long long)in[k].m);
            for (int j = 9; j >= 0; j--) printf("%02x", b[j]);
            printf(" sw=%04x fbld=%04x:%016llx\n", sw, back.e, (unsigned long long)back.m);
        }
    }
    unsigned char odd[10] = {0x21, 0x43, 0x65, 0x87, 0x09, 0xff, 0, 0, 0xab, 0x7f};
    f80 r;
    __asm__ volatile("fninit\n\tfbld %[b]\n\tfstpt %[r]\n\tfninit" : [r] "=m"(r) : [b] "m"(odd) : CLOB);
    pf("fbld with non-decimal digits", r);
}

static void fisttp(void) {
    static const double v[] = {2.5, -2.5, 2.7, -2.7, 32767.9, -32768.9, 32768.0, 2147483647.9, -2147483648.9,
                               9.3e18, -9.2e18, 0.999, -0.999, 1e30};
    for (unsigned k = 0; k < sizeof v / sizeof v[0]; k++) {
        int16_t a;
        int32_t b;
        int64_t c;
        uint16_t s1, s2, s3;
        __asm__ volatile("fninit\n\tfldl %[v]\n\tfisttps %[a]\n\tfnstsw %[s1]\n\tfnclex\n\tfldl %[v]\n\tfisttpl %[b]\n\t"
                         "fnstsw %[s2]\n\tfnclex\n\tfldl %[v]\n\tfisttpll %[c]\n\tfnstsw %[s3]\n\tfninit"
                         : [a] "=m"(a), [b] "=m"(b), [c] "=m"(c), [s1] "=m"(s1), [s2] "=m"(s2), [s3] "=m"(s3)
                         : [v] "m"(v[k])
                         : CLOB);
        printf("fisttp %-14.4f %04x %08x %016llx sw=%04x %04x %04x\n", v[k], (uint16_t)a, (uint32_t)b,
               (unsigned long long)c, s1, s2, s3);
    }
}

static void dump(const char *what, const unsigned char *p, int n, const int *skip) {
    printf("%s:", what);
    for (int k = 0; k < n; k++) {
        int hide = 0;
        for (const int *s = skip; *s >= 0; s += 2)
            if (k >= s[0] && k < s[1]) hide = 1;
        if (k % 16 == 0) printf("\n ");
        if (hide) printf(" ..");
        else printf(" %02x", p[k]);
    }
    printf("\n");
}

/* FIP, FCS|FOP, FDP and FDS (environment offsets 12-27) depend on the CPU vendor. */
static const int env_skip[] = {12, 28, -1};
static const int fxsave_skip[] = {6, 24, 28, 32, -1};

static void images(void) {
    unsigned char env[28], save[108], save2[108], env2[28];
    unsigned char fx[512] __attribute__((aligned(16)));
    uint16_t cw = 0x0b62, sw;
    double x = -2.5;
    f80 den = mk(0, 0x123), nan = mk(0x7fff, 0xc000000000000001ULL), unn = mk(0x4000, 0x1234);
    memset(fx, 0xee, sizeof fx);
    /* Known XMM contents, so that the XMM area of the FXSAVE image is deterministic. */
    static unsigned char pattern[16 * 16];
    for (int k = 0; k < 256; k++) pattern[k] = (unsigned char)(k * 7 + 1);
    __asm__ volatile("movdqu 0(%[pat]), %%xmm0\n\tmovdqu 16(%[pat]), %%xmm1\n\tmovdqu 32(%[pat]), %%xmm2\n\t"
                     "movdqu 48(%[pat]), %%xmm3\n\tmovdqu 64(%[pat]), %%xmm4\n\tmovdqu 80(%[pat]), %%xmm5\n\t"
                     "movdqu 96(%[pat]), %%xmm6\n\tmovdqu 112(%[pat]), %%xmm7\n\tmovdqu 128(%[pat]), %%xmm8\n\t"
                     "movdqu 144(%[pat]), %%xmm9\n\tmovdqu 160(%[pat]), %%xmm10\n\tmovdqu 176(%[pat]), %%xmm11\n\t"
                     "movdqu 192(%[pat]), %%xmm12\n\tmovdqu 208(%[pat]), %%xmm13\n\tmovdqu 224(%[pat]), %%xmm14\n\t"
                     "movdqu 240(%[pat]), %%xmm15\n\t"
                     "fninit\n\tfldcw %[cw]\n\tfldl %[x]\n\tfldz\n\tfldt %[den]\n\tfldt %[nan]\n\tfldt %[unn]\n\t"
                     "fld1\n\tffree %%st(2)\n\tfnstenv %[env]\n\tfldcw %[cw]\n\tfnsave %[save]\n\t"
                     "frstor %[save]\n\tfxsave %[fx]\n\tfnstsw %[sw]\n\tfnsave %[save2]\n\t"
                     "fxrstor %[fx]\n\tfnstenv %[env2]\n\tfninit"
                     : [env] "=m"(env), [save] "+m"(save), [save2] "=m"(save2), [fx] "+m"(fx), [env2] "=m"(env2),
                       [sw] "=m"(sw)
                     : [pat] "r"(pattern), [cw] "m"(cw), [x] "m"(x), [den] "m"(den), [nan] "m"(nan), [unn] "m"(unn)
                     : CLOB, "xmm0", "xmm1", "xmm2", "xmm3", "xmm4", "xmm5", "xmm6", "xmm7", "xmm8", "xmm9",
                       "xmm10", "xmm11", "xmm12", "xmm13", "xmm14", "xmm15");
    dump("fnstenv", env, 28, env_skip);
    dump("fnsave", save, 108, env_skip);
    dump("fnsave after frstor", save2, 108, env_skip);
    dump("fxsave", fx, 512, fxsave_skip);
    dump("fnstenv after fxrstor", env2, 28, env_skip);
    ps("after frstor", sw);

    /* FLDENV keeps only "empty" from the tag word; the rest is recomputed. */
    unsigned char e3[28];
    __asm__ volatile("fninit\n\tfld1\n\tfldz\n\tfnstenv %[e]\n\tfninit" : [e] "=m"(e3)::CLOB);
    e3[8] = 0x00; /* claim all valid */
    e3[9] = 0x00;
    __asm__ volatile("fldenv %[e]\n\tfnstenv %[e]\n\tfninit" : [e] "+m"(e3)::CLOB);
    dump("fldenv all-valid tags", e3, 12, env_skip);
}

static void longdouble(void) {
    volatile long double one = 1.0L, three = 3.0L, two = 2.0L, tiny = 1e-4940L, big = 1.18973149535723176502e4932L;
    volatile long double e300 = 1e300L, e20 = 1e20L, seven = 7.0L, h = 2.5L, mh = -3.5L, m27 = -2.7L;
    int ex;
    long double v[] = {one / three, one / three * three, sqrtl(two), tiny / seven, big * two, -big * two, tiny * tiny,
                       fmodl(e300, three), remainderl(e20, seven), rintl(h), nearbyintl(mh), truncl(m27),
                       ldexpl(1.5L * one, -16400), frexpl(12345.678L * one, &ex), (long double)(1ULL << 63) * one + 1,
                       0.1L * one + 0.2L, 1e4000L * one / three, floorl(m27), ceill(m27), roundl(mh),
                       scalbnl(three, 100), logbl(big), cbrtl(seven * one), hypotl(three, seven),
                       fmal(three, seven, one / three), nextafterl(one, two), copysignl(three, m27)};
    for (unsigned k = 0; k < sizeof v / sizeof v[0]; k++) {
        f80 r;
        memcpy(&r, &v[k], 10);
        printf("ld[%2u] %04x:%016llx %La %.21Lg\n", k, r.e, (unsigned long long)r.m, v[k], v[k]);
    }
    printf("frexpl exponent %d\n", ex);
    int q;
    long double rq = remquol(29.0L * one, three, &q);
    printf("remquol(29, 3) = %Lg q=%d\n", rq, q);
    printf("strtold: %La %La %La\n", strtold("0.1", NULL), strtold("1e-4950", NULL),
           strtold("-123456789012345678901234567890", NULL));
    printf("%.30Lf\n%.25Le\n%Lg %Lg %Lg\n", one / three, two / three, (long double)INFINITY, -(long double)NAN, 0.0L * one);
    long double acc = 0;
    for (int i = 1; i <= 1000; i++) acc += one / i;
    printf("harmonic(1000) = %.21Lg (%La)\n", acc, acc);
    long long ll = (long long)(acc * 1e15L);
    printf("as integer: %lld, back: %.21Lg\n", ll, (long double)ll);
}

/* <fenv.h>: the C library drives FNSTENV/FLDENV/FNCLEX/FLDCW and MXCSR. */
static void fenv(void) {
    volatile long double one = 1.0L, three = 3.0L, zero = 0.0L;
    feclearexcept(FE_ALL_EXCEPT);
    volatile long double r = one / three;
    printf("1/3: inexact=%d divbyzero=%d\n", !!fetestexcept(FE_INEXACT), !!fetestexcept(FE_DIVBYZERO));
    r = one / zero;
    printf("1/0 = %Lg: divbyzero=%d\n", r, !!fetestexcept(FE_DIVBYZERO));
    static const int modes[] = {FE_TONEAREST, FE_DOWNWARD, FE_UPWARD, FE_TOWARDZERO};
    for (int k = 0; k < 4; k++) {
        fesetround(modes[k]);
        long double a = one / three, b = -one / three;
        f80 x, y;
        memcpy(&x, &a, 10);
        memcpy(&y, &b, 10);
        printf("round %d: %04x:%016llx %04x:%016llx rint(2.5)=%Lg lrint(-2.5)=%ld\n", fegetround() == modes[k], x.e,
               (unsigned long long)x.m, y.e, (unsigned long long)y.m, rintl(2.5L * one), lrintl(-2.5L * one));
    }
    fesetround(FE_TONEAREST);
    fenv_t env;
    fegetenv(&env);
    feraiseexcept(FE_OVERFLOW);
    printf("raised overflow: %d\n", !!fetestexcept(FE_OVERFLOW));
    fesetenv(&env);
    printf("restored: overflow=%d\n", !!fetestexcept(FE_OVERFLOW));
    feclearexcept(FE_ALL_EXCEPT);
}

int main(void) {
    constants();
    stack_faults();
    words();
    fcmov_all();
    bcd();
    fisttp();
    images();
    longdouble();
    fenv();
    return 0;
}
