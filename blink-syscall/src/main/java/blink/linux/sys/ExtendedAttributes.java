package blink.linux.sys;

import static blink.linux.fs.OpenFlags.AT_FDCWD;
import static blink.linux.fs.OpenFlags.AT_SYMLINK_NOFOLLOW;

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
import blink.linux.host.HostLayout;

/**
 * Extended attributes (xattr(7)): the emulated file system has none and takes
 * none, as a file system without xattr support answers: EOPNOTSUPP once the
 * file is found (ls -l asks for POSIX ACLs this way and carries on).
 */
public final class ExtendedAttributes implements Syscall {
  private ExtendedAttributes() {}

  private static final ExtendedAttributes INSTANCE = new ExtendedAttributes();

  public static void register(SyscallTable t) {
    t.add(INSTANCE, Sysno.SETXATTR, Sysno.LSETXATTR, Sysno.FSETXATTR, Sysno.GETXATTR, Sysno.LGETXATTR,
        Sysno.FGETXATTR, Sysno.LISTXATTR, Sysno.LLISTXATTR, Sysno.FLISTXATTR, Sysno.REMOVEXATTR,
        Sysno.LREMOVEXATTR, Sysno.FREMOVEXATTR);
  }

  @Override
  public long call(Task t, int nr, long a0, long a1, long a2, long a3, long a4, long a5) {
    switch (nr) {
      case Sysno.FSETXATTR, Sysno.FGETXATTR, Sysno.FLISTXATTR, Sysno.FREMOVEXATTR -> t.process.fds.get((int) a0);
      case Sysno.LSETXATTR, Sysno.LGETXATTR, Sysno.LLISTXATTR, Sysno.LREMOVEXATTR -> exists(t, a0, false);
      default -> exists(t, a0, true);
    }
    throw new LinuxError(Errno.EOPNOTSUPP);
  }

  /** The path must name a file (ENOENT, ENOTDIR, EACCES... as stat(2) says). */
  private static void exists(Task t, long pathAddr, boolean follow) {
    byte[] path = UserMemory.readPath(t.mmu(), pathAddr);
    if (path.length == 0) throw new LinuxError(Errno.ENOENT);
    HostPath hp = t.process.vfs.resolve(t, AT_FDCWD, path, follow);
    long st = t.scratch.alloc(HostLayout.STAT_SIZE);
    int flags = hp.atFlags(follow ? 0 : AT_SYMLINK_NOFOLLOW);
    Host.check(Host.libc().fstatat(hp.dirfd(), t.scratch.cString(hp.path()), st, HostFlags.atToHost(flags)));
  }
}
