package blink.linux.host;

import static blink.linux.abi.LinuxSocket.*;

import blink.linux.abi.SocketAddress;
import blink.memory.HostMemory;

/**
 * The host column of every socket translation: address families, socket types,
 * option levels and names, message and shutdown flags, and the layouts of the
 * host's sockaddr, msghdr and cmsghdr. Each table pairs a Linux value (from
 * {@link blink.linux.abi.LinuxSocket}) with the host value of the same name.
 * The host column here is glibc on x86-64 Linux, so today every table is the
 * identity; porting to another host means changing this file only.
 */
public final class HostSockets {
  private HostSockets() {}

  /** A family number no host assigns: what an unknown guest family becomes, so the host refuses it. */
  public static final int NO_FAMILY = 0xffff;

  /** A level or option name no host defines: what an unknown guest option becomes, so the host refuses it with its own error. */
  public static final int NO_OPTION = Integer.MAX_VALUE;

  /** {Linux, host} address families. */
  private static final int[][] FAMILIES = {{AF_UNSPEC, 0}, {AF_UNIX, 1}, {AF_INET, 2}, {AF_INET6, 10}};

  /** {Linux, host} socket types. */
  private static final int[][] TYPES = {
    {SOCK_STREAM, 1}, {SOCK_DGRAM, 2}, {SOCK_RAW, 3}, {SOCK_RDM, 4}, {SOCK_SEQPACKET, 5},
    {SOCK_DCCP, 6}, {SOCK_PACKET, 10},
  };
  public static final int HOST_SOCK_NONBLOCK = 04000, HOST_SOCK_CLOEXEC = 02000000;

  /** {Linux, host} option levels. IPPROTO_* numbers are IANA's, but still listed. */
  private static final int[][] LEVELS = {
    {SOL_SOCKET, 1}, {IPPROTO_IP, 0}, {IPPROTO_TCP, 6}, {IPPROTO_UDP, 17}, {IPPROTO_IPV6, 41},
  };

