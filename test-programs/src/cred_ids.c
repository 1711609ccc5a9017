/* Credentials: get/set real, effective, saved and filesystem ids and groups (as root: dropping and regaining). */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <stdio.h>
#include <string.h>
#include <sys/fsuid.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

static void show(const char *what, long r) {
    printf("%-36s %ld %s\n", what, r, r == -1 ? strerror(errno) : "");
}

static void ids(void) {
    uid_t r, e, s;
    gid_t gr, ge, gs;
    getresuid(&r, &e, &s);
    getresgid(&gr, &ge, &gs);
    printf("  uid %u %u %u  gid %u %u %u  fsuid %d\n", r, e, s, gr, ge, gs, setfsuid(-1));
}

int main(void) {
    int root = geteuid() == 0;
    printf("root: %s\n", root ? "yes" : "no");
    ids();
    show("getresuid(bad pointer)", syscall(SYS_getresuid, (void *)8, (void *)8, (void *)8));
    show("setresuid(-1, -1, -1)", setresuid(-1, -1, -1));
    show("setuid(getuid())", setuid(getuid()));
    show("setgroups(2^17, NULL)", syscall(SYS_setgroups, 1 << 17, NULL));
    if (!root) {
        show("setuid(0)", setuid(0));
        show("setgroups(0, NULL)", setgroups(0, NULL));
        return 0;
    }
    gid_t groups[] = {4, 24};
    show("setgroups(2, {4, 24})", setgroups(2, groups));
    show("getgroups(0)", getgroups(0, NULL));
    show("setgroups(1, bad pointer)", syscall(SYS_setgroups, 1, (void *)8));
    show("setresgid(-1, 1000, -1)", setresgid(-1, 1000, -1));
    ids();
    show("setfsuid(1234) (returns the old)", setfsuid(1234));
    show("setfsuid(-1) (returns the current)", setfsuid(-1));
    show("setfsuid(0)", setfsuid(0));
    mkdir("cred.tmp", 0700);
    show("setresuid(-1, 65534, -1)", setresuid(-1, 65534, -1));
    ids();
    show("open in a 0700 root directory", open("cred.tmp/x", O_CREAT | O_WRONLY, 0600));
    show("setresuid(-1, 0, -1) (saved is 0)", setresuid(-1, 0, -1));
    show("rmdir", rmdir("cred.tmp"));
    show("setreuid(65534, 65534)", setreuid(65534, 65534));
    ids();
    show("setuid(0) after dropping", setuid(0));
    show("setgid(0) after dropping", setgid(0));
    show("setregid(-1, 1000)", setregid(-1, 1000));
    return 0;
}
