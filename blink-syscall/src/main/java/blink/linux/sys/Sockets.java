package blink.linux.sys;

import static blink.linux.abi.LinuxSocket.*;

import blink.linux.Errno;
import blink.linux.LinuxError;
import blink.linux.Syscall;
import blink.linux.SyscallTable;
import blink.linux.Sysno;
import blink.linux.Task;
import blink.linux.abi.SocketAddress;
import blink.linux.abi.SocketOptions;
import blink.linux.abi.Struct;
import blink.linux.fs.FileStat;
import blink.linux.fs.OpenFile;
import blink.linux.host.Host;
import blink.linux.host.HostErrno;
import blink.linux.host.HostSockets;
import blink.memory.HostMemory;
import blink.memory.Mmu;

/**
 * Sockets: AF_UNIX, AF_INET and AF_INET6 sockets are host sockets behind guest
 * fds, so read, write, poll, select, ioctl and sendfile work on them as on any
 * fd. Every address, option and flag is translated through
 * {@link HostSockets}; the message calls are in {@link SocketMessages}. Calls
 * that block (accept, connect, recv) block in the host holding no lock.
 */
public final class Sockets implements Syscall {
  private Sockets() {}

  private static final Sockets INSTANCE = new Sockets();

  public static void register(SyscallTable t) {
    t.add(INSTANCE, Sysno.SOCKET, Sysno.SOCKETPAIR, Sysno.BIND, Sysno.LISTEN, Sysno.ACCEPT, Sysno.ACCEPT4,
        Sysno.CONNECT, Sysno.GETSOCKNAME, Sysno.GETPEERNAME, Sysno.SENDTO, Sysno.RECVFROM, Sysno.SENDMSG,
        Sysno.RECVMSG, Sysno.SENDMMSG, Sysno.RECVMMSG, Sysno.SHUTDOWN, Sysno.SETSOCKOPT, Sysno.GETSOCKOPT);
  }

  @Override
  public long call(Task t, int nr, long a0, long a1, long a2, long a3, long a4, long a5) {
    return switch (nr) {
      case Sysno.SOCKET -> socket(t, (int) a0, (int) a1, (int) a2);
      case Sysno.SOCKETPAIR -> socketpair(t, (int) a0, (int) a1, (int) a2, a3);
      case Sysno.BIND -> bind(t, a0, a1, a2);
      case Sysno.LISTEN -> Host.check(Host.libc().listen(socket(t, a0).hostFd(), (int) a1));
      case Sysno.ACCEPT -> accept4(t, a0, a1, a2, 0);
      case Sysno.ACCEPT4 -> accept4(t, a0, a1, a2, (int) a3);
      case Sysno.CONNECT -> connect(t, a0, a1, a2);
      case Sysno.GETSOCKNAME -> getname(t, a0, a1, a2, false);
      case Sysno.GETPEERNAME -> getname(t, a0, a1, a2, true);
      case Sysno.SENDTO -> SocketMessages.sendto(t, a0, a1, a2, (int) a3, a4, a5);
      case Sysno.RECVFROM -> SocketMessages.recvfrom(t, a0, a1, a2, (int) a3, a4, a5);
      case Sysno.SENDMSG -> SocketMessages.sendmsg(t, a0, a1, (int) a2);
      case Sysno.RECVMSG -> SocketMessages.recvmsg(t, a0, a1, (int) a2);
      case Sysno.SENDMMSG -> SocketMessages.sendmmsg(t, a0, a1, a2, (int) a3);
      case Sysno.RECVMMSG -> SocketMessages.recvmmsg(t, a0, a1, a2, (int) a3, a4);
      case Sysno.SHUTDOWN -> shutdown(t, a0, (int) a1);
      case Sysno.SETSOCKOPT -> setsockopt(t, a0, (int) a1, (int) a2, a3, a4);
      case Sysno.GETSOCKOPT -> getsockopt(t, a0, (int) a1, (int) a2, a3, a4);
      default -> throw new IllegalArgumentException("not a Sockets syscall: " + nr);
    };
  }

  /** The socket behind guest fd: EBADF if none, ENOTSOCK if it is another kind of file (sockfd_lookup). */
  static OpenFile socket(Task t, long fd) {
    OpenFile f = t.process.fds.get((int) fd);
    if (f.type(t.scratch) != FileStat.S_IFSOCK) throw new LinuxError(Errno.ENOTSOCK);
    return f;
  }