  /** {Linux level, Linux name, host name}: the options the emulator knows (host level from LEVELS). */
  private static final int[][] OPTIONS = {
    {SOL_SOCKET, SO_DEBUG, 1}, {SOL_SOCKET, SO_REUSEADDR, 2}, {SOL_SOCKET, SO_TYPE, 3},
    {SOL_SOCKET, SO_ERROR, 4}, {SOL_SOCKET, SO_DONTROUTE, 5}, {SOL_SOCKET, SO_BROADCAST, 6},
    {SOL_SOCKET, SO_SNDBUF, 7}, {SOL_SOCKET, SO_RCVBUF, 8}, {SOL_SOCKET, SO_KEEPALIVE, 9},
    {SOL_SOCKET, SO_OOBINLINE, 10}, {SOL_SOCKET, SO_NO_CHECK, 11}, {SOL_SOCKET, SO_PRIORITY, 12},
    {SOL_SOCKET, SO_LINGER, 13}, {SOL_SOCKET, SO_REUSEPORT, 15}, {SOL_SOCKET, SO_PASSCRED, 16},
    {SOL_SOCKET, SO_PEERCRED, 17}, {SOL_SOCKET, SO_RCVLOWAT, 18}, {SOL_SOCKET, SO_SNDLOWAT, 19},
    {SOL_SOCKET, SO_RCVTIMEO, 20}, {SOL_SOCKET, SO_SNDTIMEO, 21}, {SOL_SOCKET, SO_BINDTODEVICE, 25},
    {SOL_SOCKET, SO_TIMESTAMP, 29}, {SOL_SOCKET, SO_ACCEPTCONN, 30}, {SOL_SOCKET, SO_SNDBUFFORCE, 32},
    {SOL_SOCKET, SO_RCVBUFFORCE, 33}, {SOL_SOCKET, SO_MARK, 36}, {SOL_SOCKET, SO_PROTOCOL, 38},
    {SOL_SOCKET, SO_DOMAIN, 39}, {SOL_SOCKET, SO_PEEK_OFF, 42}, {SOL_SOCKET, SO_BUSY_POLL, 46},
    {SOL_SOCKET, SO_INCOMING_CPU, 49}, {SOL_SOCKET, SO_ZEROCOPY, 60},
    {IPPROTO_TCP, TCP_NODELAY, 1}, {IPPROTO_TCP, TCP_MAXSEG, 2}, {IPPROTO_TCP, TCP_CORK, 3},
    {IPPROTO_TCP, TCP_KEEPIDLE, 4}, {IPPROTO_TCP, TCP_KEEPINTVL, 5}, {IPPROTO_TCP, TCP_KEEPCNT, 6},
    {IPPROTO_TCP, TCP_SYNCNT, 7}, {IPPROTO_TCP, TCP_LINGER2, 8}, {IPPROTO_TCP, TCP_DEFER_ACCEPT, 9},
    {IPPROTO_TCP, TCP_WINDOW_CLAMP, 10}, {IPPROTO_TCP, TCP_INFO, 11}, {IPPROTO_TCP, TCP_QUICKACK, 12},
    {IPPROTO_TCP, TCP_CONGESTION, 13}, {IPPROTO_TCP, TCP_USER_TIMEOUT, 18},
    {IPPROTO_TCP, TCP_FASTOPEN, 23}, {IPPROTO_TCP, TCP_NOTSENT_LOWAT, 25},
    {IPPROTO_IP, IP_TOS, 1}, {IPPROTO_IP, IP_TTL, 2}, {IPPROTO_IP, IP_HDRINCL, 3},
    {IPPROTO_IP, IP_OPTIONS, 4}, {IPPROTO_IP, IP_PKTINFO, 8}, {IPPROTO_IP, IP_MTU_DISCOVER, 10},
    {IPPROTO_IP, IP_RECVERR, 11}, {IPPROTO_IP, IP_RECVTTL, 12}, {IPPROTO_IP, IP_RECVTOS, 13},
    {IPPROTO_IP, IP_MTU, 14}, {IPPROTO_IP, IP_FREEBIND, 15}, {IPPROTO_IP, IP_TRANSPARENT, 19},
    {IPPROTO_IP, IP_BIND_ADDRESS_NO_PORT, 24}, {IPPROTO_IP, IP_MULTICAST_IF, 32},
    {IPPROTO_IP, IP_MULTICAST_TTL, 33}, {IPPROTO_IP, IP_MULTICAST_LOOP, 34},
    {IPPROTO_IP, IP_ADD_MEMBERSHIP, 35}, {IPPROTO_IP, IP_DROP_MEMBERSHIP, 36},
    {IPPROTO_IPV6, IPV6_UNICAST_HOPS, 16}, {IPPROTO_IPV6, IPV6_MULTICAST_IF, 17},
    {IPPROTO_IPV6, IPV6_MULTICAST_HOPS, 18}, {IPPROTO_IPV6, IPV6_MULTICAST_LOOP, 19},
    {IPPROTO_IPV6, IPV6_JOIN_GROUP, 20}, {IPPROTO_IPV6, IPV6_LEAVE_GROUP, 21},
    {IPPROTO_IPV6, IPV6_MTU_DISCOVER, 23}, {IPPROTO_IPV6, IPV6_MTU, 24},
    {IPPROTO_IPV6, IPV6_RECVERR, 25}, {IPPROTO_IPV6, IPV6_V6ONLY, 26},
    {IPPROTO_IPV6, IPV6_RECVPKTINFO, 49}, {IPPROTO_IPV6, IPV6_PKTINFO, 50},
    {IPPROTO_IPV6, IPV6_RECVHOPLIMIT, 51}, {IPPROTO_IPV6, IPV6_HOPLIMIT, 52},
    {IPPROTO_IPV6, IPV6_RECVTCLASS, 66}, {IPPROTO_IPV6, IPV6_TCLASS, 67},
  };

