/* The FPU state across a signal handler: the handler starts with a fresh
 * x87 control word and MXCSR, may change rounding and registers freely, and
 * the interrupted code finds its own x87 stack, control word, MXCSR and XMM
 * registers unchanged after the return. */
#include <signal.h>
#include <stdio.h>
#include <string.h>

static volatile unsigned handler_mxcsr, handler_cw;
static volatile double handler_result;

static void on_usr1(int sig) {
    unsigned short cw;
    unsigned mx;
    (void)sig;
    __asm__ volatile("fnstcw %0" : "=m"(cw));
    __asm__ volatile("stmxcsr %0" : "=m"(mx));
    handler_cw = cw;
    handler_mxcsr = mx;
    /* clobber everything: round up, load the x87 stack, scribble on xmm */
    unsigned up = (mx & ~0x6000u) | 0x4000u;
    __asm__ volatile("ldmxcsr %0" : : "m"(up));
    unsigned short cw2 = 0x0b7f;
    __asm__ volatile("fldcw %0" : : "m"(cw2));
    __asm__ volatile("fldpi\n\tfld1\n\tfaddp\n\tfstpl %0" : "=m"(handler_result));
    __asm__ volatile("pcmpeqd %%xmm0, %%xmm0\n\tpcmpeqd %%xmm7, %%xmm7\n\tpcmpeqd %%xmm15, %%xmm15" ::: "xmm0", "xmm7", "xmm15");
}

int main(void) {
    signal(SIGUSR1, on_usr1);
    unsigned mx_before = 0x1f80 | 0x2000; /* round down */
    __asm__ volatile("ldmxcsr %0" : : "m"(mx_before));
    unsigned short cw = 0x0f7f; /* truncate, extended precision */
    __asm__ volatile("fldcw %0" : : "m"(cw));
    double x = 2.0, y = 3.0;
    double st0, st1;
    unsigned long long a0, a1, b0, b1;
    unsigned mx_after;
    unsigned short cw_after;
    __asm__ volatile(
        "fldl %[x]\n\t"
        "fldl %[y]\n\t"
        "movq $0x1122334455667788, %%rax\n\tmovq %%rax, %%xmm7\n\t"
        "movq $0x99aabbccddeeff00, %%rax\n\tmovq %%rax, %%xmm15\n\t"
        "pshufd $0x4e, %%xmm7, %%xmm7\n\t"
        "por %%xmm15, %%xmm7\n\t"
        "mov $39, %%eax\n\tsyscall\n\t"
        "mov %%eax, %%edi\n\tmov $10, %%esi\n\tmov $62, %%eax\n\tsyscall\n\t" /* kill(getpid(), SIGUSR1) */
        "fstpl %[s0]\n\t"
        "fstpl %[s1]\n\t"
        "movq %%xmm7, %[a0]\n\tpshufd $0x4e, %%xmm7, %%xmm7\n\tmovq %%xmm7, %[a1]\n\t"
        "movq %%xmm15, %[b0]\n\tpshufd $0x4e, %%xmm15, %%xmm15\n\tmovq %%xmm15, %[b1]\n\t"
        "stmxcsr %[mx]\n\tfnstcw %[cw]"
        : [s0] "=m"(st0), [s1] "=m"(st1), [a0] "=r"(a0), [a1] "=r"(a1), [b0] "=r"(b0), [b1] "=r"(b1),
          [mx] "=m"(mx_after), [cw] "=m"(cw_after)
        : [x] "m"(x), [y] "m"(y)
        : "rax", "rdi", "rsi", "rcx", "r11", "xmm7", "xmm15", "memory");
    printf("in handler: cw=%#x mxcsr=%#x result=%.17g\n", handler_cw, handler_mxcsr & 0xffc0, handler_result);
    printf("after: st0=%g st1=%g\n", st0, st1);
    printf("after: xmm7=%016llx%016llx xmm15=%016llx%016llx\n", a1, a0, b1, b0);
    printf("after: mxcsr=%#x cw=%#x\n", mx_after & 0xffc0, cw_after);
    return 0;
}
