package blink.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import blink.linux.host.Host;
import blink.linux.host.HostErrno;
import blink.x86.Cpu;
import org.junit.jupiter.api.Test;

class LinuxKernelTest {
  final KernelFixture k = new KernelFixture();

  @Test
  void unknownSyscallIsEnosys() {
    assertEquals(-Errno.ENOSYS, k.sys(1000));
    assertEquals(-Errno.ENOSYS, k.sys(335)); // the gap between rseq and pidfd_send_signal
    assertEquals(-Errno.ENOSYS, k.sys(-1));
    assertEquals(-Errno.ENOSYS, k.sys(Sysno.LOOKUP_DCOOKIE, 0, 0, 0)); // known but not implemented
  }

  @Test
  void syscallClobbersRcxAndR11LikeLinux() {
    k.cpu.rip = 0x401234;
    k.cpu.setFlagsValue(0x246);
    k.sys(Sysno.GETPID);
    assertEquals(0x401234, k.cpu.regs[Cpu.RCX]);
    assertEquals(0x246, k.cpu.regs[Cpu.R11]);
  }

  @Test
  void badPointerIsEfaultNotAnException() {
    assertEquals(-Errno.EFAULT, k.sys(Sysno.UNAME, KernelFixture.UNMAPPED));
    assertEquals(-Errno.EFAULT, k.sys(Sysno.WRITE, 1, KernelFixture.UNMAPPED, 10));
    assertEquals(-Errno.EFAULT, k.sys(Sysno.OPENAT, -100, 0, 0, 0));
    assertEquals(-Errno.EFAULT, k.sys(Sysno.CLOCK_GETTIME, 0, -8L));
  }

  /** Odd arguments make errnos, never Java exceptions (and every registered number dispatches). */
  @Test
  void everySyscallSurvivesOddArguments() {
    long[][] argSets = {
      {0, 0, 0, 0, 0, 0},
      {-1, -1, -1, -1, -1, -1},
      {7, KernelFixture.MEM, 7, 3, -100, 0},
      {KernelFixture.MEM, 3, KernelFixture.MEM + 64, 8, 0, 0},
      {KernelFixture.UNMAPPED, KernelFixture.UNMAPPED, 1, KernelFixture.UNMAPPED, 5, 1},
    };
    // With these arguments the waiting calls would rightly wait forever (select(0, 0, 0, 0, 0)).
    // So would pause, sigsuspend and a sigtimedwait without a timeout.
    java.util.Set<Integer> waits = java.util.Set.of(Sysno.POLL, Sysno.PPOLL, Sysno.SELECT, Sysno.PSELECT6,
        Sysno.MSGRCV, Sysno.MSGSND, Sysno.SEMOP, Sysno.SEMTIMEDOP, // and msgrcv on an empty queue
        Sysno.PAUSE, Sysno.RT_SIGSUSPEND, Sysno.RT_SIGTIMEDWAIT);
    // These start guest processes and threads running whatever the fixture's registers say
    // (process creation has tests of its own).
    java.util.Set<Integer> spawns = java.util.Set.of(Sysno.FORK, Sysno.VFORK, Sysno.CLONE, Sysno.CLONE3);
    // These change the credentials of the whole emulator process, here the test JVM (setuid(7) would drop root).
    java.util.Set<Integer> credentials = java.util.Set.of(Sysno.SETUID, Sysno.SETGID, Sysno.SETREUID, Sysno.SETREGID,
        Sysno.SETRESUID, Sysno.SETRESGID, Sysno.SETFSUID, Sysno.SETFSGID, Sysno.SETGROUPS);
    int implemented = 0;
    for (int nr = 0; nr < Sysno.LIMIT; nr++) {
      if (!k.kernel.implemented(nr)) continue;
      implemented++;
      if (waits.contains(nr) || credentials.contains(nr) || spawns.contains(nr)) continue;
      for (long[] args : argSets) {
        KernelFixture f = new KernelFixture();
        long r = f.sys(nr, args);
        assertTrue(r >= -4095 || r < -0x1000000, Sysno.name(nr) + " returned " + r);
      }
    }
    assertTrue(implemented >= 79, "implemented " + implemented);
  }

  @Test
  void namesAndErrnos() {
    assertEquals("read", Sysno.name(0));
    assertEquals("rseq", Sysno.name(Sysno.RSEQ));
    assertEquals("clone3", Sysno.name(435));
    assertEquals(null, Sysno.name(335));
    assertEquals("ENOENT", Errno.name(Errno.ENOENT));
    assertEquals(Errno.EHWPOISON, Errno.byName("EHWPOISON"));
    assertEquals(Errno.ENOENT, HostErrno.toLinux(2)); // host is Linux: the identity
    assertEquals(Errno.EAGAIN, HostErrno.toLinux(11));
  }

  @Test
  void hostBindingIsTimed() {
    Host.libc();
    assertTrue(Host.bindNanos() > 0);
    System.out.printf("host libc binding took %.1f ms%n", Host.bindNanos() / 1e6);
  }
}
