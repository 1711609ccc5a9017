package blink.linux.sys;

import static blink.linux.KernelFixture.MEM;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import blink.linux.Errno;
import blink.linux.KernelFixture;
import blink.linux.Sysno;
import org.junit.jupiter.api.Test;

class ThreadsTest {
  final KernelFixture k = new KernelFixture();
  final long pid = ProcessHandle.current().pid();

  @Test
  void exitGroupEndsTheProcessWithTheLowByte() {
    assertFalse(k.kernel.process().exiting());
    k.sys(Sysno.EXIT_GROUP, 0x1ff);
    assertTrue(k.kernel.process().exiting());
    assertTrue(k.cpu.attention);
    assertEquals(0xff00, k.kernel.process().waitStatus());
    KernelFixture k2 = new KernelFixture();
    k2.sys(Sysno.EXIT, 3);
    assertTrue(k2.cpu.attention);
    assertFalse(k2.kernel.process().exiting()); // only the thread ends; the process with its last thread
    assertEquals(0x300, k2.kernel.process().waitStatus());
  }

  @Test
  void archPrctlSetsAndGetsSegmentBases() {
    assertEquals(0, k.sys(Sysno.ARCH_PRCTL, 0x1002, 0x7000_1234L)); // ARCH_SET_FS
    assertEquals(0x7000_1234L, k.cpu.fsBase);
    assertEquals(0, k.sys(Sysno.ARCH_PRCTL, 0x1003, MEM)); // ARCH_GET_FS
    assertEquals(0x7000_1234L, k.read64(MEM));
    assertEquals(0, k.sys(Sysno.ARCH_PRCTL, 0x1001, 0x5000)); // ARCH_SET_GS
    assertEquals(0, k.sys(Sysno.ARCH_PRCTL, 0x1004, MEM + 8));
    assertEquals(0x5000, k.read64(MEM + 8));
    assertEquals(-Errno.EPERM, k.sys(Sysno.ARCH_PRCTL, 0x1002, 0x800000000000L));
    assertEquals(-Errno.EFAULT, k.sys(Sysno.ARCH_PRCTL, 0x1003, KernelFixture.UNMAPPED));
    assertEquals(-Errno.EINVAL, k.sys(Sysno.ARCH_PRCTL, 0x3001, MEM)); // ARCH_CET_STATUS
    assertEquals(0x7000_1234L, k.cpu.fsBase);
  }

  @Test
  void tidAddressRobustListRseq() {
    assertEquals(pid, k.sys(Sysno.SET_TID_ADDRESS, MEM));
    assertEquals(pid, k.sys(Sysno.GETTID));
    assertEquals(0, k.sys(Sysno.SET_ROBUST_LIST, MEM + 64, 24));
    assertEquals(-Errno.EINVAL, k.sys(Sysno.SET_ROBUST_LIST, MEM + 64, 16));
    assertEquals(0, k.sys(Sysno.GET_ROBUST_LIST, 0, MEM, MEM + 8));
    assertEquals(MEM + 64, k.read64(MEM));
    assertEquals(24, k.read64(MEM + 8));
    assertEquals(-Errno.ENOSYS, k.sys(Sysno.RSEQ, MEM, 32, 0, 0x53053053));
  }

  @Test
  void schedGetaffinityReportsTheJvmsCpus() {
    int cpus = Runtime.getRuntime().availableProcessors();
    long n = k.sys(Sysno.SCHED_GETAFFINITY, 0, 128, MEM);
    assertEquals(((cpus + 63) / 64) * 8, n);
    assertEquals(cpus, Long.bitCount(k.read64(MEM)) + (cpus > 64 ? Long.bitCount(k.read64(MEM + 8)) : 0));
    assertEquals(-Errno.EINVAL, k.sys(Sysno.SCHED_GETAFFINITY, 0, 12, MEM));
    assertEquals(-Errno.ESRCH, k.sys(Sysno.SCHED_GETAFFINITY, 999_999_999, 128, MEM));
    assertEquals(0, k.sys(Sysno.SCHED_YIELD));
  }
}
