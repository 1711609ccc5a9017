/* ENTER with nesting levels 0..4 and LEAVE; 16-bit and 64-bit PUSH/POP
 * including PUSH RSP/POP RSP, PUSH imm, POP to memory, CALL/RET imm16. */
#include "flags.h"

static long rel(uint64_t v, uint64_t base) { return (long)(v - base); }

/* ENTER size, level: report how far RSP moved, where RBP points, and what got copied */
#define ENTER(size, level)                                                              \
    {                                                                                   \
        uint64_t rsp0, rsp1, rbp1, w[8];                                                \
        __asm__ volatile("push %%rbp\n\t"                                               \
                         "lea -256(%%rsp),%%rsp\n\t" /* keep clear of the red zone */  \
                         "lea 64(%%rsp),%%rbp\n\t"                                        \
                         "movq $0x1111,-8(%%rbp)\n\tmovq $0x2222,-16(%%rbp)\n\tmovq $0x3333,-24(%%rbp)\n\t" \
                         "mov %%rsp,%[r0]\n\t"                                          \
                         "enter $" #size ",$" #level "\n\t"                             \
                         "mov %%rsp,%[r1]\n\tmov %%rbp,%[b1]\n\t"                       \
                         "mov 0(%%rbp),%%rax\n\tmov %%rax,0(%[w])\n\t"                  \
                         "mov -8(%%rbp),%%rax\n\tmov %%rax,8(%[w])\n\t"                 \
                         "mov -16(%%rbp),%%rax\n\tmov %%rax,16(%[w])\n\t"               \
                         "mov -24(%%rbp),%%rax\n\tmov %%rax,24(%[w])\n\t"               \
                         "mov -32(%%rbp),%%rax\n\tmov %%rax,32(%[w])\n\t"               \
                         "leave\n\t"                                                    \
                         "cmp %%rsp,%[r0]\n\tsetne %%al\n\tmovzbq %%al,%%rax\n\tmov %%rax,40(%[w])\n\t" \
                         "lea 256(%%rsp),%%rsp\n\t"                                     \
                         "pop %%rbp"                                                    \
                         : [r0] "=&r"(rsp0), [r1] "=&r"(rsp1), [b1] "=&r"(rbp1)         \
                         : [w] "r"(w) : "rax", "rbp", "memory", "cc");                  \
        printf("enter %4d,%d: rsp%+ld rbp%+ld [rbp]=%s", size, level, rel(rsp1, rsp0), rel(rbp1, rsp0), \
               rel(w[0], rsp0) == 64 ? "old" : "?");                                     \
        for (int k = 1; k < 5 && k <= level; k++) {                                     \
            long d = rel(w[k], rsp0);                                                   \
            if (w[k] >= 0x1111 && w[k] <= 0x3333 && w[k] % 0x1111 == 0)                 \
                printf(" [rbp-%d]=%llx", 8 * k, (unsigned long long)w[k]);              \
            else                                                                        \
                printf(" [rbp-%d]=rsp0%+ld", 8 * k, d);                                 \
        }                                                                               \
        printf(" leave-restored=%s\n", w[5] ? "no" : "yes");                            \
    }

__attribute__((noinline)) static long callee_ret8(void) {
    long r;
    /* called via "call"; returns with "ret $8" popping one extra qword */
    __asm__ volatile("" : "=r"(r));
    return r;
}

int main(void) {
    ENTER(0, 0)
    ENTER(16, 0)
    ENTER(24, 1)
    ENTER(8, 2)
    ENTER(32, 3)
    ENTER(0, 4)
    ENTER(4096, 0)
    (void)callee_ret8;

    /* PUSH/POP */
    uint64_t before, after, val;
    __asm__ volatile("lea -128(%%rsp),%%rsp\n\tmov %%rsp,%[b]\n\tpush %%rsp\n\tpop %[v]\n\tmov %%rsp,%[a]\n\t"
                     "lea 128(%%rsp),%%rsp"
                     : [b] "=&r"(before), [a] "=&r"(after), [v] "=&r"(val));
    printf("push rsp pushes old value: %d, balanced: %d\n", val == before, before == after);
    __asm__ volatile("lea -128(%%rsp),%%rsp\n\tmov %%rsp,%[b]\n\tpush %%rsp\n\tpop %%rsp\n\tmov %%rsp,%[a]\n\t"
                     "lea 128(%%rsp),%%rsp"
                     : [b] "=&r"(before), [a] "=&r"(after));
    printf("pop rsp: %d\n", before == after);
    __asm__ volatile("lea -128(%%rsp),%%rsp\n\tmov %%rsp,%[b]\n\tpushq $-2\n\tpushq $0x12345678\n\tpop %[v]\n\t"
                     "mov %%rsp,%[a]\n\tpop %[v]\n\tlea 128(%%rsp),%%rsp"
                     : [b] "=&r"(before), [a] "=&r"(after), [v] "=&r"(val));
    printf("push imm: last=%llx delta=%ld\n", (unsigned long long)val, (long)(before - after));
    uint16_t w16;
    __asm__ volatile("lea -128(%%rsp),%%rsp\n\tmov %%rsp,%[b]\n\tpushw $0x7abc\n\tmov %%rsp,%[a]\n\tpopw %[w]\n\t"
                     "lea 128(%%rsp),%%rsp"
                     : [b] "=&r"(before), [a] "=&r"(after), [w] "=&r"(w16));
    printf("pushw: %04x delta=%ld\n", w16, (long)(before - after));
    static uint64_t slot[2];
    __asm__ volatile("lea -128(%%rsp),%%rsp\n\tpushq $0x5a5a\n\tpopq 8(%0)\n\tpushq 8(%0)\n\tpopq (%0)\n\t"
                     "lea 128(%%rsp),%%rsp" : : "r"(slot) : "memory");
    printf("pop mem: %llx %llx\n", (unsigned long long)slot[0], (unsigned long long)slot[1]);
    /* RET imm16 */
    uint64_t r;
    __asm__ volatile("lea -128(%%rsp),%%rsp\n\tmov %%rsp,%[b]\n\tpushq $0x99\n\tcall 1f\n\tjmp 2f\n"
                     "1:\tmov 8(%%rsp),%[r]\n\tret $8\n"
                     "2:\tmov %%rsp,%[a]\n\tlea 128(%%rsp),%%rsp"
                     : [b] "=&r"(before), [a] "=&r"(after), [r] "=&r"(r) : : "memory");
    printf("ret imm: arg=%llx balanced=%d\n", (unsigned long long)r, before == after);
    /* indirect call through register and memory */
    static void *target;
    __asm__ volatile("lea -128(%%rsp),%%rsp\n\tlea 1f(%%rip),%%rax\n\tmov %%rax,(%[t])\n\txor %[r],%[r]\n\t"
                     "call *(%[t])\n\tadd $1,%[r]\n\tlea 2f(%%rip),%%rax\n\tcall *%%rax\n\tjmp 3f\n"
                     "1:\tadd $10,%[r]\n\tret\n"
                     "2:\tadd $100,%[r]\n\tret\n"
                     "3:\tlea 128(%%rsp),%%rsp"
                     : [r] "=&r"(r) : [t] "r"(&target) : "rax", "memory", "cc");
    printf("indirect calls: %llu\n", (unsigned long long)r);
    return 0;
}
