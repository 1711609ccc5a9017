/* An exception the C library unmasked (fp_sigfpe.h) raised by a long double
 * operation: LDBL_MAX * 2 overflows; the x87 records it, and the next waiting
 * x87 instruction raises #MF, so the process dies of SIGFPE (status 136). */
#include <float.h>
#include "fp_sigfpe.h"

static volatile long double big = LDBL_MAX, one = 1.0L, r;

int main(void) {
    unmask(FE_OVERFLOW | FE_DIVBYZERO);
    r = one / 3;
    printf("inexact stays masked: fe %d\n", fetestexcept(FE_ALL_EXCEPT));
    fflush(stdout);
    r = big * 2;
    printf("not reached %La\n", r);
    return 0;
}
