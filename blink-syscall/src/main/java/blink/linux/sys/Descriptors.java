package blink.linux.sys;

import static blink.linux.fs.OpenFlags.O_CLOEXEC;

import blink.linux.Errno;
import blink.linux.LinuxError;
import blink.linux.Rlimits;
import blink.linux.Syscall;
import blink.linux.SyscallTable;
import blink.linux.Sysno;
import blink.linux.Task;
import blink.linux.UserMemory;
import blink.linux.abi.Struct;
import blink.linux.fs.FdTable;
import blink.linux.fs.OpenFile;
import blink.linux.fs.OpenFlags;
import blink.linux.fs.HostPath;
import blink.linux.host.Host;
import blink.linux.host.HostErrno;
import blink.linux.host.HostFlags;
import blink.memory.HostMemory;
import java.nio.charset.StandardCharsets;

/** Making and unmaking file descriptors: open, close, dup, fcntl, pipe. */
public final class Descriptors implements Syscall {
  private Descriptors() {}

  private static final Descriptors INSTANCE = new Descriptors();

  public static void register(SyscallTable t) {
    t.add(INSTANCE, Sysno.OPEN, Sysno.OPENAT, Sysno.CREAT, Sysno.CLOSE, Sysno.DUP, Sysno.DUP2,
        Sysno.DUP3, Sysno.FCNTL, Sysno.PIPE, Sysno.PIPE2, Sysno.CLOSE_RANGE);
  }

  @Override
  public long call(Task t, int nr, long a0, long a1, long a2, long a3, long a4, long a5) {
    return switch (nr) {
      case Sysno.OPEN -> openat(t, OpenFlags.AT_FDCWD, a0, a1, a2);
      case Sysno.OPENAT -> openat(t, a0, a1, a2, a3);
      // creat(2) is open(path, O_CREAT|O_WRONLY|O_TRUNC, mode).
      case Sysno.CREAT -> openat(t, OpenFlags.AT_FDCWD, a0,
          OpenFlags.O_CREAT | OpenFlags.O_WRONLY | OpenFlags.O_TRUNC, a1);
      case Sysno.CLOSE -> close(t, a0);
      case Sysno.CLOSE_RANGE -> closeRange(t, a0 & 0xffffffffL, a1 & 0xffffffffL, (int) a2);
      case Sysno.DUP -> dup(t, a0);
      case Sysno.DUP2 -> dup2(t, a0, a1);
      case Sysno.DUP3 -> dup3(t, a0, a1, a2);
      case Sysno.FCNTL -> fcntl(t, a0, a1, a2);
      case Sysno.PIPE -> pipe2(t, a0, 0);
      case Sysno.PIPE2 -> pipe2(t, a0, a1);
      default -> throw new IllegalArgumentException("not a Descriptors syscall: " + nr);
    };
  }

  /** The guest's RLIMIT_NOFILE soft limit: fds must stay below it. */
  static long fileLimit(Task t) {
    return t.process.rlimits.soft(Rlimits.RLIMIT_NOFILE, t.scratch);
  }

  private static long openat(Task t, long dirfd, long pathAddr, long flags, long mode) {
    byte[] path = UserMemory.readPath(t.mmu(), pathAddr);
    if (path.length == 0) throw new LinuxError(Errno.ENOENT);
    int linuxFlags = (int) flags;
    // O_NOFOLLOW, and O_CREAT|O_EXCL (which fails on any existing name), leave a final symlink alone.
    boolean follow = (linuxFlags & OpenFlags.O_NOFOLLOW) == 0
        && (linuxFlags & (OpenFlags.O_CREAT | OpenFlags.O_EXCL)) != (OpenFlags.O_CREAT | OpenFlags.O_EXCL);
    HostPath hp = t.process.vfs.resolve(t, dirfd, path, follow);
    // A file the emulator provides is read-only (mode 0444, and root gets no exception).
    if (hp.readOnly() && ((linuxFlags & OpenFlags.O_ACCMODE) != OpenFlags.O_RDONLY
        || (linuxFlags & OpenFlags.O_TRUNC) != 0)) {
      throw new LinuxError(Errno.EACCES);
    }
    // Host fds are always close-on-exec so nothing the JVM starts inherits them;
    // the guest's own close-on-exec flag lives in its fd table.
    int hostFlags = HostFlags.openToHost(hp.openFlags(linuxFlags)) | HostFlags.openToHost(O_CLOEXEC);
    // Only the permission bits of mode count (S_IALLUGO), less the umask (open(2)).
    int perm = (int) mode & 07777 & ~t.process.umask();
    int hostFd = Host.check(Host.libc().openat(hp.dirfd(), t.scratch.cString(hp.path()), hostFlags, perm));
    OpenFile f = new OpenFile(hostFd, true, new String(path, StandardCharsets.UTF_8)).placed(hp.root(), hp.guestPath());
    return install(t, f, (linuxFlags & O_CLOEXEC) != 0, 0);
  }

