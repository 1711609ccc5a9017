/* Many processes (fork(2), getrlimit(2)): 200 children alive at once, all
 * reaped with their exit codes; a binary fork tree of 127 processes whose
 * counts add up through exit statuses; and RLIMIT_NPROC: once lowered
 * to 0, fork fails with EAGAIN for an unprivileged user (root is exempt, so a
 * root caller first drops to uid 65534 in a child, as fork(2) describes). */
#include "check.h"
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

/* Forks a subtree of the given depth; exits with the number of processes in it. */
static int tree(int depth) {
    if (depth == 0) return 1;
    pid_t kids[2];
    for (int i = 0; i < 2; i++) {
        kids[i] = fork();
        if (kids[i] == 0) _exit(tree(depth - 1));
        if (kids[i] < 0) return 0;
    }
    int n = 1;
    for (int i = 0; i < 2; i++) {
        int st;
        if (waitpid(kids[i], &st, 0) == kids[i] && WIFEXITED(st)) n += WEXITSTATUS(st);
    }
    return n;
}

int main(void) {
    /* 200 children, all alive until the pipe closes */
    int p[2];
    pipe(p);
    fflush(stdout);
    int started = 0;
    for (int i = 0; i < 200; i++) {
        pid_t pid = fork();
        if (pid == 0) {
            close(p[1]);
            char c;
            if (read(p[0], &c, 1) < 0) _exit(255);
            _exit(i % 100);
        }
        if (pid > 0) started++;
    }
    close(p[0]);
    close(p[1]);
    int reaped = 0, sum = 0, st;
    while (wait(&st) > 0) {
        reaped++;
        sum += WEXITSTATUS(st);
    }
    printf("200 at once: started %d, reaped %d, status sum %d, then %s\n", started, reaped, sum,
           errname(errno));

    fflush(stdout);
    pid_t root = fork();
    if (root == 0) _exit(tree(6));
    waitpid(root, &st, 0);
    printf("fork tree of depth 6: %d processes\n", WEXITSTATUS(st));

    fflush(stdout);
    pid_t child = fork();
    if (child == 0) {
        if (getuid() == 0 && setuid(65534) < 0) _exit(1);
        struct rlimit rl = {0, 0};
        TRY(setrlimit(RLIMIT_NPROC, &rl));
        getrlimit(RLIMIT_NPROC, &rl);
        printf("RLIMIT_NPROC now %ld/%ld\n", (long)rl.rlim_cur, (long)rl.rlim_max);
        fflush(stdout);
        pid_t pid = fork();
        if (pid == 0) _exit(0);
        if (pid > 0) waitpid(pid, NULL, 0);
        printf("fork under the limit: %s\n", pid < 0 ? errname(errno) : "succeeded");
        fflush(stdout);
        rl.rlim_cur = rl.rlim_max = 1;
        TRY(setrlimit(RLIMIT_NPROC, &rl)); /* raising a hard limit needs privilege */
        _exit(0);
    }
    waitpid(child, &st, 0);
    printf("limited child: %d\n", WEXITSTATUS(st));
    return 0;
}
