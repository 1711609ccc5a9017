/* Writing to a page made read-only with mprotect: SIGSEGV.  The same
 * page read before and after the failed write is fine. */
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>

int main(void) {
    struct rlimit rl = {0, 0};
    setrlimit(RLIMIT_CORE, &rl);
    char *p = mmap(NULL, 8192, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    strcpy(p, "writable");
    strcpy(p + 4096, "second page");
    mprotect(p + 4096, 4096, PROT_READ);
    printf("%s / %s\n", p, p + 4096);
    fflush(stdout);
    p[0] = 'W'; /* still fine */
    ((volatile char *)p)[4096 + 7] = '!';
    printf("not reached\n");
    return 0;
}