  /** Installs a new description at the lowest free fd >= min, dropping it if the table is full. */
  static int install(Task t, OpenFile f, boolean cloexec, int min) {
    try {
      return t.process.fds.install(f, cloexec, min, fileLimit(t));
    } catch (LinuxError e) {
      f.release();
      throw e;
    }
  }

  private static long close(Task t, long fd) {
    OpenFile f = t.process.fds.remove((int) fd);
    // The descriptor is gone whatever the host says (close(2): do not retry).
    int rc = f.release();
    if (rc == -1) {
      int err = HostErrno.toLinux(Host.errno());
      if (err != Errno.EINTR) throw new LinuxError(err);
    }
    return 0;
  }

  // close_range(2) flags.
  static final int CLOSE_RANGE_UNSHARE = 2, CLOSE_RANGE_CLOEXEC = 4;

  /**
   * close_range(2): closes (or, with CLOSE_RANGE_CLOEXEC, marks close-on-exec) every
   * open fd from first to last inclusive; the bounds are unsigned ints. The table is
   * never shared with another process here, so CLOSE_RANGE_UNSHARE has nothing to do.
   */
  private static long closeRange(Task t, long first, long last, int flags) {
    if ((flags & ~(CLOSE_RANGE_UNSHARE | CLOSE_RANGE_CLOEXEC)) != 0 || first > last) {
      throw new LinuxError(Errno.EINVAL);
    }
    FdTable fds = t.process.fds;
    long end = Math.min(last, fds.capacity() - 1L);
    for (long fd = first; fd <= end; fd++) {
      if (!fds.isOpen(fd)) continue;
      if ((flags & CLOSE_RANGE_CLOEXEC) != 0) fds.setCloseOnExec(fd, true);
      else fds.remove(fd).release();
    }
    return 0;
  }

  private static long dup(Task t, long oldfd) {
    OpenFile f = t.process.fds.get((int) oldfd).retain();
    return install(t, f, false, 0);
  }

  private static long dup2(Task t, long oldfd, long newfd) {
    // dup2(2): if oldfd == newfd, just check oldfd and return it.
    if ((int) oldfd == (int) newfd) {
      t.process.fds.get((int) oldfd);
      return (int) newfd;
    }
    return dupTo(t, oldfd, newfd, false);
  }

  private static long dup3(Task t, long oldfd, long newfd, long flags) {
    // dup3(2): only O_CLOEXEC is allowed, and oldfd == newfd is EINVAL.
    if ((flags & ~O_CLOEXEC) != 0) throw new LinuxError(Errno.EINVAL);
    if ((int) oldfd == (int) newfd) throw new LinuxError(Errno.EINVAL);
    return dupTo(t, oldfd, newfd, (flags & O_CLOEXEC) != 0);
  }

  private static long dupTo(Task t, long oldfd, long newfd, boolean cloexec) {
    int to = (int) newfd;
    // newfd outside [0, RLIMIT_NOFILE) is EBADF (fs/file.c ksys_dup3).
    if (to < 0 || to >= fileLimit(t)) throw new LinuxError(Errno.EBADF);
    OpenFile f = t.process.fds.get((int) oldfd).retain();
    OpenFile old = t.process.fds.installAt(to, f, cloexec);
    if (old != null) old.release();
    return to;
  }

