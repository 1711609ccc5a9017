/* Shared by the ipc_ test programs: print a call's result with errno as its
 * name; ids, keys, addresses and times are never printed (they differ between
 * the native and the emulated run), only facts about them. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <sys/ipc.h>
#include <unistd.h>

#include "check.h"

/* For calls returning a new id: "ok" instead of the number. */
#define TRYID(x) check_as_(#x, (long)(x), "ok")

/* A key from ftok(3) of a file made for it in the working directory. */
static key_t make_key(const char *path, int proj) {
    int fd = open(path, O_CREAT | O_WRONLY, 0600);
    if (fd >= 0) close(fd);
    return ftok(path, proj);
}
