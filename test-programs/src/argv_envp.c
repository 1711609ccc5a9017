/* argc/argv (including empty, spaced and non-ASCII arguments from
 * argv_envp.args) and the environment (sorted, so order does not matter). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

extern char **environ;

static int cmp(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

int main(int argc, char **argv) {
    printf("argc=%d\n", argc);
    printf("argv[0] non-empty: %d\n", argv[0] && argv[0][0]);
    for (int i = 1; i < argc; i++) {
        printf("argv[%d] (%zu) = [%s]\n", i, strlen(argv[i]), argv[i]);
    }
    int n = 0;
    while (environ[n]) n++;
    char **copy = malloc((size_t)(n + 1) * sizeof *copy);
    memcpy(copy, environ, (size_t)(n + 1) * sizeof *copy);
    qsort(copy, (size_t)n, sizeof *copy, cmp);
    printf("envc=%d\n", n);
    for (int i = 0; i < n; i++) {
        /* the working directory differs between test runs; show only its presence */
        if (!strncmp(copy[i], "HOME=", 5) || !strncmp(copy[i], "TMPDIR=", 7) || !strncmp(copy[i], "PWD=", 4))
            printf("env %.*s=<dir>\n", (int)(strchr(copy[i], '=') - copy[i]), copy[i]);
        else
            printf("env %s\n", copy[i]);
    }
    const char *t = getenv("TEST");
    printf("getenv(TEST)=%s\n", t ? t : "(null)");
    printf("getenv(NOPE)=%s\n", getenv("NOPE_NOT_SET") ? "set" : "(null)");
    setenv("ADDED", "1", 1);
    unsetenv("TEST");
    printf("after setenv/unsetenv: ADDED=%s TEST=%s\n", getenv("ADDED"), getenv("TEST") ? "set" : "(null)");
    free(copy);
    return argc - 1;
}
