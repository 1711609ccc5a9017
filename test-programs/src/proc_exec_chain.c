/* execve (execve(2)): a chain of execs of this same program, #! scripts
 * written at run time (an optional interpreter argument, the script path in
 * argv), interpreters that are scripts themselves down to the depth the kernel
 * refuses with ELOOP, the errors ENOENT/EACCES/ENOEXEC/ENOTDIR, descriptors
 * across exec (FD_CLOEXEC closed, others kept), /proc/self/exe after exec and
 * execvp's PATH search. Prints argv and relations, never paths or pids. */
#include "check.h"
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;
static char self[PATH_MAX];
static char cwd[PATH_MAX];

static void read_self(void) {
    ssize_t n = readlink("/proc/self/exe", self, sizeof self - 1);
    self[n < 0 ? 0 : n] = 0;
}

/* In an exec'd child: argv after argv[0], whether argv[0] is this program,
 * and which of the inherited descriptors 10 (kept) and 11 (close-on-exec) are open. */
static int child_report(int argc, char **argv) {
    read_self();
    printf("  child: argc=%d argv0==exe:%d", argc, strcmp(argv[0], self) == 0);
    char dir[PATH_MAX];
    size_t dn = getcwd(dir, sizeof dir) ? strlen(dir) : 0;
    for (int i = 1; i < argc; i++) {
        /* interpreter paths are absolute: the working directory differs between runs */
        if (dn && strncmp(argv[i], dir, dn) == 0) printf(" [$CWD%s]", argv[i] + dn);
        else printf(" [%s]", argv[i]);
    }
    printf(" fd10:%s fd11:%s\n", fcntl(10, F_GETFD) < 0 ? "closed" : "open",
           fcntl(11, F_GETFD) < 0 ? "closed" : "open");
    return 3;
}

/* chain N: exec ourselves N more times through /proc/self/exe, then report. */
static int chain(char **argv) {
    int n = atoi(argv[2]);
    if (n == 0) {
        read_self();
        printf("  chain end: exe is this program:%d\n", strstr(self, "proc_exec_chain") != NULL);
        return 7;
    }
    char num[16];
    snprintf(num, sizeof num, "%d", n - 1);
    char *args[] = {argv[0], "chain", num, NULL};
    execve("/proc/self/exe", args, environ);
    printf("  chain exec failed: %s\n", errname(errno));
    return 127;
}

static void write_file(const char *name, const char *text, mode_t mode) {
    unlink(name);
    int fd = open(name, O_WRONLY | O_CREAT | O_TRUNC, mode);
    if (write(fd, text, strlen(text)) < 0) perror("write");
    close(fd);
    chmod(name, mode);
}

/* Forks, execs path with argv in the child, and prints the exec error or the child's exit status. */
static void run(const char *label, const char *path, char *const *args) {
    printf("%s:\n", label);
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        execve(path, args, environ);
        printf("  execve: %s\n", errname(errno));
        fflush(stdout);
        _exit(127);
    }
    int st;
    waitpid(pid, &st, 0);
    printf("  status %d\n", WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st));
}

int main(int argc, char **argv) {
    if (argc > 1 && strncmp(argv[1], "child", 5) == 0) return child_report(argc, argv);
    if (argc > 2 && strcmp(argv[1], "chain") == 0) return chain(argv);
    read_self();
    if (!getcwd(cwd, sizeof cwd)) return 1;
    char rp[PATH_MAX];
    printf("argv0 is exe: %d\n", realpath(argv[0], rp) && strcmp(rp, self) == 0);

    /* descriptor 10 survives exec, 11 is close-on-exec */
    int p[2];
    if (pipe(p) < 0) return 1;
    dup2(p[0], 10);
    dup2(p[1], 11);
    fcntl(11, F_SETFD, FD_CLOEXEC);
    close(p[0]);
    close(p[1]);

    char *direct[] = {self, "child", "a b", "", NULL};
    run("direct", self, direct);
    char *chain5[] = {self, "chain", "5", NULL};
    run("chain of 5 execs", self, chain5);

    char text[PATH_MAX + 64];
    snprintf(text, sizeof text, "#!%s child\n", self);
    write_file("s1", text, 0755);
    char *s1[] = {"s1", "x", "y", NULL};
    run("script", "./s1", s1);
    snprintf(text, sizeof text, "#! %s   child  with  spaces  \nnot read\n", self);
    write_file("s2", text, 0755);
    char *s2[] = {"whatever", NULL};
    run("script with spaces", "s2", s2);

    /* interpreters that are scripts: L1 runs us, Lk's interpreter is L(k-1) */
    for (int k = 1; k <= 6; k++) {
        char name[16], label[32];
        snprintf(name, sizeof name, "L%d", k);
        if (k == 1) snprintf(text, sizeof text, "#!%s child\n", self);
        else snprintf(text, sizeof text, "#!%s/L%d\n", cwd, k - 1);
        write_file(name, text, 0755);
        snprintf(label, sizeof label, "interpreter depth %d", k);
        char *args[] = {name, "arg", NULL};
        run(label, name, args);
    }

    snprintf(text, sizeof text, "#!%s/missing-interpreter\n", cwd);
    write_file("noint", text, 0755);
    char *one[] = {"x", NULL};
    run("missing interpreter", "noint", one);
    snprintf(text, sizeof text, "#!%s child\n", self);
    write_file("noexec", text, 0644);
    run("no execute permission", "noexec", one);
    write_file("garbage", "this is not a program\n", 0755);
    run("neither ELF nor #!", "garbage", one);
    write_file("empty", "", 0755);
    run("empty file", "empty", one);
    run("missing file", "nonexistent", one);
    run("directory", ".", one);
    run("through a file", "s1/x", one);

    /* execvp searches PATH for a name without a slash */
    printf("execvp:\n");
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        setenv("PATH", cwd, 1);
        char *args[] = {"s1", "found", NULL};
        execvp("s1", args);
        printf("  execvp: %s\n", errname(errno));
        fflush(stdout);
        _exit(127);
    }
    int st;
    waitpid(pid, &st, 0);
    printf("  status %d\n", WEXITSTATUS(st));

    const char *files[] = {"s1", "s2", "L1", "L2", "L3", "L4", "L5", "L6", "noint", "noexec", "garbage", "empty"};
    for (unsigned i = 0; i < sizeof files / sizeof *files; i++) unlink(files[i]);
    return 0;
}
