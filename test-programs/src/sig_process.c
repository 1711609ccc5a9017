/* Signals between processes: a SIGCHLD handler sees a forked child's exit
 * with its status; the parent kills a child, a child kills its parent; a
 * child stopped with SIGSTOP and continued with SIGCONT is seen by waitpid
 * with WUNTRACED and WCONTINUED; raise and abort end children with their
 * signals; SIGKILL ends a stopped child. */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

static volatile int chld_code, chld_status, chld_pid, chld_count;
static void on_chld(int sig, siginfo_t *si, void *uc) {
    (void)sig;
    (void)uc;
    chld_code = si->si_code;
    chld_status = si->si_status;
    chld_pid = si->si_pid;
    chld_count++;
}

static volatile int usr1_from;
static void on_usr1(int sig, siginfo_t *si, void *uc) {
    (void)sig;
    (void)uc;
    usr1_from = si->si_pid;
}

static const char *code_name(int c) {
    switch (c) {
    case CLD_EXITED: return "CLD_EXITED";
    case CLD_KILLED: return "CLD_KILLED";
    case CLD_DUMPED: return "CLD_DUMPED";
    case CLD_STOPPED: return "CLD_STOPPED";
    case CLD_CONTINUED: return "CLD_CONTINUED";
    default: return "?";
    }
}

static void describe(const char *what, int st) {
    if (WIFEXITED(st)) printf("%s: exited %d\n", what, WEXITSTATUS(st));
    else if (WIFSIGNALED(st)) printf("%s: killed by %d\n", what, WTERMSIG(st));
    else if (WIFSTOPPED(st)) printf("%s: stopped by %d\n", what, WSTOPSIG(st));
    else if (WIFCONTINUED(st)) printf("%s: continued\n", what);
}

int main(void) {
    struct rlimit rl = {0, 0};
    setrlimit(RLIMIT_CORE, &rl);
    sigset_t chld, old;
    sigemptyset(&chld);
    sigaddset(&chld, SIGCHLD);
    sigaddset(&chld, SIGUSR1);
    sigprocmask(SIG_BLOCK, &chld, &old);
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = on_chld;
    sa.sa_flags = SA_SIGINFO | SA_RESTART;
    sigaction(SIGCHLD, &sa, NULL);
    sa.sa_sigaction = on_usr1;
    sigaction(SIGUSR1, &sa, NULL);

    /* SIGCHLD with the exit status */
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) _exit(7);
    sigsuspend(&old);
    printf("SIGCHLD: %s status=%d pid_ok=%d\n", code_name(chld_code), chld_status, chld_pid == pid);
    int st;
    waitpid(pid, &st, 0);
    describe("exit child", st);

    /* the parent kills a child */
    pid = fork();
    if (pid == 0) {
        for (;;) pause();
    }
    kill(pid, SIGTERM);
    waitpid(pid, &st, 0);
    describe("killed child", st);
    sigsuspend(&old);
    printf("SIGCHLD: %s status=%d\n", code_name(chld_code), chld_status);

    /* a child kills its parent (with a caught signal) */
    chld_count = 0;
    pid = fork();
    if (pid == 0) {
        kill(getppid(), SIGUSR1);
        _exit(0);
    }
    while (usr1_from == 0) sigsuspend(&old);
    printf("SIGUSR1 from child: %d\n", usr1_from == pid);
    while (chld_count == 0) sigsuspend(&old);
    waitpid(pid, &st, 0);

    /* stop and continue */
    int pipefd[2];
    pipe(pipefd);
    pid = fork();
    if (pid == 0) {
        char c;
        close(pipefd[1]);
        read(pipefd[0], &c, 1); /* restarted across the stop */
        _exit(c);
    }
    close(pipefd[0]);
    chld_count = 0;
    kill(pid, SIGSTOP);
    waitpid(pid, &st, WUNTRACED);
    describe("stopped child", st);
    while (chld_count == 0) sigsuspend(&old);
    printf("SIGCHLD: %s status=%d\n", code_name(chld_code), chld_status);
    kill(pid, SIGCONT);
    waitpid(pid, &st, WCONTINUED);
    describe("continued child", st);
    while (chld_count < 2) sigsuspend(&old);
    printf("SIGCHLD: %s status=%d\n", code_name(chld_code), chld_status);
    write(pipefd[1], "\x05", 1);
    waitpid(pid, &st, 0);
    describe("after continue", st);

    /* SA_NOCLDSTOP: no SIGCHLD for a stop */
    sa.sa_sigaction = on_chld;
    sa.sa_flags = SA_SIGINFO | SA_NOCLDSTOP;
    sigaction(SIGCHLD, &sa, NULL);
    sigsuspend(&old); /* take the exit's SIGCHLD */
    chld_count = 0;
    pid = fork();
    if (pid == 0) {
        for (;;) pause();
    }
    kill(pid, SIGSTOP);
    waitpid(pid, &st, WUNTRACED);
    describe("SA_NOCLDSTOP stopped", st);
    kill(pid, SIGKILL);
    waitpid(pid, &st, 0);
    describe("SIGKILL while stopped", st);
    sigsuspend(&old);
    printf("SIGCHLD count=%d last=%s\n", chld_count, code_name(chld_code));

    /* raise and abort */
    pid = fork();
    if (pid == 0) {
        raise(SIGUSR2);
        _exit(1);
    }
    waitpid(pid, &st, 0);
    describe("raise(SIGUSR2)", st);
    pid = fork();
    if (pid == 0) {
        signal(SIGABRT, SIG_IGN); /* abort still ends the process */
        abort();
    }
    waitpid(pid, &st, 0);
    describe("abort", st);
    pid = fork();
    if (pid == 0) {
        signal(SIGTERM, SIG_IGN);
        raise(SIGTERM);
        _exit(3);
    }
    waitpid(pid, &st, 0);
    describe("ignored SIGTERM", st);
    return 0;
}