  /** The socket's SOCK_* type, asked of the host (SO_TYPE). */
  static int type(Task t, OpenFile f) {
    long v = t.scratch.alloc(8);
    HostMemory.put32(v + 4, 4);
    Host.check(Host.libc().getsockopt(f.hostFd(), HostSockets.levelToHost(SOL_SOCKET),
        HostSockets.optionToHost(SOL_SOCKET, SO_TYPE), v, v + 4));
    return HostSockets.typeFromHost(HostMemory.get32(v));
  }

  // ---------------------------------------------------------------- creating

  /**
   * The host type word for a guest socket(2) type, after the checks
   * __sys_socket and __sock_create make in this order: unknown flags EINVAL,
   * family out of range or unsupported EAFNOSUPPORT, type out of range EINVAL.
   */
  private static int hostType(int family, int type) {
    int flags = type & ~SOCK_TYPE_MASK;
    if ((flags & ~(SOCK_NONBLOCK | SOCK_CLOEXEC)) != 0) throw new LinuxError(Errno.EINVAL);
    if (family < 0 || family >= AF_MAX) throw new LinuxError(Errno.EAFNOSUPPORT);
    if ((type & SOCK_TYPE_MASK) >= SOCK_MAX) throw new LinuxError(Errno.EINVAL);
    if (family != AF_UNIX && family != AF_INET && family != AF_INET6) {
      Unsupported.once("socket family " + family);
      throw new LinuxError(Errno.EAFNOSUPPORT);
    }
    int hostType = HostSockets.typeToHost(type & SOCK_TYPE_MASK);
    if (hostType < 0) throw new LinuxError(Errno.ESOCKTNOSUPPORT);
    // Host fds are always close-on-exec; the guest's flag lives in its fd table.
    return hostType | HostSockets.HOST_SOCK_CLOEXEC | ((flags & SOCK_NONBLOCK) != 0 ? HostSockets.HOST_SOCK_NONBLOCK : 0);
  }

  private static long socket(Task t, int family, int type, int protocol) {
    int hostType = hostType(family, type);
    // Protocol numbers are IANA's (IPPROTO_*), the same on every host.
    int fd = Host.check(Host.libc().socket(HostSockets.familyToHost(family), hostType, protocol));
    return Descriptors.install(t, new OpenFile(fd, true, "socket:"), (type & SOCK_CLOEXEC) != 0, 0);
  }

  private static long socketpair(Task t, int family, int type, int protocol, long sv) {
    int hostType = hostType(family, type);
    // Check the result array first so a fault cannot leak two descriptors.
    t.mmu().checkWritable(sv, 8);
    long pair = t.scratch.alloc(8);
    Host.check(Host.libc().socketpair(HostSockets.familyToHost(family), hostType, protocol, pair));
    OpenFile a = new OpenFile(HostMemory.get32(pair), true, "socket:");
    OpenFile b = new OpenFile(HostMemory.get32(pair + 4), true, "socket:");
    boolean cloexec = (type & SOCK_CLOEXEC) != 0;
    int fa;
    try {
      fa = Descriptors.install(t, a, cloexec, 0);
    } catch (LinuxError e) {
      b.release();
      throw e;
    }
    int fb;
    try {
      fb = Descriptors.install(t, b, cloexec, 0);
    } catch (LinuxError e) {
      t.process.fds.remove(fa).release();
      throw e;
    }
    Struct.of(8).put32(0, fa).put32(4, fb).write(t.mmu(), sv);
    return 0;
  }

  // ---------------------------------------------------------------- addresses

  /** A guest address in host form: a host buffer and the length to pass with it. */
  record HostAddress(long buf, int len) {}

  /**
   * Reads a guest address of len bytes (move_addr_to_kernel: a length below 0
   * or above sockaddr_storage is EINVAL) and writes its host form to scratch.
   */
  static HostAddress hostAddress(Task t, long addr, long len) {
    int n = (int) len;
    if (n < 0 || n > SocketAddress.MAX_LENGTH) throw new LinuxError(Errno.EINVAL);
    long buf = t.scratch.alloc(HostSockets.SOCKADDR_MAX);
    if (n == 0) return new HostAddress(buf, 0);
    SocketAddress a = SocketAddress.decode(t.mmu().readBytes(addr, n));
    if (a.family() == AF_UNIX) {
      // unix_validate_addr(): a sockaddr_un longer than the structure is EINVAL.
      if (n > SocketAddress.SUN_PATH + SocketAddress.SUN_PATH_MAX) throw new LinuxError(Errno.EINVAL);
      if (a.isUnixPath()) a = SocketAddress.unix(SocketPaths.toHost(t, a.path()));
    }
    return new HostAddress(buf, HostSockets.writeAddress(a, buf));
  }

