package blink.linux.abi;

import static blink.linux.abi.LinuxSocket.*;

/**
 * What the value of each socket option is, so getsockopt and setsockopt can
 * translate it field by field. Values are x86-64 Linux layouts: int, struct
 * timeval {long tv_sec; long tv_usec}, struct linger {int l_onoff; int l_linger},
 * struct ucred {pid_t pid; uid_t uid; gid_t gid}.
 */
public final class SocketOptions {
  private SocketOptions() {}

  public enum Kind {
    /** An int (or a flag stored as one); some IP options also take a single byte. */
    INT(4),
    /** SO_TYPE: an int holding a SOCK_* value. */
    SOCK_TYPE(4),
    /** SO_DOMAIN: an int holding an AF_* value. */
    FAMILY(4),
    /** SO_ERROR: an int holding an errno value. */
    ERRNO(4),
    TIMEVAL(16),
    LINGER(8),
    UCRED(12),
    /** Bytes both sides lay out alike: strings, ip_mreq, ipv6_mreq, tcp_info. */
    BYTES(4096);

    /** The size of the value (for BYTES, the most the emulator passes). */
    public final int size;

    Kind(int size) {
      this.size = size;
    }
  }

  /** The kind of option (level, name), Linux values; INT for options not listed specially. */
  public static Kind kind(int level, int name) {
    if (level == SOL_SOCKET) {
      return switch (name) {
        case SO_TYPE -> Kind.SOCK_TYPE;
        case SO_DOMAIN -> Kind.FAMILY;
        case SO_ERROR -> Kind.ERRNO;
        case SO_RCVTIMEO, SO_SNDTIMEO -> Kind.TIMEVAL;
        case SO_LINGER -> Kind.LINGER;
        case SO_PEERCRED -> Kind.UCRED;
        case SO_BINDTODEVICE -> Kind.BYTES;
        default -> Kind.INT;
      };
    }
    if (level == IPPROTO_TCP) {
      return name == TCP_INFO || name == TCP_CONGESTION ? Kind.BYTES : Kind.INT;
    }
    if (level == IPPROTO_IP) {
      return switch (name) {
        case IP_OPTIONS, IP_MULTICAST_IF, IP_ADD_MEMBERSHIP, IP_DROP_MEMBERSHIP -> Kind.BYTES;
        default -> Kind.INT;
      };
    }
    if (level == IPPROTO_IPV6) {
      return name == IPV6_JOIN_GROUP || name == IPV6_LEAVE_GROUP || name == IPV6_PKTINFO ? Kind.BYTES : Kind.INT;
    }
    return Kind.INT;
  }
}
