/* abort(): the process dies of SIGABRT (status 134) after flushing nothing
 * that was not already written. */
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>

int main(void) {
    struct rlimit rl = {0, 0};
    setrlimit(RLIMIT_CORE, &rl);
    printf("calling abort\n");
    fflush(stdout);
    fprintf(stderr, "stderr is unbuffered\n");
    abort();
}
