/* CMPXCHG (8/16/32/64, register and locked memory), XADD, CMPXCHG8B,
 * CMPXCHG16B (inline asm and the -mcx16 __sync builtin on __int128). */
#include "flags.h"

#define CX(bits, T, sfx, vals)                                                          \
    for (unsigned i = 0; i < NELEM(vals); i += 2)                                       \
        for (unsigned j = 0; j < NELEM(vals); j += 3) {                                 \
            unsigned long fo;                                                           \
            T mem = (T)vals[i], acc = (T)vals[j], nv = (T)0x5a5a5a5a5a5a5a5aULL;        \
            T m0 = mem, a0 = acc;                                                       \
            __asm__ volatile(ASM_PRE "lock cmpxchg" sfx " %[n],(%[p])" ASM_POST          \
                             : "+a"(acc), [fo] "=&r"(fo)                                \
                             : [n] "r"(nv), [p] "r"(&mem), [fi] "r"(FIN_NONE) : "cc", "memory"); \
            printf("cmpxchg%d m=%llx a=%llx -> m=%llx a=%llx %s\n", bits, (unsigned long long)m0, \
                   (unsigned long long)a0, (unsigned long long)mem, (unsigned long long)acc, fstr(fo, F_ALL)); \
            /* equal case */                                                            \
            mem = m0; acc = m0;                                                         \
            __asm__ volatile(ASM_PRE "cmpxchg" sfx " %[n],(%[p])" ASM_POST               \
                             : "+a"(acc), [fo] "=&r"(fo)                                \
                             : [n] "r"(nv), [p] "r"(&mem), [fi] "r"(FIN_NONE) : "cc", "memory"); \
            printf("cmpxchg%d= m=%llx -> m=%llx a=%llx %s\n", bits, (unsigned long long)m0, \
                   (unsigned long long)mem, (unsigned long long)acc, fstr(fo, F_ALL));  \
            /* XADD: mem += reg, reg = old mem */                                       \
            T r = (T)vals[j];                                                           \
            mem = m0;                                                                   \
            __asm__ volatile(ASM_PRE "lock xadd" sfx " %[r],(%[p])" ASM_POST             \
                             : [r] "+r"(r), [fo] "=&r"(fo)                              \
                             : [p] "r"(&mem), [fi] "r"(FIN_ALL) : "cc", "memory");      \
            printf("xadd%d m=%llx r=%llx -> m=%llx r=%llx %s\n", bits, (unsigned long long)m0, \
                   (unsigned long long)vals[j], (unsigned long long)mem, (unsigned long long)r, fstr(fo, F_ALL)); \
        }

static void regforms(void) {
    /* register destination: cmpxchg %rcx,%rdx ; xadd %rcx,%rdx */
    uint64_t a = 5, d = 5, c = 9;
    unsigned long fo;
    __asm__ volatile(ASM_PRE "cmpxchgq %[c],%[d]" ASM_POST : "+a"(a), [d] "+r"(d), [fo] "=&r"(fo) : [c] "r"(c), [fi] "r"(FIN_NONE) : "cc");
    printf("cmpxchg reg eq: a=%llu d=%llu %s\n", (unsigned long long)a, (unsigned long long)d, fstr(fo, F_ALL));
    a = 4;
    __asm__ volatile(ASM_PRE "cmpxchgq %[c],%[d]" ASM_POST : "+a"(a), [d] "+r"(d), [fo] "=&r"(fo) : [c] "r"(c), [fi] "r"(FIN_NONE) : "cc");
    printf("cmpxchg reg ne: a=%llu d=%llu %s\n", (unsigned long long)a, (unsigned long long)d, fstr(fo, F_ALL));
    /* 32-bit cmpxchg that fails loads EAX and zero-extends into RAX (what happens
     * to the upper half of the untouched operand differs between CPUs: not shown) */
    uint64_t a64 = 0xffffffff00000001ULL, d64 = 0xffffffff00000002ULL;
    __asm__ volatile("cmpxchgl %k2,%k1" : "+a"(a64), "+r"(d64) : "r"(c) : "cc");
    printf("cmpxchgl ne zext: a=%016llx d=%08x\n", (unsigned long long)a64, (unsigned)d64);
    uint64_t r = 0xffffffff00000003ULL, x = 0xffffffff00000004ULL;
    __asm__ volatile("xaddl %k0,%k1" : "+r"(r), "+r"(x) : : "cc");
    printf("xaddl reg: r=%016llx x=%016llx\n", (unsigned long long)r, (unsigned long long)x);
    uint8_t b1 = 0xff, b2 = 0x01;
    __asm__ volatile(ASM_PRE "xaddb %[a],%[b]" ASM_POST : [a] "+q"(b1), [b] "+q"(b2), [fo] "=&r"(fo) : [fi] "r"(FIN_NONE) : "cc");
    printf("xaddb: %02x %02x %s\n", b1, b2, fstr(fo, F_ALL));
}

