package blink.linux.fs;

import blink.linux.Errno;
import blink.linux.GuestProcess;
import blink.linux.LinuxError;
import blink.linux.Task;
import blink.linux.host.Host;
import blink.linux.host.HostErrno;
import blink.linux.host.HostFiles;
import blink.linux.host.HostFlags;
import blink.linux.host.HostLayout;
import blink.linux.host.Scratch;
import blink.memory.HostMemory;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The one resolver every guest path goes through. The guest's "/" is a list of
 * roots (BLINK_OVERLAYS or -C): an absolute path is looked up in each root in
 * turn, as if that root were "/", and the first in which it exists wins; a path
 * that exists in none is created in the first root that has its parent. A
 * relative path starts at the directory it is relative to, inside that
 * directory's root. /proc and /dev entries the emulator provides ({@link
 * SpecialFiles}) sit at the top of every root.
 *
 * <p>With no roots configured the guest sees the host's namespace, and a path
 * that names nothing under /proc or /dev goes to the host unchanged (the host's
 * own resolution is then exactly a walk in the root "/").
 */
public final class Vfs {
  private final GuestProcess process;
  /** The roots, or null for the host's own namespace. */
  private volatile List<Root> roots;
  /** "/" as a root, for walks through /proc and /dev in the host's namespace. */
  private volatile Root hostRoot;
  private SpecialFiles special;

  public Vfs(GuestProcess process) {
    this.process = process;
  }

  /** Installs the provider of /proc and /dev. */
  public void setSpecialFiles(SpecialFiles special) {
    this.special = special;
  }

  /**
   * Makes roots the guest's "/" (before the guest runs). The working directory
   * becomes the JVM's own if it lies inside a root, else the first root's top.
   */
  public void setRoots(List<Root> roots, String hostCwd) {
    if (roots.isEmpty()) throw new IllegalArgumentException("no roots");
    if (roots.size() == 1 && roots.get(0).isHostRoot()) {
      this.roots = null;
      this.hostRoot = roots.get(0);
      return;
    }
    this.roots = List.copyOf(roots);
    Scratch s = new Scratch();
    for (Root r : roots) {
      if (r.guestPath(hostCwd) != null) {
        int fd = Host.libc().openat(HostFlags.HOST_AT_FDCWD, s.cString(bytes(hostCwd)),
            HostFlags.openToHost(OpenFlags.O_PATH | OpenFlags.O_DIRECTORY | OpenFlags.O_CLOEXEC), 0);
        if (fd >= 0) {
          process.chdir(new OpenFile(fd, true, hostCwd).placed(r, null));
          return;
        }
      }
    }
    Root first = roots.get(0);
    int fd = Host.check(Host.libc().openat(first.fd, s.cString(PathWalker.DOT),
        HostFlags.openToHost(OpenFlags.O_PATH | OpenFlags.O_DIRECTORY | OpenFlags.O_CLOEXEC), 0));
    process.chdir(new OpenFile(fd, true, "/").placed(first, null));
  }

  /** Gives this (a child process's) resolver the same roots as parent's (fork(2)). */
  public void inheritRoots(Vfs parent) {
    this.roots = parent.roots;
    this.hostRoot = parent.hostRoot;
  }

  /** The entries of a provided directory (see {@link SpecialFiles#list}), or null to list the host's. */
  public List<SpecialFiles.Entry> list(String guestDir) {
    return special == null ? null : special.list(guestDir);
  }

  /** The configured roots, or null when the guest sees the host's namespace. */
  public List<Root> roots() {
    return roots;
  }

  /** Resolves path relative to dirfd (a guest fd or AT_FDCWD), following a final symlink. */
  public HostPath resolve(Task t, long dirfd, byte[] path) {
    return resolve(t, dirfd, path, true);
  }

