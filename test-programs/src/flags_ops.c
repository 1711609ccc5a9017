/* LAHF/SAHF, PUSHF/POPF (16 and 64-bit), CLC/STC/CMC, CLD/STD, and the
 * reserved bit 1 of RFLAGS. */
#include "flags.h"

int main(void) {
    /* SAHF loads SF ZF AF PF CF from AH; LAHF stores them (bit 1 reads as 1) */
    for (unsigned ah = 0; ah < 256; ah += 7) {
        uint64_t rax = (uint64_t)ah << 8, out;
        unsigned long fo;
        __asm__ volatile("lea -128(%%rsp),%%rsp\n\tpush %[fi]\n\tpopf\n\tsahf\n\tpushf\n\tpop %[fo]\n\t"
                         "movq $0,%%rax\n\tlahf\n\tlea 128(%%rsp),%%rsp"
                         : "+a"(rax), [fo] "=&r"(fo) : [fi] "r"(FIN_NONE | F_OF) : "cc");
        out = rax;
        printf("sahf %02x -> %s lahf=%02x\n", ah, fstr(fo, F_ALL), (unsigned)((out >> 8) & 0xff));
    }
    /* POPF of every status-flag combination, read back with PUSHF */
    for (unsigned i = 0; i < 64; i++) {
        unsigned long f = 0x2, fo;
        if (i & 1) f |= F_CF;
        if (i & 2) f |= F_PF;
        if (i & 4) f |= F_AF;
        if (i & 8) f |= F_ZF;
        if (i & 16) f |= F_SF;
        if (i & 32) f |= F_OF;
        __asm__ volatile("lea -128(%%rsp),%%rsp\n\tpush %[fi]\n\tpopf\n\tpushf\n\tpop %[fo]\n\tlea 128(%%rsp),%%rsp"
                         : [fo] "=&r"(fo) : [fi] "r"(f) : "cc");
        printf("popf %03lx -> %03lx\n", f, fo & 0xfff);
    }
    /* bit 1 is always set, even if POPF tries to clear it; bits 3, 5, 15 stay clear */
    unsigned long fo;
    __asm__ volatile("lea -128(%%rsp),%%rsp\n\tpush %[fi]\n\tpopf\n\tpushf\n\tpop %[fo]\n\tlea 128(%%rsp),%%rsp"
                     : [fo] "=&r"(fo) : [fi] "r"(0x8028UL | F_CF) : "cc");
    printf("reserved bits: %03lx\n", fo & 0xffff);
    /* CLC/STC/CMC */
    __asm__ volatile(ASM_PRE "stc\n\tcmc\n\tcmc" ASM_POST : [fo] "=&r"(fo) : [fi] "r"(FIN_NONE) : "cc");
    printf("stc cmc cmc: %s\n", fstr(fo, F_ALL));
    __asm__ volatile(ASM_PRE "clc\n\tcmc" ASM_POST : [fo] "=&r"(fo) : [fi] "r"(FIN_ALL) : "cc");
    printf("clc cmc: %s\n", fstr(fo, F_ALL));
    __asm__ volatile(ASM_PRE "clc" ASM_POST : [fo] "=&r"(fo) : [fi] "r"(FIN_ALL) : "cc");
    printf("clc: %s\n", fstr(fo, F_ALL));
    /* DF via STD/CLD, seen through PUSHF */
    __asm__ volatile("lea -128(%%rsp),%%rsp\n\tstd\n\tpushf\n\tcld\n\tpop %[fo]\n\tlea 128(%%rsp),%%rsp" : [fo] "=&r"(fo) : : "cc");
    printf("std: DF=%d\n", (fo & F_DF) != 0);
    __asm__ volatile("lea -128(%%rsp),%%rsp\n\tpushf\n\tpop %[fo]\n\tlea 128(%%rsp),%%rsp" : [fo] "=&r"(fo) : : "cc");
    printf("cld: DF=%d\n", (fo & F_DF) != 0);
    /* 16-bit PUSHFW/POPFW move 2 bytes of stack */
    unsigned long before, after;
    unsigned short w;
    __asm__ volatile("lea -128(%%rsp),%%rsp\n\tmov %%rsp,%[b]\n\tstc\n\tpushfw\n\tmov %%rsp,%[a]\n\tpopw %[w]\n\t"
                     "lea 128(%%rsp),%%rsp"
                     : [b] "=&r"(before), [a] "=&r"(after), [w] "=&r"(w) : : "cc");
    printf("pushfw: delta=%ld flags=%04x\n", (long)(before - after), w & 0x0401);
    __asm__ volatile("lea -128(%%rsp),%%rsp\n\tpushw %[w]\n\tpopfw\n\tpushf\n\tpop %[fo]\n\tlea 128(%%rsp),%%rsp"
                     : [fo] "=&r"(fo) : [w] "r"((unsigned short)(0x0002 | F_ZF | F_SF)) : "cc");
    printf("popfw: %s\n", fstr(fo, F_ALL));
    /* upper flags: IF is set in user mode; TF/NT/AC/VM/RF clear; not settable by POPF (IOPL 0) */
    __asm__ volatile("lea -128(%%rsp),%%rsp\n\tpushf\n\tpop %[fo]\n\tlea 128(%%rsp),%%rsp" : [fo] "=&r"(fo) : : "cc");
    printf("IF=%d TF=%d IOPL=%lu NT=%d\n", (fo >> 9) & 1 ? 1 : 0, (fo >> 8) & 1 ? 1 : 0, (fo >> 12) & 3,
           (fo >> 14) & 1 ? 1 : 0);
    __asm__ volatile("lea -128(%%rsp),%%rsp\n\tpush %[fi]\n\tpopf\n\tpushf\n\tpop %[fo]\n\tlea 128(%%rsp),%%rsp"
                     : [fo] "=&r"(fo) : [fi] "r"(0x2UL | 0x3000UL) : "cc");
    printf("popf IOPL=3 -> IOPL=%lu IF=%d\n", (fo >> 12) & 3, (fo >> 9) & 1 ? 1 : 0);
    return 0;
}