static void cx8(uint64_t mem, uint64_t expect, uint64_t nv, unsigned long fin) {
    uint32_t a = (uint32_t)expect, d = (uint32_t)(expect >> 32);
    unsigned long fo;
    uint64_t m0 = mem;
    __asm__ volatile(ASM_PRE "lock cmpxchg8b (%[p])" ASM_POST
                     : "+a"(a), "+d"(d), [fo] "=&r"(fo)
                     : "b"((uint32_t)nv), "c"((uint32_t)(nv >> 32)), [p] "r"(&mem), [fi] "r"(fin)
                     : "cc", "memory");
    printf("cmpxchg8b m=%016llx e=%016llx -> m=%016llx edx:eax=%08x:%08x %s\n", (unsigned long long)m0,
           (unsigned long long)expect, (unsigned long long)mem, d, a, fstr(fo, F_ALL));
}

static unsigned __int128 m16 __attribute__((aligned(16)));

static void cx16(unsigned __int128 mem, unsigned __int128 expect, unsigned __int128 nv, unsigned long fin) {
    uint64_t a = (uint64_t)expect, d = (uint64_t)(expect >> 64);
    unsigned long fo;
    m16 = mem;
    __asm__ volatile(ASM_PRE "lock cmpxchg16b (%[p])" ASM_POST
                     : "+a"(a), "+d"(d), [fo] "=&r"(fo)
                     : "b"((uint64_t)nv), "c"((uint64_t)(nv >> 64)), [p] "r"(&m16), [fi] "r"(fin)
                     : "cc", "memory");
    printf("cmpxchg16b m=%016llx%016llx -> m=%016llx%016llx rdx:rax=%016llx:%016llx %s\n",
           (unsigned long long)(mem >> 64), (unsigned long long)mem, (unsigned long long)(m16 >> 64),
           (unsigned long long)m16, (unsigned long long)d, (unsigned long long)a, fstr(fo, F_ALL));
}

int main(void) {
    CX(8, uint8_t, "b", vals8)
    CX(16, uint16_t, "w", vals16)
    CX(32, uint32_t, "l", vals32)
    CX(64, uint64_t, "q", vals64)
    regforms();
    /* CMPXCHG8B changes only ZF */
    cx8(0x1122334455667788ULL, 0x1122334455667788ULL, 0xaabbccddeeff0011ULL, FIN_NONE);
    cx8(0x1122334455667788ULL, 0x1122334455667788ULL, 0xaabbccddeeff0011ULL, FIN_ALL & ~F_ZF);
    cx8(0x1122334455667788ULL, 0x1122334455667789ULL, 0xaabbccddeeff0011ULL, FIN_ALL);
    cx8(0x1122334455667788ULL, 0x0122334455667788ULL, 0, FIN_NONE | F_ZF);
    unsigned __int128 one = 1, big = ((unsigned __int128)0x0123456789abcdefULL << 64) | 0xfedcba9876543210ULL;
    cx16(big, big, one << 100, FIN_NONE);
    cx16(big, big, ~one, FIN_ALL & ~F_ZF);
    cx16(big, big + 1, 7, FIN_ALL);
    cx16(big, big ^ (one << 127), 7, FIN_NONE);
    /* compiler-generated cmpxchg16b (needs -mcx16) */
    m16 = big;
    int ok1 = __sync_bool_compare_and_swap(&m16, big, (unsigned __int128)42);
    int ok2 = __sync_bool_compare_and_swap(&m16, big, (unsigned __int128)43);
    printf("sync cas16: %d %d low=%llu\n", ok1, ok2, (unsigned long long)m16);
    /* compiler-generated atomics */
    static long counter;
    for (int i = 0; i < 1000; i++) __atomic_fetch_add(&counter, i, __ATOMIC_SEQ_CST);
    long expected = 499500;
    int ok = __atomic_compare_exchange_n(&counter, &expected, -1, 0, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
    printf("atomic: ok=%d counter=%ld\n", ok, counter);
    long old = __atomic_exchange_n(&counter, 77, __ATOMIC_SEQ_CST);
    printf("xchg: old=%ld new=%ld\n", old, counter);
    return 0;
}
