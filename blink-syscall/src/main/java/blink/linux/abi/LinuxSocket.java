package blink.linux.abi;

/**
 * Linux x86-64 socket constants as the guest passes them: address families
 * (linux/socket.h), socket types and their flags (linux/net.h), option levels
 * and names (asm-generic/socket.h, netinet/in.h, linux/tcp.h, linux/in6.h),
 * message flags and shutdown modes. The host's numbers are in
 * {@link blink.linux.host.HostSockets}; nothing here assumes they agree.
 */
public final class LinuxSocket {
  private LinuxSocket() {}

  // Address families.
  public static final int AF_UNSPEC = 0, AF_UNIX = 1, AF_INET = 2, AF_INET6 = 10;
  public static final int AF_NETLINK = 16, AF_PACKET = 17;
  /** AF_MAX: families at or past it are EAFNOSUPPORT before any lookup (net/socket.c). */
  public static final int AF_MAX = 46;

  // Socket types (the low four bits of socket(2)'s type) and the flags above them.
  public static final int SOCK_STREAM = 1, SOCK_DGRAM = 2, SOCK_RAW = 3, SOCK_RDM = 4;
  public static final int SOCK_SEQPACKET = 5, SOCK_DCCP = 6, SOCK_PACKET = 10;
  /** SOCK_MAX: types at or past it are EINVAL (net/socket.c __sock_create). */
  public static final int SOCK_MAX = 11;
  public static final int SOCK_TYPE_MASK = 0xf;
  public static final int SOCK_NONBLOCK = 04000, SOCK_CLOEXEC = 02000000;

  // Option levels.
  public static final int SOL_SOCKET = 1;
  public static final int IPPROTO_IP = 0, IPPROTO_TCP = 6, IPPROTO_UDP = 17, IPPROTO_IPV6 = 41;

  // SOL_SOCKET options (asm-generic/socket.h; SO_RCVTIMEO and SO_SNDTIMEO are the
  // _OLD forms with a native struct timeval, which x86-64 libcs use).
  public static final int SO_DEBUG = 1, SO_REUSEADDR = 2, SO_TYPE = 3, SO_ERROR = 4;
  public static final int SO_DONTROUTE = 5, SO_BROADCAST = 6, SO_SNDBUF = 7, SO_RCVBUF = 8;
  public static final int SO_KEEPALIVE = 9, SO_OOBINLINE = 10, SO_NO_CHECK = 11, SO_PRIORITY = 12;
  public static final int SO_LINGER = 13, SO_REUSEPORT = 15, SO_PASSCRED = 16, SO_PEERCRED = 17;
  public static final int SO_RCVLOWAT = 18, SO_SNDLOWAT = 19, SO_RCVTIMEO = 20, SO_SNDTIMEO = 21;
  public static final int SO_BINDTODEVICE = 25, SO_TIMESTAMP = 29, SO_ACCEPTCONN = 30;
  public static final int SO_SNDBUFFORCE = 32, SO_RCVBUFFORCE = 33, SO_MARK = 36;
  public static final int SO_PROTOCOL = 38, SO_DOMAIN = 39, SO_PEEK_OFF = 42, SO_BUSY_POLL = 46;
  public static final int SO_INCOMING_CPU = 49, SO_ZEROCOPY = 60;

  // SOL_SOCKET control messages.
  public static final int SCM_RIGHTS = 1, SCM_CREDENTIALS = 2;
  /** SCM_MAX_FD: the most descriptors one SCM_RIGHTS message carries (include/net/scm.h). */
  public static final int SCM_MAX_FD = 253;

  // IPPROTO_TCP options (linux/tcp.h).
  public static final int TCP_NODELAY = 1, TCP_MAXSEG = 2, TCP_CORK = 3, TCP_KEEPIDLE = 4;
  public static final int TCP_KEEPINTVL = 5, TCP_KEEPCNT = 6, TCP_SYNCNT = 7, TCP_LINGER2 = 8;
  public static final int TCP_DEFER_ACCEPT = 9, TCP_WINDOW_CLAMP = 10, TCP_INFO = 11;
  public static final int TCP_QUICKACK = 12, TCP_CONGESTION = 13, TCP_USER_TIMEOUT = 18;
  public static final int TCP_FASTOPEN = 23, TCP_NOTSENT_LOWAT = 25;

  // IPPROTO_IP options (linux/in.h).
  public static final int IP_TOS = 1, IP_TTL = 2, IP_HDRINCL = 3, IP_OPTIONS = 4, IP_PKTINFO = 8;
  public static final int IP_MTU_DISCOVER = 10, IP_RECVERR = 11, IP_RECVTTL = 12, IP_RECVTOS = 13;
  public static final int IP_MTU = 14, IP_FREEBIND = 15, IP_TRANSPARENT = 19;
  public static final int IP_BIND_ADDRESS_NO_PORT = 24, IP_MULTICAST_IF = 32, IP_MULTICAST_TTL = 33;
  public static final int IP_MULTICAST_LOOP = 34, IP_ADD_MEMBERSHIP = 35, IP_DROP_MEMBERSHIP = 36;

  // IPPROTO_IPV6 options (linux/in6.h).
  public static final int IPV6_UNICAST_HOPS = 16, IPV6_MULTICAST_IF = 17, IPV6_MULTICAST_HOPS = 18;
  public static final int IPV6_MULTICAST_LOOP = 19, IPV6_JOIN_GROUP = 20, IPV6_LEAVE_GROUP = 21;
  public static final int IPV6_MTU_DISCOVER = 23, IPV6_MTU = 24, IPV6_RECVERR = 25, IPV6_V6ONLY = 26;
  public static final int IPV6_RECVPKTINFO = 49, IPV6_PKTINFO = 50, IPV6_RECVHOPLIMIT = 51;
  public static final int IPV6_HOPLIMIT = 52, IPV6_RECVTCLASS = 66, IPV6_TCLASS = 67;

  // Message flags (linux/socket.h).
  public static final int MSG_OOB = 0x1, MSG_PEEK = 0x2, MSG_DONTROUTE = 0x4, MSG_CTRUNC = 0x8;
  public static final int MSG_PROXY = 0x10, MSG_TRUNC = 0x20, MSG_DONTWAIT = 0x40, MSG_EOR = 0x80;
  public static final int MSG_WAITALL = 0x100, MSG_FIN = 0x200, MSG_SYN = 0x400, MSG_CONFIRM = 0x800;
  public static final int MSG_RST = 0x1000, MSG_ERRQUEUE = 0x2000, MSG_NOSIGNAL = 0x4000;
  public static final int MSG_MORE = 0x8000, MSG_WAITFORONE = 0x10000, MSG_BATCH = 0x40000;
  public static final int MSG_ZEROCOPY = 0x4000000, MSG_FASTOPEN = 0x20000000;
  public static final int MSG_CMSG_CLOEXEC = 0x40000000;

  // shutdown(2) modes.
  public static final int SHUT_RD = 0, SHUT_WR = 1, SHUT_RDWR = 2;
}
