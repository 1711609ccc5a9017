/* libc string functions (which use SSE2/AVX code paths picked at run time)
 * checked against naive reference code over many lengths and alignments,
 * including strings that end right before an inaccessible page. */
#define _GNU_SOURCE
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <sys/mman.h>
#include <unistd.h>

static unsigned long fails;
static uint64_t hash = 1469598103934665603ULL;

static void mix(uint64_t v) { hash = (hash ^ v) * 1099511628211ULL; }

#define EXPECT(name, got, want, len, al)                                                  \
    do {                                                                                  \
        long long g_ = (long long)(got), w_ = (long long)(want);                          \
        mix((uint64_t)g_);                                                                \
        if (g_ != w_ && fails++ < 20)                                                     \
            printf("MISMATCH %s len=%d align=%d: got %lld want %lld\n", name, (int)(len), (int)(al), g_, w_); \
    } while (0)

static size_t ref_strlen(const char *s) { size_t n = 0; while (s[n]) n++; return n; }
static int sgn(int x) { return (x > 0) - (x < 0); }
static int ref_memcmp(const unsigned char *a, const unsigned char *b, size_t n) {
    for (size_t i = 0; i < n; i++)
        if (a[i] != b[i]) return a[i] < b[i] ? -1 : 1;
    return 0;
}

static char A[1024] __attribute__((aligned(64)));
static char B[1024] __attribute__((aligned(64)));
static char C[1024] __attribute__((aligned(64)));

