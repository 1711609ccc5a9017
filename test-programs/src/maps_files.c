/* /proc/self/maps as a debugger reads it: every file-backed mapping's
 * permissions, file offset and path (addresses and inode numbers left out, as
 * they differ between runs). A dynamic build lists ld.so and libc.so too. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int by_text(const void *a, const void *b) {
    return strcmp(*(char *const *)a, *(char *const *)b);
}

int main(void) {
    FILE *f = fopen("/proc/self/maps", "r");
    if (!f) return 1;
    static char line[4096], *lines[512];
    int n = 0;
    while (fgets(line, sizeof line, f) && n < 512) {
        char perms[8], path[4096] = "";
        unsigned long start, end, off;
        if (sscanf(line, "%lx-%lx %7s %lx %*s %*s %4095[^\n]", &start, &end, perms, &off, path) < 4) continue;
        if (path[0] != '/') continue; /* anonymous, [heap], [stack], [vdso] ... */
        char *s = malloc(strlen(path) + 32);
        sprintf(s, "%s %08lx %s", perms, off, path);
        lines[n++] = s;
    }
    fclose(f);
    qsort(lines, n, sizeof *lines, by_text);
    for (int k = 0; k < n; k++) printf("%s\n", lines[k]);
    return 0;
}
