/* AF_UNIX sockets: socketpair (stream, datagram, seqpacket), SCM_RIGHTS fd
 * passing (a pipe end and a file, read through the received fd, with and
 * without MSG_CMSG_CLOEXEC, MSG_CTRUNC when the control buffer is short),
 * SO_PEERCRED, bind/listen/connect/accept on a path in a private directory
 * (relative and absolute), getsockname/getpeername of path, abstract and
 * autobound names, datagrams to a bound path with the sender's address, and
 * errors: ENOENT, EADDRINUSE, EINVAL, EPROTONOSUPPORT, EBADF, EFAULT, ENOTCONN. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <limits.h>
#include <netinet/in.h>
#include <stddef.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <sys/un.h>
#include <unistd.h>
#include "net_common.h"

/* Sends one byte and the given fds over sock. */
static long send_fds(int sock, const int *fds, int n) {
    char cbuf[CMSG_SPACE(sizeof(int) * 4)];
    memset(cbuf, 0, sizeof cbuf);
    struct iovec iov = {"F", 1};
    struct msghdr m = {0};
    m.msg_iov = &iov;
    m.msg_iovlen = 1;
    m.msg_control = cbuf;
    m.msg_controllen = CMSG_SPACE(sizeof(int) * n);
    struct cmsghdr *c = CMSG_FIRSTHDR(&m);
    c->cmsg_level = SOL_SOCKET;
    c->cmsg_type = SCM_RIGHTS;
    c->cmsg_len = CMSG_LEN(sizeof(int) * n);
    memcpy(CMSG_DATA(c), fds, sizeof(int) * n);
    return sendmsg(sock, &m, 0);
}

/* Receives one byte and up to 4 fds (control space for cap fds); returns the count. */
static int recv_fds(int sock, int *fds, int cap, int flags, int *mflags) {
    char cbuf[CMSG_SPACE(sizeof(int) * 4)];
    char byte;
    struct iovec iov = {&byte, 1};
    struct msghdr m = {0};
    m.msg_iov = &iov;
    m.msg_iovlen = 1;
    m.msg_control = cbuf;
    m.msg_controllen = CMSG_SPACE(sizeof(int) * cap);
    long r = recvmsg(sock, &m, flags);
    if (r < 0) {
        printf("recvmsg: -1 %s\n", errname(errno));
        return -1;
    }
    *mflags = m.msg_flags;
    int n = 0;
    for (struct cmsghdr *c = CMSG_FIRSTHDR(&m); c; c = CMSG_NXTHDR(&m, c)) {
        printf("cmsg level %d type %d len %d\n", c->cmsg_level, c->cmsg_type, (int)c->cmsg_len);
        if (c->cmsg_level == SOL_SOCKET && c->cmsg_type == SCM_RIGHTS) {
            int k = (c->cmsg_len - CMSG_LEN(0)) / sizeof(int);
            memcpy(fds + n, CMSG_DATA(c), sizeof(int) * k);
            n += k;
        }
    }
    return n;
}

