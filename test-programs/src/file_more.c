/* preadv2/pwritev2, copy_file_range, sync/syncfs/sync_file_range, fadvise, close_range and msync. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <unistd.h>

static void show(const char *what, long r) {
    printf("%-44s %ld %s\n", what, r, r == -1 ? strerror(errno) : "");
}

static void contents(int fd) {
    char buf[128] = {0};
    long n = pread(fd, buf, sizeof buf - 1, 0);
    printf("  file (%ld): %s\n", n, buf);
}

int main(void) {
    int fd = open("file_more.tmp", O_RDWR | O_CREAT | O_TRUNC, 0600);
    write(fd, "0123456789", 10);
    char a[4] = {0}, b[4] = {0};
    struct iovec iov[2] = {{a, 3}, {b, 3}};
    lseek(fd, 2, SEEK_SET);
    show("preadv2 at -1 (the position)", syscall(SYS_preadv2, fd, iov, 2, -1L, 0L, 0));
    printf("  %s %s pos %ld\n", a, b, (long)lseek(fd, 0, SEEK_CUR));
    show("preadv2 at 5", syscall(SYS_preadv2, fd, iov, 2, 5L, 0L, 0));
    printf("  %s %s pos %ld\n", a, b, (long)lseek(fd, 0, SEEK_CUR));
    show("preadv2 RWF_HIPRI", syscall(SYS_preadv2, fd, iov, 1, 0L, 0L, 1));
    show("preadv2 unknown flag", syscall(SYS_preadv2, fd, iov, 1, 0L, 0L, 0x10000));
    show("preadv2 offset -2", syscall(SYS_preadv2, fd, iov, 1, -2L, 0L, 0));
    struct iovec w = {"AB", 2};
    show("pwritev2 at 1", syscall(SYS_pwritev2, fd, &w, 1, 1L, 0L, 0));
    show("pwritev2 RWF_APPEND at 0", syscall(SYS_pwritev2, fd, &w, 1, 0L, 0L, 0x10));
    show("pwritev2 RWF_DSYNC at -1", syscall(SYS_pwritev2, fd, &w, 1, -1L, 0L, 2));
    show("pwritev2 RWF_SYNC at 3", syscall(SYS_pwritev2, fd, &w, 1, 3L, 0L, 4));
    show("pwritev2 unknown flag", syscall(SYS_pwritev2, fd, &w, 1, 0L, 0L, 0x10000));
    contents(fd);
    printf("  pos %ld\n", (long)lseek(fd, 0, SEEK_CUR));

    int out = open("file_more2.tmp", O_RDWR | O_CREAT | O_TRUNC, 0600);
    lseek(fd, 0, SEEK_SET);
    show("copy_file_range 4 at positions", copy_file_range(fd, NULL, out, NULL, 4, 0));
    loff_t in_off = 6, out_off = 10;
    show("copy_file_range 3 with offsets", copy_file_range(fd, &in_off, out, &out_off, 3, 0));
    printf("  offsets now %ld %ld, positions %ld %ld\n", (long)in_off, (long)out_off, (long)lseek(fd, 0, SEEK_CUR),
           (long)lseek(out, 0, SEEK_CUR));
    show("copy_file_range flags 1", copy_file_range(fd, NULL, out, NULL, 1, 1));
    show("copy_file_range bad fd", copy_file_range(99, NULL, out, NULL, 1, 0));
    show("copy_file_range bad offset pointer", syscall(SYS_copy_file_range, fd, (void *)8, out, NULL, 1, 0));
    contents(out);

    sync();
    show("syncfs", syncfs(fd));
    show("syncfs(99)", syncfs(99));
    show("sync_file_range write", sync_file_range(fd, 0, 0, SYNC_FILE_RANGE_WRITE));
    show("sync_file_range bad flags", sync_file_range(fd, 0, 0, 8));
    show("sync_file_range negative offset", sync_file_range(fd, -1, 0, 0));
    for (int adv = 0; adv <= 6; adv++) {
        char what[48];
        snprintf(what, sizeof what, "fadvise64 advice %d", adv);
        show(what, syscall(SYS_fadvise64, fd, 0L, 0L, adv));
    }
    show("fadvise64 negative length", syscall(SYS_fadvise64, fd, 0L, -1L, 0));
    int p[2];
    pipe(p);
    show("fadvise64 on a pipe", syscall(SYS_fadvise64, p[0], 0L, 0L, 0));
    show("fadvise64 on a pipe, bad advice", syscall(SYS_fadvise64, p[0], 0L, 0L, 77));
    show("fadvise64(99)", syscall(SYS_fadvise64, 99, 0L, 0L, 0));

    dup2(fd, 10);
    dup2(fd, 15);
    dup2(fd, 30);
    show("close_range(10, 20, CLOEXEC)", syscall(SYS_close_range, 10, 20, 4));
    printf("  FD_CLOEXEC on 10 %d, 15 %d, 30 %d\n", fcntl(10, F_GETFD), fcntl(15, F_GETFD), fcntl(30, F_GETFD));
    show("close_range(10, 20)", syscall(SYS_close_range, 10, 20, 0));
    printf("  open: 10 %d, 15 %d, 30 %d\n", fcntl(10, F_GETFD) != -1, fcntl(15, F_GETFD) != -1,
           fcntl(30, F_GETFD) != -1);
    show("close_range(20, 10)", syscall(SYS_close_range, 20, 10, 0));
    show("close_range bad flags", syscall(SYS_close_range, 10, 20, 1));
    show("close_range(29, ~0U)", syscall(SYS_close_range, 29, ~0U, 0));
    printf("  30 open: %d\n", fcntl(30, F_GETFD) != -1);

    ftruncate(fd, 8192);
    char *m = mmap(NULL, 8192, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    memcpy(m + 4096, "mapped", 6);
    show("msync MS_SYNC", msync(m, 8192, MS_SYNC));
    char back[7] = {0};
    pread(fd, back, 6, 4096);
    printf("  read back: %s\n", back);
    show("msync MS_ASYNC|MS_INVALIDATE", msync(m, 100, MS_ASYNC | MS_INVALIDATE));
    show("msync MS_ASYNC|MS_SYNC", msync(m, 4096, MS_ASYNC | MS_SYNC));
    show("msync unaligned", msync(m + 1, 4096, MS_SYNC));
    show("msync bad flags", msync(m, 4096, 8));
    show("msync length 0", msync(m, 0, MS_SYNC));
    char *anon = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    show("msync anonymous", msync(anon, 4096, MS_SYNC));
    munmap(m + 4096, 4096);
    show("msync over an unmapped page", msync(m, 8192, MS_SYNC));
    unlink("file_more.tmp");
    unlink("file_more2.tmp");
    return 0;
}
