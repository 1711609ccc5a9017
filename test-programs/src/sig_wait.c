/* Waiting for signals: alarm + pause, sigsuspend with a temporary mask,
 * sigtimedwait with a timeout and with a pending signal, sigqueue values and
 * the delivery order of queued real-time signals, signalfd with poll. */
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/signalfd.h>
#include <time.h>
#include <unistd.h>

static volatile int alarmed;
static void on_alarm(int sig) { (void)sig; alarmed++; }

static int order[16], values[16], codes[16];
static volatile int n_order;
static void on_rt(int sig, siginfo_t *si, void *uc) {
    (void)uc;
    order[n_order] = sig - SIGRTMIN;
    values[n_order] = si->si_value.sival_int;
    codes[n_order] = si->si_code;
    n_order++;
}

static volatile int usr1_mask_had_usr2;
static void on_usr1(int sig) {
    sigset_t cur;
    (void)sig;
    sigprocmask(SIG_BLOCK, NULL, &cur);
    usr1_mask_had_usr2 = sigismember(&cur, SIGUSR2);
}

int main(void) {
    signal(SIGALRM, on_alarm);
    alarm(1);
    int r = pause();
    printf("pause: r=%d errno=%s alarmed=%d\n", r, errno == EINTR ? "EINTR" : "?", alarmed);

    /* sigsuspend: SIGUSR1 blocked, then waited for with a mask that blocks SIGUSR2 */
    signal(SIGUSR1, on_usr1);
    sigset_t block, wait_mask, after;
    sigemptyset(&block);
    sigaddset(&block, SIGUSR1);
    sigprocmask(SIG_BLOCK, &block, NULL);
    raise(SIGUSR1);
    sigemptyset(&wait_mask);
    sigaddset(&wait_mask, SIGUSR2);
    r = sigsuspend(&wait_mask);
    sigprocmask(SIG_BLOCK, NULL, &after);
    printf("sigsuspend: r=%d errno=%s usr2 blocked in handler=%d usr1 blocked after=%d usr2 after=%d\n", r,
           errno == EINTR ? "EINTR" : "?", usr1_mask_had_usr2, sigismember(&after, SIGUSR1),
           sigismember(&after, SIGUSR2));

    /* sigtimedwait */
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGUSR1);
    struct timespec ts = {0, 50 * 1000 * 1000};
    siginfo_t si;
    r = sigtimedwait(&set, &si, &ts);
    printf("sigtimedwait timeout: r=%d errno=%s\n", r, errno == EAGAIN ? "EAGAIN" : "?");
    kill(getpid(), SIGUSR1);
    r = sigtimedwait(&set, &si, &ts);
    printf("sigtimedwait: r=%d signo=%d code=%d pid_ok=%d\n", r, si.si_signo, si.si_code, si.si_pid == getpid());
    union sigval v = {.sival_int = 42};
    sigqueue(getpid(), SIGUSR1, v);
    r = sigwaitinfo(&set, &si);
    printf("sigwaitinfo: r=%d code=%d (SI_QUEUE=%d) value=%d\n", r, si.si_code, SI_QUEUE, si.si_value.sival_int);

    /* real-time signals queue, in order of number, then of sending */
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = on_rt;
    sa.sa_flags = SA_SIGINFO;
    sigset_t rt;
    sigemptyset(&rt);
    for (int i = 0; i < 3; i++) {
        sigaction(SIGRTMIN + i, &sa, NULL);
        sigaddset(&rt, SIGRTMIN + i);
    }
    sigprocmask(SIG_BLOCK, &rt, NULL);
    int sends[][2] = {{2, 1}, {0, 2}, {1, 3}, {0, 4}, {2, 5}, {0, 6}};
    for (int i = 0; i < 6; i++) {
        v.sival_int = sends[i][1];
        sigqueue(getpid(), SIGRTMIN + sends[i][0], v);
    }
    raise(SIGRTMIN + 1); /* a plain one, queued too */
    sigset_t pend;
    sigpending(&pend);
    printf("rt pending: %d %d %d\n", sigismember(&pend, SIGRTMIN), sigismember(&pend, SIGRTMIN + 1),
           sigismember(&pend, SIGRTMIN + 2));
    sigprocmask(SIG_UNBLOCK, &rt, NULL);
    printf("rt delivered %d:", n_order);
    for (int i = 0; i < n_order; i++) printf(" RTMIN+%d/%d/%s", order[i], values[i],
        codes[i] == SI_QUEUE ? "queue" : codes[i] == SI_TKILL ? "tkill" : "?");
    printf("\n");

    /* standard signals coalesce */
    sigprocmask(SIG_BLOCK, &block, NULL);
    raise(SIGUSR1);
    raise(SIGUSR1);
    int got = 0;
    ts.tv_nsec = 0;
    while (sigtimedwait(&block, &si, &ts) == SIGUSR1) got++;
    printf("SIGUSR1 raised twice while blocked, taken %d time(s)\n", got);

    /* signalfd */
    int fd = signalfd(-1, &block, SFD_CLOEXEC);
    struct pollfd pfd = {.fd = fd, .events = POLLIN};
    printf("signalfd poll before: %d\n", poll(&pfd, 1, 0));
    v.sival_int = 7;
    sigqueue(getpid(), SIGUSR1, v);
    pfd.revents = 0;
    int pr = poll(&pfd, 1, 1000);
    printf("signalfd poll after: %d revents=%#x\n", pr, pfd.revents);
    struct signalfd_siginfo ssi;
    ssize_t n = read(fd, &ssi, sizeof ssi);
    printf("signalfd read: %zd signo=%u code=%d int=%d pid_ok=%d\n", n, ssi.ssi_signo, ssi.ssi_code, ssi.ssi_int,
           ssi.ssi_pid == (unsigned)getpid());
    pfd.revents = 0;
    printf("signalfd poll drained: %d\n", poll(&pfd, 1, 0));
    int fd2 = signalfd(-1, &block, SFD_NONBLOCK);
    n = read(fd2, &ssi, sizeof ssi);
    printf("nonblocking empty read: %zd errno=%s\n", n, errno == EAGAIN ? "EAGAIN" : "?");
    n = read(fd2, &ssi, 8);
    printf("short buffer: %zd errno=%s\n", n, errno == EINVAL ? "EINVAL" : "?");
    return 0;
}
