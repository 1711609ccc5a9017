/* wait4/waitpid/waitid in a process without children: ECHILD, and EINVAL for bad arguments. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

static void show(const char *what, long r) {
    printf("%-32s %ld %s\n", what, r, r < 0 ? strerror(errno) : "");
}

int main(void) {
    int status = 0;
    struct rusage ru;
    siginfo_t si;
    show("waitpid(-1, 0)", waitpid(-1, &status, 0));
    show("waitpid(-1, WNOHANG)", waitpid(-1, &status, WNOHANG));
    show("waitpid(0, 0)", waitpid(0, &status, 0));
    show("waitpid(12345, 0)", waitpid(12345, &status, 0));
    show("wait(&status)", wait(&status));
    show("wait4(-1, rusage)", wait4(-1, &status, 0, &ru));
    show("wait4 bad options", syscall(SYS_wait4, -1, &status, 0x100, 0));
    show("wait4 INT_MIN", syscall(SYS_wait4, -2147483647 - 1, &status, 0, 0));
    show("waitid(P_ALL, WEXITED)", waitid(P_ALL, 0, &si, WEXITED));
    show("waitid(P_ALL, WNOHANG only)", waitid(P_ALL, 0, &si, WNOHANG));
    show("waitid(P_PID, 0)", waitid(P_PID, 0, &si, WEXITED));
    show("waitid(P_PGID, 0)", waitid(P_PGID, 0, &si, WEXITED));
    show("waitid(bad idtype)", waitid((idtype_t)9, 0, &si, WEXITED));
    show("waitid(P_PIDFD, 99)", waitid((idtype_t)3, 99, &si, WEXITED));
    return 0;
}
