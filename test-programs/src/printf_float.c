/* printf/strtod of floating point: %f %e %g %a with flags and precisions,
 * special values, float/double/long double (x87 80-bit). */
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

int main(void) {
    static const double v[] = {0.0, -0.0, 1.0, -1.5, 0.1, 1.0 / 3.0, 2.0 / 3.0, 123456.789, 1e-10, 1e300,
                               -2.5e-300, 5e-324, DBL_MAX, DBL_MIN, 0.5, 2.5, 1e15, 1e16, 9007199254740993.0,
                               3.14159265358979323846};
    for (unsigned i = 0; i < sizeof v / sizeof v[0]; i++) {
        double x = v[i];
        printf("%f|%.0f|%.3f|%10.2f|%-10.1f|%+f|% f|%#.0f\n", x, x, x, x, x, x, x, x);
        printf("%e|%.0e|%.3E|%12.4e|%g|%G|%.3g|%#g|%.17g\n", x, x, x, x, x, x, x, x, x);
        printf("%a|%A|%.2a\n", x, x, x);
    }
    printf("special: %f %f %f %e %g %F\n", INFINITY, -INFINITY, NAN, INFINITY, -NAN, INFINITY);
    printf("special width: [%8f] [%-8f] [%08f]\n", INFINITY, NAN, -INFINITY);
    float f = 1.1f;
    printf("float: %.10f %g %a\n", f, f, f);
    long double ld[] = {1.0L, 1.0L / 3.0L, 0.1L, 1e4000L, LDBL_MIN, LDBL_MAX, -0.0L, 12345678901234567890.0L};
    for (unsigned i = 0; i < sizeof ld / sizeof ld[0]; i++) printf("long double: %.21Lg %La %Le\n", ld[i], ld[i], ld[i]);
    long double acc = 1.0L;
    for (int i = 1; i <= 25; i++) acc *= i;
    printf("25! as long double: %.0Lf\n", acc);
    /* strtod round trips */
    const char *in[] = {"0", "1e-400", "2.2250738585072011e-308", "4.9e-324", "1.7976931348623157e308", "1e309",
                        "0x1.8p3", "-0x.1p-4", "nan", "-inf", "  +12.5e+1xyz", "123456789012345678901234567890"};
    for (unsigned i = 0; i < sizeof in / sizeof in[0]; i++) {
        char *end;
        double d = strtod(in[i], &end);
        printf("strtod(%s) = %.17g %a rest='%s'\n", in[i], d, d, end);
    }
    printf("strtof: %.9g  strtold: %.21Lg\n", strtof("0.1", NULL), strtold("0.1", NULL));
    /* sums that depend on exact rounding */
    double s = 0;
    for (int i = 1; i <= 100000; i++) s += 1.0 / i;
    printf("harmonic(1e5) = %.17g\n", s);
    float sf = 0;
    for (int i = 1; i <= 10000; i++) sf += 1.0f / (float)i;
    printf("harmonic float = %.9g\n", sf);
    return 0;
}
