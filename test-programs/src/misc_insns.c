/* Assorted instructions: XLAT, multi-byte NOPs, fences and PAUSE, MOVNTI,
 * prefix combinations (redundant REX, segment overrides on FS for TLS), CPUID
 * leaf 0 existence only, RDTSC monotonicity only, and ENDBR64. */
#include <stdint.h>
#include <stdio.h>

static __thread uint64_t tls_var = 0x1122334455667788ULL;

int main(void) {
    static const uint8_t table[256] = {[0] = 0xaa, [1] = 0xbb, [0x7f] = 0x11, [0x80] = 0x22, [0xff] = 0xcc};
    for (unsigned idx = 0; idx < 256; idx += 0x7f) {
        uint64_t rax = 0x1234567800000000ULL | idx;
        const uint8_t *rbx = table;
        __asm__("xlat" : "+a"(rax) : "b"(rbx));
        printf("xlat %02x -> %016llx\n", idx, (unsigned long long)rax);
    }
    uint64_t v = 5;
    __asm__ volatile(".byte 0x90\n\t"                                     /* nop */
                     ".byte 0x66, 0x90\n\t"                               /* xchg ax,ax */
                     ".byte 0x0f, 0x1f, 0x00\n\t"                         /* nopl (%rax) */
                     ".byte 0x0f, 0x1f, 0x40, 0x00\n\t"                   /* nopl 0(%rax) */
                     ".byte 0x0f, 0x1f, 0x44, 0x00, 0x00\n\t"             /* nopl 0(%rax,%rax,1) */
                     ".byte 0x66, 0x0f, 0x1f, 0x44, 0x00, 0x00\n\t"       /* nopw */
                     ".byte 0x0f, 0x1f, 0x80, 0, 0, 0, 0\n\t"             /* nopl 0L(%rax) */
                     ".byte 0x0f, 0x1f, 0x84, 0, 0, 0, 0, 0\n\t"          /* nopl 0L(%rax,%rax,1) */
                     ".byte 0x66, 0x2e, 0x0f, 0x1f, 0x84, 0, 0, 0, 0, 0\n\t" /* cs nopw */
                     ".byte 0xf3, 0x0f, 0x1e, 0xfa\n\t"                   /* endbr64 */
                     "pause\n\tlfence\n\tmfence\n\tsfence\n\t"
                     "inc %0"
                     : "+r"(v));
    printf("after nops and fences: %llu\n", (unsigned long long)v);
    static uint64_t nt;
    __asm__ volatile("movnti %1,%0" : "=m"(nt) : "r"(0xfeedULL));
    __asm__ volatile("sfence" ::: "memory");
    printf("movnti: %llx\n", (unsigned long long)nt);
    /* TLS through %fs */
    uint64_t t;
    __asm__("mov %%fs:0,%0" : "=r"(t));
    printf("fs:0 is the thread pointer: %d\n", t == (uint64_t)(uintptr_t)__builtin_thread_pointer());
    printf("tls var: %llx\n", (unsigned long long)tls_var);
    tls_var++;
    printf("tls var++: %llx\n", (unsigned long long)tls_var);
    /* redundant prefixes */
    uint64_t r = 1;
    __asm__(".byte 0x40, 0x48, 0x83, 0xc0, 0x01" : "+a"(r)); /* rex rex.w add $1,%rax: only the last REX counts */
    printf("double rex: %llu\n", (unsigned long long)r);
    r = 0xffffffffffffffffULL;
    __asm__(".byte 0x48, 0x40, 0x83, 0xc0, 0x01" : "+a"(r) : : "cc"); /* REX.W then plain REX: 32-bit add */
    printf("rex.w overridden: %016llx\n", (unsigned long long)r);
    r = 2;
    __asm__(".byte 0x2e, 0x3e, 0x48, 0x83, 0xc0, 0x01" : "+a"(r) : : "cc"); /* ignored segment prefixes */
    printf("segment prefixes: %llu\n", (unsigned long long)r);
    r = 0x1111111111111111ULL;
    __asm__(".byte 0x66, 0x66, 0x83, 0xc0, 0x01" : "+a"(r) : : "cc"); /* repeated 0x66: 16-bit add */
    printf("double 66: %016llx\n", (unsigned long long)r);
    /* CPUID exists; leaf 0 returns a vendor string of 12 printable chars */
    uint32_t a = 0, b, c, d;
    __asm__ volatile("cpuid" : "+a"(a), "=b"(b), "=c"(c), "=d"(d));
    char vendor[13];
    __builtin_memcpy(vendor, &b, 4);
    __builtin_memcpy(vendor + 4, &d, 4);
    __builtin_memcpy(vendor + 8, &c, 4);
    int printable = 1;
    for (int i = 0; i < 12; i++) printable &= vendor[i] >= 0x20 && vendor[i] < 0x7f;
    printf("cpuid vendor printable: %d max leaf>=1: %d\n", printable, a >= 1);
    /* RDTSC moves forward */
    uint32_t lo1, hi1, lo2, hi2;
    __asm__ volatile("rdtsc" : "=a"(lo1), "=d"(hi1));
    for (volatile int i = 0; i < 1000; i++) {
    }
    __asm__ volatile("rdtsc" : "=a"(lo2), "=d"(hi2));
    printf("rdtsc monotonic: %d\n", ((uint64_t)hi2 << 32 | lo2) >= ((uint64_t)hi1 << 32 | lo1));
    return 0;
}
