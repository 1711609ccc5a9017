/* TCP over loopback, IPv4 and IPv6, client and server in one process (the
 * connect completes from the listen backlog, so nothing blocks): socket, bind
 * to port 0, listen, connect, accept/accept4, getsockname/getpeername,
 * send/recv, read/write/readv/writev, poll/select, FIONREAD/FIONBIO,
 * non-blocking connect and accept, options (SO_TYPE, SO_ERROR, SO_REUSEADDR,
 * SO_LINGER, SO_RCVTIMEO, TCP_NODELAY), shutdown effects, sendfile to a socket,
 * and the error paths: EBADF, ENOTSOCK, EFAULT, EINVAL, EAFNOSUPPORT,
 * EADDRINUSE, ECONNREFUSED, ENOTCONN, EPIPE. No port numbers are printed. */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <stdlib.h>
#include <sys/ioctl.h>
#include <sys/select.h>
#include <sys/sendfile.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <unistd.h>
#include "net_common.h"

static int getint(int fd, int level, int name) {
    int v = -1;
    socklen_t len = sizeof v;
    if (getsockopt(fd, level, name, &v, &len) < 0) return -1000 - errno;
    return len == sizeof v ? v : -2000 - (int)len;
}

static void echo(int family) {
    const char *fam = family == AF_INET ? "v4" : "v6";
    printf("--- %s\n", fam);
    addr_t a, b, c;
    socklen_t alen = loopback(family, &a, 0), blen;
    int one = 1;

    int srv = OK("socket", socket(family, SOCK_STREAM, 0));
    SHOW("setsockopt SO_REUSEADDR", setsockopt(srv, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one));
    printf("SO_REUSEADDR: %d\n", getint(srv, SOL_SOCKET, SO_REUSEADDR));
    printf("SO_ACCEPTCONN before listen: %d\n", getint(srv, SOL_SOCKET, SO_ACCEPTCONN));
    SHOW("bind", bind(srv, &a.sa, alen));
    SHOW("bind again", bind(srv, &a.sa, alen));
    SHOW("listen", listen(srv, 4));
    printf("SO_ACCEPTCONN: %d\n", getint(srv, SOL_SOCKET, SO_ACCEPTCONN));
    blen = sizeof b;
    SHOW("getsockname", getsockname(srv, &b.sa, &blen));
    printf("getsockname len %d family ok %d port set %d\n", (int)blen, b.sa.sa_family == family, port_of(&b) != 0);
    int port = port_of(&b);

    /* A second socket on the same port: EADDRINUSE. */
    int dup = OK("socket", socket(family, SOCK_STREAM, 0));
    loopback(family, &c, port);
    SHOW("bind in use", bind(dup, &c.sa, alen));
    close(dup);

    int cli = OK("socket", socket(family, SOCK_STREAM, 0));
    SHOW("getpeername unconnected", getpeername(cli, &c.sa, &blen));
    /* Linux marks an unconnected socket shut down even as it says ENOTCONN. */
    int lone = OK("socket", socket(family, SOCK_STREAM, 0));
    SHOW("shutdown unconnected", shutdown(lone, SHUT_RDWR));
    close(lone);
    loopback(family, &c, port);
    SHOW("connect", connect(cli, &c.sa, alen));
    SHOW("connect again", connect(cli, &c.sa, alen));
    addr_t peer;
    socklen_t plen = sizeof peer;
    int conn = OK("accept", accept(srv, &peer.sa, &plen));
    blen = sizeof b;
    getsockname(cli, &b.sa, &blen);
    printf("accept peer len %d family ok %d port matches client %d\n", (int)plen, peer.sa.sa_family == family,
           port_of(&peer) == port_of(&b));
    blen = sizeof b;
    SHOW("getpeername", getpeername(cli, &b.sa, &blen));
    printf("peer port is server's %d\n", port_of(&b) == port);
    /* A short buffer: the address is cut, the full length reported. */
    blen = 4;
    memset(&b, 0x55, sizeof b);
    SHOW("getpeername short", getpeername(cli, &b.sa, &blen));
    printf("short len %d family ok %d untouched %d\n", (int)blen, b.sa.sa_family == family,
           ((unsigned char *)&b)[4] == 0x55);

    char buf[64];
    SHOW("send", send(cli, "hello", 5, 0));
    SHOW("recv", recv(conn, buf, sizeof buf, 0));
    printf("got [%.5s]\n", buf);
    SHOW("write", write(conn, "HELLO", 5));
    memset(buf, 0, sizeof buf);
    SHOW("read", read(cli, buf, sizeof buf));
    printf("got [%s]\n", buf);
    struct iovec wv[2] = {{"ab", 2}, {"cde", 3}};
    SHOW("writev", writev(cli, wv, 2));
    char r1[2], r2[8] = {0};
    struct iovec rv[2] = {{r1, 2}, {r2, 8}};
    struct pollfd pfd = {conn, POLLIN, 0};
    SHOW("poll", poll(&pfd, 1, 5000));
    printf("revents POLLIN %d\n", (pfd.revents & POLLIN) != 0);
    int avail = -1;
    SHOW("ioctl FIONREAD", ioctl(conn, FIONREAD, &avail));
    printf("FIONREAD %d\n", avail);
    SHOW("readv", readv(conn, rv, 2));
    printf("got [%.2s][%s]\n", r1, r2);

    /* Non-blocking: FIONBIO, then MSG_DONTWAIT, then O_NONBLOCK via fcntl. */
    int on = 1;
    SHOW("ioctl FIONBIO", ioctl(conn, FIONBIO, &on));
    printf("O_NONBLOCK after FIONBIO %d\n", (fcntl(conn, F_GETFL) & O_NONBLOCK) != 0);
    SHOW("recv empty nonblocking", recv(conn, buf, sizeof buf, 0));
    on = 0;
    ioctl(conn, FIONBIO, &on);
    SHOW("recv MSG_DONTWAIT", recv(conn, buf, sizeof buf, MSG_DONTWAIT));
    fcntl(srv, F_SETFL, O_NONBLOCK);
    SHOW("accept nothing pending", accept(srv, NULL, NULL));
    fcntl(srv, F_SETFL, 0);

    /* select: readable once the peer writes. */
    fd_set rs;
    FD_ZERO(&rs);
    FD_SET(cli, &rs);
    struct timeval tv = {0, 0};
    SHOW("select idle", select(cli + 1, &rs, NULL, NULL, &tv));
    send(conn, "x", 1, 0);
    FD_ZERO(&rs);
    FD_SET(cli, &rs);
    tv.tv_sec = 5;
    SHOW("select ready", select(cli + 1, &rs, NULL, NULL, &tv));
    printf("cli in set %d\n", FD_ISSET(cli, &rs));
    SHOW("recv MSG_PEEK", recv(cli, buf, 1, MSG_PEEK));
    SHOW("recv after peek", recv(cli, buf, 1, 0));
    /* MSG_TRUNC on a stream discards the bytes without storing them. */
    send(conn, "DROP", 4, 0);
    poll(&(struct pollfd){cli, POLLIN, 0}, 1, 5000);
    memset(buf, '.', 4);
    SHOW("recv MSG_TRUNC", recv(cli, buf, 4, MSG_TRUNC));
    printf("buffer untouched %d\n", memcmp(buf, "....", 4) == 0);

    /* Options. */
    printf("SO_TYPE %d SO_ERROR %d SO_DOMAIN ok %d SO_PROTOCOL %d\n", getint(cli, SOL_SOCKET, SO_TYPE),
           getint(cli, SOL_SOCKET, SO_ERROR), getint(cli, SOL_SOCKET, SO_DOMAIN) == family,
           getint(cli, SOL_SOCKET, SO_PROTOCOL));
    printf("TCP_NODELAY before %d\n", getint(cli, IPPROTO_TCP, TCP_NODELAY));
    SHOW("setsockopt TCP_NODELAY", setsockopt(cli, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one));
    printf("TCP_NODELAY after %d\n", getint(cli, IPPROTO_TCP, TCP_NODELAY) != 0);
    struct linger lg = {1, 7}, lg2;
    socklen_t llen = sizeof lg2;
    SHOW("setsockopt SO_LINGER", setsockopt(cli, SOL_SOCKET, SO_LINGER, &lg, sizeof lg));
    SHOW("getsockopt SO_LINGER", getsockopt(cli, SOL_SOCKET, SO_LINGER, &lg2, &llen));
    printf("linger %d %d len %d\n", lg2.l_onoff, lg2.l_linger, (int)llen);
    struct timeval to = {1, 500000}, to2;
    socklen_t tlen = sizeof to2;
    SHOW("setsockopt SO_RCVTIMEO", setsockopt(cli, SOL_SOCKET, SO_RCVTIMEO, &to, sizeof to));
    SHOW("getsockopt SO_RCVTIMEO", getsockopt(cli, SOL_SOCKET, SO_RCVTIMEO, &to2, &tlen));
    printf("rcvtimeo %ld.%06ld len %d\n", (long)to2.tv_sec, (long)to2.tv_usec, (int)tlen);
    SHOW("setsockopt SO_RCVTIMEO short", setsockopt(cli, SOL_SOCKET, SO_RCVTIMEO, &to, 8));
    SHOW("setsockopt SO_REUSEADDR short", setsockopt(cli, SOL_SOCKET, SO_REUSEADDR, &one, 2));
    int v;
    socklen_t vlen = -1;
    SHOW("getsockopt negative len", getsockopt(cli, SOL_SOCKET, SO_TYPE, &v, &vlen));
    vlen = sizeof v;
    SHOW("getsockopt unknown", getsockopt(cli, SOL_SOCKET, 999, &v, &vlen));
    SHOW("getsockopt bad level", getsockopt(cli, 999, 1, &v, &vlen));
    SHOW("getsockopt bad optval", getsockopt(cli, SOL_SOCKET, SO_TYPE, (void *)8, &vlen));
    SHOW("getsockopt bad optlen", getsockopt(cli, SOL_SOCKET, SO_TYPE, &v, (socklen_t *)8));
    SHOW("setsockopt bad optval", setsockopt(cli, SOL_SOCKET, SO_REUSEADDR, (void *)8, 4));
    char sbuf[1] = {7};
    vlen = 1;
    SHOW("getsockopt 1 byte", getsockopt(cli, SOL_SOCKET, SO_TYPE, sbuf, &vlen));
    printf("1 byte: %d len %d\n", sbuf[0], (int)vlen);

    /* sendfile from a file to the socket. */
    int file = OK("open", open("net_tcp.tmp", O_CREAT | O_RDWR | O_TRUNC, 0600));
    write(file, "file contents\n", 14);
    off_t off = 5;
    SHOW("sendfile", sendfile(cli, file, &off, 9));
    printf("offset after %ld\n", (long)off);
    memset(buf, 0, sizeof buf);
    size_t got = 0;
    while (got < 9) {
        ssize_t n = recv(conn, buf + got, sizeof buf - got, 0);
        if (n <= 0) break;
        got += n;
    }
    printf("sendfile got [%s]\n", buf);
    close(file);
    unlink("net_tcp.tmp");

    /* shutdown: the peer reads EOF; writing after SHUT_WR is EPIPE. */
    SHOW("shutdown bad how", shutdown(cli, 7));
    SHOW("shutdown SHUT_WR", shutdown(cli, SHUT_WR));
    SHOW("recv eof", recv(conn, buf, sizeof buf, 0));
    SHOW("send after SHUT_WR", send(cli, "z", 1, MSG_NOSIGNAL));
    SHOW("send other way", send(conn, "back", 4, 0));
    SHOW("recv other way", recv(cli, buf, 4, MSG_WAITALL));

    /* accept4 with flags, and a non-blocking connect. */
    int nb = OK("socket", socket(family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0));
    printf("SOCK_NONBLOCK %d FD_CLOEXEC %d\n", (fcntl(nb, F_GETFL) & O_NONBLOCK) != 0,
           (fcntl(nb, F_GETFD) & FD_CLOEXEC) != 0);
    int rc = connect(nb, &c.sa, alen);
    printf("nonblocking connect 0 or EINPROGRESS %d\n", rc == 0 || errno == EINPROGRESS);
    struct pollfd wp = {nb, POLLOUT, 0};
    SHOW("poll connect", poll(&wp, 1, 5000));
    printf("SO_ERROR after connect %d\n", getint(nb, SOL_SOCKET, SO_ERROR));
    /* The raw call: musl's accept4 retries EINVAL as a plain accept. */
    SHOW("accept4 bad flags", syscall(SYS_accept4, srv, NULL, NULL, 0x1234));
    int conn2 = OK("accept4", accept4(srv, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC));
    printf("accepted NONBLOCK %d CLOEXEC %d\n", (fcntl(conn2, F_GETFL) & O_NONBLOCK) != 0,
           (fcntl(conn2, F_GETFD) & FD_CLOEXEC) != 0);
    /* The address is copied out after the connection is taken: EFAULT loses it. */
    int nb2 = OK("socket", socket(family, SOCK_STREAM, 0));
    SHOW("connect", connect(nb2, &c.sa, alen));
    SHOW("accept bad addrlen", accept(srv, &peer.sa, (socklen_t *)8));
    close(nb2);
    close(nb);
    close(conn2);
    close(conn);
    close(cli);
    close(srv);

    /* Nobody listening: ECONNREFUSED. */
    int x = OK("socket", socket(family, SOCK_STREAM, 0));
    loopback(family, &a, 0);
    bind(x, &a.sa, alen);
    blen = sizeof b;
    getsockname(x, &b.sa, &blen);
    close(x);
    x = OK("socket", socket(family, SOCK_STREAM, 0));
    SHOW("connect refused", connect(x, &b.sa, alen));
    close(x);
}

