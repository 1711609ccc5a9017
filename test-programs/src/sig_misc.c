/* More of signal(7): siginfo of a timer's SIGALRM and of SIGPIPE, a periodic
 * ITIMER_REAL driving a handler, kill(0) to the process group, sigaltstack's
 * errors, rt_sigqueueinfo's EPERM, and SIGCHLD read from a signalfd through
 * epoll. */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/signalfd.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <unistd.h>

static volatile int last_sig, last_code, ticks;
static void record(int sig, siginfo_t *si, void *uc) {
    (void)uc;
    last_sig = sig;
    last_code = si->si_code;
}
static void tick(int sig) { (void)sig; ticks++; }

static char alt[1 << 15];
static volatile int eperm_on_stack;
static void on_alt(int sig) {
    stack_t ss = {.ss_sp = alt, .ss_size = sizeof alt};
    (void)sig;
    eperm_on_stack = sigaltstack(&ss, NULL) == -1 && errno == EPERM;
}

int main(void) {
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = record;
    sa.sa_flags = SA_SIGINFO;
    sigaction(SIGALRM, &sa, NULL);
    sigaction(SIGPIPE, &sa, NULL);
    sigaction(SIGUSR1, &sa, NULL);

    alarm(1);
    pause();
    printf("alarm: sig=%d code=%#x\n", last_sig, last_code);

    int p[2];
    pipe(p);
    close(p[0]);
    ssize_t n = write(p[1], "x", 1);
    printf("broken pipe: write=%zd errno=%s sig=%d code=%d\n", n, errno == EPIPE ? "EPIPE" : "?", last_sig,
           last_code);
    close(p[1]);

    signal(SIGALRM, tick);
    struct itimerval it = {{0, 20000}, {0, 20000}};
    setitimer(ITIMER_REAL, &it, NULL);
    while (ticks < 3) pause();
    memset(&it, 0, sizeof it);
    setitimer(ITIMER_REAL, &it, NULL);
    printf("periodic timer: ticks>=3 %d\n", ticks >= 3);

    /* A group of its own first: kill(0) must not reach whoever started us. */
    last_sig = 0;
    if (setpgid(0, 0) == 0) kill(0, SIGUSR1);
    printf("kill(0): sig=%d code=%d\n", last_sig, last_code);

    stack_t ss = {.ss_sp = alt, .ss_size = 100};
    int rc = sigaltstack(&ss, NULL);
    printf("small stack: %d %s\n", rc, errno == ENOMEM ? "ENOMEM" : "?");
    ss.ss_size = sizeof alt;
    ss.ss_flags = 5;
    rc = sigaltstack(&ss, NULL);
    printf("bad flags: %d %s\n", rc, errno == EINVAL ? "EINVAL" : "?");
    ss.ss_flags = 0;
    sigaltstack(&ss, NULL);
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_alt;
    sa.sa_flags = SA_ONSTACK;
    sigaction(SIGUSR2, &sa, NULL);
    raise(SIGUSR2);
    printf("change while on it: EPERM=%d\n", eperm_on_stack);

    siginfo_t si;
    memset(&si, 0, sizeof si);
    si.si_code = SI_USER;
    long r = syscall(SYS_rt_sigqueueinfo, getppid(), SIGUSR1, &si); /* the parent exists: no ESRCH */
    printf("rt_sigqueueinfo SI_USER to another process: %ld %s\n", r, errno == EPERM ? "EPERM" : "?");
    si.si_code = SI_QUEUE;
    si.si_value.sival_int = 9;
    r = syscall(SYS_rt_sigqueueinfo, getpid(), SIGUSR1, &si);
    printf("rt_sigqueueinfo to self: %ld code=%d\n", r, last_code);

    sigset_t chld;
    sigemptyset(&chld);
    sigaddset(&chld, SIGCHLD);
    sigprocmask(SIG_BLOCK, &chld, NULL);
    int sfd = signalfd(-1, &chld, SFD_CLOEXEC);
    int ep = epoll_create1(0);
    struct epoll_event ev = {.events = EPOLLIN, .data.u64 = 99};
    epoll_ctl(ep, EPOLL_CTL_ADD, sfd, &ev);
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) _exit(42);
    struct epoll_event out;
    int ne = epoll_wait(ep, &out, 1, 5000);
    struct signalfd_siginfo ssi;
    n = read(sfd, &ssi, sizeof ssi);
    printf("epoll on signalfd: %d data=%llu read=%zd signo=%u code=%d status=%d pid_ok=%d\n", ne,
           (unsigned long long)out.data.u64, n, ssi.ssi_signo, ssi.ssi_code, ssi.ssi_status,
           ssi.ssi_pid == (unsigned)pid);
    int st;
    waitpid(pid, &st, 0);
    return 0;
}
