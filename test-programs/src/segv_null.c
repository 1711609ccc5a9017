/* Reading through a NULL pointer: the process dies of SIGSEGV (status 139). */
#include <stdio.h>
#include <sys/resource.h>

int main(void) {
    struct rlimit rl = {0, 0};
    setrlimit(RLIMIT_CORE, &rl);
    volatile int *p = (volatile int *)0;
    printf("about to read address 0\n");
    fflush(stdout);
    int v = *p;
    printf("not reached: %d\n", v);
    return 0;
}
