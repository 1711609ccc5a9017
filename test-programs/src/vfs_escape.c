/* Tries to reach a file outside the file system root: through "..", absolute
 * and relative symlinks, symlink loops, /proc/self/root, /proc/self/cwd,
 * /proc/1/root, openat from "/", and chdir(".."). Prints for each attempt
 * whether the file named by argv[1] (a name in the directory above the root)
 * was seen. Run natively without a chroot it sees the host, so the test runs
 * it under `chroot ROOT` natively and `blink -C ROOT` emulated; argv[2] is the
 * host path of the directory holding the secret, for an absolute symlink that
 * names it. Without arguments it does nothing (a plain native run must not
 * touch the host root). */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char *secret;

static void attempt(const char *what, const char *path) {
    char p[4096];
    snprintf(p, sizeof p, path, secret);
    struct stat st;
    int r = stat(p, &st);
    printf("%-28s %s\n", what, r == 0 ? "SEEN" : errno == ELOOP ? "ELOOP" : "not seen");
}

static int cmp(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

static void list(const char *dir) {
    DIR *d = opendir(dir);
    if (!d) {
        printf("ls %s: errno %d\n", dir, errno);
        return;
    }
    char *names[64];
    int n = 0;
    struct dirent *e;
    while ((e = readdir(d)) && n < 64) names[n++] = strdup(e->d_name);
    closedir(d);
    qsort(names, (size_t)n, sizeof names[0], cmp);
    printf("ls %s:", dir);
    for (int i = 0; i < n; i++) {
        printf(" %s", names[i]);
        free(names[i]);
    }
    printf("\n");
}

int main(int argc, char **argv) {
    if (argc < 3) return 2;
    secret = argv[1];
    const char *outside = argv[2];
    char p[4096];

    /* Links made here, inside the root. */
    unlink("/abs");
    unlink("/up");
    unlink("/host");
    unlink("/loop1");
    unlink("/loop2");
    symlink("/..", "/abs");
    symlink("../../../..", "/up");
    symlink(outside, "/host");
    symlink("/loop2", "/loop1");
    symlink("loop1", "/loop2");
    for (int i = 0; i < 45; i++) {
        char from[32], to[32];
        snprintf(from, sizeof from, "/chain%d", i);
        snprintf(to, sizeof to, "chain%d", i + 1);
        unlink(from);
        symlink(to, from);
    }
    int fd = open("/chain45", O_CREAT | O_WRONLY, 0644);
    close(fd);

    attempt("/../SECRET", "/../%s");
    attempt("/../../../../SECRET", "/../../../../%s");
    attempt("../../SECRET from /", "../../%s");
    attempt("/abs -> /..", "/abs/%s");
    attempt("/abs/../.. ", "/abs/../../%s");
    attempt("/up -> ../../../..", "/up/%s");
    snprintf(p, sizeof p, "/host/%%s");
    attempt("/host -> outside dir", p);
    attempt("/proc/self/root/..", "/proc/self/root/../%s");
    attempt("/proc/self/root/../../..", "/proc/self/root/../../../%s");
    attempt("/proc/self/cwd/../..", "/proc/self/cwd/../../%s");
    attempt("/proc/1/root", "/proc/1/root/%s");
    attempt("/proc/self/root/abs", "/proc/self/root/abs/%s");
    attempt("/dev/../..", "/dev/../../%s");
    attempt("/loop1 (loop)", "/loop1");
    attempt("/chain5 (40 links)", "/chain5");
    attempt("/chain4 (41 links)", "/chain4");

    int root = open("/", O_RDONLY | O_DIRECTORY);
    snprintf(p, sizeof p, "../%s", secret);
    printf("%-28s %s\n", "openat(/, ../SECRET)", faccessat(root, p, F_OK, 0) == 0 ? "SEEN" : "not seen");
    close(root);

    for (int i = 0; i < 10; i++) chdir("..");
    char cwd[4096];
    printf("cwd after chdir(..) x10: %s\n", getcwd(cwd, sizeof cwd) ? cwd : "error");
    printf("%-28s %s\n", "SECRET in cwd", access(secret, F_OK) == 0 ? "SEEN" : "not seen");
    chdir("/abs");
    printf("cwd after chdir(/abs): %s\n", getcwd(cwd, sizeof cwd) ? cwd : "error");
    for (int i = 0; i <= 45; i++) {
        snprintf(p, sizeof p, "/chain%d", i);
        unlink(p);
    }
    list("/..");
    list("/abs/..");

    unlink("/abs");
    unlink("/up");
    unlink("/host");
    unlink("/loop1");
    unlink("/loop2");
    return 0;
}
