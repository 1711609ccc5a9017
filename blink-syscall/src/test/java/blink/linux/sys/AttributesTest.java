package blink.linux.sys;

import static blink.linux.KernelFixture.MEM;
import static org.junit.jupiter.api.Assertions.assertEquals;

import blink.linux.Errno;
import blink.linux.KernelFixture;
import blink.linux.Sysno;
import blink.linux.abi.Struct;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AttributesTest {
  final KernelFixture k = new KernelFixture();
  @TempDir Path dir;

  @Test
  void chmodAndFchmod() throws Exception {
    Path f = dir.resolve("m");
    Files.writeString(f, "");
    assertEquals(0, k.sys(Sysno.CHMOD, k.cstr(MEM, f.toString()), 0640));
    assertEquals(0640, (int) Files.getAttribute(f, "unix:mode") & 07777);
    int fd = k.open(f.toString(), 0, 0);
    assertEquals(0, k.sys(Sysno.FCHMOD, fd, 0604));
    assertEquals(0604, (int) Files.getAttribute(f, "unix:mode") & 07777);
    assertEquals(-Errno.ENOENT, k.sys(Sysno.CHMOD, k.cstr(MEM, dir + "/none"), 0600));
    assertEquals(-Errno.EINVAL, k.sys(Sysno.FCHMODAT2, -100, k.cstr(MEM, f.toString()), 0600, 1));
  }

  @Test
  void chownToOurselvesIsAllowed() throws Exception {
    Path f = dir.resolve("o");
    Files.writeString(f, "");
    int uid = (int) Files.getAttribute(f, "unix:uid"), gid = (int) Files.getAttribute(f, "unix:gid");
    assertEquals(0, k.sys(Sysno.CHOWN, k.cstr(MEM, f.toString()), uid, gid));
    assertEquals(0, k.sys(Sysno.LCHOWN, k.cstr(MEM, f.toString()), -1, -1));
    assertEquals(0, k.sys(Sysno.FCHOWN, k.open(f.toString(), 0, 0), -1, gid));
    assertEquals(-Errno.EINVAL, k.sys(Sysno.FCHOWNAT, -100, k.cstr(MEM, f.toString()), uid, gid, 2));
  }

  @Test
  void utimensatSetsTimes() throws Exception {
    Path f = dir.resolve("t");
    Files.writeString(f, "");
    long times = MEM + 4096;
    Struct.of(32).put64(0, 1_000_000_000L).put64(8, 5).put64(16, 1_234_567_890L).put64(24, 999_999_999)
        .write(k.cpu.mmu, times);
    assertEquals(0, k.sys(Sysno.UTIMENSAT, -100, k.cstr(MEM, f.toString()), times, 0));
    FileTime m = Files.getLastModifiedTime(f);
    assertEquals(1_234_567_890_999_999_999L, m.to(TimeUnit.NANOSECONDS));
    // UTIME_OMIT leaves a time alone; a NULL path means the fd itself.
    Struct.of(32).put64(8, (1L << 30) - 2).put64(16, 42).put64(24, 0).write(k.cpu.mmu, times);
    int fd = k.open(f.toString(), 0, 0);
    assertEquals(0, k.sys(Sysno.UTIMENSAT, fd, 0, times, 0));
    assertEquals(42, Files.getLastModifiedTime(f).to(TimeUnit.SECONDS));
    Struct.of(32).put64(8, 1_000_000_000).write(k.cpu.mmu, times);
    assertEquals(-Errno.EINVAL, k.sys(Sysno.UTIMENSAT, -100, k.cstr(MEM, f.toString()), times, 0));
    assertEquals(0, k.sys(Sysno.UTIMENSAT, -100, k.cstr(MEM, f.toString()), 0, 0)); // now
    assertEquals(-Errno.EFAULT, k.sys(Sysno.UTIMENSAT, -100, 0, 0, 0));
  }
}
