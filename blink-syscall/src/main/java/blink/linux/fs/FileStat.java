package blink.linux.fs;

/**
 * What stat(2) reports about a file, independent of any structure layout. Modes
 * use the POSIX S_IF* encoding that Linux and the usual hosts share.
 */
public record FileStat(
    long dev,
    long ino,
    long nlink,
    int mode,
    int uid,
    int gid,
    long rdev,
    long size,
    long blksize,
    long blocks,
    long atimeSec,
    long atimeNsec,
    long mtimeSec,
    long mtimeNsec,
    long ctimeSec,
    long ctimeNsec) {

  public static final int S_IFMT = 0170000;
  public static final int S_IFSOCK = 0140000, S_IFLNK = 0120000, S_IFREG = 0100000;
  public static final int S_IFBLK = 060000, S_IFDIR = 040000, S_IFCHR = 020000, S_IFIFO = 010000;

  public int type() {
    return mode & S_IFMT;
  }

  public boolean isRegular() {
    return type() == S_IFREG;
  }

  public boolean isDirectory() {
    return type() == S_IFDIR;
  }
}
