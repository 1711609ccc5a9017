/* Self-modifying and generated code: write machine code into an RWX (or
 * RW then RX) mapping, run it, patch an immediate and run again; modify an
 * instruction on the same page as running code. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

typedef long (*fn_t)(long);

int main(void) {
    long pg = sysconf(_SC_PAGESIZE);
    /* RW -> RX */
    unsigned char *code = mmap(NULL, pg, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    /* lea 0x11223344(%rdi),%rax ; ret */
    static const unsigned char add_imm[] = {0x48, 0x8d, 0x87, 0x44, 0x33, 0x22, 0x11, 0xc3};
    memcpy(code, add_imm, sizeof add_imm);
    mprotect(code, pg, PROT_READ | PROT_EXEC);
    fn_t f = (fn_t)(uintptr_t)code;
    printf("generated: %lx\n", f(1));
    mprotect(code, pg, PROT_READ | PROT_WRITE);
    code[3] = 0x00; /* patch the displacement */
    mprotect(code, pg, PROT_READ | PROT_EXEC);
    printf("patched: %lx\n", f(1));
    munmap(code, pg);

    /* RWX: patch in a loop, each version must be seen */
    unsigned char *rwx = mmap(NULL, pg, PROT_READ | PROT_WRITE | PROT_EXEC, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (rwx == MAP_FAILED) {
        printf("rwx mapping refused\n");
        return 0;
    }
    /* mov $imm32,%eax ; add %edi,%eax ; ret */
    static const unsigned char movadd[] = {0xb8, 0, 0, 0, 0, 0x01, 0xf8, 0xc3};
    memcpy(rwx, movadd, sizeof movadd);
    f = (fn_t)(uintptr_t)rwx;
    long sum = 0;
    for (int i = 0; i < 1000; i++) {
        uint32_t imm = (uint32_t)i * 3;
        memcpy(rwx + 1, &imm, 4);
        sum += f(i);
    }
    printf("rwx loop sum: %ld\n", sum);

    /* code that rewrites its own next instruction:
     *   movb $0x05,(patch+1)(%rip)   ; turn "mov $1,%al" into "mov $5,%al"
     * patch: mov $1,%al
     *   movzbl %al,%eax ; ret
     * On x86 the store is seen by the following instruction fetch. */
    unsigned char *p = rwx + 64;
    unsigned char prog[] = {
        0xc6, 0x05, 0x01, 0x00, 0x00, 0x00, 0x05, /* movb $5, 1(%rip) -> byte after next opcode */
        0xb0, 0x01,                               /* mov $1,%al */
        0x0f, 0xb6, 0xc0,                         /* movzbl %al,%eax */
        0xc3};
    memcpy(p, prog, sizeof prog);
    long r1 = ((fn_t)(uintptr_t)p)(0);
    memcpy(p, prog, sizeof prog); /* restore and run again */
    long r2 = ((fn_t)(uintptr_t)p)(0);
    printf("self-patching: %ld %ld\n", r1, r2);

    /* a generated loop: sum 1..n in machine code */
    static const unsigned char loop[] = {
        0x31, 0xc0,             /* xor %eax,%eax */
        0x48, 0x01, 0xf8,       /* 1: add %rdi,%rax */
        0x48, 0xff, 0xcf,       /* dec %rdi */
        0x75, 0xf8,             /* jnz 1b */
        0xc3};
    memcpy(rwx + 128, loop, sizeof loop);
    printf("generated loop: %ld\n", ((fn_t)(uintptr_t)(rwx + 128))(100000));
    rwx[128 + 2] = 0x48; /* unchanged byte rewrite: same code */
    rwx[128 + 4] = 0xf8;
    printf("after no-op rewrite: %ld\n", ((fn_t)(uintptr_t)(rwx + 128))(10));
    munmap(rwx, pg);
    return 0;
}
