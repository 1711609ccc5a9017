/* XCHG (register/register, register/memory, accumulator short forms, all
 * sizes) and LEA (base, index*scale, displacement, RIP-relative, 32-bit and
 * 16-bit operand sizes, 32-bit address size wrap-around). */
#include "flags.h"

static uint64_t table[16] = {10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25};

int main(void) {
    uint64_t a = 0x1111111111111111ULL, b = 0x2222222222222222ULL;
    __asm__("xchgq %0,%1" : "+r"(a), "+r"(b));
    printf("xchgq: %016llx %016llx\n", (unsigned long long)a, (unsigned long long)b);
    __asm__("xchgl %k0,%k1" : "+r"(a), "+r"(b));
    printf("xchgl: %016llx %016llx\n", (unsigned long long)a, (unsigned long long)b);
    a = 0x1111111111111111ULL; b = 0x2222222222222222ULL;
    __asm__("xchgw %w0,%w1" : "+r"(a), "+r"(b));
    printf("xchgw: %016llx %016llx\n", (unsigned long long)a, (unsigned long long)b);
    __asm__("xchgb %b0,%b1" : "+q"(a), "+q"(b));
    printf("xchgb: %016llx %016llx\n", (unsigned long long)a, (unsigned long long)b);
    b = 0x3333;
    __asm__("xchgb %h0,%b1" : "+Q"(a), "+q"(b));
    printf("xchgb ah: %016llx %016llx\n", (unsigned long long)a, (unsigned long long)b);
    /* accumulator short forms 0x90+r, including xchg eax,eax (zero-extends; not a NOP) */
    uint64_t rax = 0xaaaaaaaabbbbbbbbULL, rcx = 0xccccccccddddddddULL;
    __asm__(".byte 0x91" : "+a"(rax), "+c"(rcx)); /* xchg %eax,%ecx */
    printf("xchg eax,ecx: %016llx %016llx\n", (unsigned long long)rax, (unsigned long long)rcx);
    rax = 0xaaaaaaaabbbbbbbbULL;
    __asm__(".byte 0x87, 0xc0" : "+a"(rax)); /* xchg %eax,%eax (87 form) */
    printf("xchg eax,eax: %016llx\n", (unsigned long long)rax);
    rax = 0xaaaaaaaabbbbbbbbULL;
    __asm__(".byte 0x90" : "+a"(rax)); /* nop */
    printf("nop: %016llx\n", (unsigned long long)rax);
    rax = 0x1; rcx = 0x2;
    __asm__(".byte 0x48, 0x91" : "+a"(rax), "+c"(rcx)); /* xchg %rax,%rcx */
    printf("xchg rax,rcx: %llx %llx\n", (unsigned long long)rax, (unsigned long long)rcx);
    uint64_t r8v = 0x8888;
    rax = 0x1;
    __asm__("mov %1,%%r8\n\t.byte 0x49, 0x90\n\tmov %%r8,%1" : "+a"(rax), "+r"(r8v) : : "r8"); /* xchg %rax,%r8 */
    printf("xchg rax,r8: %llx %llx\n", (unsigned long long)rax, (unsigned long long)r8v);
    /* memory forms (implicitly locked) */
    static uint64_t m = 0x0123456789abcdefULL;
    uint64_t r = 0xfedcba9876543210ULL;
    __asm__ volatile("xchgq %0,(%1)" : "+r"(r) : "r"(&m) : "memory");
    printf("xchg mem: %016llx %016llx\n", (unsigned long long)r, (unsigned long long)m);
    uint16_t w = 0x7777;
    __asm__ volatile("xchgw %0,2(%1)" : "+r"(w) : "r"(&m) : "memory");
    printf("xchgw mem: %04x %016llx\n", w, (unsigned long long)m);

    /* LEA forms */
    uint64_t base = 0x1000, idx = 0x10, out;
    __asm__("lea (%1),%0" : "=r"(out) : "r"(base)); printf("lea (b): %llx\n", (unsigned long long)out);
    __asm__("lea 8(%1),%0" : "=r"(out) : "r"(base)); printf("lea d8(b): %llx\n", (unsigned long long)out);
    __asm__("lea -0x12345(%1),%0" : "=r"(out) : "r"(base)); printf("lea d32(b): %llx\n", (unsigned long long)out);
    __asm__("lea (%1,%2),%0" : "=r"(out) : "r"(base), "r"(idx)); printf("lea (b,i): %llx\n", (unsigned long long)out);
    __asm__("lea (%1,%2,2),%0" : "=r"(out) : "r"(base), "r"(idx)); printf("lea (b,i,2): %llx\n", (unsigned long long)out);
    __asm__("lea 3(%1,%2,4),%0" : "=r"(out) : "r"(base), "r"(idx)); printf("lea 3(b,i,4): %llx\n", (unsigned long long)out);
    __asm__("lea -1(%1,%2,8),%0" : "=r"(out) : "r"(base), "r"(idx)); printf("lea -1(b,i,8): %llx\n", (unsigned long long)out);
    __asm__("lea 0x40(,%1,8),%0" : "=r"(out) : "r"(idx)); printf("lea d(,i,8): %llx\n", (unsigned long long)out);
    __asm__("lea (%1,%1,4),%0" : "=r"(out) : "r"(idx)); printf("lea (i,i,4): %llx\n", (unsigned long long)out);
    __asm__("lea 0x7fffffff(%1),%0" : "=r"(out) : "r"(~0ULL)); printf("lea wrap64: %llx\n", (unsigned long long)out);
    __asm__("leal 0x10(%1),%k0" : "=r"(out) : "r"(0xfffffffffffffff8ULL)); printf("leal: %llx\n", (unsigned long long)out);
    out = 0x5555555555555555ULL;
    __asm__("leaw 0x10(%1),%w0" : "+r"(out) : "r"(0xfffffffffffffff8ULL)); printf("leaw: %llx\n", (unsigned long long)out);
    __asm__("lea 0x10(%k1),%0" : "=r"(out) : "r"(0x00000001fffffff8ULL)); printf("lea addr32 (zero-extended): %llx\n", (unsigned long long)out);
    __asm__("lea (%%rsp),%0\n\tsub %%rsp,%0" : "=r"(out)); printf("lea (rsp)-rsp: %llx\n", (unsigned long long)out);
    uint64_t r13v = 0x100, r12v = 0x20;
    __asm__("mov %1,%%r13\n\tmov %2,%%r12\n\tlea (%%r13,%%r12,2),%0" : "=r"(out) : "r"(r13v), "r"(r12v) : "r12", "r13");
    printf("lea (r13,r12,2): %llx\n", (unsigned long long)out);
    /* RIP-relative: address of a static object equals its link-time address */
    uint64_t rip_addr;
    __asm__("lea table(%%rip),%0" : "=r"(rip_addr));
    printf("lea rip == &table: %d\n", rip_addr == (uint64_t)(uintptr_t)table);
    uint64_t loaded;
    __asm__("mov table+24(%%rip),%0" : "=r"(loaded));
    printf("mov rip-relative: %llu\n", (unsigned long long)loaded);
    /* address of a static in a non-PIE binary is a link-time constant */
    printf("&table is below 4 GiB: %d\n", (uintptr_t)table < 0x100000000ULL);
    /* loads through computed addresses */
    long i = 5;
    __asm__("mov (%1,%2,8),%0" : "=r"(loaded) : "r"(table), "r"(i));
    printf("table[5]: %llu\n", (unsigned long long)loaded);
    __asm__("mov -16(%1,%2,8),%0" : "=r"(loaded) : "r"(table), "r"(i));
    printf("table[3]: %llu\n", (unsigned long long)loaded);
    return 0;
}
