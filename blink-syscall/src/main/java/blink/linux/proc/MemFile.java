package blink.linux.proc;

import blink.linux.host.Host;
import blink.linux.host.Scratch;
import blink.memory.HostMemory;
import java.nio.charset.StandardCharsets;

/**
 * A provided file's contents in a sealed host memfd (memfd_create(2)), so read,
 * lseek, fstat and mmap of it are the host's ordinary file operations. The guest
 * opens it again through the host's /proc/self/fd link, which gives it a
 * description of its own, as opening a /proc file does.
 */
final class MemFile {
  private MemFile() {}

  // memfd_create(2) flags and fcntl(2) F_ADD_SEALS with its seals (linux/memfd.h, linux/fcntl.h).
  private static final int MFD_CLOEXEC = 1, MFD_ALLOW_SEALING = 2;
  private static final int F_ADD_SEALS = 1033;
  private static final int F_SEAL_SEAL = 1, F_SEAL_SHRINK = 2, F_SEAL_GROW = 4, F_SEAL_WRITE = 8;

  /** A host path naming a read-only file holding content, valid until the syscall ends. */
  static byte[] create(Scratch scratch, String name, byte[] content) {
    int fd = Host.check(Host.libc().memfd_create(scratch.cString(name.getBytes(StandardCharsets.UTF_8)),
        MFD_CLOEXEC | MFD_ALLOW_SEALING));
    scratch.closeAtReset(fd);
    long buf = scratch.alloc(Math.max(content.length, 1));
    HostMemory.copyIn(content, 0, buf, content.length);
    for (long done = 0; done < content.length; ) {
      done += Host.check(Host.libc().pwrite64(fd, buf + done, content.length - done, done));
    }
    Host.check(Host.libc().fchmod(fd, 0444));
    Host.check(Host.libc().fcntl(fd, F_ADD_SEALS, F_SEAL_SEAL | F_SEAL_SHRINK | F_SEAL_GROW | F_SEAL_WRITE));
    return ("/proc/self/fd/" + fd).getBytes(StandardCharsets.US_ASCII);
  }
}
