package blink.linux.sys;

import static blink.linux.KernelFixture.MEM;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import blink.linux.Errno;
import blink.linux.KernelFixture;
import blink.linux.Sysno;
import blink.linux.abi.Struct;
import blink.linux.signal.Signal;
import org.junit.jupiter.api.Test;

class ItimersTest {
  final KernelFixture k = new KernelFixture();
  /** The fixture's CPU as the first process's thread, so signals have a thread to go to. */
  final blink.linux.Task task = k.kernel.attach(k.machine);

  /** setitimer(ITIMER_REAL) for usec microseconds, once. */
  long arm(long usec) {
    Struct.of(32).put64(16, usec / 1_000_000).put64(24, usec % 1_000_000).write(k.cpu.mmu, MEM);
    return k.sys(Sysno.SETITIMER, 0, MEM, 0);
  }

  @Test
  void aFatalSigalrmEndsABlockedSleepPromptly() {
    assertEquals(0, arm(20_000));
    Struct.of(16).put64(0, 10).write(k.cpu.mmu, MEM + 64);
    long t0 = System.nanoTime();
    k.sys(Sysno.NANOSLEEP, MEM + 64, 0);
    assertTrue(System.nanoTime() - t0 < 2_000_000_000L);
    assertEquals(Signal.SIGALRM, k.kernel.process().killedBy);
    assertTrue(k.cpu.attention && k.kernel.process().exiting());
  }

  @Test
  void aFatalSigalrmEndsABlockedEpollWait() {
    long ep = k.sys(Sysno.EPOLL_CREATE1, 0);
    k.sys(Sysno.PIPE, MEM + 4000);
    int r = k.read32(MEM + 4000);
    Struct.of(12).put32(0, 1).put64(4, 7).write(k.cpu.mmu, MEM + 128);
    assertEquals(0, k.sys(Sysno.EPOLL_CTL, ep, 1, r, MEM + 128));
    assertEquals(0, arm(20_000));
    k.sys(Sysno.EPOLL_WAIT, ep, MEM + 256, 4, -1);
    assertEquals(Signal.SIGALRM, k.kernel.process().killedBy);
  }

  @Test
  void aBlockedSigalrmStaysPending() throws InterruptedException {
    k.cpu.mmu.write64(MEM + 512, Signal.bit(Signal.SIGALRM));
    assertEquals(0, k.sys(Sysno.RT_SIGPROCMASK, 0, MEM + 512, 0, 8));
    assertEquals(0, arm(5_000));
    Thread.sleep(100);
    assertEquals(0, k.sys(Sysno.RT_SIGPENDING, MEM + 520, 8));
    assertEquals(Signal.bit(Signal.SIGALRM), k.read64(MEM + 520));
    assertEquals(0, k.kernel.process().killedBy);
    // Unblocking delivers it: the default action.
    assertEquals(0, k.sys(Sysno.RT_SIGPROCMASK, 1, MEM + 512, 0, 8));
    assertEquals(Signal.SIGALRM, k.kernel.process().killedBy);
  }

  @Test
  void alarmReturnsTheOldAlarmRounded() {
    assertEquals(0, k.sys(Sysno.ALARM, 5));
    assertEquals(5, k.sys(Sysno.ALARM, 3));
    assertEquals(0, k.sys(Sysno.GETITIMER, 0, MEM));
    assertTrue(k.read64(MEM + 16) == 2 || k.read64(MEM + 16) == 3);
    assertEquals(3, k.sys(Sysno.ALARM, 0));
    assertEquals(0, k.sys(Sysno.ALARM, 0));
    assertEquals(-Errno.EINVAL, k.sys(Sysno.GETITIMER, 3, MEM));
    assertEquals(-Errno.EFAULT, k.sys(Sysno.GETITIMER, 0, KernelFixture.UNMAPPED));
  }
}
