/* mknod/mknodat/mkfifo, statx, and the older timestamp calls utime, utimes, futimesat. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/sysmacros.h>
#include <sys/time.h>
#include <unistd.h>
#include <utime.h>

/* struct statx and its constants (statx(2)); musl's headers do not have them. */
struct statx_ts { long long tv_sec; unsigned tv_nsec; int reserved; };
struct statx_buf {
    unsigned stx_mask, stx_blksize;
    unsigned long long stx_attributes;
    unsigned stx_nlink, stx_uid, stx_gid;
    unsigned short stx_mode, pad0;
    unsigned long long stx_ino, stx_size, stx_blocks, stx_attributes_mask;
    struct statx_ts stx_atime, stx_btime, stx_ctime, stx_mtime;
    unsigned stx_rdev_major, stx_rdev_minor, stx_dev_major, stx_dev_minor;
    unsigned long long spare[14];
};
#define X_MTIME 0x40u
#define X_SIZE 0x200u
#define X_BASIC 0x7ffu
#define X_ALL 0xfffu
#define X_FORCE_SYNC 0x2000

static void show(const char *what, long r) {
    printf("%-40s %ld %s\n", what, r, r == -1 ? strerror(errno) : "");
}

static const char *type(mode_t m) {
    return S_ISREG(m) ? "reg" : S_ISDIR(m) ? "dir" : S_ISFIFO(m) ? "fifo" : S_ISCHR(m) ? "chr" : S_ISBLK(m) ? "blk"
         : S_ISLNK(m) ? "lnk" : S_ISSOCK(m) ? "sock" : "?";
}

static void st(const char *path) {
    struct stat s;
    if (lstat(path, &s) != 0) { printf("  %s: %s\n", path, strerror(errno)); return; }
    printf("  %s: %s %04o size %ld rdev %u:%u\n", path, type(s.st_mode), s.st_mode & 07777, (long)s.st_size,
           major(s.st_rdev), minor(s.st_rdev));
}

static void sx(const char *what, int dirfd, const char *path, int flags, unsigned mask) {
    struct statx_buf x;
    memset(&x, 0xa5, sizeof x);
    long r = syscall(SYS_statx, dirfd, path, flags, mask, &x);
    show(what, r);
    if (r == 0) {
        printf("  mask has basic stats %d, %s %04o nlink %u size %llu blocks>0 %d uid %u blksize>0 %d\n",
               (x.stx_mask & X_BASIC) == X_BASIC, type(x.stx_mode), x.stx_mode & 07777,
               x.stx_nlink, (unsigned long long)x.stx_size, x.stx_blocks > 0, x.stx_uid, x.stx_blksize > 0);
        if (mask == X_MTIME) printf("  mtime %lld.%09u\n", x.stx_mtime.tv_sec, x.stx_mtime.tv_nsec);
    }
}

int main(void) {
    umask(022);
    mkdir("nodes.tmp", 0755);
    chdir("nodes.tmp");
    show("mknod regular (type 0)", mknod("reg0", 0644, 0));
    show("mknod S_IFREG", mknod("reg", S_IFREG | 0666, 0));
    show("mknod S_IFIFO", mknod("fifo", S_IFIFO | 0640, 0));
    show("mkfifo", mkfifo("fifo2", 0600));
    show("mkfifo existing", mkfifo("fifo2", 0600));
    show("mknod S_IFDIR", mknod("dir", S_IFDIR | 0755, 0));
    show("mknod bad type", mknod("bad", 0170000 | 0644, 0));
    int root = geteuid() == 0;
    long r = mknod("null", S_IFCHR | 0666, makedev(1, 3));
    show("mknod char 1:3", root ? r : 0);
    r = mknod("blk", S_IFBLK | 0600, makedev(259, 70000));
    show("mknod block 259:70000", root ? r : 0);
    int dfd = open(".", O_RDONLY | O_DIRECTORY);
    show("mknodat(dirfd, sock)", mknodat(dfd, "sock", S_IFSOCK | 0644, 0));
    show("mknod in a missing directory", mknod("no/such", S_IFREG | 0644, 0));
    st("reg0"); st("reg"); st("fifo"); st("fifo2"); st("sock");
    if (root) { st("null"); st("blk"); }

    int fd = open("data", O_RDWR | O_CREAT, 0640);
    write(fd, "0123456789", 10);
    symlink("data", "link");
    sx("statx(data)", AT_FDCWD, "data", 0, X_BASIC);
    sx("statx(link, NOFOLLOW)", AT_FDCWD, "link", AT_SYMLINK_NOFOLLOW, X_BASIC);
    sx("statx(link)", AT_FDCWD, "link", 0, X_BASIC);
    sx("statx(fd, \"\", AT_EMPTY_PATH)", fd, "", AT_EMPTY_PATH, X_BASIC);
    sx("statx(dirfd, \"data\")", dfd, "data", 0, X_SIZE);
    sx("statx(\"\") without AT_EMPTY_PATH", fd, "", 0, X_BASIC);
    sx("statx missing", AT_FDCWD, "missing", 0, X_BASIC);
    sx("statx bad flags", AT_FDCWD, "data", 0x4, X_BASIC);
    sx("statx both sync types", AT_FDCWD, "data", 0x6000, X_BASIC);
    sx("statx reserved mask bit", AT_FDCWD, "data", 0, 0x80000000u);
    sx("statx X_FORCE_SYNC", AT_FDCWD, "data", X_FORCE_SYNC, X_ALL);
    show("statx bad buffer", syscall(SYS_statx, AT_FDCWD, "data", 0, X_BASIC, (void *)8));

    struct utimbuf ub = {.actime = 1000000, .modtime = 2000000};
    show("utime(data, {1e6, 2e6})", utime("data", &ub));
    sx("  after utime", AT_FDCWD, "data", 0, X_MTIME);
    struct timeval tv[2] = {{3000000, 5}, {4000000, 123456}};
    show("utimes(data)", utimes("data", tv));
    sx("  after utimes", AT_FDCWD, "data", 0, X_MTIME);
    tv[1].tv_usec = 1000000;
    show("utimes bad tv_usec", utimes("data", tv));
    tv[1].tv_usec = 7;
    show("futimesat(dirfd, data)", syscall(SYS_futimesat, dfd, "data", tv));
    sx("  after futimesat", AT_FDCWD, "data", 0, X_MTIME);
    show("utime(data, NULL)", utime("data", NULL));
    struct stat s;
    stat("data", &s);
    printf("  mtime is now: %s\n", s.st_mtime > 1600000000 ? "yes" : "no");
    show("utime missing", utime("missing", &ub));

    const char *names[] = {"reg0", "reg", "fifo", "fifo2", "sock", "null", "blk", "data", "link"};
    for (unsigned i = 0; i < sizeof names / sizeof *names; i++) unlink(names[i]);
    chdir("..");
    rmdir("nodes.tmp");
    return 0;
}
