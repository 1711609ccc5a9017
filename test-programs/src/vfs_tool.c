/* A tiny file tool for the -C / BLINK_OVERLAYS tests (RootEscapeTest): each
 * argument is one operation, run in order, and its result printed:
 *   cat:PATH   the file's contents      write:PATH=TEXT  create or truncate
 *   mkdir:PATH                          ls:PATH          sorted entries
 *   readlink:PATH                       cwd              getcwd()
 * Without arguments it does nothing, so a plain native run changes no file. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int cmp(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

int main(int argc, char **argv) {
    for (int i = 1; i < argc; i++) {
        char *op = argv[i], *arg = strchr(op, ':');
        if (arg) *arg++ = 0;
        char buf[4096];
        if (!strcmp(op, "cat")) {
            int fd = open(arg, O_RDONLY);
            ssize_t n = fd < 0 ? -1 : read(fd, buf, sizeof buf - 1);
            if (n < 0) printf("cat %s: errno %d\n", arg, errno);
            else printf("cat %s: %.*s", arg, (int)n, buf);
            if (fd >= 0) close(fd);
        } else if (!strcmp(op, "write")) {
            char *text = strchr(arg, '=');
            if (text) *text++ = 0;
            int fd = open(arg, O_WRONLY | O_CREAT | O_TRUNC, 0644);
            if (fd < 0 || write(fd, text, strlen(text)) < 0) printf("write %s: errno %d\n", arg, errno);
            else printf("write %s: ok\n", arg);
            if (fd >= 0) close(fd);
        } else if (!strcmp(op, "mkdir")) {
            printf("mkdir %s: %s\n", arg, mkdir(arg, 0755) == 0 ? "ok" : strerror(errno));
        } else if (!strcmp(op, "ls")) {
            DIR *d = opendir(arg);
            if (!d) {
                printf("ls %s: errno %d\n", arg, errno);
                continue;
            }
            char *names[256];
            int n = 0;
            struct dirent *e;
            while ((e = readdir(d)) && n < 256) names[n++] = strdup(e->d_name);
            closedir(d);
            qsort(names, (size_t)n, sizeof names[0], cmp);
            printf("ls %s:", arg);
            for (int k = 0; k < n; k++) printf(" %s", names[k]);
            printf("\n");
        } else if (!strcmp(op, "readlink")) {
            ssize_t n = readlink(arg, buf, sizeof buf - 1);
            if (n < 0) printf("readlink %s: errno %d\n", arg, errno);
            else printf("readlink %s: %.*s\n", arg, (int)n, buf);
        } else if (!strcmp(op, "cwd")) {
            printf("cwd: %s\n", getcwd(buf, sizeof buf) ? buf : "error");
        } else {
            printf("unknown operation %s\n", op);
            return 2;
        }
    }
    return 0;
}
