package blink.linux.sys;

import static blink.linux.KernelFixture.MEM;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import blink.linux.Errno;
import blink.linux.KernelFixture;
import blink.linux.Sysno;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NamesTest {
  final KernelFixture k = new KernelFixture();
  @TempDir Path dir;

  long path(int slot, Path p) {
    return k.cstr(MEM + 1024L * slot, p.toString());
  }

  @Test
  void renameLinkSymlinkUnlink() throws Exception {
    Path a = dir.resolve("a"), b = dir.resolve("b"), c = dir.resolve("c"), s = dir.resolve("s");
    Files.writeString(a, "A");
    assertEquals(0, k.sys(Sysno.RENAME, path(0, a), path(1, b)));
    assertFalse(Files.exists(a));
    assertEquals("A", Files.readString(b));
    assertEquals(0, k.sys(Sysno.LINK, path(0, b), path(1, c)));
    assertEquals(2, (int) Files.getAttribute(b, "unix:nlink"));
    assertEquals(0, k.sys(Sysno.SYMLINK, k.cstr(MEM, "b"), path(1, s)));
    assertEquals(Path.of("b"), Files.readSymbolicLink(s));
    assertEquals(-Errno.EEXIST, k.sys(Sysno.RENAMEAT2, -100, path(0, c), -100, path(1, b), 1)); // NOREPLACE
    assertEquals(0, k.sys(Sysno.RENAMEAT2, -100, path(0, c), -100, path(1, s), 2)); // EXCHANGE
    assertTrue(Files.isSymbolicLink(c));
    assertEquals(-Errno.EINVAL, k.sys(Sysno.RENAMEAT2, -100, path(0, c), -100, path(1, s), 3));
    assertEquals(-Errno.EINVAL, k.sys(Sysno.LINKAT, -100, path(0, b), -100, path(1, a), 1));
    assertEquals(-Errno.ENOENT, k.sys(Sysno.RENAME, path(0, a), path(1, b)));
    assertEquals(0, k.sys(Sysno.UNLINK, path(0, c)));
    assertTrue(Files.exists(b)); // unlinking the symlink leaves its target
  }

  @Test
  void truncateAndFtruncate() throws Exception {
    Path f = dir.resolve("t");
    Files.writeString(f, "0123456789");
    assertEquals(0, k.sys(Sysno.TRUNCATE, path(0, f), 4));
    assertEquals("0123", Files.readString(f));
    int fd = k.open(f.toString(), 2, 0);
    assertEquals(0, k.sys(Sysno.FTRUNCATE, fd, 8));
    assertEquals(8, Files.size(f));
    assertEquals(0, k.sys(Sysno.FSYNC, fd));
    assertEquals(0, k.sys(Sysno.FDATASYNC, fd));
    assertEquals(-Errno.EINVAL, k.sys(Sysno.FTRUNCATE, fd, -1));
    assertEquals(-Errno.EINVAL, k.sys(Sysno.TRUNCATE, path(0, f), -1));
    assertEquals(-Errno.EISDIR, k.sys(Sysno.TRUNCATE, path(0, dir), 0));
    assertEquals(-Errno.ENOENT, k.sys(Sysno.TRUNCATE, path(0, dir.resolve("none")), 0));
  }
}
