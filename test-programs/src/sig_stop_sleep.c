/* Calls a stop interrupts are restarted, not failed: a child's nanosleep,
 * read and waitpid go on after SIGSTOP and SIGCONT (restart_syscall for the
 * sleep, which sleeps only what was left); SIGTSTP stops by default. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static double now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

int main(void) {
    int fds[2];
    pipe(fds);
    fflush(stdout);
    pid_t pid = fork();
    /* The child gets a process group of its own, with its parent outside it in the
     * same session, so the group is not orphaned even when this program's own group
     * is (under a build tool): Linux discards SIGTSTP sent into an orphaned group. */
    if (pid == 0) setpgid(0, 0);
    else setpgid(pid, pid);
    if (pid == 0) {
        double t0 = now();
        struct timespec req = {0, 400 * 1000 * 1000};
        int r = nanosleep(&req, NULL);
        double slept = now() - t0;
        char c = 0;
        ssize_t n = read(fds[0], &c, 1);
        /* 400 ms asleep, plus the ~300 ms stopped: well under two full sleeps */
        _exit((r == 0 ? 1 : 0) | (slept >= 0.39 && slept < 1.5 ? 2 : 0) | (n == 1 && c == 'x' ? 4 : 0));
    }
    struct timespec pause_ts = {0, 100 * 1000 * 1000};
    nanosleep(&pause_ts, NULL);
    int st;
    kill(pid, SIGSTOP);
    waitpid(pid, &st, WUNTRACED);
    printf("stopped: %d sig=%d\n", WIFSTOPPED(st), WSTOPSIG(st));
    pause_ts.tv_nsec = 300 * 1000 * 1000;
    nanosleep(&pause_ts, NULL);
    kill(pid, SIGCONT);
    waitpid(pid, &st, WCONTINUED);
    printf("continued: %d\n", WIFCONTINUED(st));
    pause_ts.tv_nsec = 600 * 1000 * 1000;
    nanosleep(&pause_ts, NULL); /* the child now blocks in read */
    kill(pid, SIGTSTP);
    waitpid(pid, &st, WUNTRACED);
    printf("SIGTSTP: stopped=%d sig=%d\n", WIFSTOPPED(st), WSTOPSIG(st));
    kill(pid, SIGCONT);
    write(fds[1], "x", 1);
    waitpid(pid, &st, 0);
    printf("child: exited=%d nanosleep_ok=%d slept_ok=%d read_ok=%d\n", WIFEXITED(st), WEXITSTATUS(st) & 1,
           (WEXITSTATUS(st) >> 1) & 1, (WEXITSTATUS(st) >> 2) & 1);
    return 0;
}
