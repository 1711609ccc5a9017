package blink.linux.trace;

import blink.linux.fs.OpenFlags;

/** open(2) flags as strace prints them: the access mode, then each set flag, joined by '|'. */
final class OpenFlagNames {
  private OpenFlagNames() {}

  /** In the order strace(1) prints them (seen on the host: O_NONBLOCK|O_CLOEXEC|O_DIRECTORY). */
  private static final int[] BITS = {OpenFlags.O_CREAT, OpenFlags.O_EXCL, OpenFlags.O_NOCTTY, OpenFlags.O_TRUNC,
      OpenFlags.O_APPEND, OpenFlags.O_NONBLOCK, OpenFlags.O_SYNC, OpenFlags.O_DSYNC, OpenFlags.O_ASYNC,
      OpenFlags.O_DIRECT, OpenFlags.O_LARGEFILE, OpenFlags.O_NOFOLLOW, OpenFlags.O_NOATIME, OpenFlags.O_CLOEXEC,
      OpenFlags.O_PATH, OpenFlags.O_TMPFILE, OpenFlags.O_DIRECTORY};
  private static final String[] NAMES = {"O_CREAT", "O_EXCL", "O_NOCTTY", "O_TRUNC", "O_APPEND", "O_NONBLOCK",
      "O_SYNC", "O_DSYNC", "O_ASYNC", "O_DIRECT", "O_LARGEFILE", "O_NOFOLLOW", "O_NOATIME", "O_CLOEXEC", "O_PATH",
      "O_TMPFILE", "O_DIRECTORY"};

  /** Whether open(2) with these flags takes a mode: O_CREAT or O_TMPFILE. */
  static boolean creates(int flags) {
    return (flags & OpenFlags.O_CREAT) != 0 || (flags & OpenFlags.O_TMPFILE) == OpenFlags.O_TMPFILE;
  }

  static void append(StringBuilder sb, int flags) {
    int mode = flags & OpenFlags.O_ACCMODE;
    sb.append(mode == OpenFlags.O_RDONLY ? "O_RDONLY" : mode == OpenFlags.O_WRONLY ? "O_WRONLY"
        : mode == OpenFlags.O_RDWR ? "O_RDWR" : "O_ACCMODE");
    int rest = flags & ~OpenFlags.O_ACCMODE;
    // Multi-bit flags first: O_SYNC includes O_DSYNC, O_TMPFILE includes O_DIRECTORY.
    for (int k = 0; k < BITS.length; k++) {
      if (BITS[k] != 0 && (rest & BITS[k]) == BITS[k]) {
        sb.append('|').append(NAMES[k]);
        rest &= ~BITS[k];
      }
    }
    if (rest != 0) sb.append("|0").append(Integer.toOctalString(rest));
  }
}
