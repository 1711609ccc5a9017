/* Waiting for children (wait4(2), waitid(2)): WNOHANG on a running child,
 * waitid by P_PID, P_PGID and P_ALL with WNOWAIT leaving the zombie in place,
 * siginfo of exited and killed children, rusage, ECHILD and EINVAL, a kill
 * that ends a child blocked in read(2), clone children that signal nothing
 * (only __WCLONE/__WALL see them) with CLONE_PARENT_SETTID and
 * CLONE_CHILD_SETTID, and vfork sharing memory until the child exits or
 * execs. Prints relations and statuses, never pids. */
#define _GNU_SOURCE
#include "check.h"
#include <sched.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

extern char **environ;

/* A child that exits with code once a byte (or EOF) arrives on the pipe p. */
static pid_t gated(int p[2], int code) {
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        int fd = p[0];
        close(p[1]);
        char c;
        if (read(fd, &c, 1) < 0) _exit(99);
        _exit(code);
    }
    return pid;
}

static void nap(void) {
    struct timespec ts = {0, 50000000};
    nanosleep(&ts, NULL);
}

/* Gives a killed child 2 s to die; if it still lives, says so and closes
 * writer, the write end of the pipe it reads, so it ends instead of hanging. */
static void bounded(pid_t pid, int writer) {
    siginfo_t si;
    for (int i = 0; i < 40; i++) {
        si.si_pid = 0;
        if (waitid(P_PID, pid, &si, WEXITED | WNOHANG | WNOWAIT) == 0 && si.si_pid == pid) break;
        nap();
    }
    if (si.si_pid != pid) printf("still running 2 s after the kill: ending its read\n");
    close(writer);
}

static void print_info(const char *what, pid_t expect, siginfo_t *si) {
    printf("%s: signo=%d pid-match=%d code=%s status=%d\n", what, si->si_signo, si->si_pid == expect,
           si->si_code == CLD_EXITED ? "CLD_EXITED" : si->si_code == CLD_KILLED ? "CLD_KILLED"
           : si->si_code == CLD_DUMPED ? "CLD_DUMPED" : "other", si->si_status);
}

static void wnohang(void) {
    int p[2];
    pipe(p);
    pid_t pid = gated(p, 12);
    int st = -1;
    TRY(waitpid(pid, &st, WNOHANG));
    siginfo_t si;
    memset(&si, 0xff, sizeof si);
    TRY(waitid(P_PID, pid, &si, WEXITED | WNOHANG));
    printf("waitid WNOHANG on a running child: si_pid=%d\n", si.si_pid);
    if (write(p[1], "go", 2) != 2) return;
    struct rusage ru;
    memset(&ru, 0xff, sizeof ru);
    pid_t w = wait4(pid, &st, 0, &ru);
    printf("wait4: match=%d exited=%d code=%d rusage-sane=%d\n", w == pid, WIFEXITED(st), WEXITSTATUS(st),
           ru.ru_utime.tv_sec >= 0 && ru.ru_stime.tv_sec >= 0 && ru.ru_utime.tv_usec >= 0
           && ru.ru_utime.tv_usec < 1000000 && ru.ru_stime.tv_usec >= 0 && ru.ru_stime.tv_usec < 1000000
           && ru.ru_maxrss >= 0 && ru.ru_minflt >= 0);
    close(p[0]);
    close(p[1]);
    TRY(waitpid(pid, &st, 0));   /* already reaped */
    TRY(waitpid(-1, &st, WNOHANG));
    TRY(wait(&st));
    TRY(waitpid(1, &st, 0));     /* not our child */
    TRY(waitpid(-1, &st, 0x40000000)); /* an unknown option bit */
    TRY(waitid(P_ALL, 0, &si, 0));     /* none of WEXITED, WSTOPPED, WCONTINUED */
    TRY(waitid(7, 0, &si, WEXITED));   /* no such idtype */
}