int main(void) {
    setvbuf(stdout, NULL, _IOLBF, 0);
    echo(AF_INET);
    echo(AF_INET6);

    printf("--- errors\n");
    addr_t a;
    socklen_t alen = loopback(AF_INET, &a, 0);
    int s = OK("socket", socket(AF_INET, SOCK_STREAM, 0));
    int devnull = OK("open", open("/dev/null", O_RDWR));
    SHOW("socket family 46", socket(46, SOCK_STREAM, 0));
    SHOW("socket family -1", socket(-1, SOCK_STREAM, 0));
    SHOW("socket family 1000", socket(1000, SOCK_DGRAM, 0));
    SHOW("socket bad type", socket(AF_INET, 15, 0));
    SHOW("socket bad flags", socket(AF_INET, SOCK_STREAM | 0x100000, 0));
    SHOW("socket bad protocol", socket(AF_INET, SOCK_STREAM, IPPROTO_UDP));
    SHOW("socket SOCK_RDM", socket(AF_INET, SOCK_RDM, 0));
    SHOW("socketpair inet", socketpair(AF_INET, SOCK_STREAM, 0, (int[2]){0}));
    SHOW("listen EBADF", listen(-1, 1));
    SHOW("listen closed fd", listen(999, 1));
    SHOW("listen ENOTSOCK", listen(devnull, 1));
    SHOW("bind ENOTSOCK", bind(devnull, &a.sa, alen));
    SHOW("connect ENOTSOCK", connect(devnull, &a.sa, alen));
    SHOW("accept ENOTSOCK", accept(devnull, NULL, NULL));
    SHOW("getsockopt ENOTSOCK", getsockopt(devnull, SOL_SOCKET, SO_TYPE, &(int){0}, &(socklen_t){4}));
    SHOW("shutdown ENOTSOCK", shutdown(devnull, SHUT_RD));
    SHOW("send ENOTSOCK", send(devnull, "x", 1, 0));
    SHOW("recv EBADF", recv(-1, &(char){0}, 1, 0));
    SHOW("bind EFAULT", bind(s, (struct sockaddr *)8, alen));
    SHOW("bind short", bind(s, &a.sa, 3));
    SHOW("bind len -1", bind(s, &a.sa, -1));
    SHOW("bind len 129", bind(s, &a.sa, 129));
    addr_t six;
    socklen_t sixlen = loopback(AF_INET6, &six, 0);
    SHOW("bind v6 address on v4", bind(s, &six.sa, sixlen));
    SHOW("connect short", connect(s, &a.sa, 1));
    SHOW("getsockname EFAULT", getsockname(s, (struct sockaddr *)8, &(socklen_t){16}));
    socklen_t neg = -1;
    SHOW("getsockname negative len", getsockname(s, &a.sa, &neg));
    SHOW("send unconnected", send(s, "x", 1, MSG_NOSIGNAL));
    SHOW("recv unconnected", recv(s, &(char){0}, 1, 0));
    SHOW("listen bound to nothing", listen(s, 1));
    close(s);
    close(devnull);
    return 0;
}
