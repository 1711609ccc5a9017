/* UDP over loopback, IPv4 and IPv6: sendto/recvfrom with addresses,
 * connected send/recv, MSG_PEEK, MSG_TRUNC, MSG_DONTWAIT, sendmsg/recvmsg
 * with msg_name and iovecs, sendmmsg/recvmmsg (MSG_WAITFORONE), datagram
 * boundaries, connect(AF_UNSPEC) to disconnect, IP_TTL and IPV6_V6ONLY options,
 * and the errors EDESTADDRREQ, EFAULT, EMSGSIZE, EINVAL. */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <unistd.h>
#include "net_common.h"

static int bound(int family, addr_t *a, socklen_t *alen) {
    int s = OK("socket", socket(family, SOCK_DGRAM, 0));
    *alen = loopback(family, a, 0);
    SHOW("bind", bind(s, &a->sa, *alen));
    socklen_t l = sizeof *a;
    getsockname(s, &a->sa, &l);
    return s;
}

static char big[70000];

static void wait_readable(int fd) {
    struct pollfd p = {fd, POLLIN, 0};
    poll(&p, 1, 5000);
}

static void udp(int family) {
    printf("--- %s\n", family == AF_INET ? "v4" : "v6");
    addr_t a, b, from;
    socklen_t alen, blen, flen;
    int sa = bound(family, &a, &alen), sb = bound(family, &b, &blen);
    char buf[64];

    SHOW("send unconnected", send(sa, "x", 1, 0));
    SHOW("sendto", sendto(sa, "ping", 4, 0, &b.sa, blen));
    flen = sizeof from;
    memset(buf, 0, sizeof buf);
    SHOW("recvfrom", recvfrom(sb, buf, sizeof buf, 0, &from.sa, &flen));
    printf("got [%s] from len %d family ok %d port is sender's %d\n", buf, (int)flen, from.sa.sa_family == family,
           port_of(&from) == port_of(&a));
    flen = 2;
    SHOW("sendto", sendto(sa, "pong", 4, 0, &b.sa, blen));
    wait_readable(sb);
    SHOW("recvfrom short addr", recvfrom(sb, buf, sizeof buf, 0, &from.sa, &flen));
    printf("short addr len %d\n", (int)flen);

    /* Datagram boundaries, MSG_PEEK and MSG_TRUNC. */
    sendto(sa, "first", 5, 0, &b.sa, blen);
    sendto(sa, "second!", 7, 0, &b.sa, blen);
    wait_readable(sb);
    SHOW("recv MSG_PEEK", recv(sb, buf, sizeof buf, MSG_PEEK));
    SHOW("recv 3 of 5 MSG_TRUNC", recv(sb, buf, 3, MSG_TRUNC));
    SHOW("recv second", recv(sb, buf, sizeof buf, 0));
    SHOW("recv MSG_DONTWAIT empty", recv(sb, buf, sizeof buf, MSG_DONTWAIT));

    /* recvmsg with a name, scattered into two buffers; MSG_TRUNC in msg_flags. */
    sendto(sa, "0123456789", 10, 0, &b.sa, blen);
    wait_readable(sb);
    char p1[4], p2[4];
    struct iovec iov[2] = {{p1, 4}, {p2, 4}};
    struct msghdr m = {0};
    m.msg_name = &from;
    m.msg_namelen = sizeof from;
    m.msg_iov = iov;
    m.msg_iovlen = 2;
    SHOW("recvmsg", recvmsg(sb, &m, 0));
    printf("[%.4s][%.4s] namelen %d flags MSG_TRUNC %d\n", p1, p2, (int)m.msg_namelen, (m.msg_flags & MSG_TRUNC) != 0);

    /* sendmsg with iovecs and a name. */
    struct iovec out[3] = {{"ab", 2}, {"", 0}, {"cd", 2}};
    struct msghdr sm = {0};
    sm.msg_name = &b;
    sm.msg_namelen = blen;
    sm.msg_iov = out;
    sm.msg_iovlen = 3;
    SHOW("sendmsg", sendmsg(sa, &sm, 0));
    wait_readable(sb);
    memset(buf, 0, sizeof buf);
    SHOW("recv", recv(sb, buf, sizeof buf, 0));
    printf("got [%s]\n", buf);

    /* sendmmsg / recvmmsg. */
    struct mmsghdr mm[3];
    struct iovec mi[3] = {{"one", 3}, {"three", 5}, {"fifteen", 7}};
    memset(mm, 0, sizeof mm);
    for (int i = 0; i < 3; i++) {
        mm[i].msg_hdr.msg_name = &b;
        mm[i].msg_hdr.msg_namelen = blen;
        mm[i].msg_hdr.msg_iov = &mi[i];
        mm[i].msg_hdr.msg_iovlen = 1;
    }
    SHOW("sendmmsg", sendmmsg(sa, mm, 3, 0));
    printf("msg_len %u %u %u\n", mm[0].msg_len, mm[1].msg_len, mm[2].msg_len);
    char rb[4][16];
    struct iovec ri[4];
    struct mmsghdr rm[4];
    memset(rm, 0, sizeof rm);
    for (int i = 0; i < 4; i++) {
        memset(rb[i], 0, 16);
        ri[i].iov_base = rb[i];
        ri[i].iov_len = 15;
        rm[i].msg_hdr.msg_iov = &ri[i];
        rm[i].msg_hdr.msg_iovlen = 1;
    }
    wait_readable(sb);
    usleep(20000);
    SHOW("recvmmsg", recvmmsg(sb, rm, 4, MSG_WAITFORONE, NULL));
    printf("got [%s][%s][%s] lens %u %u %u\n", rb[0], rb[1], rb[2], rm[0].msg_len, rm[1].msg_len, rm[2].msg_len);
    struct timespec ts = {0, -1};
    SHOW("recvmmsg bad timeout", recvmmsg(sb, rm, 4, 0, &ts));
    /* Raw calls: musl touches the structures before the system call. */
    SHOW("recvmmsg EFAULT", syscall(SYS_recvmmsg, sb, (struct mmsghdr *)8, 1, MSG_DONTWAIT, NULL));

    /* connect: then plain send/recv; AF_UNSPEC dissolves it. */
    SHOW("connect", connect(sa, &b.sa, blen));
    addr_t peer;
    socklen_t plen = sizeof peer;
    SHOW("getpeername", getpeername(sa, &peer.sa, &plen));
    printf("peer port ok %d\n", port_of(&peer) == port_of(&b));
    SHOW("send", send(sa, "conn", 4, 0));
    wait_readable(sb);
    SHOW("recv", recv(sb, buf, sizeof buf, 0));
    struct sockaddr unspec = {.sa_family = AF_UNSPEC};
    SHOW("connect AF_UNSPEC", connect(sa, &unspec, sizeof unspec));
    SHOW("getpeername after", getpeername(sa, &peer.sa, &plen));
    SHOW("send after", send(sa, "x", 1, 0));

    /* Control messages at the IP level: the receiver asks for the TTL (hop
     * limit) of each datagram; the sender sets it per message. */
    int on = 1, lvl = family == AF_INET ? IPPROTO_IP : IPPROTO_IPV6;
    SHOW("setsockopt RECVTTL", setsockopt(sb, lvl, family == AF_INET ? IP_RECVTTL : IPV6_RECVHOPLIMIT, &on, sizeof on));
    char sc[CMSG_SPACE(sizeof(int))];
    memset(sc, 0, sizeof sc);
    struct iovec ti = {"ttl", 3};
    struct msghdr tm = {0};
    tm.msg_name = &b;
    tm.msg_namelen = blen;
    tm.msg_iov = &ti;
    tm.msg_iovlen = 1;
    tm.msg_control = sc;
    tm.msg_controllen = sizeof sc;
    struct cmsghdr *tc = CMSG_FIRSTHDR(&tm);
    tc->cmsg_level = lvl;
    tc->cmsg_type = family == AF_INET ? IP_TTL : IPV6_HOPLIMIT;
    tc->cmsg_len = CMSG_LEN(sizeof(int));
    int five = 5;
    memcpy(CMSG_DATA(tc), &five, sizeof five);
    SHOW("sendmsg with TTL cmsg", sendmsg(sa, &tm, 0));
    wait_readable(sb);
    char rc[256];
    ti.iov_base = buf;
    ti.iov_len = sizeof buf;
    tm.msg_name = NULL;
    tm.msg_namelen = 0;
    tm.msg_control = rc;
    tm.msg_controllen = sizeof rc;
    SHOW("recvmsg with TTL cmsg", recvmsg(sb, &tm, 0));
    for (struct cmsghdr *c = CMSG_FIRSTHDR(&tm); c; c = CMSG_NXTHDR(&tm, c)) {
        int val;
        memcpy(&val, CMSG_DATA(c), sizeof val);
        printf("cmsg level %d type %d len %d value %d\n", c->cmsg_level, c->cmsg_type, (int)c->cmsg_len, val);
    }
    printf("controllen %d flags %d\n", (int)tm.msg_controllen, tm.msg_flags);
    on = 0;
    setsockopt(sb, lvl, family == AF_INET ? IP_RECVTTL : IPV6_RECVHOPLIMIT, &on, sizeof on);

    /* Options and errors. */
    int ttl = 9, got = 0;
    socklen_t gl = sizeof got;
    SHOW("setsockopt IP_TTL", setsockopt(sa, family == AF_INET ? IPPROTO_IP : IPPROTO_IPV6,
                                         family == AF_INET ? IP_TTL : IPV6_UNICAST_HOPS, &ttl, sizeof ttl));
    SHOW("getsockopt IP_TTL", getsockopt(sa, family == AF_INET ? IPPROTO_IP : IPPROTO_IPV6,
                                         family == AF_INET ? IP_TTL : IPV6_UNICAST_HOPS, &got, &gl));
    printf("ttl %d\n", got);
    if (family == AF_INET6) {
        got = -1;
        SHOW("getsockopt IPV6_V6ONLY", getsockopt(sa, IPPROTO_IPV6, IPV6_V6ONLY, &got, &gl));
        printf("v6only %d\n", got);
    }
    got = -1;
    SHOW("getsockopt SO_TYPE", getsockopt(sa, SOL_SOCKET, SO_TYPE, &got, &gl));
    printf("type %d\n", got);
    SHOW("sendto EFAULT buf", sendto(sa, (void *)8, 4, 0, &b.sa, blen));
    SHOW("sendto EFAULT addr", sendto(sa, "x", 1, 0, (struct sockaddr *)8, blen));
    SHOW("sendto too big", sendto(sa, big, sizeof big, 0, &b.sa, blen));
    SHOW("sendto wrong family", sendto(sa, "x", 1, 0, &unspec, sizeof unspec));
    SHOW("sendmsg EFAULT", syscall(SYS_sendmsg, sa, (struct msghdr *)8, 0));
    sendto(sa, "late", 4, 0, &b.sa, blen);
    wait_readable(sb);
    /* A datagram that cannot be delivered is dropped. */
    SHOW("recv EFAULT", recv(sb, (void *)8, 4, 0));
    SHOW("recv after EFAULT", recv(sb, buf, sizeof buf, MSG_DONTWAIT));
    close(sa);
    close(sb);
}

int main(void) {
    setvbuf(stdout, NULL, _IOLBF, 0);
    udp(AF_INET);
    udp(AF_INET6);
    return 0;
}
