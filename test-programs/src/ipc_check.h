/* Shared by the ipc_ test programs: print a call's result with errno as its
 * name; ids, keys, addresses and times are never printed (they differ between
 * the native and the emulated run), only facts about them. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <sys/ipc.h>
#include <unistd.h>

static const char *errname(int e) {
    switch (e) {
    case EPERM: return "EPERM";
    case ENOENT: return "ENOENT";
    case EINTR: return "EINTR";
    case E2BIG: return "E2BIG";
    case EAGAIN: return "EAGAIN";
    case ENOMEM: return "ENOMEM";
    case EACCES: return "EACCES";
    case EFAULT: return "EFAULT";
    case EEXIST: return "EEXIST";
    case EINVAL: return "EINVAL";
    case EFBIG: return "EFBIG";
    case ENOSPC: return "ENOSPC";
    case ERANGE: return "ERANGE";
    case ENOSYS: return "ENOSYS";
    case ENOMSG: return "ENOMSG";
    case EIDRM: return "EIDRM";
    default: return "E?";
    }
}

/* Prints "what: r" on success, "what: -1 ENAME" on failure; returns r. */
static long check_(const char *what, long r) {
    if (r < 0) printf("%s: %ld %s\n", what, r, errname(errno));
    else printf("%s: %ld\n", what, r);
    fflush(stdout);
    return r;
}
#define TRY(x) check_(#x, (long)(x))

/* For calls returning a new id: "ok" instead of the number. */
static long check_id_(const char *what, long r) {
    if (r < 0) printf("%s: %ld %s\n", what, r, errname(errno));
    else printf("%s: ok\n", what);
    fflush(stdout);
    return r;
}
#define TRYID(x) check_id_(#x, (long)(x))

/* A key from ftok(3) of a file made for it in the working directory. */
static key_t make_key(const char *path, int proj) {
    int fd = open(path, O_CREAT | O_WRONLY, 0600);
    if (fd >= 0) close(fd);
    return ftok(path, proj);
}
