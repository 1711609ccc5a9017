package blink.linux.host;

import blink.linux.fs.OpenFlags;

/**
 * Linux flag words to the host's and back. Each table pairs a Linux bit with the
 * host bit of the same name; the host column here is glibc on x86-64 Linux, so
 * today the tables are the identity, and porting to another host means changing
 * this column only.
 */
public final class HostFlags {
  private HostFlags() {}

  /** {Linux bit, host bit} for open(2) status and creation flags (not the access mode). */
  private static final int[][] OPEN = {
    {OpenFlags.O_CREAT, 0100},
    {OpenFlags.O_EXCL, 0200},
    {OpenFlags.O_NOCTTY, 0400},
    {OpenFlags.O_TRUNC, 01000},
    {OpenFlags.O_APPEND, 02000},
    {OpenFlags.O_NONBLOCK, 04000},
    {OpenFlags.O_DSYNC, 010000},
    {OpenFlags.O_ASYNC, 020000},
    {OpenFlags.O_DIRECT, 040000},
    {OpenFlags.O_LARGEFILE, 0100000},
    {OpenFlags.O_DIRECTORY, 0200000},
    {OpenFlags.O_NOFOLLOW, 0400000},
    {OpenFlags.O_NOATIME, 01000000},
    {OpenFlags.O_CLOEXEC, 02000000},
    {OpenFlags.O_SYNC, 04010000},
    {OpenFlags.O_PATH, 010000000},
    {OpenFlags.O_TMPFILE, 020200000},
  };

  /** {Linux, host} access modes O_RDONLY, O_WRONLY, O_RDWR. */
  private static final int[][] ACCMODE = {{0, 0}, {1, 1}, {2, 2}};
  private static final int HOST_ACCMODE = 03;

  /** {Linux bit, host bit} for the flags argument of the *at() calls. */
  private static final int[][] AT = {
    {OpenFlags.AT_SYMLINK_NOFOLLOW, 0x100},
    {OpenFlags.AT_REMOVEDIR, 0x200},
    {OpenFlags.AT_SYMLINK_FOLLOW, 0x400},
    {OpenFlags.AT_NO_AUTOMOUNT, 0x800},
    {OpenFlags.AT_EMPTY_PATH, 0x1000},
  };

  /** The host's AT_FDCWD. */
  public static final int HOST_AT_FDCWD = -100;

  /** Linux open flags to host flags; bits the host lacks are dropped, as open(2) ignores unknown bits. */
  public static int openToHost(int linux) {
    int host = 0;
    for (int[] p : ACCMODE) if ((linux & OpenFlags.O_ACCMODE) == p[0]) host = p[1];
    return host | bits(linux, OPEN, 0, 1);
  }

  /** Host open flags (as F_GETFL returns them) to Linux flags. */
  public static int openFromHost(int host) {
    int linux = 0;
    for (int[] p : ACCMODE) if ((host & HOST_ACCMODE) == p[1]) linux = p[0];
    return linux | bits(host, OPEN, 1, 0);
  }

  public static int atToHost(int linux) {
    return bits(linux, AT, 0, 1);
  }

  private static int bits(int value, int[][] table, int from, int to) {
    int out = 0;
    for (int[] p : table) if ((value & p[from]) == p[from]) out |= p[to];
    return out;
  }

  // Host request and command numbers (glibc x86-64 Linux). The Linux values the
  // guest uses are in the syscall classes; these are what the host expects.
  public static final int F_GETFL = 3, F_SETFL = 4;
  public static final int SEEK_END = 2;
  public static final int F_GETLK = 5, F_SETLK = 6, F_SETLKW = 7, F_SETOWN = 8, F_GETOWN = 9;
  public static final int F_OFD_GETLK = 36, F_OFD_SETLK = 37, F_OFD_SETLKW = 38, F_SETOWN_EX = 15, F_GETOWN_EX = 16;
  public static final int F_SETPIPE_SZ = 1031, F_GETPIPE_SZ = 1032;
  /** struct flock l_type values and flock(2) operations. */
  public static final int F_RDLCK = 0, F_WRLCK = 1, F_UNLCK = 2;
  public static final int LOCK_SH = 1, LOCK_EX = 2, LOCK_NB = 4, LOCK_UN = 8;
  /** Host struct flock (glibc x86-64): short l_type, short l_whence, off_t l_start, off_t l_len, pid_t l_pid. */
  public static final int FLOCK_SIZE = 32, FLOCK_START = 8, FLOCK_LEN = 16, FLOCK_PID = 24;
  /** Host mmap(2) constants (the same on Linux, the BSDs and macOS). */
  public static final int PROT_READ = 1, PROT_WRITE = 2, MAP_SHARED = 1;
  public static final long MAP_FAILED = -1;
  public static final long TIOCGWINSZ = 0x5413, TIOCSWINSZ = 0x5414, TIOCGPGRP = 0x540F;
  public static final long FIONREAD = 0x541B, FIONBIO = 0x5421;
  public static final long TIOCSPGRP = 0x5410, TIOCSCTTY = 0x540E, TIOCNOTTY = 0x5422, TIOCGSID = 0x5429;
  public static final long TIOCOUTQ = 0x5411, TIOCEXCL = 0x540C, TIOCNXCL = 0x540D, TCSBRK = 0x5409;
  public static final long TCXONC = 0x540A, TCFLSH = 0x540B, FIOASYNC = 0x5452;
  public static final long TIOCGPTN = 0x80045430L, TIOCSPTLCK = 0x40045431L, TIOCGPTPEER = 0x5441;
  public static final int TCSANOW = 0, TCSADRAIN = 1, TCSAFLUSH = 2;

  /** Linux clock ids (0..11) to the host's; -1 where the host has none. */
  private static final int[] CLOCKS = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, -1, 11};

  public static int clockToHost(int linux) {
    return linux >= 0 && linux < CLOCKS.length ? CLOCKS[linux] : -1;
  }

  /** Linux RLIMIT_* resources (0..15) to the host's. */
  private static final int[] RLIMITS = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15};

  public static int rlimitToHost(int linux) {
    return linux >= 0 && linux < RLIMITS.length ? RLIMITS[linux] : -1;
  }
}
