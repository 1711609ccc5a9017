/* mmap/munmap/mprotect/mremap: a 256 MiB anonymous mapping touched sparsely,
 * MAP_FIXED replacement, partial munmap, mprotect round trip, mremap grow and
 * move, a shared file mapping (msync, read back with read()), and MAP_PRIVATE
 * copy-on-write of a file. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

int main(void) {
    size_t big = 256UL << 20;
    unsigned char *p = mmap(NULL, big, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED) { perror("mmap"); return 1; }
    printf("256 MiB mapped, page aligned: %d\n", ((uintptr_t)p & 4095) == 0);
    unsigned long zeros = 0;
    for (size_t off = 0; off < big; off += 1 << 20) zeros += p[off] == 0; /* fresh pages read as zero */
    printf("zero pages: %lu\n", zeros);
    for (size_t off = 0; off < big; off += 3 << 20) p[off] = (unsigned char)(off >> 20);
    p[big - 1] = 0xaa;
    unsigned long sum = 0;
    for (size_t off = 0; off < big; off += 3 << 20) sum += p[off];
    printf("touched sum: %lu last=%x\n", sum, p[big - 1]);
    /* punch a hole in the middle, then map it again with MAP_FIXED */
    size_t mid = 128UL << 20;
    printf("munmap middle: %d\n", munmap(p + mid, 1 << 20));
    unsigned char *q = mmap(p + mid, 1 << 20, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
    printf("MAP_FIXED same address: %d, zero: %d\n", q == p + mid, q[0] == 0 && q[(1 << 20) - 1] == 0);
    printf("munmap all: %d\n", munmap(p, big));

    /* mprotect: read-only then writable again */
    long pg = sysconf(_SC_PAGESIZE);
    unsigned char *r = mmap(NULL, 4 * pg, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    memset(r, 0x5a, 4 * pg);
    printf("mprotect RO: %d\n", mprotect(r + pg, pg, PROT_READ));
    printf("read RO page: %x\n", r[pg + 10]);
    printf("mprotect RW: %d\n", mprotect(r + pg, pg, PROT_READ | PROT_WRITE));
    r[pg + 10] = 1;
    printf("written: %d\n", r[pg + 10]);
    long rc = syscall(SYS_mprotect, r + 1, pg, PROT_READ); /* libc may round; the kernel does not */
    printf("mprotect unaligned: %ld %s\n", rc, strerror(errno));

    /* mremap: grow in place or move, contents preserved */
    unsigned char *m = mremap(r, 4 * pg, 64 * pg, MREMAP_MAYMOVE);
    if (m == MAP_FAILED) { perror("mremap"); return 1; }
    printf("mremap kept data: %x %x, new tail zero: %d\n", m[0], m[4 * pg - 1], m[64 * pg - 1] == 0);
    munmap(m, 64 * pg);

    /* errors */
    void *bad = mmap(NULL, 0, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    printf("mmap length 0: %s %s\n", bad == MAP_FAILED ? "MAP_FAILED" : "ok", strerror(errno));
    bad = mmap(NULL, 4096, PROT_READ, MAP_PRIVATE, 12345, 0);
    printf("mmap bad fd: %s %s\n", bad == MAP_FAILED ? "MAP_FAILED" : "ok", strerror(errno));

    /* shared file mapping */
    const char *path = "mmap_large.tmp";
    int fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0600);
    ftruncate(fd, 3 * pg);
    char *f = mmap(NULL, 3 * pg, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    strcpy(f, "shared mapping");
    strcpy(f + 2 * pg, "third page");
    msync(f, 3 * pg, MS_SYNC);
    char buf[32] = {0};
    pread(fd, buf, 14, 0);
    printf("read() sees mapping: %s\n", buf);
    pread(fd, buf, 10, 2 * pg);
    printf("read() page 3: %.10s\n", buf);
    pwrite(fd, "WRITE", 5, 0);
    printf("mapping sees write(): %.14s\n", f);
    munmap(f, 3 * pg);
    /* private mapping with offset: copy-on-write */
    char *pv = mmap(NULL, pg, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 2 * pg);
    printf("private at offset: %.10s\n", pv);
    memcpy(pv, "PRIVATE!!!", 10);
    pread(fd, buf, 10, 2 * pg);
    printf("file unchanged: %.10s, mapping: %.10s\n", buf, pv);
    munmap(pv, pg);
    close(fd);
    unlink(path);
    /* many small mappings */
    void *maps[200];
    for (int i = 0; i < 200; i++) {
        maps[i] = mmap(NULL, (size_t)(i % 7 + 1) * pg, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        ((char *)maps[i])[0] = (char)i;
    }
    int ok = 1;
    for (int i = 0; i < 200; i++) {
        ok &= ((char *)maps[i])[0] == (char)i;
        munmap(maps[i], (size_t)(i % 7 + 1) * pg);
    }
    printf("200 small mappings ok: %d\n", ok);
    return 0;
}
