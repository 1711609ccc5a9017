package blink.linux.sys;

import static blink.linux.KernelFixture.MEM;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import blink.linux.Errno;
import blink.linux.KernelFixture;
import blink.linux.Sysno;
import com.sun.security.auth.module.UnixSystem;
import org.junit.jupiter.api.Test;

class IdentityTest {
  final KernelFixture k = new KernelFixture();

  @Test
  void idsAreTheHosts() {
    UnixSystem u = new UnixSystem();
    assertEquals(ProcessHandle.current().pid(), k.sys(Sysno.GETPID));
    assertEquals(ProcessHandle.current().parent().orElseThrow().pid(), k.sys(Sysno.GETPPID));
    assertEquals(u.getUid(), k.sys(Sysno.GETUID));
    assertEquals(u.getUid(), k.sys(Sysno.GETEUID));
    assertEquals(u.getGid(), k.sys(Sysno.GETGID));
    assertEquals(u.getGid(), k.sys(Sysno.GETEGID));
    assertEquals(0, k.sys(Sysno.GETRESUID, MEM, MEM + 4, MEM + 8));
    assertEquals(u.getUid(), k.read32(MEM));
    assertEquals(u.getUid(), k.read32(MEM + 8));
  }

  @Test
  void groups() {
    long n = k.sys(Sysno.GETGROUPS, 0, 0);
    assertTrue(n >= 0);
    assertEquals(n, k.sys(Sysno.GETGROUPS, 64, MEM));
    if (n > 0) assertEquals(-Errno.EINVAL, k.sys(Sysno.GETGROUPS, n - 1 == 0 ? -1 : n - 1, MEM));
    assertEquals(-Errno.EINVAL, k.sys(Sysno.GETGROUPS, -1, MEM));
  }

  @Test
  void rlimitsStartAsTheHostsAndBelongToTheGuest() {
    long old = MEM + 64;
    assertEquals(0, k.sys(Sysno.PRLIMIT64, 0, 7, 0, old)); // RLIMIT_NOFILE
    long soft = k.read64(old), hard = k.read64(old + 8);
    assertTrue(soft > 0 && Long.compareUnsigned(soft, hard) <= 0);
    // Lower the soft limit: the guest's fds now stop there.
    k.cpu.mmu.write64(MEM, 5);
    k.cpu.mmu.write64(MEM + 8, hard);
    assertEquals(0, k.sys(Sysno.PRLIMIT64, 0, 7, MEM, old));
    assertEquals(soft, k.read64(old));
    assertEquals(3, k.sys(Sysno.DUP, 0));
    assertEquals(4, k.sys(Sysno.DUP, 0));
    assertEquals(-Errno.EMFILE, k.sys(Sysno.DUP, 0));
    assertEquals(-Errno.EBADF, k.sys(Sysno.DUP2, 0, 5));
    assertEquals(0, k.sys(Sysno.GETRLIMIT, 7, old));
    assertEquals(5, k.read64(old));
    // soft > hard is EINVAL; unknown resources are EINVAL.
    k.cpu.mmu.write64(MEM, 10);
    k.cpu.mmu.write64(MEM + 8, 9);
    assertEquals(-Errno.EINVAL, k.sys(Sysno.SETRLIMIT, 7, MEM));
    assertEquals(-Errno.EINVAL, k.sys(Sysno.GETRLIMIT, 16, old));
    assertEquals(-Errno.ESRCH, k.sys(Sysno.PRLIMIT64, 999_999_999, 3, 0, old));
    assertEquals(-Errno.EFAULT, k.sys(Sysno.GETRLIMIT, 3, KernelFixture.UNMAPPED));
  }
}
