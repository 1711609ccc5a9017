/* getxattr/setxattr/listxattr/removexattr and their l- and f- forms: values,
 * sizes, flags and error paths, on whatever the working directory's file
 * system answers (the native run is the oracle). */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/xattr.h>
#include <unistd.h>

static void show(const char *what, long r) {
    printf("%-40s %ld %s\n", what, r, r == -1 ? strerror(errno) : "");
}

int main(void) {
    int fd = open("xattr.tmp", O_RDWR | O_CREAT | O_TRUNC, 0600);
    symlink("xattr.tmp", "xattr.link");
    char buf[256];
    show("getxattr absent", getxattr("xattr.tmp", "user.blink", buf, sizeof buf));
    show("lgetxattr acl", lgetxattr("xattr.tmp", "system.posix_acl_access", buf, sizeof buf));
    show("lgetxattr acl on symlink", lgetxattr("xattr.link", "system.posix_acl_access", buf, sizeof buf));
    show("setxattr create", setxattr("xattr.tmp", "user.blink", "v1", 2, XATTR_CREATE));
    show("setxattr create again", setxattr("xattr.tmp", "user.blink", "v2", 2, XATTR_CREATE));
    show("setxattr replace absent", setxattr("xattr.tmp", "user.other", "v", 1, XATTR_REPLACE));
    show("setxattr bad flags", setxattr("xattr.tmp", "user.blink", "v", 1, 4));
    show("fsetxattr", fsetxattr(fd, "user.second", "two", 3, 0));
    show("lsetxattr user. on symlink", lsetxattr("xattr.link", "user.x", "v", 1, 0));
    memset(buf, 0, sizeof buf);
    long n = getxattr("xattr.link", "user.blink", buf, sizeof buf);
    show("getxattr through symlink", n);
    if (n > 0) printf("  value %.*s\n", (int)n, buf);
    show("getxattr size query", getxattr("xattr.tmp", "user.blink", NULL, 0));
    show("getxattr too small", getxattr("xattr.tmp", "user.blink", buf, 1));
    show("fgetxattr", fgetxattr(fd, "user.second", buf, sizeof buf));
    show("listxattr size query", listxattr("xattr.tmp", NULL, 0));
    memset(buf, 0, sizeof buf);
    n = flistxattr(fd, buf, sizeof buf);
    show("flistxattr", n);
    int user = 0;
    for (char *p = buf; p < buf + n; p += strlen(p) + 1) user += strncmp(p, "user.", 5) == 0;
    printf("  user.* names %d\n", user);
    show("llistxattr symlink", llistxattr("xattr.link", buf, sizeof buf) >= 0 ? 0 : -1);
    show("removexattr", removexattr("xattr.tmp", "user.blink"));
    show("removexattr again", removexattr("xattr.tmp", "user.blink"));
    show("fremovexattr", fremovexattr(fd, "user.second"));
    /* error paths */
    char longname[300];
    memset(longname, 'a', sizeof longname - 1);
    longname[sizeof longname - 1] = 0;
    show("getxattr empty name", getxattr("xattr.tmp", "", buf, sizeof buf));
    show("getxattr long name", getxattr("xattr.tmp", longname, buf, sizeof buf));
    show("getxattr missing file", getxattr("nonexistent", "user.blink", buf, sizeof buf));
    show("getxattr empty path", getxattr("", "user.blink", buf, sizeof buf));
    show("fgetxattr bad fd", fgetxattr(-1, "user.blink", buf, sizeof buf));
    show("getxattr bad name pointer", getxattr("xattr.tmp", (char *)8, buf, sizeof buf));
    show("setxattr value too big", setxattr("xattr.tmp", "user.big", buf, 65537, 0));
    show("setxattr bad value pointer", setxattr("xattr.tmp", "user.bad", (char *)8, 4, 0));
    setxattr("xattr.tmp", "user.blink", "v1", 2, 0);
    show("getxattr bad buffer", getxattr("xattr.tmp", "user.blink", (char *)8, 16));
    show("getxattr directory", getxattr(".", "user.nothing", buf, sizeof buf));
    close(fd);
    unlink("xattr.link");
    unlink("xattr.tmp");
    return 0;
}
