package blink.linux.sys;

import static blink.linux.KernelFixture.MEM;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import blink.linux.Errno;
import blink.linux.KernelFixture;
import blink.linux.Sysno;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class SystemInfoTest {
  final KernelFixture k = new KernelFixture();

  String field(int i) {
    return k.cpu.mmu.readString(MEM + 65L * i, 65);
  }

  @Test
  void unameLooksLikeBlinkOnLinux() throws Exception {
    assertEquals(0, k.sys(Sysno.UNAME, MEM));
    assertEquals("Linux", field(0));
    assertEquals(Files.readString(Path.of("/proc/sys/kernel/hostname")).strip(), field(1));
    assertTrue(field(2).contains("blink"), field(2));
    assertEquals("x86_64", field(4));
    assertTrue(!field(5).isEmpty());
  }

  @Test
  void sysinfo() {
    assertEquals(0, k.sys(Sysno.SYSINFO, MEM));
    assertTrue(k.read64(MEM) > 0); // uptime
    assertTrue(k.read64(MEM + 32) > 0); // totalram
    assertTrue(k.cpu.mmu.read16(MEM + 80) > 0); // procs
    assertTrue(k.read32(MEM + 104) >= 1); // mem_unit
    assertEquals(-Errno.EFAULT, k.sys(Sysno.SYSINFO, KernelFixture.UNMAPPED));
  }

  @Test
  void getrandom() {
    assertEquals(0, k.sys(Sysno.GETRANDOM, MEM, 0, 0));
    assertEquals(5000, k.sys(Sysno.GETRANDOM, MEM + 10, 5000, 0)); // crossing pages
    boolean nonzero = false;
    for (byte b : k.bytes(MEM + 10, 5000)) nonzero |= b != 0;
    assertTrue(nonzero);
    assertEquals(16, k.sys(Sysno.GETRANDOM, MEM, 16, 1)); // GRND_NONBLOCK
    assertEquals(-Errno.EINVAL, k.sys(Sysno.GETRANDOM, MEM, 16, 8));
    assertEquals(-Errno.EINVAL, k.sys(Sysno.GETRANDOM, MEM, 16, 6));
    assertEquals(-Errno.EFAULT, k.sys(Sysno.GETRANDOM, KernelFixture.UNMAPPED, 16, 0));
  }
}
