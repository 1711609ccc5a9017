/* DIV whose quotient does not fit (AX=0xffff, divisor 1, 8-bit form):
 * #DE, the process dies of SIGFPE. */
#include <stdio.h>
#include <sys/resource.h>

int main(void) {
    struct rlimit rl = {0, 0};
    setrlimit(RLIMIT_CORE, &rl);
    volatile unsigned char one = 1;
    unsigned short ax = 0xffff;
    puts("8-bit divide overflow");
    fflush(stdout);
    __asm__ volatile("divb %1" : "+a"(ax) : "q"(one) : "cc");
    printf("not reached: %x\n", ax);
    return 0;
}
