/* LOOP/LOOPE/LOOPNE, JRCXZ/JECXZ, and the 32-bit address-size LOOP (ECX). */
#include "flags.h"

int main(void) {
    for (uint64_t n = 1; n <= 5; n++) {
        uint64_t c = n, iters = 0;
        __asm__ volatile("1:\tinc %[i]\n\tloop 1b" : "+c"(c), [i] "+r"(iters) : : "cc");
        printf("loop n=%llu iters=%llu rcx=%llu\n", (unsigned long long)n, (unsigned long long)iters, (unsigned long long)c);
    }
    /* LOOPE stops when ZF=0, LOOPNE when ZF=1; LOOP itself changes no flags */
    static const uint8_t data[] = {7, 7, 7, 7, 3, 7, 7, 0, 7, 7};
    for (int start = 0; start < 4; start++) {
        uint64_t c = 10 - start;
        const uint8_t *p = data + start;
        __asm__ volatile("1:\tcmpb $7,(%[p])\n\tlea 1(%[p]),%[p]\n\tloope 1b" : "+c"(c), [p] "+r"(p) : : "cc");
        printf("loope from %d: rcx=%llu pos=%ld\n", start, (unsigned long long)c, (long)(p - data));
        c = 10 - start;
        p = data + start;
        __asm__ volatile("1:\tcmpb $0,(%[p])\n\tlea 1(%[p]),%[p]\n\tloopne 1b" : "+c"(c), [p] "+r"(p) : : "cc");
        printf("loopne from %d: rcx=%llu pos=%ld\n", start, (unsigned long long)c, (long)(p - data));
    }
    unsigned long fo;
    uint64_t c = 3;
    __asm__ volatile(ASM_PRE "1:\tloop 1b" ASM_POST : "+c"(c), [fo] "=&r"(fo) : [fi] "r"(FIN_ALL) : "cc");
    printf("loop keeps flags: %s\n", fstr(fo, F_ALL));
    /* JRCXZ / JECXZ */
    for (int k = 0; k < 4; k++) {
        static const uint64_t cv[] = {0, 1, 0xffffffff00000000ULL, 0x100000000ULL};
        uint64_t cc = cv[k];
        int j64, j32;
        __asm__ volatile("movl $0,%[j]\n\tjrcxz 1f\n\tjmp 2f\n1:\tmovl $1,%[j]\n2:" : [j] "=&r"(j64) : "c"(cc) : "cc");
        __asm__ volatile("movl $0,%[j]\n\tjecxz 1f\n\tjmp 2f\n1:\tmovl $1,%[j]\n2:" : [j] "=&r"(j32) : "c"(cc) : "cc");
        printf("rcx=%016llx jrcxz=%d jecxz=%d\n", (unsigned long long)cc, j64, j32);
    }
    /* addr32 loop uses ECX only: upper half of RCX is left as it was */
    c = 0x1234567800000003ULL;
    uint64_t iters = 0;
    __asm__ volatile("1:\tinc %[i]\n\taddr32 loop 1b" : "+c"(c), [i] "+r"(iters) : : "cc");
    printf("addr32 loop: iters=%llu rcx=%016llx\n", (unsigned long long)iters, (unsigned long long)c);
    /* a counted loop the compiler writes, with a data-dependent exit */
    unsigned sum = 0;
    for (unsigned i = 0; i < 1000; i++) {
        if ((i * i) % 97 == 3) break;
        sum += i ^ (sum >> 3);
    }
    printf("c loop: %u\n", sum);
    return 0;
}