  /**
   * Resolves path relative to dirfd (a guest fd or AT_FDCWD). As in openat(2), an
   * absolute path ignores dirfd, even an invalid one. follow says whether a final
   * symlink is followed; intermediate ones always are.
   */
  public HostPath resolve(Task t, long dirfd, byte[] path, boolean follow) {
    boolean abs = path.length > 0 && path[0] == '/';
    List<Root> rs = roots;
    if (abs) {
      if (rs == null && !namesSpecial(path)) return new HostPath(HostFlags.HOST_AT_FDCWD, path);
      return resolveAbsolute(new PathWalker(t, t.scratch, special), path, follow);
    }
    OpenFile base = (int) dirfd == OpenFlags.AT_FDCWD ? process.cwd() : process.fds.get((int) dirfd);
    // An empty path (with AT_EMPTY_PATH) names dirfd itself, whatever it is: the host's business.
    if (path.length == 0) return new HostPath(base == null ? HostFlags.HOST_AT_FDCWD : base.hostFd(), path);
    if (base != null && base.guestPath() != null) {
      // Relative to a directory the emulator provides: resolve by its guest path.
      return resolveAbsolute(new PathWalker(t, t.scratch, special), concat(base.guestPath(), path), follow);
    }
    if (rs == null) return new HostPath(base == null ? HostFlags.HOST_AT_FDCWD : base.hostFd(), path);
    Root r = base.root() != null ? base.root() : rs.get(0);
    // In the host's own "/", the host's resolution is the walk (as on the fast path).
    if (r.isHostRoot()) return new HostPath(base.hostFd(), path, r, false, false, null, null, false, false);
    PathWalker w = new PathWalker(t, t.scratch, special);
    return w.walk(r, base.hostFd(), r.isTop(base.hostFd(), t.scratch), path, follow);
  }

  /** Resolves an absolute guest path within the roots. */
  public HostPath resolveAbsolute(PathWalker w, byte[] path, boolean follow) {
    List<Root> rs = roots;
    if (rs == null) {
      if (!namesSpecial(path)) return new HostPath(HostFlags.HOST_AT_FDCWD, path);
      return w.walk(hostRoot(w.scratch), -1, true, path, follow);
    }
    if (rs.size() == 1) return w.walk(rs.get(0), -1, true, path, follow);
    HostPath missing = null;
    LinuxError error = null;
    for (Root r : rs) {
      try {
        if (r.isHostRoot() && !namesSpecial(path) && existsOnHost(w.scratch, path, follow)) {
          return new HostPath(HostFlags.HOST_AT_FDCWD, path, r, false, false, null, null, false, false);
        }
        // Each root gets its own count of symlinks followed.
        HostPath hp = new PathWalker(w.task, w.scratch, special).walk(r, -1, true, path, follow);
        if (!hp.missing() && (follow || hp.guestPath() != null || hp.linkTarget() != null || exists(w.scratch, hp))) {
          return hp;
        }
        if (missing == null) missing = hp;
      } catch (LinuxError e) {
        if (e.errno != Errno.ENOENT && error == null) error = e;
      }
    }
    if (missing != null) return missing;
    throw error != null ? error : new LinuxError(Errno.ENOENT);
  }

  /** What readlink(2) says for path: the emulator's own links answer themselves, the rest the host. */
  public byte[] readlink(Task t, long dirfd, byte[] path) {
    HostPath hp = resolve(t, dirfd, path, false);
    if (hp.linkTarget() != null) return hp.linkTarget().clone();
    int cap = 4096;
    long buf = t.scratch.alloc(cap);
    long n = Host.check(Host.libc().readlinkat(hp.dirfd(), t.scratch.cString(hp.path()), buf, cap));
    byte[] out = new byte[(int) n];
    HostMemory.copyOut(buf, out, 0, out.length);
    return out;
  }

  /**
   * The guest path of an open file or directory, as /proc/self/fd links and
   * getcwd(2) give it: symlinks resolved, the root's part cut off; "(unreachable)"
   * before a path outside its root, as Linux writes it.
   */
  public byte[] guestPathOf(OpenFile f, Scratch scratch) {
    if (f.guestPath() != null) return bytes(f.guestPath());
    byte[] host = HostFiles.pathOf(f.hostFd(), scratch);
    Root r = f.root() != null ? f.root() : rootOf(host);
    if (r == null || host.length == 0 || host[0] != '/') return host;
    String h = new String(host, StandardCharsets.UTF_8);
    String g = r.guestPath(h);
    return bytes(g != null ? g : "(unreachable)" + h);
  }

  /** The working directory's guest path (getcwd(2)). */
  public byte[] cwd(Scratch scratch) {
    OpenFile cwd = process.cwd();
    if (cwd != null) return guestPathOf(cwd, scratch);
    long host = scratch.alloc(4096);
    if (Host.libc().getcwd(host, 4096) == 0) Host.check(-1);
    int n = 0;
    while (HostMemory.get8(host + n) != 0) n++;
    byte[] path = new byte[n];
    HostMemory.copyOut(host, path, 0, n);
    return path;
  }

