package blink.linux.abi;

import static blink.linux.abi.LinuxSocket.AF_INET;
import static blink.linux.abi.LinuxSocket.AF_INET6;
import static blink.linux.abi.LinuxSocket.AF_UNIX;

import java.util.Arrays;

/**
 * A socket address, independent of any structure layout, and its x86-64 Linux
 * encodings (bits/sockaddr.h, netinet/in.h, sys/un.h):
 *
 * <pre>
 *   sockaddr_in   0 family u16 | 2 port be16 | 4 addr[4]  | 8 zero[8]            (16)
 *   sockaddr_in6  0 family u16 | 2 port be16 | 4 flowinfo | 8 addr[16] | 24 scope (28)
 *   sockaddr_un   0 family u16 | 2 sun_path[108]                                 (110)
 * </pre>
 *
 * The family is Linux's. {@code length} is the length the guest gave (or the
 * host reported); {@code raw} keeps the bytes of a family the emulator does not
 * decode. An AF_UNIX path is the name without its NUL; an abstract name starts
 * with a NUL byte; an unnamed socket has an empty path.
 */
public record SocketAddress(int family, int port, int flowInfo, byte[] address, int scopeId, byte[] path,
    byte[] raw, int length) {

  public static final int SOCKADDR_IN_SIZE = 16, SOCKADDR_IN6_SIZE = 28;
  /** offsetof(struct sockaddr_un, sun_path), and the size of sun_path. */
  public static final int SUN_PATH = 2, SUN_PATH_MAX = 108;
  /** sizeof(struct sockaddr_storage): the longest address a guest may pass (move_addr_to_kernel). */
  public static final int MAX_LENGTH = 128;

  public static SocketAddress inet(int port, byte[] addr) {
    return new SocketAddress(AF_INET, port, 0, addr, 0, null, null, SOCKADDR_IN_SIZE);
  }

  public static SocketAddress inet6(int port, int flowInfo, byte[] addr, int scopeId) {
    return new SocketAddress(AF_INET6, port, flowInfo, addr, scopeId, null, null, SOCKADDR_IN6_SIZE);
  }

  public static SocketAddress unix(byte[] path) {
    boolean fsName = path.length > 0 && path[0] != 0;
    return new SocketAddress(AF_UNIX, 0, 0, null, 0, path, null, SUN_PATH + path.length + (fsName ? 1 : 0));
  }

  /** An address with nothing but its family (an unnamed socket of another family). */
  public static SocketAddress unnamed(int family) {
    return other(family, new byte[] {(byte) family, (byte) (family >> 8)});
  }

  public static SocketAddress other(int family, byte[] raw) {
    return new SocketAddress(family, 0, 0, null, 0, null, raw, raw.length);
  }

  /** Whether the guest gave at least the whole structure of its family. */
  public boolean complete() {
    return switch (family) {
      case AF_INET -> length >= SOCKADDR_IN_SIZE;
      case AF_INET6 -> length >= SOCKADDR_IN6_SIZE;
      default -> true;
    };
  }

  /** Whether this is an AF_UNIX name in the file system (not abstract, not unnamed). */
  public boolean isUnixPath() {
    return family == AF_UNIX && path.length > 0 && path[0] != 0;
  }

  /**
   * Decodes len guest bytes. Missing fields of a short address read as zero; an
   * AF_UNIX file system name ends at its first NUL, as unix_mkname_bsd() cuts it.
   */
  public static SocketAddress decode(byte[] b) {
    int len = b.length;
    if (len < 2) return other(LinuxSocket.AF_UNSPEC, b);
    byte[] full = Arrays.copyOf(b, Math.max(len, MAX_LENGTH));
    int family = (full[0] & 0xff) | (full[1] & 0xff) << 8;
    switch (family) {
      case AF_INET -> {
        return new SocketAddress(family, port(full), 0, Arrays.copyOfRange(full, 4, 8), 0, null, null, len);
      }
      case AF_INET6 -> {
        return new SocketAddress(family, port(full), le32(full, 4), Arrays.copyOfRange(full, 8, 24),
            le32(full, 24), null, null, len);
      }
      case AF_UNIX -> {
        int end = len;
        if (len > SUN_PATH && b[SUN_PATH] != 0) {
          end = SUN_PATH;
          while (end < len && b[end] != 0) end++;
        }
        return new SocketAddress(family, 0, 0, null, 0, Arrays.copyOfRange(b, SUN_PATH, end), null, len);
      }
      default -> {
        return other(family, b);
      }
    }
  }

  /** The guest encoding; its length is the address's Linux length. */
  public byte[] encode() {
    switch (family) {
      case AF_INET -> {
        Struct s = Struct.of(SOCKADDR_IN_SIZE).put16(0, family).put16(2, Short.reverseBytes((short) port));
        System.arraycopy(address, 0, s.bytes(), 4, 4);
        return s.bytes();
      }
      case AF_INET6 -> {
        Struct s = Struct.of(SOCKADDR_IN6_SIZE).put16(0, family).put16(2, Short.reverseBytes((short) port))
            .put32(4, flowInfo).put32(24, scopeId);
        System.arraycopy(address, 0, s.bytes(), 8, 16);
        return s.bytes();
      }
      case AF_UNIX -> {
        // unix_getname(): a file system name is reported with its NUL.
        Struct s = Struct.of(length).put16(0, family);
        System.arraycopy(path, 0, s.bytes(), SUN_PATH, Math.min(path.length, length - SUN_PATH));
        return s.bytes();
      }
      default -> {
        byte[] r = raw.clone();
        if (r.length >= 2) {
          r[0] = (byte) family;
          r[1] = (byte) (family >> 8);
        }
        return r;
      }
    }
  }

  private static int port(byte[] b) {
    return (b[2] & 0xff) << 8 | (b[3] & 0xff);
  }

  private static int le32(byte[] b, int off) {
    return (b[off] & 0xff) | (b[off + 1] & 0xff) << 8 | (b[off + 2] & 0xff) << 16 | (b[off + 3] & 0xff) << 24;
  }
}