int main(void) {
    for (int len = 0; len <= 140; len++) {
        for (int al = 0; al < 16; al++) {
            if (len > 48 && al != 0 && al % 4 != 1) continue; /* all alignments only for short strings */
            char *s = A + al, *t = B + (al * 7 % 16);
            for (int i = 0; i < len; i++) s[i] = (char)('a' + (i * 7 + al) % 26);
            s[len] = 0;
            s[len + 1] = 'Z'; /* garbage after the terminator */
            EXPECT("strlen", strlen(s), ref_strlen(s), len, al);
            EXPECT("strnlen", strnlen(s, (size_t)len / 2), len / 2, len, al);
            /* search for a char that appears first at position len-1 */
            if (len > 0) {
                s[len - 1] = '#';
                EXPECT("memchr", (char *)memchr(s, '#', (size_t)len) - s, len - 1, len, al);
                EXPECT("strchr", strchr(s, '#') - s, len - 1, len, al);
                EXPECT("strrchr", strrchr(s, 'a' + al % 26) ? strrchr(s, 'a' + al % 26) - s : -1,
                       ({ int r = -1; for (int i = 0; i < len; i++) if (s[i] == 'a' + al % 26) r = i; r; }), len, al);
                EXPECT("memrchr", (char *)memrchr(s, '#', (size_t)len) - s, len - 1, len, al);
#ifdef __GLIBC__
                EXPECT("rawmemchr", (char *)rawmemchr(s, '#') - s, len - 1, len, al);
#endif
                s[len - 1] = (char)('a' + ((len - 1) * 7 + al) % 26);
            }
            EXPECT("memchr-miss", memchr(s, '#', (size_t)len) == NULL, 1, len, al);
            EXPECT("strchr-nul", strchr(s, 0) - s, len, len, al);
            EXPECT("strchrnul", strchrnul(s, '#') - s, len, len, al);
            /* copies */
            memset(B, 0x55, sizeof B);
            memcpy(t, s, (size_t)len + 1);
            EXPECT("memcpy", ref_memcmp((unsigned char *)t, (unsigned char *)s, (size_t)len + 1), 0, len, al);
            EXPECT("memcpy-guard", (unsigned char)t[len + 1], 0x55, len, al);
            memset(B, 0x55, sizeof B);
            EXPECT("strcpy-ret", strcpy(t, s) - t, 0, len, al);
            EXPECT("strcpy", strcmp(t, s), 0, len, al);
            EXPECT("strcpy-guard", (unsigned char)t[len + 1], 0x55, len, al);
            EXPECT("stpcpy", stpcpy(t, s) - t, len, len, al);
            memset(B, 0x55, sizeof B);
            strncpy(t, s, (size_t)len + 5);
            EXPECT("strncpy-pad", t[len + 4] == 0 && t[len + 5] == 0x55, 1, len, al);
            /* comparisons: equal, then a difference at every third position */
            memcpy(C + (al * 3 % 16), s, (size_t)len + 1);
            char *u = C + (al * 3 % 16);
            EXPECT("memcmp-eq", memcmp(s, u, (size_t)len), 0, len, al);
            EXPECT("strcmp-eq", strcmp(s, u), 0, len, al);
            for (int k = 0; k < len; k += (len < 24 ? 3 : len / 8)) {
                char save = u[k];
                u[k] = (char)(k & 1 ? save + 1 : save - 1);
                if (k % 9 == 0) u[k] = (char)0xf0; /* high bit: unsigned comparison */
                int want = ref_memcmp((unsigned char *)s, (unsigned char *)u, (size_t)len);
                EXPECT("memcmp", sgn(memcmp(s, u, (size_t)len)), want, len, k);
                EXPECT("strcmp", sgn(strcmp(s, u)), want, len, k);
                EXPECT("strncmp", sgn(strncmp(s, u, (size_t)k)), 0, len, k);
                EXPECT("strncmp2", sgn(strncmp(s, u, (size_t)k + 1)), want, len, k);
                EXPECT("bcmp", bcmp(s, u, (size_t)len) != 0, 1, len, k);
                u[k] = save;
            }
            /* memset / memmove with overlap both ways */
            memset(B, 0x11, sizeof B);
            memset(t, al, (size_t)len);
            int ok = 1;
            for (int i = 0; i < len; i++) ok &= t[i] == al;
            EXPECT("memset", ok && t[len] == 0x11 && (t == B || t[-1] == 0x11), 1, len, al);
            for (int i = 0; i < 300; i++) C[i] = (char)i;
            memmove(C + al, C + 16, (size_t)len);
            ok = 1;
            for (int i = 0; i < len; i++) ok &= (unsigned char)C[al + i] == (unsigned char)(16 + i);
            EXPECT("memmove-down", ok, 1, len, al);
            for (int i = 0; i < 300; i++) C[i] = (char)i;
            memmove(C + 16 + al, C + 16, (size_t)len);
            ok = 1;
            for (int i = 0; i < len; i++) ok &= (unsigned char)C[16 + al + i] == (unsigned char)(16 + i);
            EXPECT("memmove-up", ok, 1, len, al);
            /* strstr with the needle at the end */
            if (len >= 4) {
                char needle[8];
                memcpy(needle, s + len - 4, 4);
                needle[4] = 0;
                char *hit = strstr(s, needle);
                int want = -1;
                for (int i = 0; i + 4 <= len && want < 0; i++)
                    if (!memcmp(s + i, needle, 4)) want = i;
                EXPECT("strstr", hit ? hit - s : -1, want, len, al);
                EXPECT("strspn", strspn(s, "abcdefghijklm"), ({ int r = 0; while (r < len && s[r] >= 'a' && s[r] <= 'm') r++; r; }), len, al);
                EXPECT("strcspn", strcspn(s, "xyz"), ({ int r = 0; while (r < len && (s[r] < 'x' || s[r] > 'z')) r++; r; }), len, al);
            }
            EXPECT("strcasecmp", strcasecmp(s, s), 0, len, al);
        }
    }
    /* strings that end right at an inaccessible page */
    long pg = sysconf(_SC_PAGESIZE);
    char *two = mmap(NULL, 2 * pg, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    mprotect(two + pg, pg, PROT_NONE);
    for (int len = 0; len < 100; len++) {
        char *s = two + pg - len - 1;
        memset(s, 'q', (size_t)len);
        s[len] = 0;
        EXPECT("edge-strlen", strlen(s), len, len, 0);
        EXPECT("edge-strchr", strchr(s, 'x') == NULL, 1, len, 0);
        EXPECT("edge-memchr", memchr(s, 0, (size_t)len + 1) == s + len, 1, len, 0);
        EXPECT("edge-strcmp", strcmp(s, s), 0, len, 0);
        EXPECT("edge-memcmp", memcmp(s, s, (size_t)len + 1), 0, len, 0);
        char buf[128];
        EXPECT("edge-strcpy", strlen(strcpy(buf, s)), len, len, 0);
        EXPECT("edge-memrchr", memrchr(s, 'q', (size_t)len) == (len ? s + len - 1 : NULL), 1, len, 0);
    }
    munmap(two, 2 * pg);
    printf("string functions: failures=%lu hash=%016llx\n", fails, (unsigned long long)hash);
    return fails != 0;
}
