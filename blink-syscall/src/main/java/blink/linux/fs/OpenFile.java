package blink.linux.fs;

import blink.linux.host.Host;
import blink.linux.host.HostLayout;
import blink.linux.host.Scratch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An open file description: what one or more guest fds (after dup, fork) refer
 * to. Owns a host file descriptor and closes it when the last guest fd goes,
 * except for borrowed descriptors such as the JVM's own stdin/stdout/stderr,
 * which stay open for the JVM.
 */
public final class OpenFile {
  private final int hostFd;
  private final boolean owned;
  private volatile String path;
  /** Whether path is still as the guest gave it and may need making absolute (see {@link #path()}). */
  private volatile boolean pathAsGiven;
  private final AtomicInteger refs = new AtomicInteger(1);
  /** The root the file was found in (null: the host's namespace), for its guest path. */
  private volatile Root root;
  /** For a file or directory the emulator provides (/proc/self), its guest path; else null. */
  private volatile String guestPath;
  /** For a provided directory, how many entries getdents64 has returned. */
  public volatile int listed;
  /** S_IFMT bits once known, else -1. A description's file type never changes. */
  private volatile int type = -1;

  public OpenFile(int hostFd, boolean owned, String path) {
    this.hostFd = hostFd;
    this.owned = owned;
    this.path = path;
  }

  /** A description over a host fd the emulator does not own (the JVM's stdio). */
  public static OpenFile borrowed(int hostFd, String name) {
    return new OpenFile(hostFd, false, name);
  }

  public int hostFd() {
    return hostFd;
  }

  /**
   * The file's guest path, for /proc/self/maps; a description like "pipe:" for
   * what has none. A file the resolver placed is named as Linux names it (the
   * absolute path, symlinks resolved), asking the host once, on first use.
   */
  public String path() {
    if (pathAsGiven) {
      pathAsGiven = false;
      if (guestPath != null) {
        path = guestPath;
      } else if (root != null || !path.startsWith("/")) {
        try {
          String host = new String(blink.linux.host.HostFiles.pathOf(hostFd, new Scratch()),
              java.nio.charset.StandardCharsets.UTF_8);
          String g = root == null ? host : root.guestPath(host);
          if (g != null) path = g;
        } catch (RuntimeException e) {
          // Keep the path as given.
        }
      }
    }
    return path;
  }

  /** The root the file lies in, or null for the host's own namespace. */
  public Root root() {
    return root;
  }

  /** For a file the emulator provides, its guest path (paths relative to it resolve from there); else null. */
  public String guestPath() {
    return guestPath;
  }

  /** Records where the resolver found the file; returns this. */
  public OpenFile placed(Root root, String guestPath) {
    this.pathAsGiven = true;
    this.root = root;
    this.guestPath = guestPath;
    return this;
  }

  /** Adds a reference (dup). */
  public OpenFile retain() {
    refs.incrementAndGet();
    return this;
  }

  /**
   * Drops a reference; closing the host fd when it was the last. Returns the host
   * close(2) result: 0, or -1 with host errno set.
   */
  public int release() {
    if (refs.decrementAndGet() != 0 || !owned) return 0;
    return Host.libc().close(hostFd);
  }

  /** The S_IFMT bits of the file, asking the host once. */
  public int type(Scratch scratch) {
    int t = type;
    if (t < 0) type = t = stat(scratch).type();
    return t;
  }

  /** fstat(2) of the host file. */
  public FileStat stat(Scratch scratch) {
    long buf = scratch.alloc(HostLayout.STAT_SIZE);
    Host.check(Host.libc().fstat(hostFd, buf));
    FileStat st = HostLayout.readStat(buf);
    type = st.type();
    return st;
  }
}
