/* Exit statuses and exit-time behaviour: atexit handlers run in reverse
 * order, stdio buffers are flushed by exit() but not by _exit(); the status
 * is chosen by the first argument (exit_status.args passes "exit 77"). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void h1(void) { printf("atexit 1\n"); }
static void h2(void) { printf("atexit 2\n"); }
static void h3(void) { fprintf(stderr, "atexit 3 (stderr)\n"); }

int main(int argc, char **argv) {
    atexit(h1);
    atexit(h2);
    atexit(h3);
    printf("buffered line without flush\n");
    if (argc >= 3 && strcmp(argv[1], "exit") == 0) exit(atoi(argv[2]));
    if (argc >= 3 && strcmp(argv[1], "_exit") == 0) _exit(atoi(argv[2])); /* loses the buffer */
    if (argc >= 2 && strcmp(argv[1], "return") == 0) return 300; /* status is taken mod 256 */
    return 0;
}
