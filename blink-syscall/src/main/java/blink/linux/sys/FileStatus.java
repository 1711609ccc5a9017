package blink.linux.sys;

import static blink.linux.fs.OpenFlags.AT_EACCESS;
import static blink.linux.fs.OpenFlags.AT_EMPTY_PATH;
import static blink.linux.fs.OpenFlags.AT_FDCWD;
import static blink.linux.fs.OpenFlags.AT_NO_AUTOMOUNT;
import static blink.linux.fs.OpenFlags.AT_SYMLINK_NOFOLLOW;

import blink.linux.Errno;
import blink.linux.LinuxError;
import blink.linux.Syscall;
import blink.linux.SyscallTable;
import blink.linux.Sysno;
import blink.linux.Task;
import blink.linux.UserMemory;
import blink.linux.abi.LinuxStat;
import blink.linux.abi.Struct;
import blink.linux.fs.FileStat;
import blink.linux.fs.OpenFlags;
import blink.linux.fs.HostPath;
import blink.linux.fs.OpenFile;
import blink.linux.host.Host;
import blink.linux.host.HostFlags;
import blink.linux.host.HostLayout;
import blink.memory.HostMemory;

/** Asking about files: the stat family, statfs, access, readlink. */
public final class FileStatus implements Syscall {
  private FileStatus() {}

  private static final FileStatus INSTANCE = new FileStatus();

  public static void register(SyscallTable t) {
    t.add(INSTANCE, Sysno.STAT, Sysno.LSTAT, Sysno.FSTAT, Sysno.NEWFSTATAT, Sysno.ACCESS,
        Sysno.FACCESSAT, Sysno.FACCESSAT2, Sysno.READLINK, Sysno.READLINKAT, Sysno.STATFS,
        Sysno.FSTATFS);
  }

  @Override
  public long call(Task t, int nr, long a0, long a1, long a2, long a3, long a4, long a5) {
    return switch (nr) {
      case Sysno.STAT -> fstatat(t, AT_FDCWD, a0, a1, 0);
      case Sysno.LSTAT -> fstatat(t, AT_FDCWD, a0, a1, AT_SYMLINK_NOFOLLOW);
      case Sysno.FSTAT -> fstat(t, a0, a1);
      case Sysno.NEWFSTATAT -> fstatat(t, a0, a1, a2, a3);
      case Sysno.ACCESS -> faccessat(t, AT_FDCWD, a0, a1, 0);
      case Sysno.FACCESSAT -> faccessat(t, a0, a1, a2, 0);
      case Sysno.FACCESSAT2 -> faccessat(t, a0, a1, a2, a3);
      case Sysno.READLINK -> readlinkat(t, AT_FDCWD, a0, a1, a2);
      case Sysno.READLINKAT -> readlinkat(t, a0, a1, a2, a3);
      case Sysno.STATFS -> statfs(t, a0, a1);
      case Sysno.FSTATFS -> fstatfs(t, t.process.fds.get((int) a0).hostFd(), a1);
      default -> throw new IllegalArgumentException("not a FileStatus syscall: " + nr);
    };
  }

  private static long fstat(Task t, long fd, long buf) {
    FileStat st = t.process.fds.get((int) fd).stat(t.scratch);
    LinuxStat.encode(st).write(t.mmu(), buf);
    return 0;
  }

  private static long fstatat(Task t, long dirfd, long pathAddr, long buf, long flags) {
    if ((flags & ~(AT_SYMLINK_NOFOLLOW | AT_NO_AUTOMOUNT | AT_EMPTY_PATH)) != 0) {
      throw new LinuxError(Errno.EINVAL);
    }
    // Since Linux 6.11 a NULL path with AT_EMPTY_PATH means the same as "".
    byte[] path = pathAddr == 0 && (flags & AT_EMPTY_PATH) != 0
        ? new byte[0] : UserMemory.readPath(t.mmu(), pathAddr);
    FileStat st;
    if (path.length == 0) {
      // An empty path names dirfd itself, but only with AT_EMPTY_PATH (fstatat(2)).
      if ((flags & AT_EMPTY_PATH) == 0) throw new LinuxError(Errno.ENOENT);
      OpenFile f = (int) dirfd == AT_FDCWD ? t.process.cwd() : t.process.fds.get((int) dirfd);
      st = f != null ? f.stat(t.scratch) : hostStat(t, new HostPath(HostFlags.HOST_AT_FDCWD, new byte[] {'.'}), 0);
    } else {
      HostPath hp = t.process.vfs.resolve(t, dirfd, path, (flags & AT_SYMLINK_NOFOLLOW) == 0);
      st = hostStat(t, hp, hp.atFlags((int) flags & ~AT_EMPTY_PATH));
    }
    LinuxStat.encode(st).write(t.mmu(), buf);
    return 0;
  }

