/* execve from a thread that is not the main one (de_thread()): the other
 * threads end, and the caller carries on as the main thread with the pid as
 * its tid, in the same process (the parent still sees the same child). */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

static char *self;
static int before_pid;

static void *busy(void *arg) {
    (void)arg;
    for (;;) pause(); /* must not survive the exec */
    return 0;
}

static void *exec_it(void *arg) {
    (void)arg;
    char pid[16];
    snprintf(pid, sizeof pid, "%d", before_pid);
    execl(self, self, "after", pid, (char *)0);
    return 0;
}

int main(int argc, char **argv) {
    if (argc == 3 && strcmp(argv[1], "after") == 0) {
        printf("after exec: same pid %d, tid == pid %d\n", getpid() == atoi(argv[2]),
               (long)getpid() == syscall(SYS_gettid));
        return 7;
    }
    self = argv[0];
    pid_t child = fork();
    if (child == 0) {
        before_pid = getpid();
        pthread_t a, b;
        pthread_create(&a, 0, busy, 0);
        pthread_create(&b, 0, exec_it, 0);
        pthread_join(b, 0);
        _exit(1);
    }
    int st;
    waitpid(child, &st, 0);
    printf("child exit %d\n", WIFEXITED(st) ? WEXITSTATUS(st) : -1);
    return 0;
}
