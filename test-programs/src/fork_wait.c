/* Processes: fork, exit status through waitpid, a child killed by a signal,
 * a pipe between parent and child, dup2 of the pipe onto stdout in the
 * child, vfork+_exit, and execve of this same program in a "child mode". */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

int main(int argc, char **argv) {
    if (argc > 1 && strcmp(argv[1], "child") == 0) {
        printf("exec'd child: argc=%d arg2=%s\n", argc, argc > 2 ? argv[2] : "-");
        return 9;
    }
    struct rlimit rl = {0, 0};
    setrlimit(RLIMIT_CORE, &rl);
    fflush(stdout);

    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) _exit(42);
    int st;
    pid_t w = waitpid(pid, &st, 0);
    printf("child exited: match=%d exited=%d status=%d\n", w == pid, WIFEXITED(st), WEXITSTATUS(st));

    fflush(stdout);
    pid = fork();
    if (pid == 0) {
        raise(SIGTERM);
        _exit(1);
    }
    waitpid(pid, &st, 0);
    printf("child signaled: %d sig=%d\n", WIFSIGNALED(st), WTERMSIG(st));

    fflush(stdout);
    pid = fork();
    if (pid == 0) {
        volatile int *np = NULL;
        *np = 1;
        _exit(1);
    }
    waitpid(pid, &st, 0);
    printf("child segfault: %d sig=%d\n", WIFSIGNALED(st), WTERMSIG(st));

    /* pipe: child writes, parent reads until EOF */
    int fds[2];
    pipe(fds);
    fflush(stdout);
    pid = fork();
    if (pid == 0) {
        close(fds[0]);
        dup2(fds[1], 1);
        close(fds[1]);
        for (int i = 0; i < 100; i++) printf("line %d from child\n", i);
        fflush(stdout);
        _exit(0);
    }
    close(fds[1]);
    char buf[4096];
    long total = 0, lines = 0;
    ssize_t n;
    while ((n = read(fds[0], buf, sizeof buf)) > 0) {
        total += n;
        for (ssize_t i = 0; i < n; i++) lines += buf[i] == '\n';
    }
    close(fds[0]);
    waitpid(pid, &st, 0);
    printf("pipe: %ld bytes, %ld lines, child status %d\n", total, lines, WEXITSTATUS(st));

    /* memory is copied, not shared */
    static int shared_value = 1;
    fflush(stdout);
    pid = fork();
    if (pid == 0) {
        shared_value = 2;
        _exit(shared_value);
    }
    waitpid(pid, &st, 0);
    printf("copy-on-write: child saw %d, parent still %d\n", WEXITSTATUS(st), shared_value);

    fflush(stdout);
    pid = vfork();
    if (pid == 0) _exit(7);
    waitpid(pid, &st, 0);
    printf("vfork child status: %d\n", WEXITSTATUS(st));

    /* execve ourselves in child mode (via /proc/self/exe would also work) */
    fflush(stdout);
    pid = fork();
    if (pid == 0) {
        char *args[] = {argv[0], "child", "x", NULL};
        execve(argv[0], args, environ);
        printf("execve failed: %s\n", strerror(errno));
        _exit(127);
    }
    waitpid(pid, &st, 0);
    printf("exec child status: %d\n", WEXITSTATUS(st));

    /* waiting with no children */
    w = waitpid(-1, &st, WNOHANG);
    printf("no children: %d %s\n", (int)w, w < 0 ? strerror(errno) : "");
    /* many short-lived children */
    int sum = 0;
    for (int i = 0; i < 20; i++) {
        fflush(stdout);
    pid = fork();
        if (pid == 0) _exit(i);
        waitpid(pid, &st, 0);
        sum += WEXITSTATUS(st);
    }
    printf("20 children, status sum %d\n", sum);
    return 0;
}
