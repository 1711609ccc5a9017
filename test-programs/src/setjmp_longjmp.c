/* setjmp/longjmp across frames, sigsetjmp/siglongjmp with the signal mask,
 * and values kept across the jump (volatile). */
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>

static jmp_buf jb;
static sigjmp_buf sjb;
static int depth_reached;

static void dive(int depth, int target) {
    char pad[64];
    pad[depth % 64] = (char)depth;
    depth_reached = depth + pad[depth % 64] - depth;
    if (depth >= target) longjmp(jb, depth * 10 + 1);
    if (depth < 100000) dive(depth + 1, target);
    printf("not reached\n");
}

static void jump_zero(void) { longjmp(jb, 0); }

int main(void) {
    volatile int count = 0;
    for (int target = 0; target < 50; target += 7) {
        int r = setjmp(jb);
        if (r == 0) {
            count++;
            dive(0, target);
        } else {
            printf("target %d: setjmp returned %d, depth %d, count %d\n", target, r, depth_reached, count);
        }
    }
    /* longjmp(jb, 0) makes setjmp return 1 */
    int r = setjmp(jb);
    if (r == 0) jump_zero();
    printf("longjmp 0 -> %d\n", r);

    /* siglongjmp restores the signal mask saved by sigsetjmp(…, 1) */
    sigset_t set, cur;
    sigemptyset(&set);
    sigprocmask(SIG_SETMASK, &set, NULL);
    if (sigsetjmp(sjb, 1) == 0) {
        sigaddset(&set, SIGUSR1);
        sigprocmask(SIG_BLOCK, &set, NULL);
        sigprocmask(SIG_BLOCK, NULL, &cur);
        printf("blocked before jump: %d\n", sigismember(&cur, SIGUSR1));
        siglongjmp(sjb, 5);
    }
    sigprocmask(SIG_BLOCK, NULL, &cur);
    printf("blocked after siglongjmp(savemask=1): %d\n", sigismember(&cur, SIGUSR1));

    sigemptyset(&set);
    sigprocmask(SIG_SETMASK, &set, NULL);
    if (sigsetjmp(sjb, 0) == 0) {
        sigaddset(&set, SIGUSR2);
        sigprocmask(SIG_BLOCK, &set, NULL);
        siglongjmp(sjb, 6);
    }
    sigprocmask(SIG_BLOCK, NULL, &cur);
    printf("blocked after siglongjmp(savemask=0): %d\n", sigismember(&cur, SIGUSR2));

    /* many jumps in a loop */
    volatile unsigned long acc = 0;
    for (volatile int i = 0; i < 2000; i++) {
        int v = setjmp(jb);
        if (v == 0) {
            if (i % 3 == 0) longjmp(jb, i + 1);
            acc += (unsigned long)i;
        } else {
            acc = acc * 31 + (unsigned long)v;
        }
    }
    printf("loop acc: %lu\n", acc);
    return 0;
}