  /** {Linux, host} message flags. MSG_CMSG_CLOEXEC is the emulator's (host fds are always close-on-exec). */
  private static final int[][] MSG_FLAGS = {
    {MSG_OOB, 0x1}, {MSG_PEEK, 0x2}, {MSG_DONTROUTE, 0x4}, {MSG_CTRUNC, 0x8}, {MSG_PROXY, 0x10},
    {MSG_TRUNC, 0x20}, {MSG_DONTWAIT, 0x40}, {MSG_EOR, 0x80}, {MSG_WAITALL, 0x100}, {MSG_FIN, 0x200},
    {MSG_SYN, 0x400}, {MSG_CONFIRM, 0x800}, {MSG_RST, 0x1000}, {MSG_ERRQUEUE, 0x2000},
    {MSG_NOSIGNAL, 0x4000}, {MSG_MORE, 0x8000}, {MSG_BATCH, 0x40000}, {MSG_ZEROCOPY, 0x4000000},
    {MSG_FASTOPEN, 0x20000000},
  };
  public static final int HOST_MSG_NOSIGNAL = 0x4000, HOST_MSG_CMSG_CLOEXEC = 0x40000000;

  /** {Linux, host} shutdown(2) modes. */
  private static final int[][] SHUT = {{SHUT_RD, 0}, {SHUT_WR, 1}, {SHUT_RDWR, 2}};

  /** {Linux, host} SOL_SOCKET control message types. */
  private static final int[][] SCM = {{SCM_RIGHTS, 1}, {SCM_CREDENTIALS, 2}};

  public static int familyToHost(int linux) {
    return lookup(FAMILIES, linux, 0, 1);
  }

  public static int familyFromHost(int host) {
    return lookup(FAMILIES, host, 1, 0);
  }

  public static int typeToHost(int linux) {
    return lookup(TYPES, linux, 0, 1);
  }

  public static int typeFromHost(int host) {
    return lookup(TYPES, host, 1, 0);
  }

  public static int levelToHost(int linux) {
    return lookup(LEVELS, linux, 0, 1);
  }

  public static int levelFromHost(int host) {
    return lookup(LEVELS, host, 1, 0);
  }

  /** The host name of option (level, name), both Linux values; -1 if unknown. */
  public static int optionToHost(int level, int name) {
    for (int[] o : OPTIONS) if (o[0] == level && o[1] == name) return o[2];
    return -1;
  }

  /** The Linux name of host option name at Linux level; -1 if unknown. */
  public static int optionFromHost(int level, int hostName) {
    for (int[] o : OPTIONS) if (o[0] == level && o[2] == hostName) return o[1];
    return -1;
  }

  public static int shutToHost(int linux) {
    return lookup(SHUT, linux, 0, 1);
  }

  public static int scmToHost(int linux) {
    return lookup(SCM, linux, 0, 1);
  }

  public static int scmFromHost(int host) {
    return lookup(SCM, host, 1, 0);
  }

  /** Linux MSG_* bits to the host's; bits the table lacks are dropped (Linux ignores unknown ones). */
  public static int msgToHost(int linux) {
    return bits(linux, MSG_FLAGS, 0, 1);
  }

  public static int msgFromHost(int host) {
    return bits(host, MSG_FLAGS, 1, 0);
  }

  private static int lookup(int[][] table, int v, int from, int to) {
    for (int[] p : table) if (p[from] == v) return p[to];
    return -1;
  }

  private static int bits(int value, int[][] table, int from, int to) {
    int out = 0;
    for (int[] p : table) if ((value & p[from]) != 0) out |= p[to];
    return out;
  }

  // ---------------------------------------------------------------- layouts

  /** struct sockaddr_storage: room for any host address. */
  public static final int SOCKADDR_MAX = 128;
  /** struct sockaddr_in: family u16, port (network order) at 2, address at 4; 16 bytes. */
  public static final int SOCKADDR_IN_SIZE = 16;
  /** struct sockaddr_in6: family, port at 2, flowinfo at 4, address at 8, scope id at 24; 28 bytes. */
  public static final int SOCKADDR_IN6_SIZE = 28;
  /** struct sockaddr_un: family, then sun_path[108] at 2. */
  public static final int SUN_PATH = 2, SUN_PATH_MAX = 108;

