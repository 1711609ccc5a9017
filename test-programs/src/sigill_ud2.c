/* UD2 raises #UD: the process dies of SIGILL (status 132). */
#include <stdio.h>
#include <sys/resource.h>

int main(void) {
    struct rlimit rl = {0, 0};
    setrlimit(RLIMIT_CORE, &rl);
    fputs("executing ud2\n", stderr);
    __asm__ volatile("ud2");
    puts("not reached");
    return 0;
}
