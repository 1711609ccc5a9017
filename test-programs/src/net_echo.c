/*
 * A TCP echo server and its client as two processes: "net_echo server 4|6" prints
 * its port, echoes one client's lines back and reports the bytes; "net_echo client
 * 4|6 PORT" sends lines and prints the replies. NetEchoTest starts both, natively
 * and under the emulator. Without arguments it only says how to use it.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

static int fail(const char *what) {
    printf("%s: %s\n", what, strerror(errno));
    return 1;
}

static socklen_t address(int v6, int port, struct sockaddr_storage *ss) {
    memset(ss, 0, sizeof *ss);
    if (v6) {
        struct sockaddr_in6 *a = (struct sockaddr_in6 *)ss;
        a->sin6_family = AF_INET6;
        a->sin6_addr = in6addr_loopback;
        a->sin6_port = htons(port);
        return sizeof *a;
    }
    struct sockaddr_in *a = (struct sockaddr_in *)ss;
    a->sin_family = AF_INET;
    a->sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    a->sin_port = htons(port);
    return sizeof *a;
}

static int server(int v6) {
    int s = socket(v6 ? AF_INET6 : AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (s < 0) return fail("socket");
    int on = 1;
    setsockopt(s, SOL_SOCKET, SO_REUSEADDR, &on, sizeof on);
    struct sockaddr_storage ss;
    socklen_t len = address(v6, 0, &ss);
    if (bind(s, (struct sockaddr *)&ss, len) != 0) return fail("bind");
    if (listen(s, 1) != 0) return fail("listen");
    len = sizeof ss;
    getsockname(s, (struct sockaddr *)&ss, &len);
    int port = ntohs(v6 ? ((struct sockaddr_in6 *)&ss)->sin6_port : ((struct sockaddr_in *)&ss)->sin_port);
    printf("%d\n", port);
    fflush(stdout);
    struct sockaddr_storage peer;
    socklen_t plen = sizeof peer;
    int c = accept(s, (struct sockaddr *)&peer, &plen);
    if (c < 0) return fail("accept");
    printf("server: peer family %s, loopback %s\n", peer.ss_family == AF_INET6 ? "inet6" : "inet",
           v6 ? (IN6_IS_ADDR_LOOPBACK(&((struct sockaddr_in6 *)&peer)->sin6_addr) ? "yes" : "no")
              : (((struct sockaddr_in *)&peer)->sin_addr.s_addr == htonl(INADDR_LOOPBACK) ? "yes" : "no"));
    char buf[4096];
    long total = 0;
    for (;;) {
        ssize_t n = read(c, buf, sizeof buf);
        if (n < 0) return fail("read");
        if (n == 0) break;
        for (ssize_t k = 0; k < n;) {
            ssize_t w = write(c, buf + k, n - k);
            if (w < 0) return fail("write");
            k += w;
        }
        total += n;
    }
    printf("server: echoed %ld bytes, then EOF\n", total);
    close(c);
    close(s);
    return 0;
}

static int client(int v6, int port) {
    int s = socket(v6 ? AF_INET6 : AF_INET, SOCK_STREAM, 0);
    if (s < 0) return fail("socket");
    struct sockaddr_storage ss;
    socklen_t len = address(v6, port, &ss);
    if (connect(s, (struct sockaddr *)&ss, len) != 0) return fail("connect");
    int on = 1;
    printf("client: TCP_NODELAY %d\n", setsockopt(s, IPPROTO_TCP, TCP_NODELAY, &on, sizeof on));
    char big[20000];
    for (unsigned k = 0; k < sizeof big; k++) big[k] = 'a' + k % 26;
    const char *lines[] = {"hello\n", "echo over loopback\n", "third line\n"};
    for (int i = 0; i < 3; i++) {
        size_t n = strlen(lines[i]);
        write(s, lines[i], n);
        char got[64] = {0};
        size_t have = 0;
        while (have < n) {
            ssize_t r = read(s, got + have, n - have);
            if (r <= 0) return fail("read");
            have += r;
        }
        printf("client: %s", got);
    }
    write(s, big, sizeof big);
    size_t have = 0;
    unsigned long sum = 0;
    while (have < sizeof big) {
        char b[4096];
        ssize_t r = read(s, b, sizeof b);
        if (r <= 0) return fail("read big");
        for (ssize_t k = 0; k < r; k++) sum = sum * 31 + (unsigned char)b[k];
        have += r;
    }
    printf("client: %zu bytes back, checksum %lx\n", have, sum);
    shutdown(s, SHUT_WR);
    char b[16];
    printf("client: read after the server's close: %zd\n", read(s, b, sizeof b));
    close(s);
    return 0;
}

int main(int argc, char **argv) {
    if (argc >= 3 && !strcmp(argv[1], "server")) return server(!strcmp(argv[2], "6"));
    if (argc >= 4 && !strcmp(argv[1], "client")) return client(!strcmp(argv[2], "6"), atoi(argv[3]));
    printf("usage: net_echo server 4|6, then net_echo client 4|6 PORT\n");
    return 0;
}
