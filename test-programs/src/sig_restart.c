/* Interrupted system calls: a blocking pipe read interrupted by SIGALRM fails
 * with EINTR without SA_RESTART and is restarted with it; nanosleep reports
 * the time left; SA_NODEFER lets a handler interrupt itself, SA_RESETHAND
 * makes the next delivery take the default action. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

static int fds[2];
static volatile int alarms;

static void on_alarm(int sig) {
    (void)sig;
    alarms++;
    if (alarms == 2) write(fds[1], "x", 1);
}

static void arm(long usec) {
    struct itimerval it = {{0, 0}, {0, usec}};
    setitimer(ITIMER_REAL, &it, NULL);
}

static volatile int depth, max_depth, calls;
static void nested(int sig) {
    depth++;
    if (depth > max_depth) max_depth = depth;
    if (++calls < 3) raise(sig);
    depth--;
}

static volatile int once;
static void once_handler(int sig) { (void)sig; once++; }

int main(void) {
    pipe(fds);
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_alarm;
    sigaction(SIGALRM, &sa, NULL);
    char c;
    arm(30000);
    ssize_t n = read(fds[0], &c, 1);
    printf("no SA_RESTART: read=%zd errno=%s alarms=%d\n", n, n < 0 && errno == EINTR ? "EINTR" : "?", alarms);

    sa.sa_flags = SA_RESTART;
    sigaction(SIGALRM, &sa, NULL);
    arm(30000);
    n = read(fds[0], &c, 1);
    printf("SA_RESTART: read=%zd c=%c alarms=%d\n", n, n == 1 ? c : '-', alarms);

    sa.sa_flags = 0;
    sigaction(SIGALRM, &sa, NULL);
    arm(30000);
    struct timespec req = {5, 0}, rem = {0, 0};
    int r = nanosleep(&req, &rem);
    printf("nanosleep: r=%d errno=%s rem_ok=%d\n", r, r < 0 && errno == EINTR ? "EINTR" : "?",
           rem.tv_sec >= 3 && rem.tv_sec <= 5);

    memset(&sa, 0, sizeof sa);
    sa.sa_handler = nested;
    sa.sa_flags = SA_NODEFER;
    sigaction(SIGUSR1, &sa, NULL);
    raise(SIGUSR1);
    printf("SA_NODEFER: max depth=%d\n", max_depth);
    depth = max_depth = calls = 0;
    sa.sa_flags = 0;
    sigaction(SIGUSR1, &sa, NULL);
    raise(SIGUSR1);
    printf("deferred: max depth=%d calls=%d\n", max_depth, calls);

    memset(&sa, 0, sizeof sa);
    sa.sa_handler = once_handler;
    sa.sa_flags = SA_RESETHAND;
    sigaction(SIGUSR2, &sa, NULL);
    raise(SIGUSR2);
    struct sigaction now;
    sigaction(SIGUSR2, NULL, &now);
    printf("SA_RESETHAND: ran=%d now default=%d\n", once, now.sa_handler == SIG_DFL);
    fflush(stdout);
    raise(SIGUSR2);
    printf("not reached\n");
    return 0;
}
