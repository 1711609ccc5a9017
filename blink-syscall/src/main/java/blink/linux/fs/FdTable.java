package blink.linux.fs;

import blink.linux.Errno;
import blink.linux.LinuxError;
import java.util.Arrays;

/**
 * A process's file descriptor table: guest fd to open file description plus the
 * per-descriptor close-on-exec flag. Guest fd numbers are the guest's own; the
 * host fds behind them are whatever the host handed out.
 */
public final class FdTable {
  private OpenFile[] files = new OpenFile[64];
  private boolean[] cloexec = new boolean[64];

  /** A table with 0, 1, 2 on the JVM's own stdin, stdout and stderr. */
  public static FdTable withStdio() {
    FdTable t = new FdTable();
    t.files[0] = OpenFile.borrowed(0, "/dev/stdin");
    t.files[1] = OpenFile.borrowed(1, "/dev/stdout");
    t.files[2] = OpenFile.borrowed(2, "/dev/stderr");
    return t;
  }

  /** The description behind fd; EBADF if none. */
  public synchronized OpenFile get(long fd) {
    if (fd < 0 || fd >= files.length || files[(int) fd] == null) throw new LinuxError(Errno.EBADF);
    return files[(int) fd];
  }

  public synchronized boolean isOpen(long fd) {
    return fd >= 0 && fd < files.length && files[(int) fd] != null;
  }

  /**
   * Installs f at the lowest free fd >= min and below limit (RLIMIT_NOFILE);
   * EMFILE if there is none. The table takes over the caller's reference.
   */
  public synchronized int install(OpenFile f, boolean closeOnExec, int min, long limit) {
    for (int fd = Math.max(min, 0); fd < limit; fd++) {
      if (fd >= files.length) grow(fd);
      if (files[fd] == null) {
        files[fd] = f;
        cloexec[fd] = closeOnExec;
        return fd;
      }
    }
    throw new LinuxError(Errno.EMFILE);
  }

  /** Puts f at fd (dup2), returning what was there (to release) or null. */
  public synchronized OpenFile installAt(int fd, OpenFile f, boolean closeOnExec) {
    if (fd >= files.length) grow(fd);
    OpenFile old = files[fd];
    files[fd] = f;
    cloexec[fd] = closeOnExec;
    return old;
  }

  /** Removes fd and returns its description (to release); EBADF if none. */
  public synchronized OpenFile remove(long fd) {
    OpenFile f = get(fd);
    files[(int) fd] = null;
    cloexec[(int) fd] = false;
    return f;
  }

  /** The open fds, ascending (for /proc/self/fd). */
  public synchronized int[] openFds() {
    int n = 0;
    for (OpenFile f : files) if (f != null) n++;
    int[] out = new int[n];
    for (int fd = 0, k = 0; fd < files.length; fd++) if (files[fd] != null) out[k++] = fd;
    return out;
  }

  public synchronized boolean closeOnExec(long fd) {
    get(fd);
    return cloexec[(int) fd];
  }

  public synchronized void setCloseOnExec(long fd, boolean on) {
    get(fd);
    cloexec[(int) fd] = on;
  }

  private void grow(int fd) {
    int n = Math.max(files.length * 2, fd + 1);
    files = Arrays.copyOf(files, n);
    cloexec = Arrays.copyOf(cloexec, n);
  }

  /** A copy for a child process (fork(2)): the same open file descriptions, each retained. */
  public synchronized FdTable copy() {
    FdTable t = new FdTable();
    t.files = files.clone();
    t.cloexec = cloexec.clone();
    for (OpenFile f : t.files) if (f != null) f.retain();
    return t;
  }

  /**
   * Removes every fd, or with onlyCloseOnExec those marked close-on-exec (execve(2)),
   * and returns their descriptions for the caller to release.
   */
  public synchronized java.util.List<OpenFile> removeAll(boolean onlyCloseOnExec) {
    java.util.List<OpenFile> out = new java.util.ArrayList<>();
    for (int fd = 0; fd < files.length; fd++) {
      if (files[fd] != null && (!onlyCloseOnExec || cloexec[fd])) {
        out.add(files[fd]);
        files[fd] = null;
        cloexec[fd] = false;
      }
    }
    return out;
  }

  /** One past the highest fd the table can hold now; every open fd is below it. */
  public synchronized int capacity() {
    return files.length;
  }
}
