package blink.linux.sys;

import static blink.linux.fs.OpenFlags.AT_EMPTY_PATH;
import static blink.linux.fs.OpenFlags.AT_FDCWD;
import static blink.linux.fs.OpenFlags.AT_SYMLINK_NOFOLLOW;

import blink.linux.Errno;
import blink.linux.LinuxError;
import blink.linux.Syscall;
import blink.linux.SyscallTable;
import blink.linux.Sysno;
import blink.linux.Task;
import blink.linux.UserMemory;
import blink.linux.abi.Struct;
import blink.linux.fs.HostPath;
import blink.linux.host.Host;
import blink.linux.host.HostFlags;
import blink.memory.HostMemory;

/** Changing file attributes: mode (chmod), owner (chown), timestamps (utimensat, utimes, utime, futimesat). */
public final class Attributes implements Syscall {
  private Attributes() {}

  /** utimensat(2) special tv_nsec values. */
  static final long UTIME_NOW = (1L << 30) - 1, UTIME_OMIT = (1L << 30) - 2;

  private static final Attributes INSTANCE = new Attributes();

  public static void register(SyscallTable t) {
    t.add(INSTANCE, Sysno.CHMOD, Sysno.FCHMOD, Sysno.FCHMODAT, Sysno.FCHMODAT2, Sysno.CHOWN,
        Sysno.FCHOWN, Sysno.LCHOWN, Sysno.FCHOWNAT, Sysno.UTIMENSAT, Sysno.UTIME, Sysno.UTIMES, Sysno.FUTIMESAT);
  }

  @Override
  public long call(Task t, int nr, long a0, long a1, long a2, long a3, long a4, long a5) {
    return switch (nr) {
      case Sysno.CHMOD -> fchmodat(t, AT_FDCWD, a0, a1, 0);
      case Sysno.FCHMOD -> Host.check(Host.libc().fchmod(t.process.fds.get((int) a0).hostFd(), (int) a1 & 07777));
      case Sysno.FCHMODAT -> fchmodat(t, a0, a1, a2, 0);
      case Sysno.FCHMODAT2 -> fchmodat(t, a0, a1, a2, a3);
      case Sysno.CHOWN -> fchownat(t, AT_FDCWD, a0, a1, a2, 0);
      case Sysno.FCHOWN -> Host.check(Host.libc().fchown(t.process.fds.get((int) a0).hostFd(), (int) a1, (int) a2));
      case Sysno.LCHOWN -> fchownat(t, AT_FDCWD, a0, a1, a2, AT_SYMLINK_NOFOLLOW);
      case Sysno.FCHOWNAT -> fchownat(t, a0, a1, a2, a3, a4);
      case Sysno.UTIMENSAT -> utimensat(t, a0, a1, a2, a3);
      case Sysno.UTIME -> setTimes(t, AT_FDCWD, a0, utimbuf(t, a1), 0);
      case Sysno.UTIMES -> setTimes(t, AT_FDCWD, a0, timevals(t, a1), 0);
      case Sysno.FUTIMESAT -> setTimes(t, a0, a1, timevals(t, a2), 0);
      default -> throw new IllegalArgumentException("not an Attributes syscall: " + nr);
    };
  }

  private static HostPath path(Task t, long dirfd, long pathAddr, long flags) {
    byte[] path = UserMemory.readPath(t.mmu(), pathAddr);
    if (path.length == 0 && (flags & AT_EMPTY_PATH) == 0) throw new LinuxError(Errno.ENOENT);
    return t.process.vfs.resolve(t, dirfd, path, (flags & AT_SYMLINK_NOFOLLOW) == 0);
  }

  private static long fchmodat(Task t, long dirfd, long pathAddr, long mode, long flags) {
    if ((flags & ~(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH)) != 0) throw new LinuxError(Errno.EINVAL);
    HostPath hp = path(t, dirfd, pathAddr, flags);
    Host.check(Host.libc().fchmodat(hp.dirfd(), t.scratch.cString(hp.path()), (int) mode & 07777,
        HostFlags.atToHost(hp.atFlags((int) flags))));
    return 0;
  }