  private static FileStat hostStat(Task t, HostPath hp, int flags) {
    long st = t.scratch.alloc(HostLayout.STAT_SIZE);
    Host.check(Host.libc().fstatat(hp.dirfd(), t.scratch.cString(hp.path()), st, HostFlags.atToHost(flags)));
    return HostLayout.readStat(st);
  }

  /** statfs(2) by path: opened O_PATH so a relative path starts at the guest's working directory. */
  private static long statfs(Task t, long pathAddr, long buf) {
    byte[] path = UserMemory.readPath(t.mmu(), pathAddr);
    if (path.length == 0) throw new LinuxError(Errno.ENOENT);
    HostPath hp = t.process.vfs.resolve(t, AT_FDCWD, path, true);
    int fd = Host.check(Host.libc().openat(hp.dirfd(), t.scratch.cString(hp.path()),
        HostFlags.openToHost(hp.openFlags(OpenFlags.O_PATH | OpenFlags.O_CLOEXEC)), 0));
    try {
      return fstatfs(t, fd, buf);
    } finally {
      Host.libc().close(fd);
    }
  }

  /**
   * fstatfs(2), re-encoding the host's struct statfs as Linux x86-64's (120 bytes):
   * f_type, f_bsize, f_blocks, f_bfree, f_bavail, f_files, f_ffree (8 bytes each),
   * f_fsid (two ints), f_namelen, f_frsize, f_flags, f_spare[4].
   */
  private static long fstatfs(Task t, int hostFd, long buf) {
    long h = t.scratch.calloc(HostLayout.STATFS_SIZE);
    Host.check(Host.libc().fstatfs(hostFd, h));
    Struct s = Struct.of(120);
    for (int off = 0; off < 56; off += 8) s.put64(off, HostMemory.get64(h + off));
    s.put32(56, HostMemory.get32(h + 56)).put32(60, HostMemory.get32(h + 60));
    for (int off = 64; off < 88; off += 8) s.put64(off, HostMemory.get64(h + off));
    s.write(t.mmu(), buf);
    return 0;
  }

  private static long faccessat(Task t, long dirfd, long pathAddr, long mode, long flags) {
    // access(2): mode is F_OK or a mix of R_OK, W_OK, X_OK (S_IRWXO).
    if ((mode & ~7L) != 0) throw new LinuxError(Errno.EINVAL);
    if ((flags & ~(AT_EACCESS | AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH)) != 0) throw new LinuxError(Errno.EINVAL);
    byte[] path = UserMemory.readPath(t.mmu(), pathAddr);
    if (path.length == 0 && (flags & AT_EMPTY_PATH) == 0) throw new LinuxError(Errno.ENOENT);
    HostPath hp = t.process.vfs.resolve(t, dirfd, path, (flags & AT_SYMLINK_NOFOLLOW) == 0);
    // A file the emulator provides is read-only whoever asks.
    if (hp.readOnly() && (mode & 2) != 0) throw new LinuxError(Errno.EACCES);
    // AT_EACCESS shares its value with AT_REMOVEDIR, which the table translates.
    Host.check(Host.libc().faccessat(hp.dirfd(), t.scratch.cString(hp.path()), (int) mode,
        HostFlags.atToHost(hp.atFlags((int) flags))));
    return 0;
  }

  private static long readlinkat(Task t, long dirfd, long pathAddr, long buf, long bufsiz) {
    // bufsiz is an int; zero or negative is EINVAL (readlink(2)).
    int size = (int) bufsiz;
    if (size <= 0) throw new LinuxError(Errno.EINVAL);
    byte[] path = UserMemory.readPath(t.mmu(), pathAddr);
    byte[] target = t.process.vfs.readlink(t, dirfd, path);
    // readlink(2) truncates silently and never writes a NUL.
    int n = Math.min(target.length, size);
    t.mmu().writeBytes(buf, target, 0, n);
    return n;
  }
}
