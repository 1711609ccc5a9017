/* Scalar floating point the compiler emits with SSE2: arithmetic, sqrt,
 * conversions (truncating and rounding, out-of-range -> "integer
 * indefinite"), comparisons with NaN, signed zeros, denormals, float<->double,
 * and the bit patterns of the results.  No libm transcendental functions
 * (their implementations differ by CPU). */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

static uint64_t bits(double d) { uint64_t u; memcpy(&u, &d, 8); return u; }
static uint32_t fbits(float f) { uint32_t u; memcpy(&u, &f, 4); return u; }

static volatile double vd[] = {0.0, -0.0, 1.0, -1.0, 0.5, 1.5, 2.5, -2.5, 3.0, 1e-310, 1e308, -1e308,
                               0.1, 1.0 / 3.0, 4503599627370497.0, 9.2233720368547758e18, -9.2233720368547758e18, 1e19};

int main(void) {
    unsigned n = sizeof vd / sizeof vd[0];
    for (unsigned i = 0; i < n; i++) {
        double a = vd[i], b = vd[(i + 5) % n];
        printf("%-24.17g + %-24.17g = %016llx\n", a, b, (unsigned long long)bits(a + b));
        printf("%-24.17g - %-24.17g = %016llx\n", a, b, (unsigned long long)bits(a - b));
        printf("%-24.17g * %-24.17g = %016llx\n", a, b, (unsigned long long)bits(a * b));
        printf("%-24.17g / %-24.17g = %016llx\n", a, b, (unsigned long long)bits(a / b));
        printf("sqrt(|a|)=%016llx (long)a=%lld (int)a=%d rint=%.1f float=%08x\n", (unsigned long long)bits(sqrt(fabs(a))),
               (long long)a, (int)a, rint(a), fbits((float)a));
        printf("cmp: < %d <= %d == %d != %d > %d >= %d\n", a < b, a <= b, a == b, a != b, a > b, a >= b);
    }
    volatile double nan = NAN, inf = INFINITY, zero = 0.0;
    printf("nan cmp: %d %d %d %d isnan=%d\n", nan < 1, nan == nan, nan != nan, nan > 1, isnan(nan));
    printf("inf: %016llx %016llx %016llx\n", (unsigned long long)bits(inf - inf), (unsigned long long)bits(inf * zero),
           (unsigned long long)bits(1 / zero));
    printf("0/0: %016llx -0*1: %016llx\n", (unsigned long long)bits(zero / zero), (unsigned long long)bits(-zero * 1));
    printf("(long)nan=%lld (int)inf=%d (long)1e19=%lld (unsigned long)1e19=%llu\n", (long long)nan, (int)inf,
           (long long)vd[17], (unsigned long long)vd[17]);
    volatile float ff = 16777217.0f, tiny = 1e-45f;
    printf("float: %08x %08x %08x %.9g\n", fbits(ff), fbits(tiny), fbits(tiny / 2), (double)(ff * 3.0f));
    volatile long long big = 9007199254740993LL;
    volatile unsigned long long ubig = 18446744073709551615ULL;
    printf("int->double: %016llx %016llx %016llx\n", (unsigned long long)bits((double)big),
           (unsigned long long)bits((double)ubig), (unsigned long long)bits((double)(int)-7));
    double acc = 0;
    for (int i = 1; i <= 2000; i++) acc = acc * 0.999 + sqrt((double)i) / (i + 0.5);
    printf("accumulate: %016llx\n", (unsigned long long)bits(acc));
    printf("fmin/fmax/copysign: %g %g %g %g\n", fmin(-0.0, 0.0), fmax(nan, 2.0), copysign(3, -0.0), fabs(-4.5));
    printf("floor/ceil/trunc/round: %g %g %g %g %g\n", floor(-2.5), ceil(-2.5), trunc(-2.5), round(-2.5), nearbyint(2.5));
    return 0;
}
