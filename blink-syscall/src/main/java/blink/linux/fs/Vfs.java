package blink.linux.fs;

import blink.linux.GuestProcess;
import blink.linux.host.HostFlags;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Turns a guest path (with its dirfd) into the host path to use. Today the guest
 * sees the host's file system, except that /proc/self/exe names the guest
 * program rather than the JVM, and relative paths start at the guest's own
 * working directory, never the JVM's; overlays, the -C root and emulated /proc
 * and /dev will hook in here.
 */
public final class Vfs {
  private final byte[] exe;
  private final byte[] selfExe;
  private final GuestProcess process;

  /** A path for the host: the host dirfd it is relative to, and its bytes (no NUL). */
  public record HostPath(int dirfd, byte[] path) {}

  public Vfs(String exePath, GuestProcess process) {
    this.exe = exePath.getBytes(StandardCharsets.UTF_8);
    this.selfExe = "/proc/self/exe".getBytes(StandardCharsets.US_ASCII);
    this.process = process;
  }

  /**
   * Resolves path relative to dirfd (a guest fd or AT_FDCWD). As in openat(2), an
   * absolute path ignores dirfd, even an invalid one.
   */
  public HostPath resolve(FdTable fds, long dirfd, byte[] path) {
    if (isSelfExe(path)) return new HostPath(HostFlags.HOST_AT_FDCWD, exe);
    if (path.length > 0 && path[0] == '/') return new HostPath(HostFlags.HOST_AT_FDCWD, path);
    return new HostPath(hostDirfd(fds, dirfd), path);
  }

  /**
   * The host dirfd for a guest dirfd: AT_FDCWD is the process's working directory
   * (the host's own until the guest calls chdir); anything else must be an open fd.
   */
  public int hostDirfd(FdTable fds, long dirfd) {
    if ((int) dirfd == OpenFlags.AT_FDCWD) {
      OpenFile cwd = process.cwd();
      return cwd != null ? cwd.hostFd() : HostFlags.HOST_AT_FDCWD;
    }
    return fds.get((int) dirfd).hostFd();
  }

  /** The target of a link the emulator provides itself, or null to ask the host. */
  public byte[] readlink(byte[] path) {
    return isSelfExe(path) ? exe.clone() : null;
  }

  private boolean isSelfExe(byte[] path) {
    if (path.length < 10 || !Arrays.equals(path, 0, 6, selfExe, 0, 6)) return false; // "/proc/"
    if (Arrays.equals(path, selfExe)) return true;
    return Arrays.equals(path, ("/proc/" + process.pid() + "/exe").getBytes(StandardCharsets.US_ASCII));
  }
}
