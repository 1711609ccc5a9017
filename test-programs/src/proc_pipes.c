/* Pipes between processes (pipe(7)): a three-stage pipeline of forked children
 * joined with dup2, end of file only when every write end in every process is
 * closed, POLLHUP after the last writer goes, EPIPE with SIGPIPE ignored (and
 * inherited as ignored across fork), death by SIGPIPE with the default action,
 * and a megabyte through a pipe in small and large pieces. */
#include "check.h"
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

static int status_of(pid_t pid) {
    int st;
    if (waitpid(pid, &st, 0) != pid) return -1;
    return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
}

/* Reads fd to the end; returns the byte count and sums the bytes into *sum. */
static long drain(int fd, unsigned long *sum) {
    char buf[3000];
    long total = 0;
    ssize_t n;
    while ((n = read(fd, buf, sizeof buf)) > 0) {
        for (ssize_t i = 0; i < n; i++) *sum = *sum * 31 + (unsigned char)buf[i];
        total += n;
    }
    return n < 0 ? -1 : total;
}

/* gen | upper | count: each stage a child with its pipe ends on 0 and 1. */
static void pipeline(void) {
    int a[2], b[2], c[2];
    pipe(a);
    pipe(b);
    pipe(c);
    fflush(stdout);
    pid_t gen = fork();
    if (gen == 0) {
        dup2(a[1], 1);
        close(a[0]), close(a[1]), close(b[0]), close(b[1]), close(c[0]), close(c[1]);
        for (int i = 0; i < 500; i++) printf("line %d of the generator\n", i);
        fflush(stdout);
        _exit(0);
    }
    pid_t upper = fork();
    if (upper == 0) {
        dup2(a[0], 0);
        dup2(b[1], 1);
        close(a[0]), close(a[1]), close(b[0]), close(b[1]), close(c[0]), close(c[1]);
        int ch;
        while ((ch = getchar()) != EOF) putchar(ch >= 'a' && ch <= 'z' ? ch - 32 : ch);
        fflush(stdout);
        _exit(1);
    }
    pid_t count = fork();
    if (count == 0) {
        dup2(b[0], 0);
        dup2(c[1], 1);
        close(a[0]), close(a[1]), close(b[0]), close(b[1]), close(c[0]), close(c[1]);
        long lines = 0, bytes = 0, upper_e = 0;
        int ch;
        while ((ch = getchar()) != EOF) {
            bytes++;
            lines += ch == '\n';
            upper_e += ch == 'E';
        }
        printf("%ld lines, %ld bytes, %ld E\n", lines, bytes, upper_e);
        fflush(stdout);
        _exit(2);
    }
    close(a[0]), close(a[1]), close(b[0]), close(b[1]), close(c[1]);
    char buf[200] = {0};
    ssize_t n = read(c[0], buf, sizeof buf - 1);
    close(c[0]);
    printf("pipeline result (%zd bytes): %s", n, buf);
    printf("statuses: %d %d %d\n", status_of(gen), status_of(upper), status_of(count));
}

/* The reader sees EOF only after both the parent's and a second child's write ends close. */
static void eof_after_all_writers(void) {
    int p[2], done[2];
    pipe(p);
    pipe(done);
    fflush(stdout);
    pid_t writer = fork();
    if (writer == 0) {
        close(p[0]);
        close(done[1]);
        char c;
        /* hold the write end until the parent says so */
        if (read(done[0], &c, 1) != 1) _exit(9);
        if (write(p[1], "late", 4) != 4) _exit(8);
        _exit(0);
    }
    close(done[0]);
    close(p[1]);
    struct pollfd pfd = {p[0], POLLIN, 0};
    printf("poll while a writer lives: %d\n", poll(&pfd, 1, 0));
    /* the writer still holds its end: poll says nothing is readable yet */
    if (write(done[1], "g", 1) != 1) printf("release failed\n");
    close(done[1]);
    unsigned long sum = 0;
    long n = drain(p[0], &sum);
    printf("read after release: %ld bytes, writer status %d\n", n, status_of(writer));
    pfd.revents = 0;
    int r = poll(&pfd, 1, 0);
    printf("poll after all writers closed: %d hup=%d in=%d\n", r, !!(pfd.revents & POLLHUP),
           !!(pfd.revents & POLLIN));
    close(p[0]);
}

/* SIGPIPE ignored: write gives EPIPE, and the ignored disposition survives fork. */
static void epipe(void) {
    int p[2];
    pipe(p);
    close(p[0]);
    signal(SIGPIPE, SIG_IGN);
    TRY(write(p[1], "x", 1));
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) _exit(write(p[1], "x", 1) < 0 && errno == EPIPE ? 5 : 6);
    printf("child with SIGPIPE ignored: status %d\n", status_of(pid));
    signal(SIGPIPE, SIG_DFL);
    fflush(stdout);
    pid = fork();
    if (pid == 0) {
        if (write(p[1], "x", 1)) {}
        _exit(7);
    }
    printf("child with SIGPIPE default: status %d\n", status_of(pid));
    close(p[1]);
}

/* A megabyte from a child: writes of 1..4096 bytes, read in 3000-byte pieces. */
static void bulk(void) {
    int p[2];
    pipe(p);
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        close(p[0]);
        static char buf[4096];
        long sent = 0;
        unsigned seed = 1;
        for (int piece = 1; sent < (1 << 20); piece = piece % 4096 + 1) {
            long n = piece;
            if (sent + n > (1 << 20)) n = (1 << 20) - sent;
            for (long i = 0; i < n; i++) buf[i] = (char)((seed = seed * 1103515245 + 12345) >> 16);
            if (write(p[1], buf, n) != n) _exit(1);
            sent += n;
        }
        _exit(0);
    }
    close(p[1]);
    unsigned long sum = 0;
    long n = drain(p[0], &sum);
    close(p[0]);
    printf("bulk: %ld bytes, checksum %016lx, status %d\n", n, sum, status_of(pid));
}

int main(void) {
    struct rlimit rl = {0, 0};
    setrlimit(RLIMIT_CORE, &rl);
    pipeline();
    eof_after_all_writers();
    epipe();
    bulk();
    return 0;
}