static void pairs(void) {
    int sv[2];
    char buf[64];
    printf("--- socketpair stream\n");
    SHOW("socketpair", socketpair(AF_UNIX, SOCK_STREAM, 0, sv));
    SHOW("send", send(sv[0], "abc", 3, 0));
    SHOW("send", send(sv[0], "def", 3, 0));
    memset(buf, 0, sizeof buf);
    SHOW("recv joins", recv(sv[1], buf, sizeof buf, MSG_WAITALL | MSG_DONTWAIT));
    printf("got [%s]\n", buf);
    struct ucred cr;
    socklen_t crl = sizeof cr;
    SHOW("SO_PEERCRED", getsockopt(sv[0], SOL_SOCKET, SO_PEERCRED, &cr, &crl));
    printf("cred len %d pid ok %d uid ok %d gid ok %d\n", (int)crl, cr.pid == getpid(), cr.uid == getuid(),
           cr.gid == getgid());
    int v;
    socklen_t vl = sizeof v;
    getsockopt(sv[0], SOL_SOCKET, SO_TYPE, &v, &vl);
    printf("SO_TYPE %d\n", v);
    getsockopt(sv[0], SOL_SOCKET, SO_DOMAIN, &v, &vl);
    printf("SO_DOMAIN %d\n", v);
    struct sockaddr_un sun;
    socklen_t sl = sizeof sun;
    SHOW("getsockname unnamed", getsockname(sv[0], (struct sockaddr *)&sun, &sl));
    printf("unnamed len %d family %d\n", (int)sl, sun.sun_family);
    sl = sizeof sun;
    SHOW("getpeername unnamed", getpeername(sv[0], (struct sockaddr *)&sun, &sl));
    printf("unnamed peer len %d\n", (int)sl);

    /* Pass the read end of a pipe, close ours, read through the received one. */
    int p[2];
    pipe(p);
    int fds[4], mflags = 0;
    SHOW("sendmsg SCM_RIGHTS", send_fds(sv[0], &p[0], 1));
    close(p[0]);
    int n = recv_fds(sv[1], fds, 4, 0, &mflags);
    printf("received %d fds, flags %d, CLOEXEC %d\n", n, mflags, (fcntl(fds[0], F_GETFD) & FD_CLOEXEC) != 0);
    write(p[1], "through pipe", 12);
    memset(buf, 0, sizeof buf);
    SHOW("read received fd", read(fds[0], buf, sizeof buf));
    printf("got [%s]\n", buf);
    close(fds[0]);

    /* Two fds with MSG_CMSG_CLOEXEC; then a control buffer too small for two. */
    int two[2] = {p[1], p[1]};
    SHOW("sendmsg 2 fds", send_fds(sv[1], two, 2));
    n = recv_fds(sv[0], fds, 4, MSG_CMSG_CLOEXEC, &mflags);
    printf("received %d fds, CLOEXEC %d %d, distinct %d\n", n, (fcntl(fds[0], F_GETFD) & FD_CLOEXEC) != 0,
           (fcntl(fds[1], F_GETFD) & FD_CLOEXEC) != 0, fds[0] != fds[1]);
    close(fds[0]);
    close(fds[1]);
    int three[3] = {p[1], p[1], p[1]};
    SHOW("sendmsg 3 fds", send_fds(sv[1], three, 3));
    n = recv_fds(sv[0], fds, 1, 0, &mflags);
    printf("short control: %d fds, MSG_CTRUNC %d\n", n, (mflags & MSG_CTRUNC) != 0);
    for (int i = 0; i < n; i++) close(fds[i]);
    int bad[1] = {999};
    SHOW("sendmsg bad fd", send_fds(sv[1], bad, 1));
    SHOW("sendmsg EFAULT", syscall(SYS_sendmsg, sv[1], (struct msghdr *)8, 0));
    close(p[1]);

    /* A bad control length. */
    char cbuf[CMSG_SPACE(sizeof(int))];
    struct iovec iov = {"x", 1};
    struct msghdr m = {0};
    m.msg_iov = &iov;
    m.msg_iovlen = 1;
    m.msg_control = cbuf;
    m.msg_controllen = sizeof cbuf;
    struct cmsghdr *c = CMSG_FIRSTHDR(&m);
    c->cmsg_level = SOL_SOCKET;
    c->cmsg_type = SCM_RIGHTS;
    c->cmsg_len = sizeof cbuf + 8;
    SHOW("sendmsg cmsg_len too long", sendmsg(sv[0], &m, 0));
    c->cmsg_len = CMSG_LEN(sizeof(int));
    c->cmsg_type = 77;
    SHOW("sendmsg unknown SCM type", sendmsg(sv[0], &m, 0));

    SHOW("shutdown SHUT_WR", shutdown(sv[0], SHUT_WR));
    SHOW("recv eof", recv(sv[1], buf, sizeof buf, 0));
    SHOW("send after SHUT_WR", send(sv[0], "x", 1, MSG_NOSIGNAL));
    close(sv[0]);
    close(sv[1]);

    printf("--- socketpair dgram\n");
    SHOW("socketpair", socketpair(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0, sv));
    printf("CLOEXEC %d\n", (fcntl(sv[0], F_GETFD) & FD_CLOEXEC) != 0);
    send(sv[0], "one", 3, 0);
    send(sv[0], "three", 5, 0);
    SHOW("recv keeps boundaries", recv(sv[1], buf, sizeof buf, 0));
    SHOW("recv 2 of 5", recv(sv[1], buf, 2, 0));
    SHOW("recv empty", recv(sv[1], buf, sizeof buf, MSG_DONTWAIT));
    int file = open("net_unix.file", O_CREAT | O_RDWR | O_TRUNC, 0600);
    write(file, "file data", 9);
    lseek(file, 0, SEEK_SET);
    SHOW("sendmsg file fd", send_fds(sv[0], &file, 1));
    close(file);
    unlink("net_unix.file");
    n = recv_fds(sv[1], fds, 4, 0, &mflags);
    memset(buf, 0, sizeof buf);
    SHOW("read received file", read(fds[0], buf, sizeof buf));
    printf("got [%s]\n", buf);
    close(fds[0]);
    close(sv[0]);
    close(sv[1]);

    printf("--- socketpair seqpacket\n");
    SHOW("socketpair", socketpair(AF_UNIX, SOCK_SEQPACKET, 0, sv));
    send(sv[0], "rec1", 4, 0);
    send(sv[0], "rec22", 5, 0);
    SHOW("recv record", recv(sv[1], buf, sizeof buf, 0));
    SHOW("recv record", recv(sv[1], buf, sizeof buf, 0));
    close(sv[0]);
    close(sv[1]);

    printf("--- socketpair errors\n");
    SHOW("socketpair EFAULT", syscall(SYS_socketpair, AF_UNIX, SOCK_STREAM, 0, (int *)8));
    SHOW("socketpair protocol", socketpair(AF_UNIX, SOCK_STREAM, 5, sv));
    SHOW("socket protocol", socket(AF_UNIX, SOCK_STREAM, 5));
    SHOW("socketpair bad type", socketpair(AF_UNIX, 12, 0, sv));
}