  /** chown(2): an id of -1 leaves that id unchanged. */
  private static long fchownat(Task t, long dirfd, long pathAddr, long uid, long gid, long flags) {
    if ((flags & ~(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH)) != 0) throw new LinuxError(Errno.EINVAL);
    HostPath hp = path(t, dirfd, pathAddr, flags);
    Host.check(Host.libc().fchownat(hp.dirfd(), t.scratch.cString(hp.path()), (int) uid, (int) gid,
        HostFlags.atToHost(hp.atFlags((int) flags))));
    return 0;
  }

  /**
   * utimensat(2): times is NULL (both now) or two struct timespec, each a time,
   * UTIME_NOW or UTIME_OMIT. A NULL path (Linux's futimens) changes dirfd itself.
   */
  private static long utimensat(Task t, long dirfd, long pathAddr, long timesAddr, long flags) {
    if ((flags & ~(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH)) != 0) throw new LinuxError(Errno.EINVAL);
    long times = 0;
    if (timesAddr != 0) {
      Struct ts = Struct.read(t.mmu(), timesAddr, 32);
      times = t.scratch.alloc(32);
      for (int i = 0; i < 2; i++) {
        long sec = ts.get64(16 * i), nsec = ts.get64(16 * i + 8);
        if (nsec != UTIME_NOW && nsec != UTIME_OMIT && (nsec < 0 || nsec >= 1_000_000_000L)) {
          throw new LinuxError(Errno.EINVAL);
        }
        // struct timespec and the UTIME_* values are the same on a Linux host.
        HostMemory.put64(times + 16 * i, sec);
        HostMemory.put64(times + 16 * i + 8, nsec);
      }
    }
    return setTimes(t, dirfd, pathAddr, times, flags);
  }

  /**
   * Sets the times of the file dirfd/path (or dirfd itself for a NULL path) to the
   * host struct timespec[2] at host address times (0: both now).
   */
  private static long setTimes(Task t, long dirfd, long pathAddr, long times, long flags) {
    if (pathAddr == 0) {
      if ((int) dirfd == AT_FDCWD) throw new LinuxError(Errno.EFAULT);
      if (flags != 0) throw new LinuxError(Errno.EINVAL);
      return Host.check(Host.libc().futimens(t.process.fds.get((int) dirfd).hostFd(), times));
    }
    HostPath hp = path(t, dirfd, pathAddr, flags);
    Host.check(Host.libc().utimensat(hp.dirfd(), t.scratch.cString(hp.path()), times,
        HostFlags.atToHost(hp.atFlags((int) flags))));
    return 0;
  }

  /** utime(2): struct utimbuf {time_t actime, modtime} as host timespecs; NULL is "both now" (0). */
  private static long utimbuf(Task t, long addr) {
    if (addr == 0) return 0;
    Struct u = Struct.read(t.mmu(), addr, 16);
    long times = t.scratch.alloc(32);
    for (int i = 0; i < 2; i++) {
      HostMemory.put64(times + 16 * i, u.get64(8 * i));
      HostMemory.put64(times + 16 * i + 8, 0);
    }
    return times;
  }

  /** utimes(2)/futimesat(2): struct timeval[2] as host timespecs; tv_usec must lie in [0, 10^6). */
  private static long timevals(Task t, long addr) {
    if (addr == 0) return 0;
    Struct tv = Struct.read(t.mmu(), addr, 32);
    long times = t.scratch.alloc(32);
    for (int i = 0; i < 2; i++) {
      long sec = tv.get64(16 * i), usec = tv.get64(16 * i + 8);
      if (usec < 0 || usec >= 1_000_000) throw new LinuxError(Errno.EINVAL);
      HostMemory.put64(times + 16 * i, sec);
      HostMemory.put64(times + 16 * i + 8, usec * 1000);
    }
    return times;
  }
}
