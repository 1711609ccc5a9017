/* Signal handling inside one process: sigaction with SA_SIGINFO for SIGSEGV
 * (NULL read, write to .rodata), SIGFPE (divide by zero), SIGILL (ud2),
 * SIGTRAP (int3), recovering with siglongjmp; raise/kill to self, SIG_IGN,
 * blocked and pending signals, SA_RESETHAND, sigaltstack, and the signal
 * mask inside a handler. */
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static sigjmp_buf env;
static volatile sig_atomic_t got;
static volatile int last_code;
static volatile uintptr_t last_addr;

static void fault(int sig, siginfo_t *si, void *uc) {
    (void)uc;
    got = sig;
    last_code = si->si_code;
    last_addr = (uintptr_t)si->si_addr;
    siglongjmp(env, sig);
}

static void simple(int sig) { got = sig; }

static int inner_blocked;
static void check_mask(int sig) {
    sigset_t cur;
    sigprocmask(SIG_BLOCK, NULL, &cur);
    inner_blocked = sigismember(&cur, sig) * 10 + sigismember(&cur, SIGUSR2);
}

static char altstack[65536];
static volatile int on_alt;
static void alt_handler(int sig) {
    char local;
    (void)sig;
    on_alt = &local >= altstack && &local < altstack + sizeof altstack;
}

static void install(int sig, void (*fn)(int, siginfo_t *, void *)) {
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = fn;
    sa.sa_flags = SA_SIGINFO | SA_NODEFER;
    sigaction(sig, &sa, NULL);
}

int main(void) {
    install(SIGSEGV, fault);
    install(SIGFPE, fault);
    install(SIGILL, fault);
    install(SIGTRAP, fault);
    install(SIGBUS, fault);

    if (sigsetjmp(env, 1) == 0) {
        volatile int *np = (volatile int *)0;
        (void)*np;
    }
    printf("NULL read: sig=%d code=%d (SEGV_MAPERR=%d) addr=%#lx\n", got, last_code, SEGV_MAPERR, (unsigned long)last_addr);

    static const char ro[] = "read-only";
    if (sigsetjmp(env, 1) == 0) {
        ((volatile char *)ro)[3] = 'x';
    }
    printf("rodata write: sig=%d code=%d (SEGV_ACCERR=%d) addr_ok=%d\n", got, last_code, SEGV_ACCERR,
           last_addr == (uintptr_t)&ro[3]);

    if (sigsetjmp(env, 1) == 0) {
        volatile int *wild = (volatile int *)0x1000; /* below vm.mmap_min_addr: never mapped */
        *wild = 1;
    }
    printf("wild write: sig=%d code=%d addr=%#lx\n", got, last_code, (unsigned long)last_addr);

    if (sigsetjmp(env, 1) == 0) {
        volatile unsigned z = 0;
        unsigned q;
        __asm__ volatile("xorl %%edx,%%edx\n\tdivl %2" : "=a"(q) : "a"(5), "r"(z) : "rdx");
    }
    printf("divide by zero: sig=%d code=%d (FPE_INTDIV=%d)\n", got, last_code, FPE_INTDIV);

    if (sigsetjmp(env, 1) == 0) {
        __asm__ volatile(".globl ud2_site\nud2_site:\tud2");
    }
    extern char ud2_site[];
    printf("ud2: sig=%d code=%d (ILL_ILLOPN=%d) addr_ok=%d\n", got, last_code, ILL_ILLOPN, last_addr == (uintptr_t)ud2_site);

    if (sigsetjmp(env, 1) == 0) {
        __asm__ volatile("int3");
    }
    printf("int3: sig=%d code=%d\n", got, last_code);

    /* raise with a plain handler, then SIG_IGN */
    signal(SIGUSR1, simple);
    got = 0;
    raise(SIGUSR1);
    printf("raise SIGUSR1: got=%d\n", got);
    got = 0;
    kill(getpid(), SIGUSR1);
    printf("kill self SIGUSR1: got=%d\n", got);
    signal(SIGUSR1, SIG_IGN);
    got = 0;
    raise(SIGUSR1);
    printf("ignored: got=%d\n", got);

    /* blocked signals stay pending until unblocked */
    signal(SIGUSR2, simple);
    sigset_t set, pend;
    sigemptyset(&set);
    sigaddset(&set, SIGUSR2);
    sigprocmask(SIG_BLOCK, &set, NULL);
    got = 0;
    raise(SIGUSR2);
    sigpending(&pend);
    printf("blocked: got=%d pending=%d\n", got, sigismember(&pend, SIGUSR2));
    sigprocmask(SIG_UNBLOCK, &set, NULL);
    printf("unblocked: got=%d\n", got);

    /* the handled signal and sa_mask are blocked inside the handler */
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = check_mask;
    sigemptyset(&sa.sa_mask);
    sigaddset(&sa.sa_mask, SIGUSR2);
    sigaction(SIGHUP, &sa, NULL);
    raise(SIGHUP);
    printf("mask in handler: self=%d usr2=%d\n", inner_blocked / 10, inner_blocked % 10);
    sigprocmask(SIG_BLOCK, NULL, &set);
    printf("mask restored: usr2=%d hup=%d\n", sigismember(&set, SIGUSR2), sigismember(&set, SIGHUP));

    /* SA_RESETHAND: the second delivery uses the default action, which for
     * SIGWINCH is to ignore */
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = simple;
    sa.sa_flags = SA_RESETHAND;
    sigaction(SIGWINCH, &sa, NULL);
    got = 0;
    raise(SIGWINCH);
    printf("resethand first: got=%d\n", got);
    got = 0;
    raise(SIGWINCH);
    sigaction(SIGWINCH, NULL, &sa);
    printf("resethand second: got=%d default=%d\n", got, sa.sa_handler == SIG_DFL);

    /* sigaltstack */
    stack_t ss;
    memset(&ss, 0, sizeof ss);
    ss.ss_sp = altstack;
    ss.ss_size = sizeof altstack;
    printf("sigaltstack: %d\n", sigaltstack(&ss, NULL));
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = alt_handler;
    sa.sa_flags = SA_ONSTACK;
    sigaction(SIGUSR1, &sa, NULL);
    raise(SIGUSR1);
    printf("handler ran on alt stack: %d\n", on_alt);

    /* many deliveries */
    signal(SIGUSR2, simple);
    int count = 0;
    for (int i = 0; i < 500; i++) {
        got = 0;
        raise(SIGUSR2);
        count += got == SIGUSR2;
    }
    printf("500 raises handled: %d\n", count);
    return 0;
}
