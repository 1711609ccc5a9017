/* /proc/PID of another process: a forked child that execs (or not) is seen by
 * its parent through stat (ppid, pgrp), status, cmdline, exe, comm and fd/. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include "check.h"

static void slurp(const char *path, char *buf, size_t size) {
    int fd = open(path, O_RDONLY);
    ssize_t n = fd < 0 ? -1 : read(fd, buf, size - 1);
    buf[n > 0 ? n : 0] = 0;
    if (fd >= 0) close(fd);
}

int main(void) {
    int ready[2];
    pipe(ready);
    pid_t child = fork();
    if (child == 0) {
        close(ready[0]);
        dup2(ready[1], 7);
        /* exec a program that keeps fd 7 (the write end) open and waits */
        execl("/bin/sleep", "sleep", "5", (char *)0);
        _exit(127);
    }
    close(ready[1]);
    char path[64], buf[4096], link[256];
    /* wait until the child has exec'd: its exe link names sleep */
    for (int i = 0; i < 500; i++) {
        snprintf(path, sizeof path, "/proc/%d/exe", child);
        ssize_t n = readlink(path, link, sizeof link - 1);
        link[n > 0 ? n : 0] = 0;
        if (strstr(link, "sleep")) break;
        usleep(10000);
    }
    printf("exe ends in sleep: %d\n", strstr(link, "sleep") != NULL);
    snprintf(path, sizeof path, "/proc/%d/cmdline", child);
    slurp(path, buf, sizeof buf);
    printf("cmdline argv[0]: %s\n", buf);
    snprintf(path, sizeof path, "/proc/%d/stat", child);
    slurp(path, buf, sizeof buf);
    int pid, ppid, pgrp;
    char comm[64], state;
    sscanf(buf, "%d %63s %c %d %d", &pid, comm, &state, &ppid, &pgrp);
    printf("stat: pid ok %d, comm %s, ppid is parent %d, pgrp is parent's %d\n", pid == child, comm,
           ppid == getpid(), pgrp == getpgrp());
    snprintf(path, sizeof path, "/proc/%d/status", child);
    slurp(path, buf, sizeof buf);
    char *name = strstr(buf, "Name:");
    printf("status %.*s\n", name ? (int)strcspn(name, "\n") : 0, name ? name : "");
    snprintf(path, sizeof path, "/proc/%d/fd/7", child);
    printf("fd/7 is a pipe: %d\n", readlink(path, link, sizeof link) > 0 && strncmp(link, "pipe:", 5) == 0);
    snprintf(path, sizeof path, "/proc/%d/fd", child);
    DIR *d = opendir(path);
    int has7 = 0;
    for (struct dirent *e; d && (e = readdir(d));) has7 |= strcmp(e->d_name, "7") == 0;
    if (d) closedir(d);
    printf("fd dir lists 7: %d\n", has7);
    kill(child, SIGTERM);
    int st;
    waitpid(child, &st, 0);
    printf("child killed by %d\n", WIFSIGNALED(st) ? WTERMSIG(st) : -1);
    snprintf(path, sizeof path, "/proc/%d/stat", child);
    printf("after reaping: ");
    TRY(access(path, F_OK));
    return 0;
}
