/* File and directory calls on their failure paths (and the success paths next to them), LTP style. */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "check.h"

#define T(call) show(#call, (long)(call))

static void show(const char *what, long r) {
    const char *name = r == -1 ? errname(errno) : "";
    printf("%-60.60s %ld %s\n", what, r == -1 ? -1L : r < 0 ? r : (r > 1000 ? 1000 : r), name ? name : "?");
}

int main(void) {
    char *longname = malloc(PATH_MAX + 10);
    memset(longname, 'x', PATH_MAX + 9);
    longname[PATH_MAX + 9] = 0;
    char comp[300];
    memset(comp, 'y', 299);
    comp[299] = 0;
    umask(022);
    mkdir("fse.tmp", 0755);
    chdir("fse.tmp");
    close(open("file", O_CREAT | O_WRONLY, 0644));
    mkdir("dir", 0755);
    mkdir("full", 0755);
    close(open("full/x", O_CREAT | O_WRONLY, 0644));
    symlink("loop2", "loop1");
    symlink("loop1", "loop2");
    symlink("missing", "dangling");
    symlink("file", "lnk");

    T(open("missing", O_RDONLY));
    T(open("file", O_CREAT | O_EXCL | O_WRONLY, 0644));
    T(open("dir", O_WRONLY));
    T(open("file/x", O_RDONLY));
    T(open("loop1", O_RDONLY));
    T(open("lnk", O_RDONLY | O_NOFOLLOW));
    T(open(longname, O_RDONLY));
    T(open(comp, O_RDONLY));
    T(open((char *)8, O_RDONLY));
    T(open("file", O_RDONLY | O_DIRECTORY));
    T(open("dangling", O_CREAT | O_EXCL | O_WRONLY, 0644));
    T(open("", O_RDONLY));
    T(openat(open("file", O_RDONLY), "x", O_RDONLY));
    T(openat(99, "x", O_RDONLY));
    T(openat(99, "/etc/hostname", O_RDONLY) >= 0);
    int tmp = open(".", O_TMPFILE | O_RDWR, 0600);
    T(tmp >= 0);
    T(write(tmp, "tmpfile", 7));
    char proc[64];
    snprintf(proc, sizeof proc, "/proc/self/fd/%d", tmp);
    T(linkat(AT_FDCWD, proc, AT_FDCWD, "from_tmpfile", AT_SYMLINK_FOLLOW));
    struct stat st;
    T(stat("from_tmpfile", &st) == 0 && st.st_size == 7);
    T(open("file", O_TMPFILE | O_RDWR, 0600));
    T(open(".", O_TMPFILE | O_RDONLY, 0600));

    T(mkdir("dir", 0755));
    T(mkdir("file/sub", 0755));
    T(mkdir("missing/sub", 0755));
    T(mkdir("lnk", 0755));
    T(rmdir("full"));
    T(rmdir("file"));
    T(rmdir("."));
    T(rmdir("missing"));
    T(rmdir("dir/.."));
    T(unlink("dir"));
    T(unlink("missing"));
    T(unlink("file/x"));
    T(link("dir", "dirlink"));
    T(link("file", "lnk"));
    T(link("missing", "x"));
    T(link("file", "hard"));
    T(stat("file", &st) == 0 ? (long)st.st_nlink : -1);
    T(symlink("x", "lnk"));
    T(symlink("", "emptytarget"));
    T(rename("dir", "file"));
    T(rename("file", "dir"));
    T(rename("dir", "full"));
    T(rename("dir", "dir/sub"));
    T(rename("missing", "x"));
    T(rename("hard", "hard"));
    T(rename("hard", "hard2"));
    T(syscall(SYS_renameat2, AT_FDCWD, "hard2", AT_FDCWD, "file", 1 /* RENAME_NOREPLACE */));
    T(syscall(SYS_renameat2, AT_FDCWD, "hard2", AT_FDCWD, "dir", 2 /* RENAME_EXCHANGE */));
    T(stat("dir", &st) == 0 && S_ISREG(st.st_mode));
    T(syscall(SYS_renameat2, AT_FDCWD, "hard2", AT_FDCWD, "dir", 3));
    T(syscall(SYS_renameat2, AT_FDCWD, "dir", AT_FDCWD, "hard2", 2));
    char buf[64];
    T(readlink("file", buf, sizeof buf));
    T(readlink("missing", buf, sizeof buf));
    T(readlink("lnk", buf, 0));
    T(readlink("lnk", buf, 2));
    T(syscall(SYS_readlink, "lnk", (char *)8, sizeof buf));
    T(chdir("file"));
    T(chdir("missing"));
    T(chdir("loop1"));
    T(truncate("dir", 0));
    T(truncate("hard2", 0));
    T(truncate("file", -1));
    T(access("missing", F_OK));
    T(access("file", 8));
    T(access("loop1", R_OK));
    T(faccessat(AT_FDCWD, "file", R_OK, 0x1000 /* AT_EMPTY_PATH */));
    T(syscall(SYS_faccessat2, AT_FDCWD, "file", R_OK, 0x8000));
    T(stat("loop1", &st));
    T(lstat("loop1", &st));
    T(stat("file/", &st));
    T(stat("dir/", &st));
    T(fstatat(AT_FDCWD, "file", &st, 0x4));
    int fd = open("file", O_RDONLY);
    T(syscall(SYS_getdents64, fd, buf, sizeof buf));
    T(syscall(SYS_getdents64, 99, buf, sizeof buf));
    int dfd = open(".", O_RDONLY | O_DIRECTORY);
    T(syscall(SYS_getdents64, dfd, buf, 10));
    T(syscall(SYS_getdents64, dfd, (void *)8, 4096));
    T(syscall(SYS_getcwd, buf, 1));
    T(syscall(SYS_getcwd, (void *)8, 4096));
    T(fchdir(fd));
    T(fchdir(99));
    T(chmod("missing", 0644));
    T(chmod("lnk", 0600));
    T(fchmodat(AT_FDCWD, "lnk", 0600, 0x100 /* AT_SYMLINK_NOFOLLOW */));
    T(chown("missing", 0, 0));
    T(lchown("dangling", -1, -1));
    T(utimensat(AT_FDCWD, "missing", NULL, 0));
    T(utimensat(AT_FDCWD, "file", NULL, 0x4));
    T(mknod("file", S_IFIFO | 0644, 0));
    T(write(fd, "x", 1));
    T(read(dfd, buf, 1));
    T(lseek(fd, -1, SEEK_SET));
    T(lseek(fd, 0, 7));
    T(dup2(fd, -1));
    T(dup3(fd, fd, 0));
    T(dup3(fd, 50, 0x1234));
    T(fcntl(fd, F_DUPFD, -1));

    DIR *d = opendir(".");
    int n = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) n++;
    closedir(d);
    printf("entries: %d\n", n);
    const char *rm[] = {"file", "hard2", "from_tmpfile", "full/x", "loop1", "loop2", "dangling", "lnk", "dir",
                        "emptytarget"};
    for (unsigned i = 0; i < sizeof rm / sizeof *rm; i++) unlink(rm[i]);
    rmdir("full");
    rmdir("dir");
    rmdir("hard2");
    chdir("..");
    T(rmdir("fse.tmp"));
    return 0;
}
