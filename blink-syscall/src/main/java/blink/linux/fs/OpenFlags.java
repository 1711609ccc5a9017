package blink.linux.fs;

/** Linux x86-64 open(2)/fcntl(2) file status flags (asm-generic/fcntl.h), octal as in the header. */
public final class OpenFlags {
  private OpenFlags() {}

  public static final int O_ACCMODE = 03;
  public static final int O_RDONLY = 00;
  public static final int O_WRONLY = 01;
  public static final int O_RDWR = 02;
  public static final int O_CREAT = 0100;
  public static final int O_EXCL = 0200;
  public static final int O_NOCTTY = 0400;
  public static final int O_TRUNC = 01000;
  public static final int O_APPEND = 02000;
  public static final int O_NONBLOCK = 04000;
  public static final int O_DSYNC = 010000;
  public static final int O_ASYNC = 020000;
  public static final int O_DIRECT = 040000;
  public static final int O_LARGEFILE = 0100000;
  public static final int O_DIRECTORY = 0200000;
  public static final int O_NOFOLLOW = 0400000;
  public static final int O_NOATIME = 01000000;
  public static final int O_CLOEXEC = 02000000;
  /** O_SYNC is __O_SYNC | O_DSYNC. */
  public static final int O_SYNC = 04010000;
  public static final int O_PATH = 010000000;
  /** O_TMPFILE is __O_TMPFILE | O_DIRECTORY. */
  public static final int O_TMPFILE = 020200000;

  /** Flags F_SETFL may change (fs/fcntl.c SETFL_MASK). */
  public static final int SETFL_MASK = O_APPEND | O_NONBLOCK | O_ASYNC | O_DIRECT | O_NOATIME;

  /** *at() flags (linux/fcntl.h). */
  public static final int AT_FDCWD = -100;
  public static final int AT_SYMLINK_NOFOLLOW = 0x100;
  public static final int AT_EACCESS = 0x200;
  public static final int AT_REMOVEDIR = 0x200;
  public static final int AT_SYMLINK_FOLLOW = 0x400;
  public static final int AT_NO_AUTOMOUNT = 0x800;
  public static final int AT_EMPTY_PATH = 0x1000;
}
