/* A SIGSEGV handler that reads the faulting context from its ucontext and
 * resumes past the faulting instruction by editing uc_mcontext's RIP; a
 * handler that changes registers sees them come back; the frame's signal mask
 * is the interrupted code's; the handler starts with DF clear and RSP
 * 16-byte aligned minus 8, as a function entry. */
#define _GNU_SOURCE
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <ucontext.h>

extern char fault_insn[], fault_after[];
static volatile int hits;
static volatile long trapno, err, addr_ok, rip_ok, cr2_ok, mask_has_usr2, rsp_mod16;

static void on_segv(int sig, siginfo_t *si, void *ctx) {
    ucontext_t *uc = ctx;
    (void)sig;
    hits++;
    trapno = uc->uc_mcontext.gregs[REG_TRAPNO];
    err = uc->uc_mcontext.gregs[REG_ERR];
    addr_ok = si->si_addr == (void *)0x10;
    cr2_ok = uc->uc_mcontext.gregs[REG_CR2] == 0x10;
    rip_ok = uc->uc_mcontext.gregs[REG_RIP] == (greg_t)fault_insn;
    mask_has_usr2 = sigismember(&uc->uc_sigmask, SIGUSR2);
    uc->uc_mcontext.gregs[REG_RIP] = (greg_t)fault_after;
    uc->uc_mcontext.gregs[REG_RBX] = 0x1234;
}

static volatile long seen_rdi, seen_rsi_ok;
static void on_usr1(int sig, siginfo_t *si, void *ctx) {
    ucontext_t *uc = ctx;
    seen_rdi = sig;
    seen_rsi_ok = si->si_signo == sig && si->si_code == SI_TKILL;
    uc->uc_mcontext.gregs[REG_R12] = 777;
}

/* Reports RSP at entry and DF, before any prologue. */
__asm__(".globl entry_probe\n"
        "entry_probe:\n"
        "  movq %rsp, entry_rsp(%rip)\n"
        "  pushfq\n"
        "  popq %rax\n"
        "  movq %rax, entry_flags(%rip)\n"
        "  ret\n");
void entry_probe(int);
volatile uint64_t entry_rsp, entry_flags;

int main(void) {
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = on_segv;
    sa.sa_flags = SA_SIGINFO;
    sigaction(SIGSEGV, &sa, NULL);

    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGUSR2);
    sigprocmask(SIG_BLOCK, &set, NULL);

    long rbx = 0;
    __asm__ volatile(".globl fault_insn, fault_after\n"
                     "fault_insn: movl 0x10, %%eax\n"
                     "fault_after: nop\n"
                     : "+b"(rbx) : : "rax", "memory");
    printf("hits=%d trapno=%ld err=%ld addr_ok=%ld cr2_ok=%ld rip_ok=%ld usr2_in_mask=%ld rbx=%#lx\n", hits,
           trapno, err, addr_ok, cr2_ok, rip_ok, mask_has_usr2, rbx);
    sigprocmask(SIG_UNBLOCK, &set, NULL);

    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = on_usr1;
    sa.sa_flags = SA_SIGINFO;
    sigaction(SIGUSR1, &sa, NULL);
    register long r12 __asm__("r12") = 5;
    __asm__ volatile("mov $39, %%eax\n\tsyscall\n\t"      /* getpid */
                     "mov %%eax, %%edi\n\tmov $10, %%esi\n\tmov $62, %%eax\n\tsyscall" /* kill(pid, SIGUSR1) */
                     : "+r"(r12) : : "rax", "rdi", "rsi", "rcx", "r11", "memory");
    /* The kill above is SI_USER; tgkill via raise() is SI_TKILL. */
    printf("r12 after handler=%ld sig=%ld\n", r12, seen_rdi);
    raise(SIGUSR1);
    printf("raise: siginfo ok=%ld\n", seen_rsi_ok);

    signal(SIGUSR2, entry_probe);
    __asm__ volatile("std");
    raise(SIGUSR2);
    __asm__ volatile("cld");
    printf("entry: rsp%%16=%lu df=%lu\n", (unsigned long)(entry_rsp % 16), (unsigned long)(entry_flags >> 10 & 1));
    return 0;
}
