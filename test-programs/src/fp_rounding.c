/* The four rounding modes (fesetround sets MXCSR.RC and the x87 control word's
 * RC) through every path the C library and compiler use: float, double and long
 * double + - * / sqrt fma on ties, denormal results and overflow; integer <->
 * floating conversions (cvtsi2sd, cvtsd2si via lrint, rint, nearbyint, (int)
 * truncation, FIST/FISTP); narrowing float <- double <- long double; printf
 * %a %e %f %.17g %.21Lg; strtod/strtof/strtold of hard decimal strings. Every
 * result is printed as raw bits. Built with -frounding-math. */
#include <errno.h>
#include <float.h>
#include <math.h>
#include <stdlib.h>
#include "fp_common.h"

static volatile double dop[][2] = {
    {1.0, 0x1p-53},                      /* tie, even below */
    {0x1.0000000000001p0, 0x1p-53},      /* tie, even above */
    {1.0, 3.0},         {-1.0, 3.0},     {0.1, 0.2},  {-0.1, 0.7},
    {DBL_MAX, 0x1p970},                  /* half an ulp over the largest: tie to overflow */
    {-DBL_MAX, 2.0},                     /* overflow */
    {0x1.0000000000001p-1022, 0.5},      /* denormal result, tie */
    {0x1.0000000000003p-1022, 3.0},      /* denormal result, inexact */
    {0x1p-1074, 0.5},                    /* half the smallest denormal */
    {-0x1p-1074, 0x1p-1},
    {1e308, 1e-308},    {3.0, 3.0},      /* exact: x - x is +0 or -0 */
};
static volatile float fop[][2] = {
    {1.0f, 0x1p-24f}, {0x1.000002p0f, 0x1p-24f}, {1.0f, 3.0f}, {-1.0f, 3.0f}, {0.1f, 0.2f},
    {FLT_MAX, 0x1p103f}, {-FLT_MAX, 2.0f}, {0x1.000002p-126f, 0.5f}, {0x1.000006p-126f, 3.0f},
    {0x1p-149f, 0.5f}, {-0x1p-149f, 0.5f}, {3.0f, 3.0f},
};
static volatile long double lop[][2] = {
    {1.0L, 0x1p-64L}, {0x1.0000000000000002p0L, 0x1p-64L}, {1.0L, 3.0L}, {-1.0L, 3.0L}, {0.1L, 0.2L},
    {LDBL_MAX, 0x1p16319L}, {-LDBL_MAX, 2.0L}, {0x1.0000000000000002p-16382L, 0.5L},
    {0x1.0000000000000006p-16382L, 3.0L}, {0x1p-16445L, 0.5L}, {-0x1p-16445L, 0.5L}, {3.0L, 3.0L},
};
#define N(a) (sizeof(a) / sizeof((a)[0]))

static void arithmetic(void) {
    for (unsigned i = 0; i < N(dop); i++) {
        double a = dop[i][0], b = dop[i][1], c = dop[(i + 1) % N(dop)][0];
        printf("  d %a %a: + %016llx - %016llx * %016llx / %016llx sqrt %016llx fma %016llx %016llx\n", a, b,
               DB(a + b), DB(a - b), DB(a * b), DB(a / b), DB(sqrt(fabs(a))), DB(fma(a, b, c)), DB(fma(a, b, -c)));
    }
    for (unsigned i = 0; i < N(fop); i++) {
        float a = fop[i][0], b = fop[i][1], c = fop[(i + 1) % N(fop)][0];
        printf("  f %a %a: + %08x - %08x * %08x / %08x sqrt %08x fma %08x %08x\n", a, b, FB(a + b), FB(a - b),
               FB(a * b), FB(a / b), FB(sqrtf(fabsf(a))), FB(fmaf(a, b, c)), FB(fmaf(a, b, -c)));
    }
    for (unsigned i = 0; i < N(lop); i++) {
        long double a = lop[i][0], b = lop[i][1], c = lop[(i + 1) % N(lop)][0];
        char s[7][32];
        printf("  l %La %La: + %s - %s * %s / %s sqrt %s fma %s %s\n", a, b, lhex(s[0], a + b), lhex(s[1], a - b),
               lhex(s[2], a * b), lhex(s[3], a / b), lhex(s[4], sqrtl(fabsl(a))), lhex(s[5], fmal(a, b, c)),
               lhex(s[6], fmal(a, b, -c)));
    }
}

static volatile long long ints[] = {9007199254740993LL, -9007199254740993LL, 9007199254740995LL, 16777217,
                                    -16777219, 0x7fffffffffffffffLL, -0x7fffffffffffffffLL, 3};
static volatile unsigned long long uints[] = {0xffffffffffffffffULL, 0x8000000000000401ULL, 0x8000000000000c00ULL};
static volatile double reals[] = {2.5, -2.5, 3.5, 0.5, -0.5, 1.5000000000000002, -1e-300, 4503599627370496.5,
                                  -0.49999999999999994, 2147483647.5, 9.2233720368547748e18, 1e19, NAN};
static volatile long double lreals[] = {2.5L, -2.5L, 0.5L, -1.5L, 0x1.0000000000000001p1L, 4503599627370496.5L,
                                        9223372036854775807.5L, -9223372036854775808.5L, -0x1p-16445L};

