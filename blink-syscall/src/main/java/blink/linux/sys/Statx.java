package blink.linux.sys;

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
import blink.linux.abi.Struct;
import blink.linux.fs.HostPath;
import blink.linux.fs.OpenFile;
import blink.linux.host.Host;
import blink.linux.host.HostFlags;
import blink.memory.HostMemory;

/**
 * statx(2): the host's statx of the file the guest path (or fd) leads to, copied
 * into the guest's struct statx field by field (include/uapi/linux/stat.h). The
 * host fills its own struct statx, which on a Linux host has the same layout;
 * each field is named here so that another host can fill it from its own stat.
 */
public final class Statx implements Syscall {
  private Statx() {}

  /** statx(2) flags besides the AT_* path flags: the AT_STATX_SYNC_TYPE field. */
  static final int AT_STATX_SYNC_TYPE = 0x6000;
  /** A mask bit reserved for a future struct extension: EINVAL. */
  static final int STATX__RESERVED = 0x80000000;
  static final int SIZE = 256;

  /**
   * The fields, as (offset, size) pairs: mask, blksize, attributes, nlink, uid, gid,
   * mode, ino, size, blocks, attributes_mask, atime/btime/ctime/mtime (i64 sec, u32
   * nsec each), rdev and dev major/minor, mnt_id, dio_mem_align, dio_offset_align,
   * subvol, atomic write unit min/max/segments, dio_read_offset_align, atomic write
   * unit max opt.
   */
  private static final int[][] FIELDS = {{0, 4}, {4, 4}, {8, 8}, {16, 4}, {20, 4}, {24, 4}, {28, 2}, {32, 8},
      {40, 8}, {48, 8}, {56, 8}, {64, 8}, {72, 4}, {80, 8}, {88, 4}, {96, 8}, {104, 4}, {112, 8}, {120, 4},
      {128, 4}, {132, 4}, {136, 4}, {140, 4}, {144, 8}, {152, 4}, {156, 4}, {160, 8}, {168, 4}, {172, 4},
      {176, 4}, {180, 4}, {184, 4}};

  private static final Statx INSTANCE = new Statx();

  public static void register(SyscallTable t) {
    t.add(INSTANCE, Sysno.STATX);
  }

  @Override
  public long call(Task t, int nr, long a0, long a1, long a2, long a3, long a4, long a5) {
    return switch (nr) {
      case Sysno.STATX -> statx(t, a0, a1, (int) a2, (int) a3, a4);
      default -> throw new IllegalArgumentException("not a Statx syscall: " + nr);
    };
  }

  private static long statx(Task t, long dirfd, long pathAddr, int flags, int mask, long buf) {
    if ((flags & ~(AT_SYMLINK_NOFOLLOW | AT_NO_AUTOMOUNT | AT_EMPTY_PATH | AT_STATX_SYNC_TYPE)) != 0
        || (flags & AT_STATX_SYNC_TYPE) == AT_STATX_SYNC_TYPE || (mask & STATX__RESERVED) != 0) {
      throw new LinuxError(Errno.EINVAL);
    }
    // As for fstatat, a NULL path with AT_EMPTY_PATH means "" (Linux 6.11).
    byte[] path = pathAddr == 0 && (flags & AT_EMPTY_PATH) != 0 ? new byte[0] : UserMemory.readPath(t.mmu(), pathAddr);
    int hostFd;
    byte[] hostPath;
    int atFlags = flags & (AT_SYMLINK_NOFOLLOW | AT_NO_AUTOMOUNT | AT_EMPTY_PATH);
    if (path.length == 0) {
      if ((flags & AT_EMPTY_PATH) == 0) throw new LinuxError(Errno.ENOENT);
      OpenFile f = (int) dirfd == AT_FDCWD ? t.process.cwd() : t.process.fds.get((int) dirfd);
      hostFd = f != null ? f.hostFd() : HostFlags.HOST_AT_FDCWD;
      hostPath = f != null ? new byte[0] : new byte[] {'.'};
    } else {
      HostPath hp = t.process.vfs.resolve(t, dirfd, path, (flags & AT_SYMLINK_NOFOLLOW) == 0);
      hostFd = hp.dirfd();
      hostPath = hp.path();
      atFlags = hp.atFlags(atFlags & ~AT_EMPTY_PATH);
    }
    long h = t.scratch.calloc(SIZE);
    int sync = flags & AT_STATX_SYNC_TYPE; // AT_STATX_FORCE_SYNC / DONT_SYNC: the same bits on a Linux host
    Host.check(Host.libc().statx(hostFd, t.scratch.cString(hostPath), HostFlags.atToHost(atFlags) | sync, mask, h));
    Struct s = Struct.of(SIZE);
    for (int[] f : FIELDS) {
      switch (f[1]) {
        case 2 -> s.put16(f[0], HostMemory.get16(h + f[0]));
        case 4 -> s.put32(f[0], HostMemory.get32(h + f[0]));
        default -> s.put64(f[0], HostMemory.get64(h + f[0]));
      }
    }
    s.write(t.mmu(), buf);
    return 0;
  }
}
