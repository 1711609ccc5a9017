package blink.linux.sys;

import static blink.linux.KernelFixture.MEM;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import blink.linux.Errno;
import blink.linux.KernelFixture;
import blink.linux.Sysno;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DirectoriesTest {
  final KernelFixture k = new KernelFixture();
  @TempDir Path dir;

  @Test
  void getcwdReturnsTheLengthWithTheNul() {
    String cwd = Path.of("").toAbsolutePath().toString();
    long n = k.sys(Sysno.GETCWD, MEM, 4096);
    assertEquals(cwd.length() + 1, n);
    assertEquals(cwd, new String(k.bytes(MEM, (int) n - 1), StandardCharsets.UTF_8));
    assertEquals(0, k.bytes(MEM + n - 1, 1)[0]);
    assertEquals(-Errno.ERANGE, k.sys(Sysno.GETCWD, MEM, cwd.length()));
    assertEquals(-Errno.EFAULT, k.sys(Sysno.GETCWD, KernelFixture.UNMAPPED, 4096));
  }

  @Test
  void chdirIsTheGuestsOwn() throws Exception {
    String jvmCwd = Path.of("").toAbsolutePath().toString();
    Path sub = Files.createDirectory(dir.resolve("sub"));
    Files.writeString(sub.resolve("inside"), "in");
    assertEquals(0, k.sys(Sysno.CHDIR, k.cstr(MEM, sub.toString())));
    long n = k.sys(Sysno.GETCWD, MEM, 4096);
    assertEquals(sub.toRealPath().toString(), new String(k.bytes(MEM, (int) n - 1), StandardCharsets.UTF_8));
    // Relative paths now start there, and the JVM has not moved.
    assertTrue(k.sys(Sysno.OPEN, k.cstr(MEM, "inside"), 0, 0) >= 0);
    assertEquals(jvmCwd, Path.of("").toAbsolutePath().toString());
    assertEquals(0, k.sys(Sysno.CHDIR, k.cstr(MEM, "..")));
    n = k.sys(Sysno.GETCWD, MEM, 4096);
    assertEquals(dir.toRealPath().toString(), new String(k.bytes(MEM, (int) n - 1), StandardCharsets.UTF_8));
    assertEquals(0, k.sys(Sysno.MKDIR, k.cstr(MEM, "made"), 0755));
    assertTrue(Files.isDirectory(dir.resolve("made")));
    int fd = k.open(sub.toString(), 0200000, 0);
    assertEquals(0, k.sys(Sysno.FCHDIR, fd));
    assertEquals(0, k.sys(Sysno.STAT, k.cstr(MEM, "inside"), MEM + 4096));
    assertEquals(-Errno.ENOTDIR, k.sys(Sysno.CHDIR, k.cstr(MEM, sub.resolve("inside").toString())));
    assertEquals(-Errno.ENOENT, k.sys(Sysno.CHDIR, k.cstr(MEM, dir.resolve("gone").toString())));
    int file = k.open(sub.resolve("inside").toString(), 0, 0);
    assertEquals(-Errno.ENOTDIR, k.sys(Sysno.FCHDIR, file));
  }

  @Test
  void umaskIsAppliedAndKept() throws Exception {
    long old = k.sys(Sysno.UMASK, 077); // the host's, to begin with
    assertTrue(old >= 0 && old <= 0777);
    assertEquals(077, k.sys(Sysno.UMASK, 077));
    Path f = dir.resolve("private");
    assertTrue(k.sys(Sysno.OPEN, k.cstr(MEM, f.toString()), 0101, 0666) >= 0);
    assertEquals(0600, (int) Files.getAttribute(f, "unix:mode") & 0777);
    assertEquals(0, k.sys(Sysno.MKDIR, k.cstr(MEM, dir.resolve("pd").toString()), 0777));
    assertEquals(0700, (int) Files.getAttribute(dir.resolve("pd"), "unix:mode") & 0777);
    assertEquals(077, k.sys(Sysno.UMASK, old));
  }

  @Test
  void mkdirUnlinkRmdir() throws Exception {
    Path d = dir.resolve("sub");
    assertEquals(0, k.sys(Sysno.MKDIR, k.cstr(MEM, d.toString()), 0755));
    assertTrue(Files.isDirectory(d));
    assertEquals(-Errno.EEXIST, k.sys(Sysno.MKDIR, k.cstr(MEM, d.toString()), 0755));
    Path f = d.resolve("f");
    Files.writeString(f, "x");
    assertEquals(-Errno.ENOTEMPTY, k.sys(Sysno.RMDIR, k.cstr(MEM, d.toString())));
    assertEquals(-Errno.EISDIR, k.sys(Sysno.UNLINK, k.cstr(MEM, d.toString())));
    assertEquals(0, k.sys(Sysno.UNLINK, k.cstr(MEM, f.toString())));
    assertFalse(Files.exists(f));
    assertEquals(-Errno.ENOENT, k.sys(Sysno.UNLINK, k.cstr(MEM, f.toString())));
    assertEquals(-Errno.EINVAL, k.sys(Sysno.UNLINKAT, -100, k.cstr(MEM, d.toString()), 1));
    assertEquals(0, k.sys(Sysno.UNLINKAT, -100, k.cstr(MEM, d.toString()), 0x200));
    assertFalse(Files.exists(d));
    int dfd = k.open(dir.toString(), 0, 0);
    assertEquals(0, k.sys(Sysno.MKDIRAT, dfd, k.cstr(MEM, "rel"), 0700));
    assertTrue(Files.isDirectory(dir.resolve("rel")));
  }

  @Test
  void getdents64ListsTheDirectory() throws Exception {
    Set<String> expected = new HashSet<>(Set.of(".", ".."));
    for (int i = 0; i < 40; i++) {
      Files.writeString(dir.resolve("file-with-a-longish-name-" + i), "");
      expected.add("file-with-a-longish-name-" + i);
    }
    Files.createDirectory(dir.resolve("d"));
    expected.add("d");
    int fd = k.open(dir.toString(), 0200000, 0);
    Set<String> seen = new HashSet<>();
    long buf = MEM + 4096;
    for (;;) {
      long n = k.sys(Sysno.GETDENTS64, fd, buf, 512); // small, so it takes several calls
      assertTrue(n >= 0, "getdents64: " + n);
      if (n == 0) break;
      for (long p = 0; p < n; ) {
        int reclen = k.cpu.mmu.read16(buf + p + 16);
        int type = k.cpu.mmu.read8(buf + p + 18);
        assertEquals(0, reclen % 8);
        String name = k.cpu.mmu.readString(buf + p + 19, 256);
        seen.add(name);
        if (name.equals("d")) assertEquals(4, type); // DT_DIR
        else if (name.startsWith("file")) assertEquals(8, type); // DT_REG
        p += reclen;
      }
    }
    assertEquals(expected, seen);
    try (Stream<Path> s = Files.list(dir)) {
      assertEquals(s.count() + 2, seen.size());
    }
    assertEquals(0, k.sys(Sysno.GETDENTS64, fd, buf, 512)); // still at the end
    // A buffer too small for the next entry is EINVAL.
    int again = k.open(dir.toString(), 0200000, 0);
    assertEquals(-Errno.EINVAL, k.sys(Sysno.GETDENTS64, again, buf, 1));
    int file = k.open(dir.resolve("d").resolveSibling("file-with-a-longish-name-0").toString(), 0, 0);
    assertEquals(-Errno.ENOTDIR, k.sys(Sysno.GETDENTS64, file, buf, 512));
  }
}
