/* Floating-point exception flags as the C library reports them (fetestexcept)
 * and as the hardware holds them (MXCSR bits 0-5 with DE, the x87 status word
 * bits 0-6 with DE and SF), after each kind of operation through SSE (float,
 * double) and the x87 (long double); feclearexcept, feraiseexcept,
 * fegetexceptflag/fesetexceptflag, fegetenv/fesetenv, feholdexcept/feupdateenv;
 * libm error reporting (errno and flags; musl sets no errno, glibc does). All
 * exceptions stay masked: fp_sigfpe_enabled covers the unmasked ones. */
#include <errno.h>
#include <float.h>
#include <math.h>
#include "fp_common.h"

static void clear_all(void) {
    feclearexcept(FE_ALL_EXCEPT);
    set_mxcsr(get_mxcsr() & ~0x3fu); /* FE_ALL_EXCEPT leaves out the denormal flag */
    __asm__ volatile("fnclex");
}

static void report(const char *what) {
    char s[8];
    printf("%-34s fe %-5s mxcsr %02x sw %02x\n", what, except_letters(s, fetestexcept(FE_ALL_EXCEPT)),
           get_mxcsr() & 0x3f, get_fpusw() & 0x7f);
}

/* Runs one statement with all flags clear and prints the flags it left. */
#define FLAGS(stmt)      \
    do {                 \
        clear_all();     \
        stmt;            \
        report(#stmt);   \
    } while (0)

static volatile double d0 = 0.0, d1 = 1.0, d3 = 3.0, dmax = DBL_MAX, dmin = DBL_MIN, dden = 0x1p-1074,
                       dhalf = 0.5, dinf = INFINITY, dbig = 1e10, d25 = 2.5, d1e300 = 1e300, d1em50 = 1e-50,
                       dm1 = -1.0, d1e19 = 1e19;
static volatile float f0 = 0.0f, f1 = 1.0f, f3 = 3.0f, fmax_ = FLT_MAX, fmin_ = FLT_MIN, fden = 0x1p-149f,
                      finf = INFINITY, f25 = 2.5f;
static volatile long double l0 = 0.0L, l1 = 1.0L, l3 = 3.0L, lmax = LDBL_MAX, lmin = LDBL_MIN, lden = 0x1p-16445L,
                            linf = INFINITY, l25 = 2.5L, l1e30 = 1e30L, l1e4000 = 1e4000L, l1em4000 = 1e-4000L;
static volatile int i24 = 16777217;
static volatile long long i53 = 9007199254740993LL;
static volatile unsigned long long u64 = 0xffffffffffffffffULL;
static volatile double rd;
static volatile float rf;
static volatile long double rl;
static volatile int ri;
static volatile long long rll;
static volatile double dsnan, dqnan;
static volatile float fsnan;
static volatile long double lsnan, lqnan;

static void operations(void) {
    printf("-- double (SSE)\n");
    FLAGS(rd = d1 / d3);
    FLAGS(rd = d0 / d0);
    FLAGS(rd = d1 / d0);
    FLAGS(rd = dmax * 2);
    FLAGS(rd = dmin * dmin);
    FLAGS(rd = dmin * dhalf);
    FLAGS(rd = dmin / d3);
    FLAGS(rd = dden + d1);
    FLAGS(rd = dden * 4);
    FLAGS(rd = dinf - dinf);
    FLAGS(rd = dinf * d0);
    FLAGS(rd = dinf + d1);
    FLAGS(rd = dsnan + d1);
    FLAGS(rd = dqnan + d1);
    FLAGS(ri = dqnan < d1);
    FLAGS(ri = dqnan == d1);
    FLAGS(ri = dsnan == d1);
    FLAGS(rd = __builtin_sqrt(d3));
    FLAGS(ri = (int)dbig);
    FLAGS(ri = (int)dqnan);
    FLAGS(ri = (int)d25);
    FLAGS(rll = (long long)d1e19);
    FLAGS(rll = lrint(d25));
    FLAGS(rf = (float)d1e300);
    FLAGS(rf = (float)d1em50);
    FLAGS(rf = (float)(dmin * 0x1p-30));
    FLAGS(rf = (float)dsnan);
    FLAGS(rd = (double)i24);
    FLAGS(rd = (double)i53);
    FLAGS(rf = (float)i24);
    FLAGS(rf = (float)i53);
    printf("-- float (SSE)\n");
    FLAGS(rf = f1 / f3);
    FLAGS(rf = f0 / f0);
    FLAGS(rf = f1 / f0);
    FLAGS(rf = fmax_ * 2);
    FLAGS(rf = fmin_ * fmin_);
    FLAGS(rf = fden + f1);
    FLAGS(rf = finf - finf);
    FLAGS(rf = fsnan * f1);
    FLAGS(rd = fsnan);
    FLAGS(rd = fden);
    FLAGS(ri = (int)f25);
    printf("-- long double (x87)\n");
    FLAGS(rl = l1 / l3);
    FLAGS(rl = l0 / l0);
    FLAGS(rl = l1 / l0);
    FLAGS(rl = lmax * 2);
    FLAGS(rl = lmin * lmin);
    FLAGS(rl = lmin / 4);
    FLAGS(rl = lmin / l3);
    FLAGS(rl = lden + l1);
    FLAGS(rl = lden * 4);
    FLAGS(rl = linf - linf);
    FLAGS(rl = lsnan + l1);
    FLAGS(rl = lqnan + l1);
    FLAGS(ri = lqnan < l1);
    FLAGS(ri = lqnan == l1);
    FLAGS(ri = lsnan == l1);
    FLAGS(rl = sqrtl(l3));
    FLAGS(rl = dden);
    FLAGS(rl = dsnan);
    FLAGS(rl = fden);
    FLAGS(rd = l1e4000);
    FLAGS(rd = l1em4000);
    FLAGS(rd = lden);
    FLAGS(rf = l1e30);
    FLAGS(rd = lsnan);
    FLAGS(ri = (int)l25);
    FLAGS(rll = (long long)l1e30);
    FLAGS(rll = (long long)lqnan);
    FLAGS(rll = llrintl(l25));
    FLAGS(rl = rintl(l25));
    FLAGS(rl = nearbyintl(l25));
    FLAGS(rl = (long double)i53);
    FLAGS(rl = (long double)u64);
    char s[32];
    printf("results: %La %s\n", rl, lhex(s, rl));
}

/* Flags at the edges of the range in every rounding mode: x86 detects tininess
 * after rounding (a result that rounds up to the smallest normal is not tiny)
 * and raises underflow only with inexact while underflow is masked; overflow
 * in a mode that rounds toward zero gives the largest finite, still with O. */
static volatile double e_d[][2] = {
    {0x1p-1022, 0x1.fffffffffffffp-1}, {0x1p-1022, 0x1.ffffffffffffep-1}, {-0x1p-1022, 0x1.fffffffffffffp-1},
    {0x1.0000000000001p-1022, 0x1.fffffffffffffp-1}, {0x1.0000000000001p-1022, 0x1.ffffffffffffep-1},
    {0x1p-1022, 0x1p-52}, {0x1.8p-1022, 0x1p-1},
    {0x1.fffffffffffffp1023, 0x1.0000000000001p0}, {-0x1.fffffffffffffp1023, 0x1.0000000000001p0},
    {0x1p1023, 2.0},
};
static volatile float e_f[][2] = {
    {0x1p-126f, 0x1.fffffep-1f}, {-0x1p-126f, 0x1.fffffep-1f}, {0x1.000002p-126f, 0x1.fffffep-1f},
    {0x1.000002p-126f, 0x1.fffffcp-1f}, {0x1p-126f, 0x1p-23f}, {0x1.fffffep127f, 0x1.000002p0f}, {0x1p127f, 2.0f},
};
static volatile long double e_l[][2] = {
    {0x1p-16382L, 0x1.fffffffffffffffep-1L}, {-0x1p-16382L, 0x1.fffffffffffffffep-1L},
    {0x1.0000000000000002p-16382L, 0x1.fffffffffffffffep-1L},
    {0x1.0000000000000002p-16382L, 0x1.fffffffffffffffcp-1L}, {0x1p-16382L, 0x1p-63L},
    {0x1.fffffffffffffffep16383L, 0x1.0000000000000002p0L}, {0x1p16383L, 2.0L},
};

static void range_edges(void) {
    char s[32], t[8];
    for (int k = 0; k < 4; k++) {
        fesetround(fp_modes[k]);
        printf("-- edges, %s\n", fp_mode_names[k]);
        for (unsigned i = 0; i < sizeof e_d / sizeof e_d[0]; i++) {
            clear_all();
            rd = e_d[i][0] * e_d[i][1];
            printf("  d %a * %a = %016llx fe %s mxcsr %02x\n", e_d[i][0], e_d[i][1], DB(rd),
                   except_letters(t, fetestexcept(FE_ALL_EXCEPT)), get_mxcsr() & 0x3f);
            clear_all();
            rf = (float)e_d[i][0];
            printf("    (float) %08x fe %s\n", FB(rf), except_letters(t, fetestexcept(FE_ALL_EXCEPT)));
        }
        for (unsigned i = 0; i < sizeof e_f / sizeof e_f[0]; i++) {
            clear_all();
            rf = e_f[i][0] * e_f[i][1];
            printf("  f %a * %a = %08x fe %s mxcsr %02x\n", e_f[i][0], e_f[i][1], FB(rf),
                   except_letters(t, fetestexcept(FE_ALL_EXCEPT)), get_mxcsr() & 0x3f);
        }
        for (unsigned i = 0; i < sizeof e_l / sizeof e_l[0]; i++) {
            clear_all();
            rl = e_l[i][0] * e_l[i][1];
            printf("  l %La * %La = %s fe %s sw %02x\n", e_l[i][0], e_l[i][1], lhex(s, rl),
                   except_letters(t, fetestexcept(FE_ALL_EXCEPT)), get_fpusw() & 0x3f);
            clear_all();
            rd = e_l[i][0];
            printf("    (double) %016llx fe %s\n", DB(rd), except_letters(t, fetestexcept(FE_ALL_EXCEPT)));
        }
    }
    fesetround(FE_TONEAREST);
}

static void fenv_calls(void) {
    static const int each[] = {FE_INVALID, FE_DIVBYZERO, FE_OVERFLOW, FE_UNDERFLOW, FE_INEXACT, FE_ALL_EXCEPT};
    char s[8], t[8];
    for (unsigned i = 0; i < sizeof each / sizeof each[0]; i++) {
        clear_all();
        int rc = feraiseexcept(each[i]);
        printf("feraiseexcept(%s) = %d: fe %s\n", except_letters(s, each[i]), rc,
               except_letters(t, fetestexcept(FE_ALL_EXCEPT)));
    }
    clear_all();
    rd = dmax * 2; /* O X */
    fexcept_t saved;
    printf("fegetexceptflag = %d\n", fegetexceptflag(&saved, FE_ALL_EXCEPT));
    feclearexcept(FE_ALL_EXCEPT);
    report("after feclearexcept");
    printf("fesetexceptflag(O) = %d\n", fesetexceptflag(&saved, FE_OVERFLOW));
    report("after fesetexceptflag(O)");
    fesetexceptflag(&saved, FE_ALL_EXCEPT);
    report("after fesetexceptflag(all)");
    feclearexcept(FE_OVERFLOW | FE_INVALID);
    report("after feclearexcept(O|I)");

    fenv_t env, held;
    clear_all();
    fesetround(FE_UPWARD);
    rd = d1 / d0; /* Z */
    printf("fegetenv = %d\n", fegetenv(&env));
    int rc = fesetenv(FE_DFL_ENV);
    printf("fesetenv(FE_DFL_ENV) = %d: nearest %d mxcsr %04x cw %04x\n", rc, fegetround() == FE_TONEAREST,
           get_mxcsr(), get_fpucw());
    report("  flags");
    rc = fesetenv(&env);
    printf("fesetenv(saved) = %d: upward %d mxcsr %04x cw %04x\n", rc, fegetround() == FE_UPWARD, get_mxcsr(),
           get_fpucw());
    report("  flags");
    rc = feholdexcept(&held);
    printf("feholdexcept = %d: mxcsr %04x cw %04x\n", rc, get_mxcsr(), get_fpucw());
    report("  flags while held");
    rd = d1 / d3;
    rl = l1 / l3;
    report("  after 1/3 while held");
    rc = feupdateenv(&held);
    printf("feupdateenv = %d: upward %d\n", rc, fegetround() == FE_UPWARD);
    report("  flags after update");
    fesetenv(FE_DFL_ENV);
}

#define LIBM(T, fmt, conv, expr)                                                              \
    do {                                                                                      \
        clear_all();                                                                          \
        errno = 0;                                                                            \
        volatile T r_ = (expr);                                                               \
        int e_ = errno, f_ = fetestexcept(FE_ALL_EXCEPT);                                     \
        char s_[32], t_[8];                                                                   \
        (void)s_;                                                                             \
        printf("%-24s " fmt " errno %-6s fe %s\n", #expr, conv, e_ == 0 ? "0" : e_ == EDOM ? "EDOM" \
               : e_ == ERANGE ? "ERANGE" : "other", except_letters(t_, f_));                  \
    } while (0)
#define LD(expr) LIBM(double, "%016llx", DB(r_), expr)
#define LF(expr) LIBM(float, "%08x        ", FB(r_), expr)
#define LL(expr) LIBM(long double, "%s", lhex(s_, r_), expr)

static void libm_errors(void) {
    printf("math_errhandling %d\n", math_errhandling);
    LD(log(d0));
    LD(log(dm1));
    LD(log(dinf));
    LD(sqrt(dm1));
    LD(exp(1000 * d1));
    LD(exp(-1000 * d1));
    LD(exp(dqnan));
    LD(pow(10 * d1, 400 * d1));
    LD(pow(10 * d1, -400 * d1));
    LD(pow(d0, dm1));
    LD(pow(-8 * d1, d1 / 3));
    LD(pow(dqnan, d0));
    LD(lgamma(d0));
    LD(lgamma(-2 * d1));
    LD(tgamma(dm1));
    LD(tgamma(200 * d1));
    LD(acos(2 * d1));
    LD(atanh(d1));
    LD(log1p(dm1));
    LD(cosh(1000 * d1));
    LD(fmod(d1, d0));
    LD(remainder(d1, d0));
    LD(ldexp(d1, 5000));
    LD(ldexp(d1, -5000));
    LD(hypot(dmax, dmax));
    LD(scalbn(dmin, -10));
    LD(nextafter(dmax, dinf));
    LD(logb(d0));
    LF(logf(f0));
    LF(sqrtf(-f1));
    LF(expf(200 * f1));
    LF(powf(f0, -f1));
    LF(lgammaf(f0));
    LF(acosf(2 * f1));
    LL(logl(l0));
    LL(logl(-l1));
    LL(sqrtl(-l1));
    LL(expl(20000 * l1));
    LL(expl(-20000 * l1));
    LL(powl(l0, -l1));
    LL(powl(10 * l1, 5000 * l1));
    LL(lgammal(-l1));
    LL(fmodl(l1, l0));
    LL(acosl(2 * l1));
}

int main(void) {
    dsnan = dmake(0x7ff4000000000000ULL);
    dqnan = dmake(0x7ff8000000000000ULL);
    fsnan = fmake(0x7fa00000u);
    lsnan = lmake(0x7fff, 0xa000000000000000ULL);
    lqnan = lmake(0x7fff, 0xc000000000000000ULL);
    operations();
    range_edges();
    fenv_calls();
    libm_errors();
    return 0;
}
