package blink.linux.host;

import blink.memory.HostMemory;
import java.nio.charset.StandardCharsets;

/** Host file system facts that are not calls: where an open fd's path can be read. */
public final class HostFiles {
  private HostFiles() {}

  /**
   * The path of the file behind a host fd, as the host kernel names it now. On a
   * Linux host that is the /proc/self/fd link (what getcwd(2) gives for a working
   * directory: symlinks resolved).
   */
  public static byte[] pathOf(int hostFd, Scratch scratch) {
    byte[] link = ("/proc/self/fd/" + hostFd).getBytes(StandardCharsets.US_ASCII);
    int cap = 4096;
    long buf = scratch.alloc(cap);
    long n = Host.check(Host.libc().readlinkat(HostFlags.HOST_AT_FDCWD, scratch.cString(link), buf, cap));
    byte[] path = new byte[(int) n];
    HostMemory.copyOut(buf, path, 0, path.length);
    return path;
  }
}
