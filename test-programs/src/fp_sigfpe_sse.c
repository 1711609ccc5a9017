/* An exception the C library unmasked (fp_sigfpe.h) raised by a double
 * operation: 0/0 is invalid, SSE reports #XM at once and the process dies of
 * SIGFPE (status 136). A masked one (inexact) before it only sets its flag. */
#include "fp_sigfpe.h"

static volatile double zero = 0.0, one = 1.0, r;

int main(void) {
    unmask(FE_INVALID);
    r = one / 3;
    printf("inexact stays masked: fe %d\n", fetestexcept(FE_ALL_EXCEPT));
    fflush(stdout);
    r = zero / zero;
    printf("not reached %a\n", r);
    return 0;
}
