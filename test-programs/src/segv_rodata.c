/* Writing into a string literal (read-only .rodata): SIGSEGV. */
#include <stdio.h>
#include <sys/resource.h>

int main(void) {
    struct rlimit rl = {0, 0};
    setrlimit(RLIMIT_CORE, &rl);
    char *volatile s = (char *)"constant string";
    printf("read ok: %c\n", s[0]);
    fflush(stdout);
    /* a plain C store to a literal is undefined and may be optimised away */
    __asm__ volatile("movb $'C',(%0)" : : "r"(s) : "memory");
    printf("not reached: %s\n", s);
    return 0;
}
