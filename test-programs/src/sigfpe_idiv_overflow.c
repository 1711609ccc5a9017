/* INT64_MIN / -1 overflows the quotient: IDIV raises #DE and the process dies
 * of SIGFPE (a Java emulator computing Long.MIN_VALUE / -1 gets no exception). */
#include <stdio.h>
#include <sys/resource.h>

int main(void) {
    struct rlimit rl = {0, 0};
    setrlimit(RLIMIT_CORE, &rl);
    volatile long long d = -1;
    long long q;
    fprintf(stderr, "dividing INT64_MIN by -1\n");
    __asm__ volatile("cqto\n\tidivq %2" : "=a"(q) : "a"(-9223372036854775807LL - 1), "r"(d) : "rdx", "cc");
    printf("not reached: %lld\n", q);
    return 0;
}
