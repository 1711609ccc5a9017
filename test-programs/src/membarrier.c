/* membarrier(2): the commands glibc, liburcu and JITs use, with their errors. */
#include <errno.h>
#include <stdio.h>
#include <sys/syscall.h>
#include <unistd.h>
#include "check.h"

/* include/uapi/linux/membarrier.h (musl ships no kernel headers). */
enum {
    MEMBARRIER_CMD_QUERY = 0,
    MEMBARRIER_CMD_GLOBAL = 1,
    MEMBARRIER_CMD_GLOBAL_EXPEDITED = 2,
    MEMBARRIER_CMD_REGISTER_GLOBAL_EXPEDITED = 4,
    MEMBARRIER_CMD_PRIVATE_EXPEDITED = 8,
    MEMBARRIER_CMD_REGISTER_PRIVATE_EXPEDITED = 16,
};

static long mb(int cmd, unsigned flags) { return syscall(SYS_membarrier, cmd, flags, 0); }

int main(void) {
    long mask = mb(MEMBARRIER_CMD_QUERY, 0);
    int basic = MEMBARRIER_CMD_GLOBAL | MEMBARRIER_CMD_GLOBAL_EXPEDITED |
                MEMBARRIER_CMD_REGISTER_GLOBAL_EXPEDITED | MEMBARRIER_CMD_PRIVATE_EXPEDITED |
                MEMBARRIER_CMD_REGISTER_PRIVATE_EXPEDITED;
    printf("query has the basic commands: %d\n", mask >= 0 && (mask & basic) == basic);
    TRY(mb(MEMBARRIER_CMD_PRIVATE_EXPEDITED, 0));          /* not registered: EPERM */
    TRY(mb(MEMBARRIER_CMD_REGISTER_PRIVATE_EXPEDITED, 0));
    TRY(mb(MEMBARRIER_CMD_PRIVATE_EXPEDITED, 0));
    TRY(mb(MEMBARRIER_CMD_GLOBAL, 0));
    TRY(mb(MEMBARRIER_CMD_REGISTER_GLOBAL_EXPEDITED, 0));
    TRY(mb(MEMBARRIER_CMD_GLOBAL_EXPEDITED, 0));
    TRY(mb(MEMBARRIER_CMD_GLOBAL, 1));                     /* flags: EINVAL */
    TRY(mb(1 << 20, 0));                                   /* unknown command: EINVAL */
    return 0;
}
