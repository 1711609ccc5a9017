/* An unmasked x87 exception: dividing by zero with ZE unmasked sets the flag and
 * ES without a fault and leaves the stack alone; non-waiting instructions (FNSTSW)
 * still run; the next waiting instruction (FWAIT) raises #MF and the process dies
 * of SIGFPE (exit status 136). */
#include <stdint.h>
#include <stdio.h>
#include <sys/resource.h>

int main(void) {
    struct rlimit rl = {0, 0};
    setrlimit(RLIMIT_CORE, &rl); /* no core file */
    uint16_t cw = 0x037b, sw1, sw2; /* ZE unmasked */
    __asm__ volatile("fninit\n\tfldcw %[cw]\n\tfld1\n\tfldz\n\tfdivrp\n\tfnstsw %[s1]\n\t"
                     : [s1] "=m"(sw1)
                     : [cw] "m"(cw)
                     : "memory", "st", "st(1)");
    printf("after the division: sw=%04x\n", sw1);
    __asm__ volatile("fnclex\n\tfld1\n\tfldz\n\tfdivrp\n\tfnstsw %[s2]" : [s2] "=m"(sw2) :: "memory", "st", "st(1)");
    printf("after fnclex and again: sw=%04x\n", sw2);
    fflush(stdout);
    __asm__ volatile("fwait");
    printf("not reached\n");
    return 0;
}