static socklen_t path_addr(struct sockaddr_un *a, const char *path) {
    memset(a, 0, sizeof *a);
    a->sun_family = AF_UNIX;
    strcpy(a->sun_path, path);
    return offsetof(struct sockaddr_un, sun_path) + strlen(path) + 1;
}

static void show_name(const char *what, int fd, int peer) {
    struct sockaddr_un a;
    socklen_t l = sizeof a;
    memset(&a, 0, sizeof a);
    int r = peer ? getpeername(fd, (struct sockaddr *)&a, &l) : getsockname(fd, (struct sockaddr *)&a, &l);
    if (r < 0) printf("%s: -1 %s\n", what, errname(errno));
    else if (l > 2 && a.sun_path[0] == 0) printf("%s: len %d abstract\n", what, (int)l);
    else printf("%s: len %d [%s]\n", what, (int)l, l > 2 ? a.sun_path : "");
}

static void paths(void) {
    printf("--- paths\n");
    struct sockaddr_un a;
    char buf[64];
    /* A sun_path of 108 bytes has no room for its NUL. (Done before chdir: the
     * emulator makes a name relative to a changed working directory absolute,
     * which this one would not fit.) */
    char longname[109];
    memset(longname, 'L', 108);
    longname[108] = 0;
    int d3 = OK("socket", socket(AF_UNIX, SOCK_DGRAM, 0));
    memset(&a, 0, sizeof a);
    a.sun_family = AF_UNIX;
    memcpy(a.sun_path, longname, 108);
    SHOW("bind 108-byte name", bind(d3, (struct sockaddr *)&a, sizeof a));
    struct sockaddr_storage big;
    socklen_t bigl = sizeof big;
    SHOW("getsockname", getsockname(d3, (struct sockaddr *)&big, &bigl));
    printf("108-byte name len %d\n", (int)bigl);
    close(d3);
    SHOW("unlink", unlink(longname));
    SHOW("mkdir", mkdir("net_unix.tmp", 0700));
    int srv = OK("socket", socket(AF_UNIX, SOCK_STREAM, 0));
    socklen_t al = path_addr(&a, "net_unix.tmp/srv");
    SHOW("connect nobody", connect(srv, (struct sockaddr *)&a, al));
    SHOW("bind", bind(srv, (struct sockaddr *)&a, al));
    show_name("getsockname", srv, 0);
    struct stat st;
    SHOW("stat", stat("net_unix.tmp/srv", &st));
    printf("S_ISSOCK %d\n", S_ISSOCK(st.st_mode));
    SHOW("listen", listen(srv, 2));
    int other = OK("socket", socket(AF_UNIX, SOCK_STREAM, 0));
    SHOW("bind in use", bind(other, (struct sockaddr *)&a, al));
    close(other);

    int cli = OK("socket", socket(AF_UNIX, SOCK_STREAM, 0));
    /* The same file through an absolute path. */
    char cwd[PATH_MAX], abs[PATH_MAX + 32];
    getcwd(cwd, sizeof cwd);
    snprintf(abs, sizeof abs, "%s/net_unix.tmp/srv", cwd);
    if (strlen(abs) < sizeof a.sun_path) {
        al = path_addr(&a, abs);
    }
    SHOW("connect", connect(cli, (struct sockaddr *)&a, al));
    show_name("client getsockname", cli, 0);
    struct sockaddr_un pa;
    socklen_t pl = sizeof pa;
    int conn = OK("accept", accept(srv, (struct sockaddr *)&pa, &pl));
    printf("accept addr len %d\n", (int)pl);
    show_name("accepted getsockname", conn, 0);
    show_name("accepted getpeername", conn, 1);
    SHOW("send", send(cli, "via path", 8, 0));
    memset(buf, 0, sizeof buf);
    SHOW("recv", recv(conn, buf, sizeof buf, 0));
    printf("got [%s]\n", buf);
    close(conn);
    close(cli);
    close(srv);

    /* chdir into the directory: a relative name resolves against the new cwd. */
    SHOW("chdir", chdir("net_unix.tmp"));
    int d1 = OK("socket", socket(AF_UNIX, SOCK_DGRAM, 0));
    al = path_addr(&a, "dg");
    SHOW("bind dgram", bind(d1, (struct sockaddr *)&a, al));
    show_name("dgram getsockname", d1, 0);
    int d2 = OK("socket", socket(AF_UNIX, SOCK_DGRAM, 0));
    SHOW("sendto path unbound sender", sendto(d2, "anon", 4, 0, (struct sockaddr *)&a, al));
    struct sockaddr_un from;
    socklen_t fl = sizeof from;
    SHOW("recvfrom", recvfrom(d1, buf, sizeof buf, 0, (struct sockaddr *)&from, &fl));
    printf("from len %d\n", (int)fl);
    struct sockaddr_un b;
    socklen_t bl = path_addr(&b, "dg2");
    SHOW("bind sender", bind(d2, (struct sockaddr *)&b, bl));
    SHOW("sendto path", sendto(d2, "named", 5, 0, (struct sockaddr *)&a, al));
    fl = sizeof from;
    memset(&from, 0, sizeof from);
    SHOW("recvfrom", recvfrom(d1, buf, sizeof buf, 0, (struct sockaddr *)&from, &fl));
    printf("from len %d [%s]\n", (int)fl, from.sun_path);
    SHOW("connect dgram", connect(d2, (struct sockaddr *)&a, al));
    show_name("dgram getpeername", d2, 1);
    /* sendmsg cuts a long msg_namelen to sockaddr_storage (then too long for
     * AF_UNIX); recvmsg leaves msg_namelen alone when there is no msg_name. */
    struct iovec iov = {"msg", 3};
    struct msghdr m = {0};
    m.msg_name = &a;
    m.msg_namelen = 200;
    m.msg_iov = &iov;
    m.msg_iovlen = 1;
    SHOW("sendmsg namelen 200", sendmsg(d2, &m, 0));
    m.msg_namelen = al;
    SHOW("sendmsg", sendmsg(d2, &m, 0));
    m.msg_name = NULL;
    m.msg_namelen = 77;
    iov.iov_base = buf;
    iov.iov_len = sizeof buf;
    SHOW("recvmsg no name", recvmsg(d1, &m, 0));
    printf("msg_namelen %d\n", (int)m.msg_namelen);
    m.msg_name = &a;
    m.msg_namelen = -1;
    SHOW("sendmsg namelen -1", sendmsg(d2, &m, 0));
    close(d1);
    close(d2);
    SHOW("unlink", unlink("dg"));
    SHOW("unlink", unlink("dg2"));
    SHOW("chdir", chdir(".."));
    SHOW("unlink", unlink("net_unix.tmp/srv"));
    SHOW("rmdir", rmdir("net_unix.tmp"));

    /* Abstract and autobound names. */
    int ab = OK("socket", socket(AF_UNIX, SOCK_STREAM, 0));
    memset(&a, 0, sizeof a);
    a.sun_family = AF_UNIX;
    int len = snprintf(a.sun_path + 1, sizeof a.sun_path - 1, "blink-net-unix-%d", getpid());
    SHOW("bind abstract", bind(ab, (struct sockaddr *)&a, offsetof(struct sockaddr_un, sun_path) + 1 + len));
    struct sockaddr_un g;
    socklen_t gl = sizeof g;
    getsockname(ab, (struct sockaddr *)&g, &gl);
    printf("abstract len matches %d name matches %d\n", gl == offsetof(struct sockaddr_un, sun_path) + 1 + len,
           memcmp(g.sun_path, a.sun_path, 1 + len) == 0);
    close(ab);
    int au = OK("socket", socket(AF_UNIX, SOCK_DGRAM, 0));
    SHOW("autobind", bind(au, (struct sockaddr *)&a, offsetof(struct sockaddr_un, sun_path)));
    show_name("autobound", au, 0);
    close(au);

    printf("--- path errors\n");
    int s = OK("socket", socket(AF_UNIX, SOCK_STREAM, 0));
    al = path_addr(&a, "net_unix.none/x");
    SHOW("bind missing dir", bind(s, (struct sockaddr *)&a, al));
    SHOW("connect missing", connect(s, (struct sockaddr *)&a, al));
    SHOW("bind len 111", bind(s, (struct sockaddr *)&a, 111));
    SHOW("bind len 1", bind(s, (struct sockaddr *)&a, 1));
    struct sockaddr_in wrong = {.sin_family = AF_INET};
    SHOW("bind AF_INET address", bind(s, (struct sockaddr *)&wrong, sizeof wrong));
    SHOW("listen unbound", listen(s, 1));
    SHOW("accept not listening", accept(s, NULL, NULL));
    SHOW("send unconnected", send(s, "x", 1, MSG_NOSIGNAL));
    SHOW("recv unconnected", recv(s, buf, 1, 0));
    SHOW("getpeername unconnected", getpeername(s, (struct sockaddr *)&a, &(socklen_t){sizeof a}));
    SHOW("sendto EFAULT", sendto(s, "x", 1, 0, (struct sockaddr *)8, 10));
    SHOW("recvmsg EBADF", recvmsg(-1, &(struct msghdr){0}, 0));
    close(s);
}

int main(void) {
    setvbuf(stdout, NULL, _IOLBF, 0);
    pairs();
    paths();
    return 0;
}
