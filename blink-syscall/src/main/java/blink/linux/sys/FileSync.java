package blink.linux.sys;

import blink.linux.Errno;
import blink.linux.LinuxError;
import blink.linux.Syscall;
import blink.linux.SyscallTable;
import blink.linux.Sysno;
import blink.linux.Task;
import blink.linux.fs.OpenFile;
import blink.linux.host.Host;
import blink.linux.host.HostErrno;

/**
 * Writing back and caching advice: sync, syncfs, sync_file_range, fadvise64.
 * They act on the host files behind the guest's descriptors; the argument rules
 * are Linux's (fs/sync.c, mm/fadvise.c), checked here before the host sees them.
 */
public final class FileSync implements Syscall {
  private FileSync() {}

  // sync_file_range(2) flags.
  static final int SYNC_FILE_RANGE_WAIT_BEFORE = 1, SYNC_FILE_RANGE_WRITE = 2, SYNC_FILE_RANGE_WAIT_AFTER = 4;
  // posix_fadvise(2) advice: NORMAL RANDOM SEQUENTIAL WILLNEED DONTNEED NOREUSE are 0..5 on x86-64 (and the
  // same numbers in glibc for the host).
  static final int POSIX_FADV_NOREUSE = 5;

  private static final FileSync INSTANCE = new FileSync();

  public static void register(SyscallTable t) {
    t.add(INSTANCE, Sysno.SYNC, Sysno.SYNCFS, Sysno.SYNC_FILE_RANGE, Sysno.FADVISE64);
  }

  @Override
  public long call(Task t, int nr, long a0, long a1, long a2, long a3, long a4, long a5) {
    return switch (nr) {
      case Sysno.SYNC -> {
        Host.libc().sync();
        yield 0;
      }
      case Sysno.SYNCFS -> Host.check(Host.libc().syncfs(t.process.fds.get((int) a0).hostFd()));
      case Sysno.SYNC_FILE_RANGE -> syncFileRange(t, (int) a0, a1, a2, (int) a3);
      case Sysno.FADVISE64 -> fadvise(t, (int) a0, a1, a2, (int) a3);
      default -> throw new IllegalArgumentException("not a FileSync syscall: " + nr);
    };
  }

  /** sync_file_range(2): unknown flags, a negative offset or an overflowing range are EINVAL. */
  private static long syncFileRange(Task t, int fd, long offset, long nbytes, int flags) {
    int known = SYNC_FILE_RANGE_WAIT_BEFORE | SYNC_FILE_RANGE_WRITE | SYNC_FILE_RANGE_WAIT_AFTER;
    if ((flags & ~known) != 0) throw new LinuxError(Errno.EINVAL);
    if (offset < 0 || nbytes < 0 || offset + nbytes < 0) throw new LinuxError(Errno.EINVAL);
    OpenFile f = t.process.fds.get(fd);
    return Host.check(Host.libc().sync_file_range(f.hostFd(), offset, nbytes, flags));
  }

  /** fadvise64(2): EBADF, then ESPIPE for pipes (from the host), EINVAL for a negative length or unknown advice. */
  private static long fadvise(Task t, int fd, long offset, long len, int advice) {
    OpenFile f = t.process.fds.get(fd);
    if (len < 0 || advice < 0 || advice > POSIX_FADV_NOREUSE) {
      // Linux reports ESPIPE for a pipe before it looks at the other arguments.
      int err = Host.libc().posix_fadvise(f.hostFd(), 0, 0, 0);
      if (err != 0 && HostErrno.toLinux(err) == Errno.ESPIPE) throw new LinuxError(Errno.ESPIPE);
      throw new LinuxError(Errno.EINVAL);
    }
    int err = Host.libc().posix_fadvise(f.hostFd(), offset, len, advice);
    if (err != 0) throw new LinuxError(HostErrno.toLinux(err));
    return 0;
  }
}
