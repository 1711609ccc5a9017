/* SETcc, CMOVcc (16/32/64, register and memory sources) and Jcc for all 16
 * conditions over all 32 combinations of CF/PF/ZF/SF/OF. */
#include "flags.h"

#define COND(X) X(o) X(no) X(b) X(ae) X(e) X(ne) X(be) X(a) X(s) X(ns) X(p) X(np) X(l) X(ge) X(le) X(g)

static unsigned long mkflags(unsigned combo) {
    unsigned long f = 0x2;
    if (combo & 1) f |= F_CF;
    if (combo & 2) f |= F_PF;
    if (combo & 4) f |= F_ZF;
    if (combo & 8) f |= F_SF;
    if (combo & 16) f |= F_OF;
    return f;
}

#define SET(cc)                                                                         \
    {                                                                                   \
        uint8_t r = 0x77;                                                               \
        __asm__ volatile(ASM_PRE "set" #cc " %[r]\n\tlea 128(%%rsp),%%rsp"              \
                         : [r] "+q"(r) : [fi] "r"(f) : "cc");                          \
        *p++ = r > 1 ? '?' : (char)('0' + r);                                           \
    }

#define CMOV(cc)                                                                        \
    {                                                                                   \
        uint64_t d = 0xffffffffffffffffULL, s = 0x1111111111111111ULL;                  \
        uint32_t dl = 0xffffffff, sl = 0x22222222;                                      \
        uint16_t dw = 0xffff, sw = 0x3333;                                              \
        uint64_t d32 = 0xffffffffffffffffULL; /* cmovl always zero-extends */           \
        static uint64_t ms = 0x4444444444444444ULL;                                      \
        uint64_t dm = 0;                                                                \
        __asm__ volatile(ASM_PRE "cmov" #cc "q %[s],%[d]\n\t"                            \
                         "cmov" #cc "l %[sl],%[dl]\n\t"                                   \
                         "cmov" #cc "w %[sw],%[dw]\n\t"                                   \
                         "cmov" #cc "l %k[s],%k[d32]\n\t"                                 \
                         "cmov" #cc "q (%[ms]),%[dm]\n\tlea 128(%%rsp),%%rsp"             \
                         : [d] "+r"(d), [dl] "+r"(dl), [dw] "+r"(dw), [d32] "+r"(d32), [dm] "+r"(dm) \
                         : [s] "r"(s), [sl] "r"(sl), [sw] "r"(sw), [ms] "r"(&ms), [fi] "r"(f) : "cc"); \
        p += sprintf(p, " %c%c%c%c%c", d == s ? '1' : d == ~0ULL ? '0' : '?',            \
                     dl == sl ? '1' : dl == 0xffffffff ? '0' : '?',                      \
                     dw == sw ? '1' : dw == 0xffff ? '0' : '?',                          \
                     d32 == 0x11111111 ? '1' : d32 == 0xffffffff ? '0' : '?',            \
                     dm == ms ? '1' : dm == 0 ? '0' : '?');                              \
    }

#define JCC(cc)                                                                         \
    {                                                                                   \
        int taken;                                                                      \
        __asm__ volatile(ASM_PRE "j" #cc " 1f\n\tmovl $0,%[t]\n\tjmp 2f\n1:\tmovl $1,%[t]\n2:\t" \
                         "lea 128(%%rsp),%%rsp"                                         \
                         : [t] "=r"(taken) : [fi] "r"(f) : "cc");                        \
        *p++ = (char)('0' + taken);                                                     \
    }

int main(void) {
    char buf[512], *p;
    printf("cond: o no b ae e ne be a s ns p np l ge le g\n");
    for (unsigned combo = 0; combo < 32; combo++) {
        unsigned long f = mkflags(combo);
        p = buf;
        COND(SET)
        *p = 0;
        printf("%s set  %s\n", fstr(f, F_ALL), buf);
        p = buf;
        COND(JCC)
        *p = 0;
        printf("%s jcc  %s\n", fstr(f, F_ALL), buf);
        p = buf;
        COND(CMOV)
        *p = 0;
        printf("%s cmov%s\n", fstr(f, F_ALL), buf);
    }
    /* setcc into high-byte and memory destinations */
    uint64_t q = 0x1122334455667788ULL;
    __asm__ volatile("cmp %%rax,%%rax\n\tsete %h0\n\tsetne %b0" : "+Q"(q) : : "cc", "rax");
    printf("sete ah: %016llx\n", (unsigned long long)q);
    static uint8_t m[2] = {0x55, 0x55};
    __asm__ volatile("stc\n\tsetc (%0)\n\tsetnc 1(%0)" : : "r"(m) : "cc", "memory");
    printf("setc mem: %02x %02x\n", m[0], m[1]);
    /* compiler-generated conditional code over signed/unsigned compares */
    static const long long cv[] = {-3, -1, 0, 1, 2, 0x7fffffffffffffffLL, -0x7fffffffffffffffLL - 1};
    unsigned acc = 0;
    for (unsigned i = 0; i < NELEM(cv); i++)
        for (unsigned j = 0; j < NELEM(cv); j++) {
            long long a = cv[i], b = cv[j];
            unsigned long long ua = (unsigned long long)a, ub = (unsigned long long)b;
            acc = acc * 3 + (a < b) + 2 * (ua < ub) + 4 * (a >= b) + 8 * (ua > ub) + 16 * (a == b);
            acc ^= (unsigned)(a > b ? a : b);
        }
    printf("compares: %u\n", acc);
    return 0;
}
