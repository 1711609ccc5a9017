/* CBW/CWDE/CDQE/CWD/CDQ/CQO, MOVZX/MOVSX/MOVSXD (register and memory,
 * all size pairs), and partial-register writes. */
#include "flags.h"

int main(void) {
    static const uint64_t v[] = {0, 1, 0x7f, 0x80, 0xff, 0x7fff, 0x8000, 0xffff, 0x7fffffff, 0x80000000,
                                 0xffffffff, 0x123456789abcdef0ULL, 0xfedcba9876543281ULL};
    for (unsigned i = 0; i < NELEM(v); i++) {
        uint64_t a, d;
        a = v[i]; __asm__("cbw" : "+a"(a));
        printf("cbw  %016llx -> %016llx\n", (unsigned long long)v[i], (unsigned long long)a);
        a = v[i]; __asm__("cwde" : "+a"(a));
        printf("cwde %016llx -> %016llx\n", (unsigned long long)v[i], (unsigned long long)a);
        a = v[i]; __asm__("cdqe" : "+a"(a));
        printf("cdqe %016llx -> %016llx\n", (unsigned long long)v[i], (unsigned long long)a);
        a = v[i]; d = 0x5555555555555555ULL; __asm__("cwd" : "+a"(a), "+d"(d));
        printf("cwd  %016llx -> %016llx %016llx\n", (unsigned long long)v[i], (unsigned long long)d, (unsigned long long)a);
        a = v[i]; d = 0x5555555555555555ULL; __asm__("cdq" : "+a"(a), "+d"(d));
        printf("cdq  %016llx -> %016llx %016llx\n", (unsigned long long)v[i], (unsigned long long)d, (unsigned long long)a);
        a = v[i]; d = 0x5555555555555555ULL; __asm__("cqo" : "+a"(a), "+d"(d));
        printf("cqo  %016llx -> %016llx %016llx\n", (unsigned long long)v[i], (unsigned long long)d, (unsigned long long)a);

        uint64_t s = v[i], r[10];
        r[0] = 0xaaaaaaaaaaaaaaaaULL; __asm__("movzbq %b1,%0" : "=r"(r[0]) : "q"(s));
        r[1] = 0xaaaaaaaaaaaaaaaaULL; __asm__("movzwq %w1,%0" : "=r"(r[1]) : "r"(s));
        r[2] = 0xaaaaaaaaaaaaaaaaULL; __asm__("movsbq %b1,%0" : "=r"(r[2]) : "q"(s));
        r[3] = 0xaaaaaaaaaaaaaaaaULL; __asm__("movswq %w1,%0" : "=r"(r[3]) : "r"(s));
        r[4] = 0xaaaaaaaaaaaaaaaaULL; __asm__("movslq %k1,%0" : "=r"(r[4]) : "r"(s));
        r[5] = 0xaaaaaaaaaaaaaaaaULL; __asm__("movsbl %b1,%k0" : "+r"(r[5]) : "q"(s));
        r[6] = 0xaaaaaaaaaaaaaaaaULL; __asm__("movzbl %b1,%k0" : "+r"(r[6]) : "q"(s));
        r[7] = 0xaaaaaaaaaaaaaaaaULL; __asm__("movsbw %b1,%w0" : "+r"(r[7]) : "q"(s));
        r[8] = 0xaaaaaaaaaaaaaaaaULL; __asm__("movzbw %b1,%w0" : "+r"(r[8]) : "q"(s));
        r[9] = 0xaaaaaaaaaaaaaaaaULL; __asm__("movswl %w1,%k0" : "+r"(r[9]) : "r"(s));
        printf("movx %016llx:", (unsigned long long)s);
        for (int k = 0; k < 10; k++) printf(" %llx", (unsigned long long)r[k]);
        printf("\n");
        /* memory sources */
        uint64_t m = v[i], x, y, z;
        __asm__("movsbq (%3),%0\n\tmovzwl (%3),%k1\n\tmovslq (%3),%2" : "=&r"(x), "=&r"(y), "=&r"(z) : "r"(&m) : "memory");
        printf("movx mem: %llx %llx %llx\n", (unsigned long long)x, (unsigned long long)y, (unsigned long long)z);
    }
    /* partial register writes: mov to 8/16 bits keeps the rest; 32 bits clears the top */
    uint64_t q = 0x1122334455667788ULL;
    __asm__("movb $0xaa,%b0" : "+q"(q));
    printf("movb: %016llx\n", (unsigned long long)q);
    __asm__("movb $0xbb,%h0" : "+Q"(q));
    printf("movb high: %016llx\n", (unsigned long long)q);
    __asm__("movw $0xcccc,%w0" : "+r"(q));
    printf("movw: %016llx\n", (unsigned long long)q);
    __asm__("movl $0xdddddddd,%k0" : "+r"(q));
    printf("movl: %016llx\n", (unsigned long long)q);
    __asm__("movq $-1,%0" : "+r"(q));
    printf("movq imm32: %016llx\n", (unsigned long long)q);
    __asm__("movabsq $0x8070605040302010,%0" : "+r"(q));
    printf("movabs: %016llx\n", (unsigned long long)q);
    /* sil/dil/spl-style registers need REX; ah/bh/ch/dh do not mix with REX */
    uint64_t rsi_v = 0x1111111111111111ULL;
    __asm__("mov %0,%%rsi\n\tmovb $0x99,%%sil\n\tmov %%rsi,%0" : "+r"(rsi_v) : : "rsi");
    printf("sil: %016llx\n", (unsigned long long)rsi_v);
    uint64_t r12v = 0x2222222222222222ULL;
    __asm__("mov %0,%%r12\n\tmovw $0x1234,%%r12w\n\tmovb $0x56,%%r12b\n\tmov %%r12,%0" : "+r"(r12v) : : "r12");
    printf("r12w/b: %016llx\n", (unsigned long long)r12v);
    /* C-level conversions */
    for (int i = -3; i <= 3; i++) {
        signed char c = (signed char)(i * 50);
        short sh = (short)(i * 12000);
        int in = (int)(unsigned)(i * 1000000000LL);
        printf("conv %d: %lld %lld %lld %llu %llu\n", i, (long long)c, (long long)sh, (long long)in,
               (unsigned long long)(unsigned char)c, (unsigned long long)(unsigned int)in);
    }
    return 0;
}