static void conversions(void) {
    for (unsigned i = 0; i < N(ints); i++) {
        long long v = ints[i];
        char s[32];
        printf("  i2f %lld: d %016llx f %08x l %s i->f %08x\n", v, DB((double)v), FB((float)v), lhex(s, (long double)v),
               FB((float)(int)v));
    }
    for (unsigned i = 0; i < N(uints); i++) {
        unsigned long long v = uints[i];
        char s[32];
        printf("  u2f %llx: d %016llx f %08x l %s\n", v, DB((double)v), FB((float)v), lhex(s, (long double)v));
    }
    for (unsigned i = 0; i < N(reals); i++) {
        double x = reals[i];
        float f = (float)x;
        int ok = !isnan(x) && fabs(x) < 9e18;
        printf("  d2i %a: (long) %lld (int) %d lrint %ld llrint %lld lround %ld rint %016llx nearbyint %016llx"
               " | f %a lrintf %ld rintf %08x nearbyintf %08x\n",
               x, ok ? (long long)x : 0, fabs(x) < 2e9 ? (int)x : 0, ok ? lrint(x) : 0, ok ? llrint(x) : 0,
               ok ? lround(x) : 0, DB(rint(x)), DB(nearbyint(x)), f, ok ? lrintf(f) : 0, FB(rintf(f)),
               FB(nearbyintf(f)));
    }
    for (unsigned i = 0; i < N(lreals); i++) {
        long double x = lreals[i];
        char s[2][32];
        printf("  l2i %La: (long) %lld (int) %d lrintl %ld llrintl %lld rintl %s nearbyintl %s\n", x, (long long)x,
               fabsl(x) < 2e9L ? (int)x : 0, lrintl(x), llrintl(x), lhex(s[0], rintl(x)), lhex(s[1], nearbyintl(x)));
    }
}

static volatile double narrow_d[] = {1.0 + 0x1p-24, 1.0 + 0x1p-24 + 0x1p-50, -(1.0 + 0x1p-24), 0x1.ffffffp127,
                                     0x1.fffffefffffffp127, 0x1.000001p-126, 0x1.8p-150, 0x1p-150, 1e-50, 0.1};
static volatile long double narrow_l[] = {1.0L + 0x1p-53L, 1.0L + 0x1p-53L + 0x1p-63L, -(1.0L + 0x1p-53L),
                                          0x1.fffffffffffff8p1023L, 1e-320L, 0x1p-1075L, 0x1.8p-1075L, 1e4000L,
                                          0.1L, 1.0L + 0x1p-24L};

static void narrowing(void) {
    for (unsigned i = 0; i < N(narrow_d); i++) {
        double x = narrow_d[i];
        char s[32];
        printf("  d %a -> f %08x -> d %016llx ; d -> l %s\n", x, FB((float)x), DB((double)(float)x),
               lhex(s, (long double)x));
    }
    for (unsigned i = 0; i < N(narrow_l); i++) {
        long double x = narrow_l[i];
        printf("  l %La -> d %016llx -> f %08x ; l -> f %08x\n", x, DB((double)x), FB((float)(double)x), FB((float)x));
    }
}

static void printing(void) {
    static volatile double pv[] = {0.5, 1.5, 2.5, -2.5, 0.125, 0.35, 1.0 / 3, -2.0 / 3, 1e23, 5e-324,
                                   0x1.00008p0, 0x1.00018p0, 0x1.fffffffffffffp99};
    for (unsigned i = 0; i < N(pv); i++) {
        double x = pv[i];
        printf("  %.0f|%.1f|%.2e|%.17g|%.3g|%.3a|%a\n", x, x, x, x, x, x, x);
    }
    static volatile long double pl[] = {1.0L / 3, -2.0L / 3, 0.5L, 2.5L, 0x1.0000000000000001p0L, 0x1.fffffffffffffffep99L};
    for (unsigned i = 0; i < N(pl); i++) {
        long double x = pl[i];
        printf("  %.0Lf|%.21Lg|%.3Le|%.5La|%La\n", x, x, x, x, x);
    }
    printf("  float %.9g %.3a\n", (double)(volatile float){1.0f / 3}, (double)(volatile float){0x1.00018p0f});
}

static const char *const dstr[] = {
    "0.1", "1e23", "2.2250738585072011e-308", "2.2250738585072012e-308", "4.9406564584124654e-324",
    "2.4703282292062327e-324", "2.4703282292062328e-324", "1.7976931348623157e308", "1.7976931348623158e308",
    "1.7976931348623159e308", "1.00000000000000011102230246251565404236316680908203125",
    "1.00000000000000011102230246251565404236316680908203124", "1.00000000000000011102230246251565404236316680908203126",
    "-1.00000000000000011102230246251565404236316680908203125", "9007199254740993", "0x1.00000000000008p0",
    "0x1.00000000000018p0", "1e-400", "-1e400", "3.4028235677973366e38", "1.00000005960464477539062500",
    "1e-46", "1.0000000000000000000271050543121376108501863200217485427856445312", "1e310", "2.5e-320",
};

static void parsing(void) {
    for (unsigned i = 0; i < N(dstr); i++) {
        char s[32];
        errno = 0;
        double d = strtod(dstr[i], NULL);
        int ed = errno;
        errno = 0;
        float f = strtof(dstr[i], NULL);
        int ef = errno;
        errno = 0;
        long double l = strtold(dstr[i], NULL);
        int el = errno;
        printf("  %.24s: d %016llx %d f %08x %d l %s %d\n", dstr[i], DB(d), ed, FB(f), ef, lhex(s, l), el);
    }
}

int main(void) {
    for (int k = 0; k < 4; k++) {
        int rc = fesetround(fp_modes[k]);
        printf("== %s: fesetround %d fegetround-ok %d mxcsr.rc %u fpucw.rc %u\n", fp_mode_names[k], rc,
               fegetround() == fp_modes[k], (get_mxcsr() >> 13) & 3, (get_fpucw() >> 10) & 3);
        arithmetic();
        conversions();
        narrowing();
        printing();
        parsing();
    }
    fesetround(FE_TONEAREST);
    return 0;
}
