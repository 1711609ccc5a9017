/* BT/BTS/BTR/BTC with register and immediate bit offsets, register and
 * memory operands; register offsets into memory address a bit string
 * (negative and beyond-the-word offsets).  CF is the tested bit; ZF is
 * preserved; OF/SF/AF/PF are undefined. */
#include "flags.h"

#define DEF (F_CF | F_ZF)

#define BTREG(bits, T, sfx)                                                             \
    for (unsigned k = 0; k < 8; k++) {                                                  \
        static const unsigned offs[] = {0, 1, 7, 15, 31, 63, 64 + 3, 200};              \
        T o = (T)offs[k];                                                               \
        unsigned long fo;                                                               \
        T v = (T)0xa5c3f00f0ff05a3cULL, d;                                              \
        d = v; __asm__ volatile(ASM_PRE "bt" sfx " %[o],%[d]" ASM_POST : [d] "+r"(d), [fo] "=&r"(fo) : [o] "r"(o), [fi] "r"(k & 1 ? FIN_ALL : FIN_NONE) : "cc"); \
        printf("bt%d  %3u -> %16llx %s\n", bits, offs[k], (unsigned long long)d, fstr(fo, DEF)); \
        d = v; __asm__ volatile(ASM_PRE "bts" sfx " %[o],%[d]" ASM_POST : [d] "+r"(d), [fo] "=&r"(fo) : [o] "r"(o), [fi] "r"(k & 1 ? FIN_NONE : FIN_ALL) : "cc"); \
        printf("bts%d %3u -> %16llx %s\n", bits, offs[k], (unsigned long long)d, fstr(fo, DEF)); \
        d = v; __asm__ volatile(ASM_PRE "btr" sfx " %[o],%[d]" ASM_POST : [d] "+r"(d), [fo] "=&r"(fo) : [o] "r"(o), [fi] "r"(k & 1 ? FIN_ALL : FIN_NONE) : "cc"); \
        printf("btr%d %3u -> %16llx %s\n", bits, offs[k], (unsigned long long)d, fstr(fo, DEF)); \
        d = v; __asm__ volatile(ASM_PRE "btc" sfx " %[o],%[d]" ASM_POST : [d] "+r"(d), [fo] "=&r"(fo) : [o] "r"(o), [fi] "r"(k & 1 ? FIN_NONE : FIN_ALL) : "cc"); \
        printf("btc%d %3u -> %16llx %s\n", bits, offs[k], (unsigned long long)d, fstr(fo, DEF)); \
    }

static uint8_t bits_mem[64];

static void dumpmem(void) {
    printf("  mem:");
    for (int i = 0; i < 64; i++) printf("%02x", bits_mem[i]);
    printf("\n");
}

int main(void) {
    BTREG(16, uint16_t, "w")
    BTREG(32, uint32_t, "l")
    BTREG(64, uint64_t, "q")

    /* immediate forms: the offset is taken modulo the operand size */
    unsigned long fo;
    uint64_t q = 0x8000000000000001ULL;
    __asm__ volatile(ASM_PRE "btq $63,%[d]" ASM_POST : [d] "+r"(q), [fo] "=&r"(fo) : [fi] "r"(FIN_NONE) : "cc");
    printf("btq $63: %s\n", fstr(fo, DEF));
    __asm__ volatile(ASM_PRE "btsq $65,%[d]" ASM_POST : [d] "+r"(q), [fo] "=&r"(fo) : [fi] "r"(FIN_NONE) : "cc");
    printf("btsq $65: %016llx %s\n", (unsigned long long)q, fstr(fo, DEF));
    uint32_t l = 0xffffffff;
    __asm__ volatile(ASM_PRE "btrl $35,%[d]" ASM_POST : [d] "+r"(l), [fo] "=&r"(fo) : [fi] "r"(FIN_ALL) : "cc");
    printf("btrl $35: %08x %s\n", l, fstr(fo, DEF));
    uint16_t w = 0;
    __asm__ volatile(ASM_PRE "btcw $17,%[d]" ASM_POST : [d] "+r"(w), [fo] "=&r"(fo) : [fi] "r"(FIN_NONE) : "cc");
    printf("btcw $17: %04x %s\n", w, fstr(fo, DEF));

    /* memory bit strings: the register offset is signed and unbounded */
    uint8_t *base = bits_mem + 32;
    static const long offsets[] = {0, 5, 63, 64, 100, 255, -1, -8, -9, -200, 130};
    for (unsigned i = 0; i < NELEM(offsets); i++) {
        long o = offsets[i];
        __asm__ volatile(ASM_PRE "lock btsq %[o],(%[p])" ASM_POST : [fo] "=&r"(fo) : [o] "r"(o), [p] "r"(base), [fi] "r"(FIN_NONE) : "cc", "memory");
        printf("btsq mem %ld: %s\n", o, fstr(fo, DEF));
        __asm__ volatile(ASM_PRE "btsq %[o],(%[p])" ASM_POST : [fo] "=&r"(fo) : [o] "r"(o), [p] "r"(base), [fi] "r"(FIN_NONE) : "cc", "memory");
        printf("btsq mem again %ld: %s\n", o, fstr(fo, DEF));
    }
    dumpmem();
    for (unsigned i = 0; i < NELEM(offsets); i += 2) {
        int o = (int)offsets[i] + 1;
        __asm__ volatile(ASM_PRE "btcl %[o],(%[p])" ASM_POST : [fo] "=&r"(fo) : [o] "r"(o), [p] "r"(base), [fi] "r"(FIN_ALL) : "cc", "memory");
        printf("btcl mem %d: %s\n", o, fstr(fo, DEF));
        short so = (short)(offsets[i] - 1);
        __asm__ volatile(ASM_PRE "btrw %[o],(%[p])" ASM_POST : [fo] "=&r"(fo) : [o] "r"(so), [p] "r"(base), [fi] "r"(FIN_NONE) : "cc", "memory");
        printf("btrw mem %d: %s\n", so, fstr(fo, DEF));
    }
    dumpmem();
    /* immediate offset into memory is modulo operand size (no bit-string addressing) */
    __asm__ volatile(ASM_PRE "btsw $21,(%[p])" ASM_POST : [fo] "=&r"(fo) : [p] "r"(base), [fi] "r"(FIN_NONE) : "cc", "memory");
    __asm__ volatile(ASM_PRE "btl $4,(%[p])" ASM_POST : [fo] "=&r"(fo) : [p] "r"(base + 1), [fi] "r"(FIN_NONE) : "cc", "memory");
    printf("btl imm mem: %s\n", fstr(fo, DEF));
    dumpmem();
    return 0;
}
