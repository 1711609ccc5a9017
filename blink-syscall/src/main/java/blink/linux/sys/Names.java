package blink.linux.sys;

import static blink.linux.fs.OpenFlags.AT_EMPTY_PATH;
import static blink.linux.fs.OpenFlags.AT_FDCWD;
import static blink.linux.fs.OpenFlags.AT_REMOVEDIR;
import static blink.linux.fs.OpenFlags.AT_SYMLINK_FOLLOW;

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

/** Directory entries: unlink, rmdir, rename, link, symlink. */
public final class Names implements Syscall {
  private Names() {}

  // renameat2(2) flags.
  static final int RENAME_NOREPLACE = 1, RENAME_EXCHANGE = 2, RENAME_WHITEOUT = 4;

  private static final Names INSTANCE = new Names();

  public static void register(SyscallTable t) {
    t.add(INSTANCE, Sysno.UNLINK, Sysno.UNLINKAT, Sysno.RMDIR, Sysno.RENAME, Sysno.RENAMEAT,
        Sysno.RENAMEAT2, Sysno.LINK, Sysno.LINKAT, Sysno.SYMLINK, Sysno.SYMLINKAT);
  }

  @Override
  public long call(Task t, int nr, long a0, long a1, long a2, long a3, long a4, long a5) {
    return switch (nr) {
      case Sysno.UNLINK -> unlinkat(t, AT_FDCWD, a0, 0);
      case Sysno.UNLINKAT -> unlinkat(t, a0, a1, a2);
      case Sysno.RMDIR -> unlinkat(t, AT_FDCWD, a0, AT_REMOVEDIR);
      case Sysno.RENAME -> renameat2(t, AT_FDCWD, a0, AT_FDCWD, a1, 0);
      case Sysno.RENAMEAT -> renameat2(t, a0, a1, a2, a3, 0);
      case Sysno.RENAMEAT2 -> renameat2(t, a0, a1, a2, a3, a4);
      case Sysno.LINK -> linkat(t, AT_FDCWD, a0, AT_FDCWD, a1, 0);
      case Sysno.LINKAT -> linkat(t, a0, a1, a2, a3, a4);
      case Sysno.SYMLINK -> symlinkat(t, a0, AT_FDCWD, a1);
      case Sysno.SYMLINKAT -> symlinkat(t, a0, a1, a2);
      default -> throw new IllegalArgumentException("not a Names syscall: " + nr);
    };
  }

  private static long unlinkat(Task t, long dirfd, long pathAddr, long flags) {
    // unlinkat(2): AT_REMOVEDIR is the only flag.
    if ((flags & ~AT_REMOVEDIR) != 0) throw new LinuxError(Errno.EINVAL);
    HostPath hp = Directories.resolve(t, dirfd, pathAddr, false);
    Host.check(Host.libc().unlinkat(hp.dirfd(), t.scratch.cString(hp.path()), HostFlags.atToHost((int) flags)));
    return 0;
  }

  private static long renameat2(Task t, long olddirfd, long oldAddr, long newdirfd, long newAddr, long flags) {
    int f = (int) flags;
    if ((f & ~(RENAME_NOREPLACE | RENAME_EXCHANGE | RENAME_WHITEOUT)) != 0) throw new LinuxError(Errno.EINVAL);
    // RENAME_EXCHANGE cannot be combined with NOREPLACE or WHITEOUT (rename(2)).
    if ((f & RENAME_EXCHANGE) != 0 && (f & (RENAME_NOREPLACE | RENAME_WHITEOUT)) != 0) {
      throw new LinuxError(Errno.EINVAL);
    }
    HostPath from = Directories.resolve(t, olddirfd, oldAddr, false);
    HostPath to = Directories.resolve(t, newdirfd, newAddr, false);
    // The renameat2 flag values are Linux's; a non-Linux host would translate them here.
    Host.check(Host.libc().renameat2(from.dirfd(), t.scratch.cString(from.path()), to.dirfd(),
        t.scratch.cString(to.path()), f));
    return 0;
  }

  private static long linkat(Task t, long olddirfd, long oldAddr, long newdirfd, long newAddr, long flags) {
    if ((flags & ~(AT_SYMLINK_FOLLOW | AT_EMPTY_PATH)) != 0) throw new LinuxError(Errno.EINVAL);
    byte[] oldPath = UserMemory.readPath(t.mmu(), oldAddr);
    if (oldPath.length == 0 && (flags & AT_EMPTY_PATH) == 0) throw new LinuxError(Errno.ENOENT);
    HostPath from = t.process.vfs.resolve(t, olddirfd, oldPath, (flags & AT_SYMLINK_FOLLOW) != 0);
    HostPath to = Directories.resolve(t, newdirfd, newAddr, false);
    // A symlink the resolver followed already is not for the host to follow again.
    int f = from.noFollow() ? (int) flags & ~AT_SYMLINK_FOLLOW : (int) flags;
    Host.check(Host.libc().linkat(from.dirfd(), t.scratch.cString(from.path()), to.dirfd(),
        t.scratch.cString(to.path()), HostFlags.atToHost(f)));
    return 0;
  }

  /** symlink(2): the target is stored as given, never resolved. */
  private static long symlinkat(Task t, long targetAddr, long newdirfd, long linkAddr) {
    byte[] target = UserMemory.readPath(t.mmu(), targetAddr);
    if (target.length == 0) throw new LinuxError(Errno.ENOENT);
    HostPath link = Directories.resolve(t, newdirfd, linkAddr, false);
    Host.check(Host.libc().symlinkat(t.scratch.cString(target), link.dirfd(), t.scratch.cString(link.path())));
    return 0;
  }
}
