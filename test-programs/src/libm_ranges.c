/* libm over ranges of inputs: float, double and long double results printed
 * exactly (%a), plus printf/strtod round trips. Compared bit for bit with the
 * host. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

static double inputs[64];

int main(void) {
    int n = 0;
    for (int i = -12; i <= 12; i++) inputs[n++] = i * 0.37 + (i & 1 ? 1e-3 : 0);
    inputs[n++] = 1e-300; inputs[n++] = 1e300; inputs[n++] = 0.5; inputs[n++] = 2.0;
    inputs[n++] = 3.141592653589793; inputs[n++] = 1e-8; inputs[n++] = 700.0; inputs[n++] = -745.0;
    for (int k = 0; k < n; k++) {
        double x = inputs[k];
        printf("x=%a sin=%a cos=%a tan=%a exp=%a log=%a sqrt=%a atan=%a\n", x, sin(x), cos(x), tan(x), exp(x),
               log(fabs(x)), sqrt(fabs(x)), atan(x));
        printf("  pow=%a cbrt=%a sinh=%a tanh=%a log1p=%a expm1=%a hypot=%a fmod=%a\n", pow(fabs(x), 0.3), cbrt(x),
               sinh(x / 8), tanh(x), log1p(fabs(x)), expm1(x / 4), hypot(x, 3.0), fmod(x, 0.7));
        float f = (float)x;
        printf("  f: sinf=%a expf=%a logf=%a sqrtf=%a powf=%a\n", sinf(f), expf(f / 4), logf(fabsf(f) + 1),
               sqrtf(fabsf(f)), powf(fabsf(f) + 1, 1.5f));
        long double l = x;
        printf("  l: sqrtl=%La fabsl=%La ldexpl=%La floorl=%La %.21Lg\n", sqrtl(fabsl(l)), fabsl(l), ldexpl(l, 7),
               floorl(l * 3), l / 3);
        char buf[64];
        snprintf(buf, sizeof buf, "%.17g", x);
        double back = strtod(buf, NULL);
        snprintf(buf, sizeof buf, "%.9g", (double)f);
        float fback = strtof(buf, NULL);
        printf("  roundtrip %s d=%d f=%d\n", buf, back == x, fback == f);
    }
    for (int i = -20; i <= 20; i++) {
        long double x = i * 0.37L + 0.001L;
        printf("%La sinl=%La cosl=%La expl=%La logl=%La atanl=%La powl=%La tanl=%La\n", x, sinl(x), cosl(x),
               expl(x / 4), logl(fabsl(x) + 1), atanl(x), powl(fabsl(x) + 1, 0.7L), tanl(x / 3));
    }
    return 0;
}
