/* Infinite recursion overflows the stack; the SIGSEGV handler runs on an
 * alternate stack (SA_ONSTACK), sees it is on it (sigaltstack reports
 * SS_ONSTACK), and siglongjmps out. Then SS_AUTODISARM, and a handler
 * without an alternate stack on an exhausted stack kills the child. */
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#ifndef SS_AUTODISARM
#define SS_AUTODISARM (1U << 31)
#endif

static sigjmp_buf env;
static char altstack[1 << 16];
static volatile int on_alt, ss_flags_in_handler;

static void on_segv(int sig) {
    char local;
    stack_t cur;
    (void)sig;
    on_alt = &local >= altstack && &local < altstack + sizeof altstack;
    sigaltstack(NULL, &cur);
    ss_flags_in_handler = cur.ss_flags;
    siglongjmp(env, 1);
}

static int depth;
static int recurse(int n) {
    volatile char pad[256];
    pad[0] = (char)n;
    depth++;
    return recurse(n + 1) + pad[0];
}

int main(void) {
    struct rlimit rl = {0, 0};
    setrlimit(RLIMIT_CORE, &rl);
    rl.rlim_cur = rl.rlim_max = 1 << 20;
    getrlimit(RLIMIT_STACK, &rl);
    stack_t ss = {.ss_sp = altstack, .ss_size = sizeof altstack, .ss_flags = 0};
    printf("sigaltstack: %d\n", sigaltstack(&ss, NULL));
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_segv;
    sa.sa_flags = SA_ONSTACK | SA_NODEFER;
    sigaction(SIGSEGV, &sa, NULL);
    if (sigsetjmp(env, 1) == 0) {
        recurse(0);
    }
    printf("caught overflow: on_alt=%d ss_onstack=%d deep=%d\n", on_alt, ss_flags_in_handler & SS_ONSTACK,
           depth > 1000);
    stack_t now;
    sigaltstack(NULL, &now);
    printf("after: flags=%d\n", now.ss_flags);

    ss.ss_flags = SS_AUTODISARM;
    printf("autodisarm: %d\n", sigaltstack(&ss, NULL));
    depth = 0;
    if (sigsetjmp(env, 1) == 0) recurse(0);
    printf("autodisarm caught: on_alt=%d flags_in_handler=%d\n", on_alt, ss_flags_in_handler);
    sigaltstack(NULL, &now);
    printf("after longjmp: flags=%d\n", now.ss_flags);

    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        stack_t off = {.ss_flags = SS_DISABLE};
        sigaltstack(&off, NULL);
        recurse(0);
        _exit(0);
    }
    int st;
    waitpid(pid, &st, 0);
    printf("no alt stack: signaled=%d sig=%d\n", WIFSIGNALED(st), WTERMSIG(st));
    return 0;
}
