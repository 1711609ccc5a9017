package blink.linux.sys;

import static blink.linux.KernelFixture.MEM;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import blink.linux.Errno;
import blink.linux.KernelFixture;
import blink.linux.Sysno;
import blink.linux.abi.Struct;
import org.junit.jupiter.api.Test;

class PollingTest {
  static final int POLLIN = 1, POLLOUT = 4, POLLNVAL = 0x20;

  final KernelFixture k = new KernelFixture();
  int r, w;

  PollingTest() {
    k.sys(Sysno.PIPE, MEM + 4000);
    r = k.read32(MEM + 4000);
    w = k.read32(MEM + 4004);
  }

  @Test
  void pollSeesAPipeBecomeReadable() {
    long fds = MEM;
    Struct.of(24).put32(0, r).put16(4, POLLIN).put32(8, w).put16(12, POLLOUT).put32(16, 99).put16(20, POLLIN)
        .write(k.cpu.mmu, fds);
    // The write end is writable and fd 99 is not open: two ready, at once.
    assertEquals(2, k.sys(Sysno.POLL, fds, 3, 1000));
    assertEquals(0, k.cpu.mmu.read16(fds + 6));
    assertEquals(POLLOUT, k.cpu.mmu.read16(fds + 14));
    assertEquals(POLLNVAL, k.cpu.mmu.read16(fds + 22));
    assertEquals(0, k.sys(Sysno.POLL, fds, 1, 0));
    k.put(MEM + 100, new byte[] {1});
    k.sys(Sysno.WRITE, w, MEM + 100, 1);
    assertEquals(1, k.sys(Sysno.POLL, fds, 1, 1000));
    assertEquals(POLLIN, k.cpu.mmu.read16(fds + 6));
    assertEquals(-Errno.EFAULT, k.sys(Sysno.POLL, KernelFixture.UNMAPPED, 1, 0));
    assertEquals(-Errno.EINVAL, k.sys(Sysno.POLL, fds, -1L, 0));
  }

  @Test
  void pollTimesOut() {
    Struct.of(8).put32(0, r).put16(4, POLLIN).write(k.cpu.mmu, MEM);
    long t0 = System.nanoTime();
    assertEquals(0, k.sys(Sysno.POLL, MEM, 1, 30));
    assertTrue(System.nanoTime() - t0 >= 30_000_000L);
    // ppoll writes back the time left.
    Struct.of(16).put64(0, 0).put64(8, 20_000_000).write(k.cpu.mmu, MEM + 64);
    assertEquals(0, k.sys(Sysno.PPOLL, MEM, 1, MEM + 64, 0, 8));
    assertEquals(0, k.read64(MEM + 64));
    assertTrue(k.read64(MEM + 72) < 20_000_000);
  }

  @Test
  void selectReportsReadyDescriptors() {
    long rd = MEM + 256, wr = MEM + 512, tv = MEM + 768;
    k.cpu.mmu.write64(rd, 1L << r);
    k.cpu.mmu.write64(wr, 1L << w);
    Struct.of(16).write(k.cpu.mmu, tv); // zero timeout: just look
    assertEquals(1, k.sys(Sysno.SELECT, w + 1, rd, wr, 0, tv));
    assertEquals(0, k.read64(rd));
    assertEquals(1L << w, k.read64(wr));
    k.put(MEM + 100, new byte[] {1});
    k.sys(Sysno.WRITE, w, MEM + 100, 1);
    k.cpu.mmu.write64(rd, 1L << r);
    k.cpu.mmu.write64(wr, 1L << w);
    assertEquals(2, k.sys(Sysno.SELECT, w + 1, rd, wr, 0, 0));
    assertEquals(1L << r, k.read64(rd));
    // A closed fd in a set is EBADF; a negative count EINVAL.
    k.cpu.mmu.write64(rd, 1L << 40);
    assertEquals(-Errno.EBADF, k.sys(Sysno.SELECT, 41, rd, 0, 0, tv));
    assertEquals(-Errno.EINVAL, k.sys(Sysno.SELECT, -1, rd, 0, 0, tv));
    // select(0, ...) with a timeout is a sleep, and the timeval shows the time left.
    Struct.of(16).put64(0, 0).put64(8, 20_000).write(k.cpu.mmu, tv);
    assertEquals(0, k.sys(Sysno.SELECT, 0, 0, 0, 0, tv));
    assertEquals(0, k.read64(tv + 8));
    // tv_usec carries into seconds (kern_select()); only a negative time is EINVAL.
    Struct.of(16).put64(0, 0).put64(8, -1).write(k.cpu.mmu, tv);
    assertEquals(-Errno.EINVAL, k.sys(Sysno.SELECT, 0, 0, 0, 0, tv));
  }

  @Test
  void pselect6() {
    long rd = MEM + 256, ts = MEM + 768;
    k.cpu.mmu.write64(rd, 1L << r);
    Struct.of(16).write(k.cpu.mmu, ts);
    assertEquals(0, k.sys(Sysno.PSELECT6, r + 1, rd, 0, 0, ts, 0));
    Struct.of(16).put64(0, MEM + 900).put64(8, 4).write(k.cpu.mmu, MEM + 1000);
    assertEquals(-Errno.EINVAL, k.sys(Sysno.PSELECT6, r + 1, rd, 0, 0, ts, MEM + 1000));
  }
}