  /** A host buffer and length word for the host to fill with an address. */
  static HostAddress hostAddressBuffer(Task t) {
    long buf = t.scratch.alloc(HostSockets.SOCKADDR_MAX + 8L);
    HostMemory.put32(buf + HostSockets.SOCKADDR_MAX, HostSockets.SOCKADDR_MAX);
    return new HostAddress(buf, HostSockets.SOCKADDR_MAX);
  }

  /** The length the host reported in a {@link #hostAddressBuffer}. */
  static int hostLength(HostAddress a) {
    return HostMemory.get32(a.buf() + HostSockets.SOCKADDR_MAX);
  }

  /** The guest encoding of the host address of hostLen bytes at buf (empty for none). */
  static byte[] guestAddress(long buf, int hostLen) {
    if (hostLen <= 0) return new byte[0];
    SocketAddress a = HostSockets.readAddress(buf, hostLen);
    if (a.isUnixPath()) a = SocketAddress.unix(SocketPaths.toGuest(a.path()));
    return a.encode();
  }

  /**
   * move_addr_to_user(): reads the guest's buffer length at lenAddr (negative is
   * EINVAL), copies as much of the address as fits, and writes the full length.
   */
  static void copyAddressOut(Task t, byte[] addr, long addrAddr, long lenAddr) {
    Mmu mmu = t.mmu();
    int len = mmu.read32(lenAddr);
    if (len < 0) throw new LinuxError(Errno.EINVAL);
    int n = Math.min(len, addr.length);
    if (n > 0) mmu.writeBytes(addrAddr, addr, 0, n);
    mmu.write32(lenAddr, addr.length);
  }

  private static long bind(Task t, long fd, long addr, long len) {
    OpenFile f = socket(t, fd);
    HostAddress a = hostAddress(t, addr, len);
    return Host.check(Host.libc().bind(f.hostFd(), a.buf(), a.len()));
  }

  private static long connect(Task t, long fd, long addr, long len) {
    OpenFile f = socket(t, fd);
    HostAddress a = hostAddress(t, addr, len);
    return Host.check(Host.libc().connect(f.hostFd(), a.buf(), a.len()));
  }

  private static long accept4(Task t, long fd, long addr, long lenAddr, int flags) {
    // __sys_accept4 checks the flags before the descriptor.
    if ((flags & ~(SOCK_CLOEXEC | SOCK_NONBLOCK)) != 0) throw new LinuxError(Errno.EINVAL);
    OpenFile f = socket(t, fd);
    // Signals: an accept that would block waits interruptibly first.
    Blocking.awaitReceive(t, f);
    HostAddress peer = hostAddressBuffer(t);
    int hostFlags = HostSockets.HOST_SOCK_CLOEXEC | ((flags & SOCK_NONBLOCK) != 0 ? HostSockets.HOST_SOCK_NONBLOCK : 0);
    int hostFd = Host.check(Host.libc().accept4(f.hostFd(), peer.buf(), peer.buf() + HostSockets.SOCKADDR_MAX, hostFlags));
    OpenFile conn = new OpenFile(hostFd, true, "socket:");
    int guestFd = Descriptors.install(t, conn, (flags & SOCK_CLOEXEC) != 0, 0);
    if (addr != 0) {
      try {
        copyAddressOut(t, guestAddress(peer.buf(), hostLength(peer)), addr, lenAddr);
      } catch (RuntimeException e) {
        // The connection is lost, as in __sys_accept4_file.
        t.process.fds.remove(guestFd).release();
        throw e;
      }
    }
    return guestFd;
  }

  private static long getname(Task t, long fd, long addr, long lenAddr, boolean peer) {
    OpenFile f = socket(t, fd);
    HostAddress a = hostAddressBuffer(t);
    long lenBuf = a.buf() + HostSockets.SOCKADDR_MAX;
    Host.check(peer ? Host.libc().getpeername(f.hostFd(), a.buf(), lenBuf)
        : Host.libc().getsockname(f.hostFd(), a.buf(), lenBuf));
    copyAddressOut(t, guestAddress(a.buf(), hostLength(a)), addr, lenAddr);
    return 0;
  }

