package blink.linux.proc;

import static blink.linux.KernelFixture.MEM;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import blink.linux.Errno;
import blink.linux.KernelFixture;
import blink.linux.Sysno;
import blink.linux.fs.OpenFlags;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The provided /proc and /dev files, where the host can say what is right. */
class ProcFsTest {
  private final KernelFixture k = new KernelFixture();
  private static final long BUF = MEM + 16 * 4096;

  @Test
  void devNodesAreTheHostsOwn() throws Exception {
    for (String dev : List.of("/dev/null", "/dev/zero", "/dev/full", "/dev/random", "/dev/urandom")) {
      assertEquals(0, k.sys(Sysno.STAT, k.cstr(MEM, dev), BUF), dev);
      Object hostKey = Files.readAttributes(Path.of(dev), BasicFileAttributes.class).fileKey();
      // fileKey is "(dev=…,ino=…)" with the device in hex.
      String key = "(dev=" + Long.toHexString(k.read64(BUF)) + ",ino=" + k.read64(BUF + 8) + ")";
      assertEquals(hostKey.toString(), key, dev);
    }
  }

  @Test
  void fdLinksNameTheFileAndListTheOpenFds(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("f"), "x");
    int fd = k.open(file.toString(), OpenFlags.O_RDONLY, 0);
    long n = k.sys(Sysno.READLINK, k.cstr(MEM, "/proc/self/fd/" + fd), BUF, 4096);
    assertEquals(file.toRealPath().toString(), new String(k.bytes(BUF, (int) n), StandardCharsets.UTF_8));

    int dirFd = k.open("/proc/self/fd", OpenFlags.O_RDONLY | OpenFlags.O_DIRECTORY, 0);
    List<String> names = new ArrayList<>();
    long got;
    while ((got = k.sys(Sysno.GETDENTS64, dirFd, BUF, 64)) > 0) {
      for (long p = 0; p < got; ) {
        int reclen = k.bytes(BUF + p + 16, 2)[0] & 0xff | (k.bytes(BUF + p + 17, 1)[0] & 0xff) << 8;
        byte[] name = k.bytes(BUF + p + 19, reclen - 19);
        int len = 0;
        while (name[len] != 0) len++;
        names.add(new String(name, 0, len, StandardCharsets.UTF_8));
        p += reclen;
      }
    }
    assertEquals(0, got);
    assertEquals(List.of(".", "..", "0", "1", "2", Integer.toString(fd), Integer.toString(dirFd)), names);
  }

  @Test
  void providedFilesAreReadOnly() {
    long path = k.cstr(MEM, "/proc/self/status");
    assertEquals(-Errno.EACCES, k.sys(Sysno.OPEN, path, OpenFlags.O_WRONLY, 0));
    assertEquals(-Errno.EACCES, k.sys(Sysno.OPEN, path, OpenFlags.O_RDWR, 0));
    assertTrue(k.sys(Sysno.OPEN, path, OpenFlags.O_RDONLY, 0) >= 0);
    assertEquals(-Errno.ENOENT, k.sys(Sysno.OPEN, k.cstr(MEM, "/proc/self/nonexistent"), OpenFlags.O_RDONLY, 0));
    assertEquals(-Errno.ENOTDIR, k.sys(Sysno.OPEN, k.cstr(MEM, "/proc/self/status/x"), OpenFlags.O_RDONLY, 0));
  }

  @Test
  void cpuinfoFlagsFollowTheEmulatedCpuid() {
    String info = new String(SystemFiles.cpuinfo(), StandardCharsets.US_ASCII);
    String flags = info.lines().filter(l -> l.startsWith("flags")).findFirst().orElseThrow();
    List<String> f = List.of(flags.substring(flags.indexOf(':') + 1).trim().split(" "));
    // The CPUID leaves advertise SSE2, SSSE3, POPCNT and long mode, and no AVX.
    assertTrue(f.containsAll(List.of("fpu", "sse2", "ssse3", "popcnt", "lm", "syscall", "cx16")), flags);
    assertFalse(f.contains("avx") || f.contains("avx2"), flags);
  }
}
