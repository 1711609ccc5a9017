/* printf of integers: every length modifier, conversion and flag, widths and
 * precisions (literal and '*'), edge values. */
#include <inttypes.h>
#include <limits.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

int main(void) {
    static const long long v[] = {0, 1, -1, 7, -7, 42, 255, 256, -128, 32767, -32768, 65535, 2147483647LL,
                                  -2147483647LL - 1, 4294967295LL, 1234567890123LL, LLONG_MAX, LLONG_MIN};
    static const char *fmts[] = {"%d", "%i", "%5d", "%-5d|", "%05d", "%+d", "% d", "%.3d", "%8.3d", "%-8.3d|",
                                 "%+08d", "%.0d", "%x", "%X", "%#x", "%#X", "%o", "%#o", "%u", "%08x",
                                 "%#010x", "%.0x", "%#.0o", "%-#10o|", "%+ d", "%- 6d|", "%c"};
    for (unsigned f = 0; f < sizeof fmts / sizeof fmts[0]; f++) {
        printf("%-9s", fmts[f]);
        for (unsigned i = 0; i < 12; i++) {
            putchar(' ');
            printf(fmts[f], (int)v[i] & (fmts[f][1] == 'c' ? 0x7f : -1));
        }
        putchar('\n');
    }
    for (unsigned i = 0; i < sizeof v / sizeof v[0]; i++) {
        long long x = v[i];
        printf("ll: %lld %llu %llx %llo %20lld|%-20lld| %+lld %.25lld\n", x, (unsigned long long)x,
               (unsigned long long)x, (unsigned long long)x, x, x, x, x);
        printf("l:  %ld %lu %lx %#lx\n", (long)x, (unsigned long)x, (unsigned long)x, (unsigned long)x);
        printf("h:  %hd %hu %hx %hhd %hhu %hhx\n", (short)x, (unsigned short)x, (unsigned short)x, (signed char)x,
               (unsigned char)x, (unsigned char)x);
        printf("jzt: %jd %zu %zd %td %jx\n", (intmax_t)x, (size_t)x, (ptrdiff_t)x, (ptrdiff_t)x, (uintmax_t)x);
    }
    printf("star: [%*d] [%-*d] [%.*d] [%*.*d] [%*d]\n", 8, 42, 8, 42, 6, 42, 10, 4, -42, -6, 5);
    printf("inttypes: %" PRId8 " %" PRIu16 " %" PRIx32 " %" PRId64 " %" PRIu64 " %" PRIxPTR "\n", (int8_t)-5,
           (uint16_t)65000, (uint32_t)0xdeadbeef, (int64_t)-1, (uint64_t)UINT64_MAX, (uintptr_t)0x1000);
    int n1 = 0, n2 = 0;
    printf("count%n me%n\n", &n1, &n2);
    printf("n: %d %d\n", n1, n2);
    char buf[64];
    volatile size_t eight = 8;
    int r = snprintf(buf, eight, "%d", 123456789);
    printf("snprintf truncated: '%s' ret=%d\n", buf, r);
    r = snprintf(NULL, 0, "%lld", LLONG_MIN);
    printf("snprintf size: %d\n", r);
    r = sprintf(buf, "%5.2d|%-3c|%%", 3, 'x');
    printf("sprintf: '%s' %d\n", buf, r);
    /* a long run of numbers to exercise the conversion loop */
    unsigned long long h = 0;
    for (long long i = -50000; i < 50000; i += 37) {
        int len = snprintf(buf, sizeof buf, "%lld:%llx:%llo", i * 1000003, (unsigned long long)i, (unsigned long long)(i * i));
        for (int k = 0; k < len; k++) h = h * 33 + (unsigned char)buf[k];
    }
    printf("bulk hash: %016llx\n", h);
    return 0;
}
