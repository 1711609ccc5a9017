/* Unbounded recursion runs off the end of the stack: SIGSEGV.  The stack
 * limit is lowered to 1 MiB first so this is quick everywhere. */
#include <stdio.h>
#include <sys/resource.h>

static unsigned long recurse(unsigned long n) {
    volatile char pad[256];
    pad[0] = (char)n;
    if (n == ~0UL) return 0; /* never: keeps the compiler from calling this infinite */
    return recurse(n + 1) + pad[0];
}

int main(void) {
    struct rlimit rl = {0, 0};
    setrlimit(RLIMIT_CORE, &rl);
    rl.rlim_cur = rl.rlim_max = 1 << 20;
    getrlimit(RLIMIT_STACK, &rl);
    if (rl.rlim_cur > (1 << 20)) {
        rl.rlim_cur = 1 << 20;
        setrlimit(RLIMIT_STACK, &rl);
    }
    printf("recursing\n");
    fflush(stdout);
    printf("not reached: %lu\n", recurse(0));
    return 0;
}
