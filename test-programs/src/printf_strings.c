/* printf of strings, characters and deterministic pointers (NULL, small
 * constants, static objects of a non-PIE binary compared to each other),
 * puts/fputs/putchar/fwrite, and stderr interleaving. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <wchar.h>

static int static_obj[4];

int main(void) {
    const char *s[] = {"", "a", "hello", "hello world, this is a longer string", "tab\there", "UTF-8: \xc3\xa9\xe2\x82\xac"};
    for (unsigned i = 0; i < sizeof s / sizeof s[0]; i++) {
        printf("[%s] [%10s] [%-10s] [%.3s] [%10.2s] [%-*.*s] [%.0s]\n", s[i], s[i], s[i], s[i], s[i], 7, 4, s[i], s[i]);
    }
    printf("[%c][%3c][%-3c][%c]\n", 'A', 'B', 'C', 0x7e);
    printf("%%s of NULL via precision 0: [%.0s]\n", (char *)0 + 0 == 0 ? "" : "x");
    printf("pointer NULL: [%p]\n", (void *)0);
    printf("pointer const: [%p] [%p] [%20p] [%-20p]\n", (void *)0x1000, (void *)0xdeadbeef, (void *)0x10, (void *)0x10);
    printf("static objects ordered: %d, distance %ld\n", (void *)&static_obj[1] > (void *)&static_obj[0],
           (long)((char *)&static_obj[3] - (char *)&static_obj[0]));
    char buf[128];
    snprintf(buf, sizeof buf, "%p", (void *)static_obj);
    void *back = NULL;
    sscanf(buf, "%p", &back);
    printf("%%p round-trip: %d\n", back == (void *)static_obj);
    /* wide characters in the C locale (ASCII only) */
    printf("wide: [%ls] [%lc]\n", L"wide string", (wint_t)L'w');
    puts("puts line");
    fputs("fputs no newline|", stdout);
    putchar('x');
    putchar('\n');
    fwrite("fwrite bytes\n", 1, 13, stdout);
    fprintf(stderr, "to stderr 1\n");
    fflush(stdout);
    fprintf(stderr, "to stderr 2 %d\n", 2);
    /* binary bytes, including NUL */
    fwrite("a\0b\xff\x80\n", 1, 6, stdout);
    /* string functions feeding printf */
    char big[2048];
    memset(big, 'z', sizeof big - 1);
    big[sizeof big - 1] = 0;
    printf("%.40s... (%zu)\n", big, strlen(big));
    printf("%s\n", big + 2000);
    /* sscanf */
    int a, b;
    char word[16];
    unsigned x;
    int n = sscanf("  12 -34 token 0x1f", "%d %d %15s %x", &a, &b, word, &x);
    printf("sscanf: n=%d %d %d %s %u\n", n, a, b, word, x);
    double d;
    n = sscanf("3.25e2", "%lf", &d);
    printf("sscanf double: n=%d %.2f\n", n, d);
    return 0;
}
