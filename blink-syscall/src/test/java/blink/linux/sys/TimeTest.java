package blink.linux.sys;

import static blink.linux.KernelFixture.MEM;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import blink.linux.Errno;
import blink.linux.KernelFixture;
import blink.linux.Sysno;
import blink.linux.abi.Struct;
import org.junit.jupiter.api.Test;

class TimeTest {
  final KernelFixture k = new KernelFixture();

  long nanos(long ts) {
    return k.read64(ts) * 1_000_000_000L + k.read64(ts + 8);
  }

  @Test
  void realtimeAndMonotonicMatchTheJvmsClocks() {
    long before = System.currentTimeMillis();
    assertEquals(0, k.sys(Sysno.CLOCK_GETTIME, 0, MEM));
    long after = System.currentTimeMillis();
    long ms = nanos(MEM) / 1_000_000;
    assertTrue(ms >= before - 1 && ms <= after + 1, ms + " not in " + before + ".." + after);
    // On Linux, System.nanoTime() is CLOCK_MONOTONIC itself.
    long n0 = System.nanoTime();
    assertEquals(0, k.sys(Sysno.CLOCK_GETTIME, 1, MEM));
    long n1 = System.nanoTime();
    assertTrue(nanos(MEM) >= n0 && nanos(MEM) <= n1);
  }

  @Test
  void everyClockAnswers() {
    for (int clk : new int[] {0, 1, 2, 3, 4, 5, 6, 7, 11}) {
      assertEquals(0, k.sys(Sysno.CLOCK_GETTIME, clk, MEM), "clock " + clk);
      assertTrue(k.read64(MEM + 8) >= 0 && k.read64(MEM + 8) < 1_000_000_000L);
      assertEquals(0, k.sys(Sysno.CLOCK_GETRES, clk, MEM), "clock " + clk);
      assertTrue(nanos(MEM) > 0);
    }
    assertEquals(0, k.sys(Sysno.CLOCK_GETRES, 1, MEM));
    assertEquals(1, nanos(MEM)); // high-resolution timers
    assertEquals(0, k.sys(Sysno.CLOCK_GETRES, 0, 0));
    assertEquals(-Errno.EINVAL, k.sys(Sysno.CLOCK_GETTIME, 10, MEM));
    assertEquals(-Errno.EINVAL, k.sys(Sysno.CLOCK_GETTIME, 12, MEM));
    assertEquals(-Errno.EINVAL, k.sys(Sysno.CLOCK_GETTIME, -1, MEM));
    assertEquals(-Errno.EFAULT, k.sys(Sysno.CLOCK_GETTIME, 0, KernelFixture.UNMAPPED));
  }

  @Test
  void gettimeofdayAndTime() {
    long s = System.currentTimeMillis() / 1000;
    assertEquals(0, k.sys(Sysno.GETTIMEOFDAY, MEM, MEM + 16));
    assertTrue(Math.abs(k.read64(MEM) - s) <= 1);
    assertTrue(k.read64(MEM + 8) >= 0 && k.read64(MEM + 8) < 1_000_000);
    assertEquals(0, k.read64(MEM + 16)); // struct timezone
    long t = k.sys(Sysno.TIME, MEM + 32);
    assertTrue(Math.abs(t - s) <= 1);
    assertEquals(t, k.read64(MEM + 32));
    assertTrue(k.sys(Sysno.TIME, 0) > 0);
    assertEquals(-Errno.EFAULT, k.sys(Sysno.TIME, KernelFixture.UNMAPPED));
  }

  @Test
  void nanosleepSleeps() {
    Struct.of(16).put64(0, 0).put64(8, 20_000_000).write(k.cpu.mmu, MEM);
    long t0 = System.nanoTime();
    assertEquals(0, k.sys(Sysno.NANOSLEEP, MEM, 0));
    assertTrue(System.nanoTime() - t0 >= 20_000_000);
    Struct.of(16).put64(0, 0).put64(8, 1_000_000_000).write(k.cpu.mmu, MEM);
    assertEquals(-Errno.EINVAL, k.sys(Sysno.NANOSLEEP, MEM, 0));
    Struct.of(16).put64(0, -1).put64(8, 0).write(k.cpu.mmu, MEM);
    assertEquals(-Errno.EINVAL, k.sys(Sysno.NANOSLEEP, MEM, 0));
    assertEquals(-Errno.EFAULT, k.sys(Sysno.NANOSLEEP, KernelFixture.UNMAPPED, 0));
  }

  @Test
  void clockNanosleepAbsolute() {
    assertEquals(0, k.sys(Sysno.CLOCK_GETTIME, 1, MEM));
    long deadline = nanos(MEM) + 15_000_000;
    Struct.of(16).put64(0, deadline / 1_000_000_000L).put64(8, deadline % 1_000_000_000L).write(k.cpu.mmu, MEM);
    assertEquals(0, k.sys(Sysno.CLOCK_NANOSLEEP, 1, 1, MEM, 0)); // TIMER_ABSTIME
    assertTrue(System.nanoTime() >= deadline);
    // A deadline in the past returns at once.
    assertEquals(0, k.sys(Sysno.CLOCK_NANOSLEEP, 1, 1, MEM, 0));
    // The thread CPU clock has no nsleep in the kernel's k_clock table.
    assertEquals(-Errno.EOPNOTSUPP, k.sys(Sysno.CLOCK_NANOSLEEP, 3, 0, MEM, 0));
    assertEquals(-Errno.EINVAL, k.sys(Sysno.CLOCK_NANOSLEEP, 42, 0, MEM, 0));
  }
}
