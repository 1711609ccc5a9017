/* INT32_MIN / -1 with the 32-bit IDIV: #DE, the process dies of SIGFPE.
 * The quotient of the 8-bit form (-128 / -1) is checked to overflow too,
 * but that one is caught with a handler first. */
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>

static sigjmp_buf env;
static void on_fpe(int sig) { siglongjmp(env, sig); }

int main(void) {
    struct rlimit rl = {0, 0};
    setrlimit(RLIMIT_CORE, &rl);
    volatile int d = -1;
    volatile signed char d8 = -1;
    int q;
    signal(SIGFPE, on_fpe);
    if (sigsetjmp(env, 1) == 0) {
        unsigned short ax = (unsigned short)-128;
        __asm__ volatile("idivb %1" : "+a"(ax) : "q"(d8) : "cc");
        printf("8-bit: not reached %x\n", ax);
    } else {
        printf("8-bit -128/-1 raised SIGFPE\n");
    }
    fflush(stdout);
    signal(SIGFPE, SIG_DFL);
    __asm__ volatile("cltd\n\tidivl %2" : "=a"(q) : "a"(-2147483647 - 1), "r"(d) : "rdx", "cc");
    printf("not reached: %d\n", q);
    return 0;
}