  private static long shutdown(Task t, long fd, int how) {
    OpenFile f = socket(t, fd);
    int host = HostSockets.shutToHost(how);
    if (host < 0) throw new LinuxError(Errno.EINVAL);
    return Host.check(Host.libc().shutdown(f.hostFd(), host));
  }

  // ---------------------------------------------------------------- options

  /** {host level, host name} for a Linux option; unknown ones become names no host has. */
  private static int[] hostOption(int level, int name) {
    int hl = HostSockets.levelToHost(level);
    int hn = hl < 0 ? -1 : HostSockets.optionToHost(level, name);
    if (hn < 0) {
      Unsupported.once("socket option level " + level + " name " + name);
      return new int[] {hl < 0 ? HostSockets.NO_OPTION : hl, HostSockets.NO_OPTION};
    }
    return new int[] {hl, hn};
  }

  private static long setsockopt(Task t, long fd, int level, int name, long optval, long optlenArg) {
    OpenFile f = socket(t, fd);
    int optlen = (int) optlenArg;
    if (optlen < 0) throw new LinuxError(Errno.EINVAL);
    SocketOptions.Kind kind = SocketOptions.kind(level, name);
    int n = Math.min(optlen, kind.size);
    byte[] guest = n == 0 ? new byte[0] : t.mmu().readBytes(optval, n);
    long host = t.scratch.calloc(kind.size);
    toHostValue(kind, guest, host);
    int[] o = hostOption(level, name);
    return Host.check(Host.libc().setsockopt(f.hostFd(), o[0], o[1], host, n));
  }

  private static long getsockopt(Task t, long fd, int level, int name, long optval, long optlenAddr) {
    OpenFile f = socket(t, fd);
    Mmu mmu = t.mmu();
    int len = mmu.read32(optlenAddr);
    if (len < 0) throw new LinuxError(Errno.EINVAL);
    SocketOptions.Kind kind = SocketOptions.kind(level, name);
    long host = t.scratch.calloc(kind.size + 8L);
    long hostLen = host + kind.size;
    HostMemory.put32(hostLen, Math.min(len, kind.size));
    int[] o = hostOption(level, name);
    Host.check(Host.libc().getsockopt(f.hostFd(), o[0], o[1], host, hostLen));
    int got = Math.min(HostMemory.get32(hostLen), kind.size);
    byte[] guest = fromHostValue(kind, host, got);
    if (got > 0) mmu.writeBytes(optval, guest, 0, Math.min(got, Math.min(len, guest.length)));
    mmu.write32(optlenAddr, got);
    return 0;
  }

  /** Writes a guest option value (n bytes, maybe short) in host form at host. */
  private static void toHostValue(SocketOptions.Kind kind, byte[] guest, long host) {
    // int, linger and ucred are 32-bit words and timeval two longs on both sides;
    // each field is copied as what it is, so a host with other widths changes here.
    switch (kind) {
      case TIMEVAL -> {
        Struct s = Struct.of(16);
        System.arraycopy(guest, 0, s.bytes(), 0, guest.length);
        HostMemory.put64(host, s.get64(0));
        HostMemory.put64(host + 8, s.get64(8));
      }
      default -> HostMemory.copyIn(guest, 0, host, guest.length);
    }
  }

  /** The guest form of the host option value of got bytes at host. */
  private static byte[] fromHostValue(SocketOptions.Kind kind, long host, int got) {
    byte[] b = new byte[Math.max(got, 0)];
    HostMemory.copyOut(host, b, 0, b.length);
    if (got < 4) return b;
    Struct s = Struct.of(b.length);
    System.arraycopy(b, 0, s.bytes(), 0, b.length);
    switch (kind) {
      case SOCK_TYPE -> s.put32(0, orSame(HostSockets.typeFromHost(s.get32(0)), s.get32(0)));
      case FAMILY -> s.put32(0, orSame(HostSockets.familyFromHost(s.get32(0)), s.get32(0)));
      case ERRNO -> s.put32(0, s.get32(0) == 0 ? 0 : HostErrno.toLinux(s.get32(0)));
      case TIMEVAL -> {
        if (got >= 16) s.put64(0, HostMemory.get64(host)).put64(8, HostMemory.get64(host + 8));
      }
      default -> {}
    }
    return s.bytes();
  }

  private static int orSame(int translated, int original) {
    return translated >= 0 ? translated : original;
  }
}
