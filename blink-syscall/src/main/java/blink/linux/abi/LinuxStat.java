package blink.linux.abi;

import blink.linux.fs.FileStat;

/**
 * The x86-64 Linux struct stat (arch/x86/include/uapi/asm/stat.h), 144 bytes:
 *
 * <pre>
 *   0 st_dev      8    48 st_size     8    96 st_mtime_nsec 8
 *   8 st_ino      8    56 st_blksize  8   104 st_ctime      8
 *  16 st_nlink    8    64 st_blocks   8   112 st_ctime_nsec 8
 *  24 st_mode     4    72 st_atime    8   120 __unused[3]  24
 *  28 st_uid      4    80 st_atime_nsec 8
 *  32 st_gid      4    88 st_mtime    8
 *  36 __pad0      4
 *  40 st_rdev     8
 * </pre>
 */
public final class LinuxStat {
  private LinuxStat() {}

  public static final int SIZE = 144;

  public static Struct encode(FileStat s) {
    return Struct.of(SIZE)
        .put64(0, s.dev())
        .put64(8, s.ino())
        .put64(16, s.nlink())
        .put32(24, s.mode())
        .put32(28, s.uid())
        .put32(32, s.gid())
        .put64(40, s.rdev())
        .put64(48, s.size())
        .put64(56, s.blksize())
        .put64(64, s.blocks())
        .put64(72, s.atimeSec())
        .put64(80, s.atimeNsec())
        .put64(88, s.mtimeSec())
        .put64(96, s.mtimeNsec())
        .put64(104, s.ctimeSec())
        .put64(112, s.ctimeNsec());
  }
}
