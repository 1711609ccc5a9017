/* copy_file_range and sendfile take counts that no buffer limits: cat asks for
 * 0x7fffffffc0000000 bytes and gets what the file holds. Huge, negative and zero
 * counts, between regular files. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/sendfile.h>
#include <unistd.h>

static void show(const char *what, long r) {
    printf("%-44s %ld %s\n", what, r, r == -1 ? strerror(errno) : "");
}

static int fresh(const char *name) {
    return open(name, O_RDWR | O_CREAT | O_TRUNC, 0600);
}

int main(void) {
    int in = fresh("copy_counts.in");
    write(in, "hello, world\n", 13);
    static const unsigned long counts[] = {0x7fffffffc0000000ul, 0x7ffffffff000ul, 0x8000000000000000ul,
                                           ~0ul, 0, 5};
    for (unsigned k = 0; k < sizeof counts / sizeof counts[0]; k++) {
        char what[64];
        int out = fresh("copy_counts.out");
        lseek(in, 0, SEEK_SET);
        snprintf(what, sizeof what, "copy_file_range %#lx", counts[k]);
        show(what, copy_file_range(in, NULL, out, NULL, counts[k], 0));
        lseek(in, 0, SEEK_SET);
        snprintf(what, sizeof what, "sendfile %#lx", counts[k]);
        show(what, sendfile(out, in, NULL, counts[k]));
        off_t off = 7;
        snprintf(what, sizeof what, "sendfile at 7 %#lx", counts[k]);
        show(what, sendfile(out, in, &off, counts[k]));
        printf("  offset %ld, output %ld bytes\n", (long)off, (long)lseek(out, 0, SEEK_END));
        close(out);
    }
    unlink("copy_counts.in");
    unlink("copy_counts.out");
    return 0;
}
