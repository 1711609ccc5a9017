package blink.linux.sys;

import static blink.linux.KernelFixture.MEM;
import static org.junit.jupiter.api.Assertions.assertEquals;

import blink.linux.Errno;
import blink.linux.KernelFixture;
import blink.linux.Sysno;
import org.junit.jupiter.api.Test;

class PrctlTest {
  final KernelFixture k = new KernelFixture();

  @Test
  void nameDefaultsToTheProgramAndCanBeSet() {
    assertEquals(0, k.sys(Sysno.PRCTL, 16, MEM)); // PR_GET_NAME
    assertEquals("true", k.cpu.mmu.readString(MEM, 16));
    k.cstr(MEM + 64, "a-very-long-thread-name");
    assertEquals(0, k.sys(Sysno.PRCTL, 15, MEM + 64)); // PR_SET_NAME
    assertEquals(0, k.sys(Sysno.PRCTL, 16, MEM));
    assertEquals("a-very-long-thr", k.cpu.mmu.readString(MEM, 16)); // 15 bytes and a NUL
  }

  @Test
  void flagsAreRecorded() {
    assertEquals(1, k.sys(Sysno.PRCTL, 3)); // PR_GET_DUMPABLE
    assertEquals(0, k.sys(Sysno.PRCTL, 4, 0));
    assertEquals(0, k.sys(Sysno.PRCTL, 3));
    assertEquals(-Errno.EINVAL, k.sys(Sysno.PRCTL, 4, 2));
    assertEquals(0, k.sys(Sysno.PRCTL, 1, 9)); // PR_SET_PDEATHSIG SIGKILL
    assertEquals(0, k.sys(Sysno.PRCTL, 2, MEM));
    assertEquals(9, k.read32(MEM));
    assertEquals(-Errno.EINVAL, k.sys(Sysno.PRCTL, 1, 65));
    assertEquals(0, k.sys(Sysno.PRCTL, 39, 0, 0, 0, 0));
    assertEquals(0, k.sys(Sysno.PRCTL, 38, 1, 0, 0, 0));
    assertEquals(1, k.sys(Sysno.PRCTL, 39, 0, 0, 0, 0));
    assertEquals(-Errno.EINVAL, k.sys(Sysno.PRCTL, 38, 0, 0, 0, 0));
    assertEquals(-Errno.EINVAL, k.sys(Sysno.PRCTL, 0x53564d41, 0, 0, 0, 0)); // PR_SET_VMA
  }
}
