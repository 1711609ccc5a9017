/* File system calls in the current directory: open/creat flags, write/read,
 * lseek (SET/CUR/END, holes), pread/pwrite, readv/writev, ftruncate, fstat
 * sizes and types, dup/dup2/fcntl, rename, link, unlink, mkdir/rmdir,
 * getdents via readdir (sorted), O_APPEND, O_EXCL, errors.  Everything is
 * created in a private subdirectory and removed at the end. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <unistd.h>

#define CHECK(x)                                                                         \
    do {                                                                                 \
        if ((x) < 0) {                                                                   \
            printf("FAILED: %s: %s\n", #x, strerror(errno));                             \
            return 1;                                                                    \
        }                                                                                \
    } while (0)

static int cmp(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

static void list(const char *dir) {
    DIR *d = opendir(dir);
    char *names[64];
    int n = 0;
    struct dirent *e;
    while ((e = readdir(d)) && n < 64) names[n++] = strdup(e->d_name);
    closedir(d);
    qsort(names, (size_t)n, sizeof names[0], cmp);
    printf("ls %s:", dir);
    for (int i = 0; i < n; i++) {
        printf(" %s", names[i]);
        free(names[i]);
    }
    printf("\n");
}

int main(void) {
    const char *dir = "file_io.tmp";
    char buf[256];
    struct stat st;
    CHECK(mkdir(dir, 0755));
    CHECK(chdir(dir));

    int fd = open("a.txt", O_CREAT | O_RDWR | O_TRUNC, 0644);
    CHECK(fd);
    printf("open fd >= 3: %d\n", fd >= 3);
    CHECK(write(fd, "hello, file\n", 12));
    CHECK(fstat(fd, &st));
    printf("size after write: %lld regular=%d mode=%o\n", (long long)st.st_size, S_ISREG(st.st_mode), st.st_mode & 0777 & ~022);
    printf("lseek cur: %lld\n", (long long)lseek(fd, 0, SEEK_CUR));
    printf("lseek set 7: %lld\n", (long long)lseek(fd, 7, SEEK_SET));
    ssize_t n = read(fd, buf, sizeof buf);
    printf("read after seek: %zd [%.*s]\n", n, (int)n - 1, buf);
    printf("read at eof: %zd\n", read(fd, buf, sizeof buf));
    printf("lseek end-5: %lld\n", (long long)lseek(fd, -5, SEEK_END));
    /* a hole: seek past the end and write */
    printf("lseek beyond: %lld\n", (long long)lseek(fd, 100, SEEK_END));
    CHECK(write(fd, "X", 1));
    CHECK(fstat(fd, &st));
    printf("size with hole: %lld\n", (long long)st.st_size);
    CHECK(pread(fd, buf, 4, 50));
    printf("hole bytes: %d %d %d %d\n", buf[0], buf[1], buf[2], buf[3]);
    CHECK(pwrite(fd, "PW", 2, 0));
    printf("offset unchanged by pwrite: %lld\n", (long long)lseek(fd, 0, SEEK_CUR));
    memset(buf, 0, sizeof buf);
    CHECK(pread(fd, buf, 12, 0));
    printf("after pwrite: %s", buf);
    /* writev / readv */
    struct iovec iov[3] = {{"one ", 4}, {"two ", 4}, {"three\n", 6}};
    CHECK(lseek(fd, 0, SEEK_SET));
    printf("writev: %zd\n", writev(fd, iov, 3));
    char b1[3], b2[5], b3[20];
    struct iovec riov[3] = {{b1, 3}, {b2, 5}, {b3, 20}};
    CHECK(lseek(fd, 0, SEEK_SET));
    n = readv(fd, riov, 3);
    printf("readv: %zd [%.3s][%.5s][%.6s]\n", n, b1, b2, b3);
    CHECK(ftruncate(fd, 5));
    CHECK(fstat(fd, &st));
    printf("after ftruncate: %lld\n", (long long)st.st_size);
    CHECK(ftruncate(fd, 8192));
    CHECK(fstat(fd, &st));
    printf("after extend: %lld\n", (long long)st.st_size);

    /* dup, dup2, fcntl */
    int fd2 = dup(fd);
    CHECK(fd2);
    CHECK(lseek(fd, 1, SEEK_SET));
    printf("dup shares offset: %lld\n", (long long)lseek(fd2, 0, SEEK_CUR));
    CHECK(dup2(fd, 20));
    printf("dup2 -> 20: flags=%d\n", fcntl(20, F_GETFD));
    CHECK(fcntl(20, F_SETFD, FD_CLOEXEC));
    printf("cloexec set: %d\n", fcntl(20, F_GETFD));
    int fd3 = fcntl(fd, F_DUPFD, 30);
    printf("F_DUPFD >= 30: %d\n", fd3 >= 30);
    printf("O_ACCMODE: %d\n", fcntl(fd, F_GETFL) & O_ACCMODE);
    close(fd2);
    close(20);
    close(fd3);
    close(fd);
    int rc = close(fd);
    printf("close twice: %d %s\n", rc, strerror(errno));

    /* O_APPEND, O_EXCL, errors */
    fd = open("a.txt", O_WRONLY | O_APPEND);
    CHECK(fd);
    CHECK(lseek(fd, 0, SEEK_SET));
    CHECK(write(fd, "END", 3));
    CHECK(fstat(fd, &st));
    printf("append size: %lld\n", (long long)st.st_size);
    close(fd);
    fd = open("a.txt", O_CREAT | O_EXCL | O_WRONLY, 0600);
    printf("O_EXCL on existing: %d %s\n", fd, strerror(errno));
    fd = open("missing.txt", O_RDONLY);
    printf("open missing: %d %s\n", fd, strerror(errno));
    n = read(99, buf, 1);
    printf("read bad fd: %zd %s\n", n, strerror(errno));
    fd = open(".", O_RDONLY | O_DIRECTORY);
    n = read(fd, buf, 1);
    printf("read directory: %zd %s\n", n, strerror(errno));
    close(fd);

    /* names */
    CHECK(rename("a.txt", "b.txt"));
    printf("access a.txt: %d, b.txt: %d\n", access("a.txt", F_OK), access("b.txt", R_OK | W_OK));
    CHECK(link("b.txt", "c.txt"));
    CHECK(stat("c.txt", &st));
    printf("nlink after link: %lu\n", (unsigned long)st.st_nlink);
    CHECK(symlink("b.txt", "d.lnk"));
    n = readlink("d.lnk", buf, sizeof buf);
    printf("readlink: %.*s\n", (int)n, buf);
    CHECK(lstat("d.lnk", &st));
    printf("lstat is link: %d\n", S_ISLNK(st.st_mode));
    CHECK(stat("d.lnk", &st));
    printf("stat follows: %d size=%lld\n", S_ISREG(st.st_mode), (long long)st.st_size);
    CHECK(mkdir("sub", 0700));
    CHECK(stat("sub", &st));
    printf("sub is dir: %d\n", S_ISDIR(st.st_mode));
    rc = rmdir("../file_io.tmp");
    printf("rmdir non-empty: %d %s\n", rc, strerror(errno));
    list(".");
    char cwd[4096];
    printf("getcwd ends with dir: %d\n", getcwd(cwd, sizeof cwd) && strstr(cwd, "/file_io.tmp") != NULL);
    /* many files */
    for (int i = 0; i < 40; i++) {
        snprintf(buf, sizeof buf, "sub/f%02d", i);
        fd = open(buf, O_CREAT | O_WRONLY, 0644);
        CHECK(fd);
        CHECK(write(fd, buf, (size_t)i));
        close(fd);
    }
    long total = 0;
    for (int i = 0; i < 40; i++) {
        snprintf(buf, sizeof buf, "sub/f%02d", i);
        CHECK(stat(buf, &st));
        total += st.st_size;
        CHECK(unlink(buf));
    }
    printf("40 files total size: %ld\n", total);
    CHECK(rmdir("sub"));
    CHECK(unlink("b.txt"));
    CHECK(unlink("c.txt"));
    CHECK(unlink("d.lnk"));
    list(".");
    CHECK(chdir(".."));
    CHECK(rmdir(dir));
    printf("cleaned up: %d\n", access(dir, F_OK) != 0);
    return 0;
}
