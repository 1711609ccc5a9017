/* flock(2) and fcntl(2) record locks (POSIX and open-file-description), pipe size and owner commands. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/file.h>
#include <sys/syscall.h>
#include <unistd.h>

static void show(const char *what, long r) {
    printf("%-40s %ld %s\n", what, r, r == -1 ? strerror(errno) : "");
}

static struct flock lk(short type, off_t start, off_t len) {
    struct flock l;
    memset(&l, 0, sizeof l);
    l.l_type = type;
    l.l_whence = SEEK_SET;
    l.l_start = start;
    l.l_len = len;
    return l;
}

static void print(const char *what, struct flock *l, int show_pid) {
    printf("  %s: type %s start %ld len %ld pid %s\n", what,
           l->l_type == F_RDLCK ? "RD" : l->l_type == F_WRLCK ? "WR" : l->l_type == F_UNLCK ? "UN" : "?",
           (long)l->l_start, (long)l->l_len,
           !show_pid ? "-" : l->l_pid == getpid() ? "self" : l->l_pid == -1 ? "-1" : l->l_pid == 0 ? "0" : "other");
}

int main(void) {
    const char *path = "file_locks.tmp";
    int a = open(path, O_RDWR | O_CREAT | O_TRUNC, 0600);
    int b = open(path, O_RDWR);
    int ro = open(path, O_RDONLY);
    show("write 100 bytes", write(a, "0123456789012345678901234567890123456789012345678901234567890123456789"
                                      "012345678901234567890123456789", 100));
    struct flock l = lk(F_WRLCK, 10, 20);
    show("F_SETLK write lock 10+20 on a", fcntl(a, F_SETLK, &l));
    l = lk(F_WRLCK, 0, 0);
    show("F_GETLK from the same process", fcntl(b, F_GETLK, &l));
    print("result", &l, 1);
    l = lk(F_RDLCK, 15, 1);
    show("F_SETLK read lock on b (same process)", fcntl(b, F_SETLK, &l));
    l = lk(F_WRLCK, 0, 0);
    show("F_SETLK write lock on read-only fd", fcntl(ro, F_SETLK, &l));
    l = lk(7, 0, 0);
    show("F_SETLK bad type", fcntl(a, F_SETLK, &l));
    show("F_SETLK bad pointer", fcntl(a, F_SETLK, (void *)8));
    l = lk(F_UNLCK, 0, 0);
    show("F_SETLK unlock all", fcntl(a, F_SETLK, &l));

    l = lk(F_WRLCK, 0, 50);
    show("F_OFD_SETLK write 0+50 on a", fcntl(a, F_OFD_SETLK, &l));
    l = lk(F_WRLCK, 40, 20);
    show("F_OFD_GETLK on b", fcntl(b, F_OFD_GETLK, &l));
    print("conflict", &l, 1);
    l = lk(F_RDLCK, 60, 10);
    show("F_OFD_GETLK on b, no conflict", fcntl(b, F_OFD_GETLK, &l));
    print("result", &l, 0);
    l = lk(F_RDLCK, 45, 10);
    show("F_OFD_SETLK read 45+10 on b", fcntl(b, F_OFD_SETLK, &l));
    l = lk(F_WRLCK, 0, 50);
    l.l_pid = 1;
    show("F_OFD_SETLK with l_pid != 0", fcntl(a, F_OFD_SETLK, &l));
    l = lk(F_UNLCK, 0, 0);
    show("F_OFD_SETLK unlock a", fcntl(a, F_OFD_SETLK, &l));
    l = lk(F_WRLCK, 0, 0);
    show("F_OFD_SETLKW on b now free", fcntl(b, F_OFD_SETLKW, &l));

    show("flock(a, LOCK_EX)", flock(a, LOCK_EX));
    show("flock(b, LOCK_EX|LOCK_NB)", flock(b, LOCK_EX | LOCK_NB));
    show("flock(b, LOCK_SH|LOCK_NB)", flock(b, LOCK_SH | LOCK_NB));
    show("flock(a, LOCK_UN)", flock(a, LOCK_UN));
    show("flock(b, LOCK_SH|LOCK_NB) after", flock(b, LOCK_SH | LOCK_NB));
    show("flock(a, 0)", flock(a, 0));
    show("flock(a, LOCK_SH|LOCK_EX)", flock(a, LOCK_SH | LOCK_EX));
    show("flock(99, LOCK_SH)", flock(99, LOCK_SH));

    int p[2];
    pipe(p);
    show("F_GETPIPE_SZ", fcntl(p[0], F_GETPIPE_SZ));
    show("F_SETPIPE_SZ 4096", fcntl(p[1], F_SETPIPE_SZ, 4096));
    show("F_GETPIPE_SZ after", fcntl(p[0], F_GETPIPE_SZ));
    show("F_GETPIPE_SZ on a file", fcntl(a, F_GETPIPE_SZ));
    show("F_GETOWN", fcntl(a, F_GETOWN));
    show("F_SETOWN self", fcntl(a, F_SETOWN, getpid()));
    printf("F_GETOWN is self: %s\n", fcntl(a, F_GETOWN) == getpid() ? "yes" : "no");
    show("fcntl bad command", fcntl(a, 12345));
    unlink(path);
    return 0;
}
