package blink.linux.sys;

import static blink.linux.fs.OpenFlags.AT_FDCWD;

import blink.linux.Errno;
import blink.linux.LinuxError;
import blink.linux.Syscall;
import blink.linux.SyscallTable;
import blink.linux.Sysno;
import blink.linux.Task;
import blink.linux.UserMemory;
import blink.linux.abi.Struct;
import blink.linux.fs.FileStat;
import blink.linux.fs.OpenFile;
import blink.linux.fs.OpenFlags;
import blink.linux.fs.SpecialFiles;
import blink.linux.fs.HostPath;
import blink.linux.host.Host;
import blink.linux.host.HostFlags;
import blink.linux.host.HostLayout;
import blink.linux.host.Scratch;
import blink.memory.HostMemory;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Directories: the working directory, listing, making them. */
public final class Directories implements Syscall {
  private Directories() {}

  private static final Directories INSTANCE = new Directories();

  public static void register(SyscallTable t) {
    t.add(INSTANCE, Sysno.GETCWD, Sysno.CHDIR, Sysno.FCHDIR, Sysno.GETDENTS64, Sysno.MKDIR,
        Sysno.MKDIRAT, Sysno.MKNOD, Sysno.MKNODAT);
  }

  @Override
  public long call(Task t, int nr, long a0, long a1, long a2, long a3, long a4, long a5) {
    return switch (nr) {
      case Sysno.GETCWD -> getcwd(t, a0, a1);
      case Sysno.CHDIR -> chdir(t, a0);
      case Sysno.FCHDIR -> fchdir(t, a0);
      case Sysno.GETDENTS64 -> getdents64(t, a0, a1, a2);
      case Sysno.MKDIR -> mkdirat(t, AT_FDCWD, a0, a1);
      case Sysno.MKDIRAT -> mkdirat(t, a0, a1, a2);
      case Sysno.MKNOD -> mknodat(t, AT_FDCWD, a0, a1, a2);
      case Sysno.MKNODAT -> mknodat(t, a0, a1, a2, a3);
      default -> throw new IllegalArgumentException("not a Directories syscall: " + nr);
    };
  }

  /** The raw getcwd syscall returns the length including the NUL, not a pointer (getcwd(2) NOTES). */
  private static long getcwd(Task t, long buf, long size) {
    byte[] path = t.process.vfs.cwd(t.scratch);
    long len = path.length + 1L;
    if (Long.compareUnsigned(len, size) > 0) throw new LinuxError(Errno.ERANGE);
    t.mmu().writeBytes(buf, Arrays.copyOf(path, path.length + 1), 0, path.length + 1);
    return len;
  }

  // Host open flags for holding a directory as the working directory, and access(2)'s X_OK.
  private static final int O_PATH_DIRECTORY = OpenFlags.O_PATH | OpenFlags.O_DIRECTORY | OpenFlags.O_CLOEXEC;
  private static final int X_OK = 1;

  /**
   * chdir(2): the guest's working directory is a directory fd it holds, so the
   * JVM's own working directory never changes.
   */
  private static long chdir(Task t, long pathAddr) {
    HostPath hp = resolve(t, AT_FDCWD, pathAddr, true);
    int fd = Host.check(Host.libc().openat(hp.dirfd(), t.scratch.cString(hp.path()),
        HostFlags.openToHost(hp.openFlags(O_PATH_DIRECTORY)), 0));
    OpenFile dir = new OpenFile(fd, true, new String(hp.path(), StandardCharsets.UTF_8)).placed(hp.root(), hp.guestPath());
    try {
      checkSearchable(t, dir);
    } catch (LinuxError e) {
      dir.release();
      throw e;
    }
    t.process.chdir(dir);
    return 0;
  }

  private static long fchdir(Task t, long fd) {
    OpenFile dir = t.process.fds.get((int) fd);
    if (dir.type(t.scratch) != FileStat.S_IFDIR) throw new LinuxError(Errno.ENOTDIR);
    checkSearchable(t, dir);
    t.process.chdir(dir.retain());
    return 0;
  }

