/* An SSE floating-point exception unmasked in MXCSR raises #XM: dividing by zero
 * with ZM clear kills the process with SIGFPE (exit status 136). Masked
 * exceptions before that only set flags. */
#include <stdio.h>
#include <sys/resource.h>

int main(void) {
    struct rlimit rl = {0, 0};
    setrlimit(RLIMIT_CORE, &rl); /* no core file */
    volatile double one = 1.0, zero = 0.0;
    unsigned csr = 0x1f80 & ~0x0200u; /* unmask divide-by-zero */
    unsigned out;
    double q = one / 3;
    __asm__ volatile("ldmxcsr %0" : : "m"(csr));
    __asm__ volatile("addsd %1,%0" : "+x"(q) : "x"(one)); /* inexact: masked, just a flag */
    __asm__ volatile("stmxcsr %0" : "=m"(out));
    printf("mxcsr after inexact add: %04x\n", out);
    fflush(stdout);
    __asm__ volatile("divsd %1,%0" : "+x"(q) : "x"(zero));
    printf("not reached\n");
    return 0;
}
