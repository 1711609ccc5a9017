package blink.linux.sys;

import static blink.linux.fs.OpenFlags.AT_FDCWD;

import blink.linux.Errno;
import blink.linux.LinuxError;
import blink.linux.Syscall;
import blink.linux.SyscallTable;
import blink.linux.Sysno;
import blink.linux.Task;
import blink.linux.UserMemory;
import blink.linux.fs.HostPath;
import blink.linux.host.Host;
import blink.linux.host.HostFlags;
import blink.linux.host.Libc;
import java.nio.charset.StandardCharsets;

/**
 * Extended attributes (xattr(7)), kept by the host file system: the guest's path
 * is resolved through its roots, and the host answers for the file. The name
 * (at most XATTR_NAME_MAX bytes, else ERANGE) and value (at most XATTR_SIZE_MAX)
 * are copied between guest memory and host buffers as fs/xattr.c copies them.
 */
public final class ExtendedAttributes implements Syscall {
  private ExtendedAttributes() {}

  /** XATTR_NAME_MAX and XATTR_SIZE_MAX (include/uapi/linux/limits.h). */
  static final int NAME_MAX = 255, SIZE_MAX = 65536;

  private static final ExtendedAttributes INSTANCE = new ExtendedAttributes();

  public static void register(SyscallTable t) {
    t.add(INSTANCE, Sysno.SETXATTR, Sysno.LSETXATTR, Sysno.FSETXATTR, Sysno.GETXATTR, Sysno.LGETXATTR,
        Sysno.FGETXATTR, Sysno.LISTXATTR, Sysno.LLISTXATTR, Sysno.FLISTXATTR, Sysno.REMOVEXATTR,
        Sysno.LREMOVEXATTR, Sysno.FREMOVEXATTR);
  }

  /** Which file a call names: a host path (and whether its last link is followed) or a host fd. */
  private record Target(long path, boolean follow, int fd) {}

  @Override
  public long call(Task t, int nr, long a0, long a1, long a2, long a3, long a4, long a5) {
    Libc c = Host.libc();
    return switch (nr) {
      case Sysno.GETXATTR, Sysno.LGETXATTR, Sysno.FGETXATTR -> {
        long name = name(t, a1);
        Target f = target(t, nr, a0, Sysno.GETXATTR, Sysno.FGETXATTR);
        yield out(t, a2, a3, (buf, size) -> f.fd >= 0 ? c.fgetxattr(f.fd, name, buf, size)
            : f.follow ? c.getxattr(f.path, name, buf, size) : c.lgetxattr(f.path, name, buf, size));
      }
      case Sysno.LISTXATTR, Sysno.LLISTXATTR, Sysno.FLISTXATTR -> {
        Target f = target(t, nr, a0, Sysno.LISTXATTR, Sysno.FLISTXATTR);
        yield out(t, a1, a2, (buf, size) -> f.fd >= 0 ? c.flistxattr(f.fd, buf, size)
            : f.follow ? c.listxattr(f.path, buf, size) : c.llistxattr(f.path, buf, size));
      }
      case Sysno.SETXATTR, Sysno.LSETXATTR, Sysno.FSETXATTR -> {
        long name = name(t, a1);
        // setxattr_copy(): a value longer than XATTR_SIZE_MAX is E2BIG before it is read.
        if (Long.compareUnsigned(a3, SIZE_MAX) > 0) throw new LinuxError(Errno.E2BIG);
        long value = t.scratch.alloc(Math.max(1, a3));
        UserMemory.copyIn(t.mmu(), a2, value, a3);
        Target f = target(t, nr, a0, Sysno.SETXATTR, Sysno.FSETXATTR);
        int flags = (int) a4;
        yield Host.check(f.fd >= 0 ? c.fsetxattr(f.fd, name, value, a3, flags)
            : f.follow ? c.setxattr(f.path, name, value, a3, flags) : c.lsetxattr(f.path, name, value, a3, flags));
      }
      case Sysno.REMOVEXATTR, Sysno.LREMOVEXATTR, Sysno.FREMOVEXATTR -> {
        long name = name(t, a1);
        Target f = target(t, nr, a0, Sysno.REMOVEXATTR, Sysno.FREMOVEXATTR);
        yield Host.check(f.fd >= 0 ? c.fremovexattr(f.fd, name)
            : f.follow ? c.removexattr(f.path, name) : c.lremovexattr(f.path, name));
      }
      default -> throw new IllegalArgumentException("not an ExtendedAttributes syscall: " + nr);
    };
  }

  /** The attribute name in host memory; empty or longer than XATTR_NAME_MAX is ERANGE. */
  private static long name(Task t, long addr) {
    byte[] n = t.mmu().readCString(addr, NAME_MAX + 1);
    if (n.length == 0 || n.length > NAME_MAX) throw new LinuxError(Errno.ERANGE);
    return t.scratch.cString(n);
  }

  /**
   * The file: for the f-variant the host fd behind the guest's; otherwise the guest
   * path resolved through the roots, named for the host as its dirfd's
   * /proc/self/fd link plus the rest (the x- and lx- calls take no dirfd).
   */
  private static Target target(Task t, int nr, long arg, int followingCall, int fdCall) {
    if (nr == fdCall) return new Target(0, true, t.process.fds.get((int) arg).hostFd());
    byte[] path = UserMemory.readPath(t.mmu(), arg);
    if (path.length == 0) throw new LinuxError(Errno.ENOENT);
    boolean follow = nr == followingCall;
    HostPath hp = t.process.vfs.resolve(t, AT_FDCWD, path, follow);
    String name = new String(hp.path(), StandardCharsets.ISO_8859_1);
    if (hp.dirfd() != HostFlags.HOST_AT_FDCWD) {
      name = "/proc/self/fd/" + hp.dirfd() + (name.isEmpty() ? "" : "/" + name);
    }
    // An empty name means the dirfd is the file itself: its /proc/self/fd link must be followed.
    boolean hostFollows = hp.hostFollows() || hp.path().length == 0 || (follow && !hp.noFollow());
    return new Target(t.scratch.cString(name.getBytes(StandardCharsets.ISO_8859_1)), hostFollows, -1);
  }

  /** A host call that fills a buffer of the given size. */
  private interface Fill {
    long run(long buf, long size);
  }

  /**
   * getxattr/listxattr's buffer: a size of 0 asks for the length only; a size over
   * XATTR_SIZE_MAX is cut to it; the bytes the host gave are copied out (EFAULT).
   */
  private static long out(Task t, long addr, long size, Fill fill) {
    long n = Long.compareUnsigned(size, SIZE_MAX) > 0 ? SIZE_MAX : size;
    long buf = n == 0 ? 0 : t.scratch.alloc(n);
    long got = Host.check(fill.run(buf, n));
    if (n != 0 && got > 0) UserMemory.copyOut(t.mmu(), buf, addr, got);
    return got;
  }
}