  /**
   * The host path of a guest path, for the loader to read the program from; null if
   * it does not exist. Called before the guest runs.
   */
  public String hostPath(String guestPath) {
    Scratch s = new Scratch();
    try {
      HostPath hp = guestPath.startsWith("/")
          ? resolveAbsolute(new PathWalker(null, s, special), bytes(guestPath), true)
          : resolveRelativeToCwd(s, bytes(guestPath));
      int fd = Host.libc().openat(hp.dirfd(), s.cString(hp.path()),
          HostFlags.openToHost(OpenFlags.O_PATH | OpenFlags.O_CLOEXEC), 0);
      if (fd < 0) return null;
      try {
        return new String(HostFiles.pathOf(fd, s), StandardCharsets.UTF_8);
      } finally {
        Host.libc().close(fd);
      }
    } catch (LinuxError e) {
      return null;
    } finally {
      s.reset();
    }
  }

  /** The guest path of a host path (the program's, for /proc/self/exe); the host path if no root holds it. */
  public String guestPathOfHost(String hostPath) {
    Root r = rootOf(bytes(hostPath));
    String g = r == null ? null : r.guestPath(hostPath);
    return g != null ? g : hostPath;
  }

  private HostPath resolveRelativeToCwd(Scratch s, byte[] path) {
    OpenFile cwd = process.cwd();
    List<Root> rs = roots;
    if (rs == null || cwd == null) return new HostPath(cwd == null ? HostFlags.HOST_AT_FDCWD : cwd.hostFd(), path);
    Root r = cwd.root() != null ? cwd.root() : rs.get(0);
    return new PathWalker(null, s, special).walk(r, cwd.hostFd(), r.isTop(cwd.hostFd(), s), path, true);
  }

  private Root rootOf(byte[] host) {
    List<Root> rs = roots;
    if (rs == null) return null;
    String h = new String(host, StandardCharsets.UTF_8);
    for (Root r : rs) if (!r.isHostRoot() && r.guestPath(h) != null) return r;
    for (Root r : rs) if (r.isHostRoot()) return r;
    return null;
  }

  private Root hostRoot(Scratch s) {
    Root r = hostRoot;
    if (r == null) hostRoot = r = Root.open("/", s);
    return r;
  }

  /** Whether an absolute path's first component is one the emulator provides (proc, dev). */
  private boolean namesSpecial(byte[] path) {
    int i = 0;
    while (i < path.length && path[i] == '/') i++;
    int j = i;
    while (j < path.length && path[j] != '/') j++;
    // Every name that matters here ("proc", "dev", ".", "..") is short.
    if (j == i || j - i > 4) return false;
    byte[] first = java.util.Arrays.copyOfRange(path, i, j);
    // "." and ".." at the top stay at the top: what follows may still be /proc.
    return PathWalker.isDot(first) || PathWalker.isDotDot(first) || (special != null && special.provides(first));
  }

  private static boolean existsOnHost(Scratch s, byte[] path, boolean follow) {
    long buf = s.alloc(HostLayout.STAT_SIZE);
    int rc = Host.libc().fstatat(HostFlags.HOST_AT_FDCWD, s.cString(path), buf,
        HostFlags.atToHost(follow ? 0 : OpenFlags.AT_SYMLINK_NOFOLLOW));
    if (rc == 0) return true;
    int err = HostErrno.toLinux(Host.errno());
    if (err == Errno.ENOENT) return false;
    throw new LinuxError(err);
  }

  private static boolean exists(Scratch s, HostPath hp) {
    long buf = s.alloc(HostLayout.STAT_SIZE);
    return Host.libc().fstatat(hp.dirfd(), s.cString(hp.path()), buf,
        HostFlags.atToHost(OpenFlags.AT_SYMLINK_NOFOLLOW)) == 0;
  }

  private static byte[] concat(String dir, byte[] rel) {
    byte[] d = bytes(dir.endsWith("/") ? dir : dir + "/");
    byte[] out = java.util.Arrays.copyOf(d, d.length + rel.length);
    System.arraycopy(rel, 0, out, d.length, rel.length);
    return out;
  }

  static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