static void waitid_kinds(void) {
    int p[2];
    pipe(p);
    pid_t a = gated(p, 21);
    pid_t b = gated(p, 22);
    setpgid(b, b);
    close(p[1]);                 /* both see EOF and exit */
    siginfo_t si;
    memset(&si, 0, sizeof si);
    TRY(waitid(P_PID, a, &si, WEXITED | WNOWAIT));
    print_info("P_PID WNOWAIT", a, &si);
    memset(&si, 0, sizeof si);
    TRY(waitid(P_PID, a, &si, WEXITED));  /* still there after WNOWAIT */
    print_info("P_PID", a, &si);
    TRY(waitid(P_PID, a, &si, WEXITED));
    memset(&si, 0, sizeof si);
    TRY(waitid(P_PGID, b, &si, WEXITED | WNOWAIT));
    print_info("P_PGID WNOWAIT", b, &si);
    int st;
    pid_t w = waitpid(-b, &st, 0);
    printf("waitpid(-pgid) reaps it: %d code=%d\n", w == b, WEXITSTATUS(st));
    TRY(waitid(P_PGID, b, &si, WEXITED));
    close(p[0]);

    /* killed children: a kill must end a read(2) in progress */
    int q[2];
    pipe(q);
    pid_t c = gated(q, 0);
    nap();                       /* (most likely) blocked in read by now */
    TRY(kill(c, SIGKILL));
    bounded(c, q[1]);
    memset(&si, 0, sizeof si);
    TRY(waitid(P_ALL, 0, &si, WEXITED));
    print_info("P_ALL killed", c, &si);
    close(q[0]);
    pipe(q);
    c = gated(q, 0);
    nap();
    TRY(kill(c, SIGTERM));
    bounded(c, q[1]);
    w = waitpid(c, &st, 0);
    printf("terminated: match=%d signaled=%d sig=%d\n", w == c, WIFSIGNALED(st), WTERMSIG(st));
    close(q[0]);
}

static int clone_fn(void *arg) {
    volatile pid_t *ctid = arg;
    /* CLONE_CHILD_SETTID wrote our tid into our copy before we ran */
    return *ctid == (pid_t)syscall(SYS_gettid) ? 33 : 34;
}

static void clone_children(void) {
    static char stack[2][64 * 1024] __attribute__((aligned(16)));
    static volatile pid_t ptid, ctid;
    ptid = 0;
    ctid = 0;
    /* exit signal 0: a "clone" child, invisible to plain waits */
    pid_t pid = clone(clone_fn, stack[0] + sizeof stack[0], CLONE_PARENT_SETTID | CLONE_CHILD_SETTID,
                      (void *)&ctid, &ptid, NULL, &ctid);
    printf("clone: ok=%d parent_settid=%d parent's ctid untouched=%d\n", pid > 0, ptid == pid, ctid == 0);
    int st;
    TRY(waitpid(pid, &st, 0));
    pid_t w = waitpid(pid, &st, __WCLONE);
    printf("__WCLONE: match=%d code=%d\n", w == pid, WEXITSTATUS(st));
    pid = clone(clone_fn, stack[1] + sizeof stack[1], CLONE_CHILD_SETTID, (void *)&ctid, NULL, NULL, &ctid);
    w = waitpid(-1, &st, __WALL);
    printf("__WALL: match=%d code=%d\n", w == pid, WEXITSTATUS(st));
    /* exit signal SIGCHLD: an ordinary child, which __WCLONE does not see */
    pid = clone(clone_fn, stack[0] + sizeof stack[0], SIGCHLD | CLONE_CHILD_SETTID, (void *)&ctid, NULL, NULL,
                &ctid);
    TRY(waitpid(pid, &st, __WCLONE | WNOHANG));
    w = waitpid(pid, &st, 0);
    printf("SIGCHLD clone: match=%d code=%d\n", w == pid, WEXITSTATUS(st));
}

static void vforks(void) {
    static volatile int shared;
    shared = 1;
    pid_t pid = vfork();
    if (pid == 0) {
        shared = 2;              /* vfork(2): the child borrows the parent's memory */
        _exit(5);
    }
    int st;
    waitpid(pid, &st, 0);
    printf("vfork: code=%d parent sees child's store: %d\n", WEXITSTATUS(st), shared == 2);
    pid = vfork();
    if (pid == 0) {
        char *args[] = {"proc_wait", "child", NULL};
        execve("/proc/self/exe", args, environ);
        _exit(127);
    }
    waitpid(pid, &st, 0);
    printf("vfork+exec: code=%d\n", WEXITSTATUS(st));
}

int main(int argc, char **argv) {
    if (argc > 1 && strcmp(argv[1], "child") == 0) return 8;
    struct rlimit rl = {0, 0};
    setrlimit(RLIMIT_CORE, &rl);
    wnohang();
    waitid_kinds();
    clone_children();
    vforks();
    return 0;
}
