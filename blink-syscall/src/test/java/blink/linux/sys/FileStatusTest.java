package blink.linux.sys;

import static blink.linux.KernelFixture.MEM;
import static org.junit.jupiter.api.Assertions.assertEquals;

import blink.linux.Errno;
import blink.linux.KernelFixture;
import blink.linux.Sysno;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileStatusTest {
  static final int AT_FDCWD = -100, AT_SYMLINK_NOFOLLOW = 0x100, AT_EMPTY_PATH = 0x1000;

  final KernelFixture k = new KernelFixture();
  @TempDir Path dir;
  final long buf = MEM + 8192;

  /** Checks the 144-byte struct stat at buf against what the JDK reads from the host. */
  void assertStatMatches(Path p, boolean follow) throws Exception {
    LinkOption[] opts = follow ? new LinkOption[0] : new LinkOption[] {LinkOption.NOFOLLOW_LINKS};
    Map<String, Object> a = Files.readAttributes(p, "unix:*", opts);
    assertEquals(((Number) a.get("dev")).longValue(), k.read64(buf), "st_dev");
    assertEquals(((Number) a.get("ino")).longValue(), k.read64(buf + 8), "st_ino");
    assertEquals(((Number) a.get("nlink")).longValue(), k.read64(buf + 16), "st_nlink");
    assertEquals(((Number) a.get("mode")).intValue(), k.read32(buf + 24), "st_mode");
    assertEquals(((Number) a.get("uid")).intValue(), k.read32(buf + 28), "st_uid");
    assertEquals(((Number) a.get("gid")).intValue(), k.read32(buf + 32), "st_gid");
    assertEquals(((Number) a.get("rdev")).longValue(), k.read64(buf + 40), "st_rdev");
    assertEquals(((Number) a.get("size")).longValue(), k.read64(buf + 48), "st_size");
    FileTime m = (FileTime) a.get("lastModifiedTime");
    long nanos = m.to(java.util.concurrent.TimeUnit.NANOSECONDS);
    assertEquals(Math.floorDiv(nanos, 1_000_000_000L), k.read64(buf + 88), "st_mtime");
    assertEquals(Math.floorMod(nanos, 1_000_000_000L), k.read64(buf + 96), "st_mtime_nsec");
    FileTime c = (FileTime) a.get("ctime");
    assertEquals(c.to(java.util.concurrent.TimeUnit.SECONDS), k.read64(buf + 104), "st_ctime");
    assertEquals(0, k.read64(buf + 120));
  }

  @Test
  void statFamilyMatchesTheHost() throws Exception {
    Path f = dir.resolve("s");
    Files.writeString(f, "twelve bytes");
    Path link = dir.resolve("l");
    Files.createSymbolicLink(link, f);
    long path = k.cstr(MEM, f.toString());
    assertEquals(0, k.sys(Sysno.STAT, path, buf));
    assertStatMatches(f, true);
    assertEquals(0, k.sys(Sysno.LSTAT, k.cstr(MEM, link.toString()), buf));
    assertStatMatches(link, false);
    assertEquals(0, k.sys(Sysno.STAT, k.cstr(MEM, link.toString()), buf));
    assertStatMatches(f, true);
    int fd = k.open(f.toString(), 0, 0);
    assertEquals(0, k.sys(Sysno.FSTAT, fd, buf));
    assertStatMatches(f, true);
    // glibc's fstat is newfstatat(fd, "", buf, AT_EMPTY_PATH).
    assertEquals(0, k.sys(Sysno.NEWFSTATAT, fd, k.cstr(MEM, ""), buf, AT_EMPTY_PATH));
    assertStatMatches(f, true);
    int d = k.open(dir.toString(), 0, 0);
    assertEquals(0, k.sys(Sysno.NEWFSTATAT, d, k.cstr(MEM, "l"), buf, AT_SYMLINK_NOFOLLOW));
    assertStatMatches(link, false);
    assertEquals(0, k.sys(Sysno.FSTAT, 1, buf)); // the JVM's stdout, whatever it is
  }

  @Test
  void statErrors() {
    assertEquals(-Errno.ENOENT, k.sys(Sysno.STAT, k.cstr(MEM, dir.resolve("none").toString()), buf));
    assertEquals(-Errno.ENOENT, k.sys(Sysno.NEWFSTATAT, AT_FDCWD, k.cstr(MEM, ""), buf, 0));
    assertEquals(-Errno.EINVAL, k.sys(Sysno.NEWFSTATAT, AT_FDCWD, k.cstr(MEM, "/"), buf, 0x4));
    assertEquals(-Errno.EFAULT, k.sys(Sysno.STAT, k.cstr(MEM, "/"), KernelFixture.UNMAPPED));
    assertEquals(-Errno.EFAULT, k.sys(Sysno.STAT, KernelFixture.UNMAPPED, buf));
    assertEquals(-Errno.EBADF, k.sys(Sysno.FSTAT, 55, buf));
    assertEquals(-Errno.ENAMETOOLONG, k.sys(Sysno.STAT, k.cstr(MEM, "/" + "a".repeat(5000)), buf));
  }

  @Test
  void statfsDescribesTheFileSystem() throws Exception {
    java.nio.file.FileStore store = Files.getFileStore(dir);
    assertEquals(0, k.sys(Sysno.STATFS, k.cstr(MEM, dir.toString()), buf));
    long bsize = k.read64(buf + 8), blocks = k.read64(buf + 16);
    assertEquals(store.getTotalSpace(), blocks * k.read64(buf + 72)); // f_blocks * f_frsize
    assertEquals(true, bsize > 0 && k.read64(buf + 64) > 0); // f_namelen
    int fd = k.open(dir.toString(), 0, 0);
    assertEquals(0, k.sys(Sysno.FSTATFS, fd, buf + 256));
    assertEquals(k.read64(buf), k.read64(buf + 256)); // f_type
    assertEquals(-Errno.ENOENT, k.sys(Sysno.STATFS, k.cstr(MEM, dir + "/none"), buf));
  }

  @Test
  void access() throws Exception {
    Path f = dir.resolve("a");
    Files.writeString(f, "");
    long path = k.cstr(MEM, f.toString());
    assertEquals(0, k.sys(Sysno.ACCESS, path, 0));
    assertEquals(0, k.sys(Sysno.ACCESS, path, 4 | 2));
    assertEquals(-Errno.ENOENT, k.sys(Sysno.ACCESS, k.cstr(MEM + 4096, dir + "/nope"), 0));
    assertEquals(-Errno.EINVAL, k.sys(Sysno.ACCESS, path, 8));
    assertEquals(0, k.sys(Sysno.FACCESSAT, AT_FDCWD, path, 4));
    assertEquals(-Errno.EINVAL, k.sys(Sysno.FACCESSAT2, AT_FDCWD, path, 4, 1));
  }

  @Test
  void readlinkOfSelfExeNamesTheGuestProgram() throws Exception {
    long n = k.sys(Sysno.READLINK, k.cstr(MEM, "/proc/self/exe"), buf, 4096);
    assertEquals(KernelFixture.EXE, new String(k.bytes(buf, (int) n), StandardCharsets.UTF_8));
    // Truncated silently, without a NUL.
    assertEquals(4, k.sys(Sysno.READLINKAT, AT_FDCWD, k.cstr(MEM, "/proc/self/exe"), buf, 4));
    assertEquals("/usr", new String(k.bytes(buf, 4), StandardCharsets.UTF_8));
    // stat follows it to the guest program too.
    assertEquals(0, k.sys(Sysno.STAT, k.cstr(MEM, "/proc/self/exe"), buf));
    assertStatMatches(Path.of(KernelFixture.EXE), true);
  }

  @Test
  void readlinkOfARealLink() throws Exception {
    Path link = dir.resolve("ln");
    Files.createSymbolicLink(link, Path.of("some/target"));
    long n = k.sys(Sysno.READLINK, k.cstr(MEM, link.toString()), buf, 100);
    assertEquals("some/target", new String(k.bytes(buf, (int) n), StandardCharsets.UTF_8));
    assertEquals(-Errno.EINVAL, k.sys(Sysno.READLINK, k.cstr(MEM, link.toString()), buf, 0));
    assertEquals(-Errno.EINVAL, k.sys(Sysno.READLINK, k.cstr(MEM, dir.toString()), buf, 100));
  }
}
