/* Unsigned division by zero: the process dies of SIGFPE (exit status 136). */
#include <stdio.h>
#include <sys/resource.h>

int main(void) {
    struct rlimit rl = {0, 0};
    setrlimit(RLIMIT_CORE, &rl); /* no core file */
    volatile unsigned d = 0;
    unsigned n = 1000, q;
    printf("before division\n");
    fflush(stdout);
    __asm__ volatile("xorl %%edx,%%edx\n\tdivl %2" : "=a"(q) : "a"(n), "r"(d) : "rdx", "cc");
    printf("not reached: %u\n", q);
    return 0;
}
