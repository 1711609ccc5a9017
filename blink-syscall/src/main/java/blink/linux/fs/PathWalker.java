package blink.linux.fs;

import blink.linux.Errno;
import blink.linux.LinuxError;
import blink.linux.Task;
import blink.linux.host.Host;
import blink.linux.host.HostErrno;
import blink.linux.host.HostFlags;
import blink.linux.host.HostLayout;
import blink.linux.host.Scratch;
import blink.memory.HostMemory;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;

/**
 * Resolves a path inside one root the way the kernel's path walk does
 * (path_resolution(7)), one component at a time, so the root behaves as "/":
 * ".." at the top stays at the top, and an absolute symlink starts again at the
 * top. Every directory is opened O_PATH|O_NOFOLLOW, so the host never follows a
 * symlink on the guest's behalf; symlinks are read and followed here, at most
 * {@link #MAXSYMLINKS} per path (ELOOP beyond).
 */
public final class PathWalker {
  /** Linux's MAXSYMLINKS (include/linux/namei.h). */
  public static final int MAXSYMLINKS = 40;

  private static final int DIR_FLAGS =
      HostFlags.openToHost(OpenFlags.O_PATH | OpenFlags.O_DIRECTORY | OpenFlags.O_NOFOLLOW | OpenFlags.O_CLOEXEC);

  /** Continue the walk at dirfd in root (top: whether dirfd is known to be the root's top). */
  public record Jump(Root root, int dirfd, boolean top) {}

  public final Scratch scratch;
  /** The thread resolving, or null before the guest runs. */
  public final Task task;
  private final SpecialFiles special;
  private int links;

  public PathWalker(Task task, Scratch scratch, SpecialFiles special) {
    this.task = task;
    this.scratch = scratch;
    this.special = special;
  }

  /** Counts one followed symlink; ELOOP past MAXSYMLINKS. */
  public void countLink() {
    if (++links > MAXSYMLINKS) throw new LinuxError(Errno.ELOOP);
  }

  /** Splits a path into components, dropping empty ones (repeated slashes). */
  public static Deque<byte[]> components(byte[] path) {
    Deque<byte[]> out = new ArrayDeque<>();
    int i = 0;
    while (i < path.length) {
      while (i < path.length && path[i] == '/') i++;
      int j = i;
      while (j < path.length && path[j] != '/') j++;
      if (j > i) out.add(Arrays.copyOfRange(path, i, j));
      i = j;
    }
    return out;
  }

  /** Pushes the components of path in front of rest, in order. */
  public static void pushFront(Deque<byte[]> rest, byte[] path) {
    Deque<byte[]> c = components(path);
    while (!c.isEmpty()) rest.addFirst(c.removeLast());
  }

  /**
   * Walks path from dirfd (the root's top if top) inside root. With follow, a
   * final symlink is followed; a trailing slash always follows and requires a
   * directory.
   */
  public HostPath walk(Root root, int dirfd, boolean top, byte[] path, boolean follow) {
    Deque<byte[]> rest = components(path);
    boolean slash = path.length > 0 && path[path.length - 1] == '/';
    if (path.length > 0 && path[0] == '/') {
      dirfd = root.fd;
      top = true;
    }
    return walk(root, dirfd, top, rest, follow || slash, slash);
  }

  HostPath walk(Root root, int cur, boolean top, Deque<byte[]> rest, boolean follow, boolean slash) {
    if (rest.isEmpty()) return found(root, cur);
    while (true) {
      byte[] c = rest.removeFirst();
      boolean last = rest.isEmpty();
      if (isDot(c)) {
        if (last) return found(root, cur);
        continue;
      }
      if (isDotDot(c)) {
        if (!top && !root.isTop(cur, scratch)) {
          cur = openDir(cur, DOTDOT);
          top = root.isTop(cur, scratch);
        } else {
          top = true;
        }
        if (last) return found(root, cur);
        continue;
      }
      if (top && special != null && special.provides(c)) {
        Object r = special.lookup(this, root, c, rest, follow);
        if (r instanceof HostPath hp) return hp;
        Jump j = (Jump) r;
        root = j.root();
        cur = j.dirfd();
        top = j.top();
        if (rest.isEmpty()) return found(root, cur);
        continue;
      }
      if (!last) {
        int fd = Host.libc().openat(cur, scratch.cString(c), DIR_FLAGS, 0);
        if (fd >= 0) {
          cur = scratch.closeAtReset(fd);
          top = false;
          continue;
        }
        int err = HostErrno.toLinux(Host.errno());
        // ENOTDIR or ELOOP from O_NOFOLLOW: a symlink to follow, or really not a directory.
        if ((err != Errno.ENOTDIR && err != Errno.ELOOP) || !isSymlink(cur, c)) throw new LinuxError(err);
      } else {
        if (!follow) return new HostPath(cur, name(c, slash), root, true, false, null, null, false, false);
        int type = typeOf(cur, c);
        if (type < 0) return new HostPath(cur, name(c, slash), root, true, true, null, null, false, false);
        if (type != FileStat.S_IFLNK) return new HostPath(cur, name(c, slash), root, true, false, null, null, false, false);
      }
      // A symlink: its target replaces it in the path.
      countLink();
      byte[] target = readlink(cur, c);
      if (target.length == 0) throw new LinuxError(Errno.ENOENT);
      pushFront(rest, target);
      if (target[0] == '/') {
        cur = root.fd;
        top = true;
      }
      if (rest.isEmpty()) return found(root, cur);
    }
  }

  /** Opens a directory relative to dirfd without following a symlink, closed when the syscall ends. */
  public int openDir(int dirfd, byte[] name) {
    return scratch.closeAtReset(Host.check(Host.libc().openat(dirfd, scratch.cString(name), DIR_FLAGS, 0)));
  }

  /** The directory dirfd itself, named "." relative to itself. */
  private HostPath found(Root root, int dirfd) {
    return new HostPath(dirfd, DOT, root, true, false, null, null, false, false);
  }

  private static byte[] name(byte[] c, boolean slash) {
    if (!slash) return c;
    byte[] n = Arrays.copyOf(c, c.length + 1);
    n[c.length] = '/';
    return n;
  }

  private boolean isSymlink(int dirfd, byte[] name) {
    return typeOf(dirfd, name) == FileStat.S_IFLNK;
  }

  /** The S_IFMT bits of name in dirfd (not following), or -1 if it does not exist. */
  private int typeOf(int dirfd, byte[] name) {
    long buf = scratch.alloc(HostLayout.STAT_SIZE);
    int rc = Host.libc().fstatat(dirfd, scratch.cString(name), buf,
        HostFlags.atToHost(OpenFlags.AT_SYMLINK_NOFOLLOW));
    if (rc == 0) return HostLayout.readStat(buf).type();
    int err = HostErrno.toLinux(Host.errno());
    if (err == Errno.ENOENT) return -1;
    throw new LinuxError(err);
  }

  private byte[] readlink(int dirfd, byte[] name) {
    int cap = 4096;
    long buf = scratch.alloc(cap);
    long n = Host.check(Host.libc().readlinkat(dirfd, scratch.cString(name), buf, cap));
    byte[] out = new byte[(int) n];
    HostMemory.copyOut(buf, out, 0, out.length);
    return out;
  }

  static final byte[] DOT = {'.'};
  static final byte[] DOTDOT = {'.', '.'};

  public static boolean isDot(byte[] c) {
    return c.length == 1 && c[0] == '.';
  }

  public static boolean isDotDot(byte[] c) {
    return c.length == 2 && c[0] == '.' && c[1] == '.';
  }
}
