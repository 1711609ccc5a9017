/* MOVDQA with a misaligned operand raises #GP: the process dies of SIGSEGV
 * (exit status 139) and the destination register is not written. */
#include <stdio.h>
#include <sys/resource.h>

int main(void) {
    struct rlimit rl = {0, 0};
    setrlimit(RLIMIT_CORE, &rl); /* no core file */
    static __attribute__((aligned(16))) char buf[64];
    printf("aligned load\n");
    __asm__ volatile("movdqa (%0),%%xmm1" : : "r"(buf) : "xmm1");
    printf("unaligned MOVDQU\n");
    __asm__ volatile("movdqu 1(%0),%%xmm1" : : "r"(buf) : "xmm1");
    printf("unaligned PADDB from memory\n");
    fflush(stdout);
    __asm__ volatile("paddb 8(%0),%%xmm1" : : "r"(buf) : "xmm1");
    printf("not reached\n");
    return 0;
}
