package blink.linux.host;

import blink.linux.fs.FileStat;
import blink.memory.HostMemory;

/**
 * Offsets and sizes of the host's C structures (glibc on x86-64 Linux), and
 * readers that turn them into layout-free values. The guest's Linux layouts are
 * in {@code blink.linux.abi}; keeping the two apart is what lets the emulator
 * run on a host whose structures differ.
 */
public final class HostLayout {
  private HostLayout() {}

  /** struct stat: 144 bytes (sys/stat.h, bits/struct_stat.h). */
  public static final int STAT_SIZE = 144;

  public static FileStat readStat(long a) {
    return new FileStat(
        HostMemory.get64(a),              // st_dev
        HostMemory.get64(a + 8),          // st_ino
        HostMemory.get64(a + 16),         // st_nlink
        HostMemory.get32(a + 24),         // st_mode
        HostMemory.get32(a + 28),         // st_uid
        HostMemory.get32(a + 32),         // st_gid (then 4 bytes of padding)
        HostMemory.get64(a + 40),         // st_rdev
        HostMemory.get64(a + 48),         // st_size
        HostMemory.get64(a + 56),         // st_blksize
        HostMemory.get64(a + 64),         // st_blocks
        HostMemory.get64(a + 72), HostMemory.get64(a + 80),    // st_atim
        HostMemory.get64(a + 88), HostMemory.get64(a + 96),    // st_mtim
        HostMemory.get64(a + 104), HostMemory.get64(a + 112)); // st_ctim
  }

  /** struct statfs: 120 bytes, the same field order as Linux's (bits/statfs.h). */
  public static final int STATFS_SIZE = 120;

  /** struct timespec: tv_sec, tv_nsec as two longs. */
  public static final int TIMESPEC_SIZE = 16;

  /** struct rlimit: rlim_cur, rlim_max as two unsigned longs. */
  public static final int RLIMIT_SIZE = 16;

  /** struct winsize: four unsigned shorts (row, col, xpixel, ypixel). */
  public static final int WINSIZE_SIZE = 8;

  /**
   * glibc struct termios: c_iflag, c_oflag, c_cflag, c_lflag (u32), c_line (u8),
   * c_cc[32], then c_ispeed and c_ospeed (u32) at 52 and 56.
   */
  public static final int TERMIOS_SIZE = 60;
  public static final int TERMIOS_LINE = 16, TERMIOS_CC = 17, TERMIOS_NCCS = 32;

  /**
   * struct sysinfo, 112 bytes: uptime (long), loads[3], totalram, freeram,
   * sharedram, bufferram, totalswap, freeswap (unsigned long), procs (u16 at 80),
   * totalhigh (88), freehigh (96), mem_unit (u32 at 104).
   */
  public static final int SYSINFO_SIZE = 112;

  /** struct dirent64 as getdents64 fills it: d_ino, d_off (8 each), d_reclen (u16), d_type (u8), d_name. */
  public static final int DIRENT_RECLEN = 16, DIRENT_TYPE = 18, DIRENT_NAME = 19;
}