  /** A working directory needs search (execute) permission, which an O_PATH open does not check. */
  private static void checkSearchable(Task t, OpenFile dir) {
    Host.check(Host.libc().faccessat(dir.hostFd(), t.scratch.cString(new byte[] {'.'}), X_OK, 0));
  }
  /**
   * Reads directory entries. The host's dirent64 records are re-encoded one by one
   * into Linux's struct linux_dirent64 (same field order on a Linux host, but the
   * translation is kept explicit).
   */
  private static long getdents64(Task t, long fd, long dirp, long count) {
    OpenFile f = t.process.fds.get((int) fd);
    // count is an unsigned int.
    long n = Math.min(count & 0xffffffffL, Scratch.MAX_CHUNK);
    if (!UserMemory.accessOk(dirp, n)) throw new LinuxError(Errno.EFAULT);
    t.mmu().checkWritable(dirp, n);
    if (f.guestPath() != null) {
      java.util.List<SpecialFiles.Entry> entries = t.process.vfs.list(f.guestPath());
      if (entries != null) return listProvided(t, f, entries, dirp, n);
    }
    long host = t.scratch.alloc(Math.max(n, 1));
    long got = Host.check(Host.libc().getdents64(f.hostFd(), host, n));
    long out = 0;
    for (long p = 0; p < got; ) {
      int reclen = HostMemory.get16(host + p + HostLayout.DIRENT_RECLEN);
      long ino = HostMemory.get64(host + p);
      long off = HostMemory.get64(host + p + 8);
      int type = HostMemory.get8(host + p + HostLayout.DIRENT_TYPE);
      int nameLen = 0;
      while (HostMemory.get8(host + p + HostLayout.DIRENT_NAME + nameLen) != 0) nameLen++;
      byte[] name = new byte[nameLen];
      HostMemory.copyOut(host + p + HostLayout.DIRENT_NAME, name, 0, nameLen);
      // linux_dirent64: d_ino u64, d_off s64, d_reclen u16, d_type u8, d_name[] NUL-terminated,
      // the record padded to 8 bytes.
      int len = (19 + nameLen + 1 + 7) & ~7;
      Struct rec = Struct.of(len).put64(0, ino).put64(8, off).put16(16, len).put8(18, type);
      rec.putString(19, nameLen + 1, name);
      rec.write(t.mmu(), dirp + out);
      out += len;
      p += reclen;
    }
    return out;
  }

  /** getdents64 of a directory the emulator provides: its entries from where the last call stopped. */
  private static long listProvided(Task t, OpenFile f, java.util.List<SpecialFiles.Entry> entries, long dirp, long n) {
    long out = 0;
    int k = f.listed;
    for (; k < entries.size(); k++) {
      byte[] name = entries.get(k).name().getBytes(StandardCharsets.UTF_8);
      int len = (19 + name.length + 1 + 7) & ~7;
      if (out + len > n) {
        // Not even one record fits: EINVAL (getdents(2)).
        if (out == 0) throw new LinuxError(Errno.EINVAL);
        break;
      }
      Struct rec = Struct.of(len).put64(0, k + 1L).put64(8, k + 1L).put16(16, len).put8(18, entries.get(k).type());
      rec.putString(19, name.length + 1, name);
      rec.write(t.mmu(), dirp + out);
      out += len;
    }
    f.listed = k;
    return out;
  }

  private static long mkdirat(Task t, long dirfd, long pathAddr, long mode) {
    HostPath hp = resolve(t, dirfd, pathAddr, false);
    int perm = (int) mode & 07777 & ~t.process.umask();
    Host.check(Host.libc().mkdirat(hp.dirfd(), t.scratch.cString(hp.path()), perm));
    return 0;
  }

  // File types for mknod(2) (the S_IFMT bits of st_mode).
  static final int S_IFMT = 0170000, S_IFSOCK = 0140000, S_IFREG = 0100000, S_IFBLK = 060000, S_IFCHR = 020000;
  static final int S_IFIFO = 010000;

  /**
   * mknod(2): a regular file (type 0 or S_IFREG), FIFO, socket, or, with
   * CAP_MKNOD, a device. A directory type is EPERM, an unknown one EINVAL; the
   * umask applies.
   */
  private static long mknodat(Task t, long dirfd, long pathAddr, long mode, long dev) {
    int type = (int) mode & S_IFMT;
    switch (type) {
      case 0, S_IFREG, S_IFCHR, S_IFBLK, S_IFIFO, S_IFSOCK -> { }
      case 040000 -> throw new LinuxError(Errno.EPERM);
      default -> throw new LinuxError(Errno.EINVAL);
    }
    HostPath hp = resolve(t, dirfd, pathAddr, false);
    int perm = (int) mode & 07777 & ~t.process.umask();
    int hostType = type == 0 ? S_IFREG : type; // the S_IF* values are POSIX's and the same on every host
    long hostDev = type == S_IFCHR || type == S_IFBLK ? hostDev((int) dev) : 0;
    Host.check(Host.libc().mknodat(hp.dirfd(), t.scratch.cString(hp.path()), hostType | perm, hostDev));
    return 0;
  }

  /**
   * The syscall's dev is the kernel's 32-bit encoding (new_decode_dev: minor bits
   * 0-7 and 20-31, major bits 8-19); the host C library's dev_t is glibc's 64-bit
   * makedev(3) encoding of the same major and minor.
   */
  static long hostDev(int dev) {
    long major = (dev & 0xfff00) >>> 8, minor = (dev & 0xff) | ((dev >>> 12) & 0xfff00);
    return (major & 0xfffff000L) << 32 | (major & 0xfff) << 8 | (minor & 0xffffff00L) << 12 | (minor & 0xff);
  }

  /** Reads a non-empty guest path and resolves it; follow: whether a final symlink is followed. */
  static HostPath resolve(Task t, long dirfd, long pathAddr, boolean follow) {
    byte[] path = UserMemory.readPath(t.mmu(), pathAddr);
    if (path.length == 0) throw new LinuxError(Errno.ENOENT);
    return t.process.vfs.resolve(t, dirfd, path, follow);
  }
}
