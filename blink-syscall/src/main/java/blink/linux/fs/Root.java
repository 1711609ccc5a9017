package blink.linux.fs;

import blink.linux.host.Host;
import blink.linux.host.HostFlags;
import blink.linux.host.HostLayout;
import blink.linux.host.Scratch;

/**
 * One file system root the guest sees as "/": a host directory, held open for
 * the life of the process so a walk can start at it and recognise it when ".."
 * reaches it (by device and inode, as chroot(2) does with path_equal()).
 */
public final class Root {
  /** The host directory's absolute path, without a trailing slash unless it is "/". */
  public final String hostPath;
  final int fd;
  private final long dev, ino;

  private Root(String hostPath, int fd, long dev, long ino) {
    this.hostPath = hostPath;
    this.fd = fd;
    this.dev = dev;
    this.ino = ino;
  }

  /** Opens the host directory at hostPath (absolute); throws LinuxError if it is no directory. */
  public static Root open(String hostPath, Scratch scratch) {
    int fd = Host.check(Host.libc().openat(HostFlags.HOST_AT_FDCWD,
        scratch.cString(hostPath.getBytes(java.nio.charset.StandardCharsets.UTF_8)),
        HostFlags.openToHost(OpenFlags.O_PATH | OpenFlags.O_DIRECTORY | OpenFlags.O_CLOEXEC), 0));
    FileStat st = HostLayout.readStat(fstat(fd, scratch));
    return new Root(hostPath, fd, st.dev(), st.ino());
  }

  /** The host directory, held open (O_PATH) for the life of the process. */
  public int fd() {
    return fd;
  }

  /** Whether this root is the host's own "/", where the host can resolve paths itself. */
  public boolean isHostRoot() {
    return hostPath.equals("/");
  }

  /** Whether the host directory fd is this root's top. */
  boolean isTop(int dirfd, Scratch scratch) {
    if (dirfd == fd) return true;
    FileStat st = HostLayout.readStat(fstat(dirfd, scratch));
    return st.dev() == dev && st.ino() == ino;
  }

  /** The guest path of a host path under this root, or null if it is outside. */
  public String guestPath(String host) {
    if (isHostRoot()) return host;
    if (host.equals(hostPath)) return "/";
    if (host.startsWith(hostPath) && host.charAt(hostPath.length()) == '/') return host.substring(hostPath.length());
    return null;
  }

  private static long fstat(int fd, Scratch scratch) {
    long buf = scratch.alloc(HostLayout.STAT_SIZE);
    Host.check(Host.libc().fstat(fd, buf));
    return buf;
  }

  @Override
  public String toString() {
    return hostPath;
  }
}