  /** struct msghdr: name, namelen (u32), iov, iovlen, control, controllen, flags (int); 56 bytes. */
  public static final int MSGHDR_SIZE = 56;
  public static final int MSG_NAME = 0, MSG_NAMELEN = 8, MSG_IOV = 16, MSG_IOVLEN = 24;
  public static final int MSG_CONTROL = 32, MSG_CONTROLLEN = 40, MSG_FLAGS_OFF = 48;
  /** struct cmsghdr: cmsg_len (size_t), level, type (int); data at CMSG_ALIGN(16), aligned to 8. */
  public static final int CMSG_HDR = 16, CMSG_ALIGN = 8;
  /** struct iovec: base, len. */
  public static final int IOVEC_SIZE = 16;
  /** struct timeval: tv_sec, tv_usec (long each). */
  public static final int TIMEVAL_SIZE = 16;
  /** struct linger: l_onoff, l_linger (int each). */
  public static final int LINGER_SIZE = 8;
  /** struct ucred: pid, uid, gid (32 bits each). */
  public static final int UCRED_SIZE = 12;

  public static long cmsgAlign(long n) {
    return (n + CMSG_ALIGN - 1) & -CMSG_ALIGN;
  }

  /**
   * Writes a into the host buffer buf (SOCKADDR_MAX bytes) and returns the length
   * to pass. A guest length shorter than its family's structure stays short, so
   * the host refuses it as Linux would.
   */
  public static int writeAddress(SocketAddress a, long buf) {
    HostMemory.fill(buf, SOCKADDR_MAX, (byte) 0);
    int host = familyToHost(a.family());
    HostMemory.put16(buf, host < 0 ? NO_FAMILY : host);
    switch (a.family()) {
      case AF_INET -> {
        HostMemory.put16(buf + 2, Short.reverseBytes((short) a.port()));
        HostMemory.copyIn(a.address(), 0, buf + 4, 4);
        return a.complete() ? SOCKADDR_IN_SIZE : a.length();
      }
      case AF_INET6 -> {
        HostMemory.put16(buf + 2, Short.reverseBytes((short) a.port()));
        HostMemory.put32(buf + 4, a.flowInfo());
        HostMemory.copyIn(a.address(), 0, buf + 8, 16);
        HostMemory.put32(buf + 24, a.scopeId());
        return a.complete() ? SOCKADDR_IN6_SIZE : a.length();
      }
      case AF_UNIX -> {
        byte[] p = a.path();
        HostMemory.copyIn(p, 0, buf + SUN_PATH, p.length);
        // A file system name is passed with its NUL; an abstract one (leading NUL) by length.
        boolean abstractName = p.length > 0 && p[0] == 0;
        return Math.min(SUN_PATH + p.length + (abstractName || p.length == 0 ? 0 : 1), SUN_PATH + SUN_PATH_MAX);
      }
      default -> {
        byte[] raw = a.raw();
        if (raw.length > 2) HostMemory.copyIn(raw, 2, buf + 2, Math.min(raw.length, SOCKADDR_MAX) - 2);
        return a.length();
      }
    }
  }

  /** Reads the host address of len bytes at buf. */
  public static SocketAddress readAddress(long buf, int len) {
    if (len < 2) return SocketAddress.unnamed(AF_UNSPEC);
    int family = familyFromHost(HostMemory.get16(buf));
    byte[] b = new byte[Math.min(len, SOCKADDR_MAX)];
    HostMemory.copyOut(buf, b, 0, b.length);
    switch (family) {
      case AF_INET -> {
        byte[] addr = new byte[4];
        HostMemory.copyOut(buf + 4, addr, 0, 4);
        return SocketAddress.inet(Short.reverseBytes((short) HostMemory.get16(buf + 2)) & 0xffff, addr);
      }
      case AF_INET6 -> {
        byte[] addr = new byte[16];
        HostMemory.copyOut(buf + 8, addr, 0, 16);
        return SocketAddress.inet6(Short.reverseBytes((short) HostMemory.get16(buf + 2)) & 0xffff,
            HostMemory.get32(buf + 4), addr, HostMemory.get32(buf + 24));
      }
      case AF_UNIX -> {
        int n = Math.max(0, b.length - SUN_PATH);
        // A file system name ends at its NUL; an abstract one is all len bytes.
        if (n > 0 && b[SUN_PATH] != 0) {
          int end = SUN_PATH;
          while (end < b.length && b[end] != 0) end++;
          n = end - SUN_PATH;
        }
        byte[] path = new byte[n];
        System.arraycopy(b, SUN_PATH, path, 0, n);
        return SocketAddress.unix(path);
      }
      default -> {
        return SocketAddress.other(family < 0 ? HostMemory.get16(buf) : family, b);
      }
    }
  }
}
