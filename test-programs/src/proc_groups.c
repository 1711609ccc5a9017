/* Process groups and sessions (setpgid(2), setsid(2), credentials(7)): all
 * inside a child that first makes its own session, so nothing depends on how
 * the test itself was started. The rules of setpgid (own children only, not
 * after they exec, not across sessions, not on a session leader) and their
 * errnos, setsid in a group leader, kill of a whole group, and orphans:
 * reparented to the nearest PR_SET_CHILD_SUBREAPER, else to init (pid 1).
 * Prints relations between ids, never the ids. */
#include "check.h"
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

extern char **environ;

static int status_of(pid_t pid) {
    int st;
    if (waitpid(pid, &st, 0) != pid) return -1;
    return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
}

static void nap(void) {
    struct timespec ts = {0, 2000000};
    nanosleep(&ts, NULL);
}

/* A child that naps until fd is readable (a byte or EOF), then exits with code.
 * (Naps, not a blocking read: kill must end it, and blocking reads ending on a
 * signal are proc_wait's business.) */
static pid_t waiter(int fd, int code) {
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        struct pollfd p = {fd, POLLIN, 0};
        while (poll(&p, 1, 0) == 0) nap();
        _exit(code);
    }
    return pid;
}

/* Waits (up to 2 s) until getppid() differs from old; returns the new parent. */
static pid_t await_new_parent(pid_t old) {
    for (int i = 0; i < 1000 && getppid() == old; i++) nap();
    return getppid();
}

static void groups(void) {
    pid_t me = getpid();
    printf("leader: sid==pid:%d pgid==pid:%d getsid(0)==getsid(me):%d\n", getsid(0) == me, getpgid(0) == me,
           getsid(0) == getsid(me));
    TRY(setsid());               /* already a session (and group) leader */
    TRY(setpgid(0, 0));          /* a session leader cannot even "move" into its own group */
    TRY(getpgid(0x3fffffff));    /* no such process */
    TRY(getsid(0x3fffffff));
    TRY(setpgid(0x3fffffff, 0));
    TRY(setpgid(0, -1));

    int gate[2];
    pipe(gate);
    pid_t a = waiter(gate[0], 1);
    pid_t b = waiter(gate[0], 2);
    printf("child in parent's group: %d, same session: %d\n", getpgid(a) == me, getsid(a) == me);
    TRY(setpgid(a, a) == 0);     /* a leads a new group */
    TRY(setpgid(b, a) == 0);     /* b joins it */
    printf("a leads: %d, b in a's group: %d\n", getpgid(a) == a, getpgid(b) == a);
    TRY(setpgid(a, me) == 0);    /* back into ours */
    printf("a back: %d\n", getpgid(a) == me);
    TRY(setpgid(a, a + 100000)); /* no such group in this session */
    TRY(setpgid(getppid(), 0));  /* not our child */

    /* kill(-pgid) reaches every member of the group and no one else */
    TRY(setpgid(a, a) == 0);
    TRY(setpgid(b, a) == 0);
    TRY(kill(-a, SIGTERM));
    printf("group killed: a %d, b %d\n", status_of(a), status_of(b));
    TRY(kill(-a, 0));            /* the group is gone */
    close(gate[1]);
    close(gate[0]);

    /* a child that has exec'd can no longer be moved */
    int p[2];
    pipe(p);
    fflush(stdout);
    pid_t c = fork();
    if (c == 0) {
        close(p[1]);
        dup2(p[0], 0);
        char *args[] = {"/proc/self/exe", "block", NULL};
        execve("/proc/self/exe", args, environ);
        _exit(127);
    }
    close(p[0]);
    for (int i = 0; i < 5000; i++) {
        /* the child tells nothing when it has exec'd: try until setpgid says EACCES */
        if (setpgid(c, c) < 0) break;
        setpgid(c, me);
        nap();
    }
    printf("setpgid after exec: %s\n", errname(errno));
    close(p[1]);
    printf("exec'd child status: %d\n", status_of(c));

    /* a child in a new session: its own leader, and out of reach of setpgid */
    fflush(stdout);
    pid_t s = fork();
    if (s == 0) {
        pid_t sid = setsid();
        int ok = sid == getpid() && getsid(0) == getpid() && getpgid(0) == getpid();
        int again = setsid() < 0 && errno == EPERM;
        int join = setpgid(0, getppid()) < 0 && errno == EPERM;
        _exit(ok | again << 1 | join << 2);
    }
    printf("new session child: %d (7: leader, setsid EPERM, joining EPERM)\n", status_of(s));
    int q[2];
    pipe(q);
    fflush(stdout);
    s = fork();
    if (s == 0) {
        setsid();
        close(q[1]);
        char c;
        if (read(q[0], &c, 1)) {}
        _exit(0);
    }
    close(q[0]);
    while (getsid(s) != s) nap();
    TRY(setpgid(s, me));         /* a session leader */
    TRY(setpgid(s, s));
    close(q[1]);
    status_of(s);
}

/* grandchild of a process that exits: reparented to the subreaper or init */
static void orphans(int subreaper) {
    pid_t reaper = getpid();
    if (subreaper) TRY(prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0));
    int r = 0;
    prctl(PR_GET_CHILD_SUBREAPER, &r, 0, 0, 0);
    printf("subreaper flag: %d\n", r);
    int p[2];
    pipe(p);
    fflush(stdout);
    pid_t mid = fork();
    if (mid == 0) {
        pid_t self = getpid();   /* (the orphan may start only after we are gone) */
        fflush(stdout);
        pid_t g = fork();
        if (g == 0) {
            close(p[0]);
            pid_t now = await_new_parent(self);
            char msg[2] = {(char)(now == reaper ? 'R' : now == 1 ? '1' : '?'), 0};
            if (write(p[1], msg, 1)) {}
            _exit(0);
        }
        _exit(4);
    }
    close(p[1]);
    printf("middle status: %d\n", status_of(mid));
    char c = '-';
    if (read(p[0], &c, 1) != 1) c = '-';
    close(p[0]);
    printf("orphan's new parent: %s\n", c == 'R' ? "the subreaper" : c == '1' ? "init (pid 1)" : "other");
    if (subreaper) {
        /* the subreaper collects the orphan */
        int st;
        pid_t w = waitpid(-1, &st, 0);
        printf("subreaper reaped the orphan: %d status %d\n", w > 0, WEXITSTATUS(st));
    }
    TRY(waitpid(-1, NULL, WNOHANG));
}

int main(int argc, char **argv) {
    if (argc > 1 && strcmp(argv[1], "block") == 0) {
        char c;
        return read(0, &c, 1) < 0 ? 1 : 6;
    }
    struct rlimit rl = {0, 0};
    setrlimit(RLIMIT_CORE, &rl);
    fflush(stdout);
    pid_t top = fork();
    if (top == 0) {
        TRY(setsid() == getpid());
        groups();
        orphans(1);
        fflush(stdout);
        _exit(0);
    }
    printf("session child status: %d\n", status_of(top));
    /* the subreaper flag is not inherited (prctl(2)); without one the orphan goes to init */
    fflush(stdout);
    pid_t plain = fork();
    if (plain == 0) {
        orphans(0);
        fflush(stdout);
        _exit(0);
    }
    printf("plain child status: %d\n", status_of(plain));
    return 0;
}