  // fcntl(2) commands.
  static final int F_DUPFD = 0, F_GETFD = 1, F_SETFD = 2, F_GETFL = 3, F_SETFL = 4;
  static final int F_DUPFD_CLOEXEC = 1030;
  static final int FD_CLOEXEC = 1;

  private static long fcntl(Task t, long fd, long cmd, long arg) {
    FdTable fds = t.process.fds;
    OpenFile f = fds.get((int) fd);
    switch ((int) cmd) {
      case F_DUPFD, F_DUPFD_CLOEXEC -> {
        // The lowest free fd >= arg; arg (unsigned long) at or past RLIMIT_NOFILE is EINVAL.
        if (Long.compareUnsigned(arg, fileLimit(t)) >= 0) throw new LinuxError(Errno.EINVAL);
        return install(t, f.retain(), cmd == F_DUPFD_CLOEXEC, (int) arg);
      }
      case F_GETFD -> {
        return fds.closeOnExec((int) fd) ? FD_CLOEXEC : 0;
      }
      case F_SETFD -> {
        fds.setCloseOnExec((int) fd, (arg & FD_CLOEXEC) != 0);
        return 0;
      }
      case F_GETFL -> {
        int host = Host.check(Host.libc().fcntl(f.hostFd(), HostFlags.F_GETFL, 0));
        return HostFlags.openFromHost(host) & ~O_CLOEXEC;
      }
      case F_SETFL -> {
        // Only the SETFL_MASK flags change; the access mode and creation flags stay.
        int host = Host.check(Host.libc().fcntl(f.hostFd(), HostFlags.F_GETFL, 0));
        int keep = host & ~HostFlags.openToHost(OpenFlags.SETFL_MASK);
        int set = HostFlags.openToHost((int) arg & OpenFlags.SETFL_MASK);
        Host.check(Host.libc().fcntl(f.hostFd(), HostFlags.F_SETFL, keep | set));
        return 0;
      }
      default -> {
        if (Locks.handles((int) cmd)) return Locks.fcntl(t, f, (int) cmd, arg);
        Unsupported.once("fcntl command " + cmd);
        throw new LinuxError(Errno.EINVAL);
      }
    }
  }

  // pipe2(2) flags: O_NOTIFICATION_PIPE is O_EXCL.
  private static final int PIPE_FLAGS = O_CLOEXEC | OpenFlags.O_NONBLOCK | OpenFlags.O_DIRECT | OpenFlags.O_EXCL;

  private static long pipe2(Task t, long fdsAddr, long flags) {
    int fl = (int) flags;
    if ((fl & ~PIPE_FLAGS) != 0) throw new LinuxError(Errno.EINVAL);
    if ((fl & OpenFlags.O_EXCL) != 0) throw new LinuxError(Errno.ENOPKG); // no watch queues
    // Check the result array first so a fault cannot leak two descriptors.
    t.mmu().checkWritable(fdsAddr, 8);
    long hostFds = t.scratch.alloc(8);
    int hostFlags = HostFlags.openToHost(O_CLOEXEC | (fl & (OpenFlags.O_NONBLOCK | OpenFlags.O_DIRECT)));
    Host.check(Host.libc().pipe2(hostFds, hostFlags));
    OpenFile r = new OpenFile(HostMemory.get32(hostFds), true, "pipe:");
    OpenFile w = new OpenFile(HostMemory.get32(hostFds + 4), true, "pipe:");
    boolean cloexec = (fl & O_CLOEXEC) != 0;
    int rfd;
    try {
      rfd = install(t, r, cloexec, 0);
    } catch (LinuxError e) {
      w.release();
      throw e;
    }
    int wfd;
    try {
      wfd = install(t, w, cloexec, 0);
    } catch (LinuxError e) {
      t.process.fds.remove(rfd).release();
      throw e;
    }
    Struct.of(8).put32(0, rfd).put32(4, wfd).write(t.mmu(), fdsAddr);
    return 0;
  }
}
