/* For fp_sigfpe_*.c: unmask floating-point exceptions the C library way
 * (glibc's feenableexcept unmasks them in both MXCSR and the x87 control word;
 * musl has no feenableexcept, so the same by hand), print the control state,
 * and keep the process from writing a core file when SIGFPE kills it. */
#ifndef BLINK_TEST_FP_SIGFPE_H
#define BLINK_TEST_FP_SIGFPE_H

#define _GNU_SOURCE
#include <sys/resource.h>
#include "fp_common.h"

static void unmask(int excepts) {
    struct rlimit rl = {0, 0};
    setrlimit(RLIMIT_CORE, &rl);
#ifdef __GLIBC__
    int old = feenableexcept(excepts);
    printf("feenableexcept: previously enabled %d, now %d\n", old, fegetexcept());
#else
    unsigned cw = get_fpucw() & ~(unsigned)excepts;
    uint16_t w = (uint16_t)cw;
    __asm__ volatile("fldcw %0" : : "m"(w));
    set_mxcsr(get_mxcsr() & ~((unsigned)excepts << 7)); /* mask bits are the flag bits shifted by 7 */
    printf("unmasked by hand: %d\n", excepts);
#endif
    printf("mxcsr %04x cw %04x\n", get_mxcsr(), get_fpucw());
    fflush(stdout);
}

#endif
