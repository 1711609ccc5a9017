package blink.linux.sys;

import static blink.linux.KernelFixture.MEM;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import blink.linux.Errno;
import blink.linux.KernelFixture;
import blink.linux.Sysno;
import blink.linux.abi.Struct;
import blink.x86.Cpu;
import org.junit.jupiter.api.Test;

class SignalsTest {
  static final int SIGINT = 2, SIGABRT = 6, SIGKILL = 9, SIGUSR1 = 10, SIGSTOP = 19, SIGCHLD = 17;
  static final long SA_SIGINFO = 4, SA_RESTORER = 0x04000000, SA_RESTART = 0x10000000;

  final KernelFixture k = new KernelFixture();
  final long act = MEM, old = MEM + 64;
  /** The fixture's CPU as the first process's thread, so signals have a thread to go to. */
  final blink.linux.Task t = k.kernel.attach(k.machine);
  static final long MEM_SIZE_HALF = KernelFixture.MEM_SIZE / 2;

  void putAction(long handler, long flags, long restorer, long mask) {
    Struct.of(32).put64(0, handler).put64(8, flags).put64(16, restorer).put64(24, mask).write(k.cpu.mmu, act);
  }

  @Test
  void sigactionRecordsAndReturnsTheOldAction() {
    assertEquals(0, k.sys(Sysno.RT_SIGACTION, SIGUSR1, 0, old, 8));
    assertEquals(0, k.read64(old)); // SIG_DFL
    putAction(0x401000, SA_SIGINFO | SA_RESTORER | SA_RESTART | 0x400, 0x402000, (1L << (SIGKILL - 1)) | 0xf0);
    assertEquals(0, k.sys(Sysno.RT_SIGACTION, SIGUSR1, act, 0, 8));
    assertEquals(0, k.sys(Sysno.RT_SIGACTION, SIGUSR1, 0, old, 8));
    assertEquals(0x401000, k.read64(old));
    // SA_UNSUPPORTED (0x400) is cleared; SIGKILL cannot be in the mask.
    assertEquals(SA_SIGINFO | SA_RESTORER | SA_RESTART, k.read64(old + 8));
    assertEquals(0x402000, k.read64(old + 16));
    assertEquals(0xf0, k.read64(old + 24));
  }

  @Test
  void sigactionErrors() {
    putAction(1, 0, 0, 0);
    assertEquals(-Errno.EINVAL, k.sys(Sysno.RT_SIGACTION, SIGUSR1, act, 0, 4));
    assertEquals(-Errno.EINVAL, k.sys(Sysno.RT_SIGACTION, 0, act, 0, 8));
    assertEquals(-Errno.EINVAL, k.sys(Sysno.RT_SIGACTION, 65, act, 0, 8));
    assertEquals(-Errno.EINVAL, k.sys(Sysno.RT_SIGACTION, SIGKILL, act, 0, 8));
    assertEquals(-Errno.EINVAL, k.sys(Sysno.RT_SIGACTION, SIGSTOP, act, 0, 8));
    assertEquals(0, k.sys(Sysno.RT_SIGACTION, SIGKILL, 0, old, 8));
    assertEquals(-Errno.EFAULT, k.sys(Sysno.RT_SIGACTION, SIGINT, KernelFixture.UNMAPPED, 0, 8));
    // A bad oldact is EFAULT, but the new action is installed first.
    assertEquals(-Errno.EFAULT, k.sys(Sysno.RT_SIGACTION, SIGINT, act, KernelFixture.UNMAPPED, 8));
    assertEquals(0, k.sys(Sysno.RT_SIGACTION, SIGINT, 0, old, 8));
    assertEquals(1, k.read64(old));
  }

  @Test
  void sigprocmask() {
    k.cpu.mmu.write64(MEM, (1L << (SIGINT - 1)) | (1L << (SIGKILL - 1)));
    assertEquals(0, k.sys(Sysno.RT_SIGPROCMASK, 0, MEM, old, 8)); // SIG_BLOCK
    assertEquals(0, k.read64(old));
    assertEquals(0, k.sys(Sysno.RT_SIGPROCMASK, 0, 0, old, 8));
    assertEquals(1L << (SIGINT - 1), k.read64(old)); // SIGKILL is never blocked
    k.cpu.mmu.write64(MEM, 1L << (SIGUSR1 - 1));
    assertEquals(0, k.sys(Sysno.RT_SIGPROCMASK, 2, MEM, 0, 8)); // SIG_SETMASK
    assertEquals(0, k.sys(Sysno.RT_SIGPROCMASK, 1, MEM, old, 8)); // SIG_UNBLOCK
    assertEquals(1L << (SIGUSR1 - 1), k.read64(old));
    assertEquals(0, k.sys(Sysno.RT_SIGPROCMASK, 0, 0, old, 8));
    assertEquals(0, k.read64(old));
    assertEquals(-Errno.EINVAL, k.sys(Sysno.RT_SIGPROCMASK, 3, MEM, 0, 8));
    assertEquals(-Errno.EINVAL, k.sys(Sysno.RT_SIGPROCMASK, 0, MEM, 0, 16));
    assertEquals(0, k.sys(Sysno.RT_SIGPROCMASK, 3, 0, 0, 8)); // how is ignored without a set
    assertEquals(0, k.sys(Sysno.RT_SIGPENDING, old, 8));
    assertEquals(0, k.read64(old));
  }

  @Test
  void sigaltstack() {
    long ss = MEM, oss = MEM + 64;
    assertEquals(0, k.sys(Sysno.SIGALTSTACK, 0, oss));
    assertEquals(0, k.read64(oss));
    assertEquals(2, k.read32(oss + 8)); // SS_DISABLE
    Struct.of(24).put64(0, 0x7000000).put32(8, 0).put64(16, 65536).write(k.cpu.mmu, ss);
    assertEquals(0, k.sys(Sysno.SIGALTSTACK, ss, 0));
    assertEquals(0, k.sys(Sysno.SIGALTSTACK, 0, oss));
    assertEquals(0x7000000, k.read64(oss));
    assertEquals(0, k.read32(oss + 8));
    assertEquals(65536, k.read64(oss + 16));
    // While running on it, it reports SS_ONSTACK and cannot be changed.
    k.cpu.regs[Cpu.RSP] = 0x7000000 + 4096;
    assertEquals(0, k.sys(Sysno.SIGALTSTACK, 0, oss));
    assertEquals(1, k.read32(oss + 8));
    assertEquals(-Errno.EPERM, k.sys(Sysno.SIGALTSTACK, ss, 0));
    k.cpu.regs[Cpu.RSP] = 0;
    Struct.of(24).put64(0, 0x7000000).put32(8, 0).put64(16, 1024).write(k.cpu.mmu, ss);
    assertEquals(-Errno.ENOMEM, k.sys(Sysno.SIGALTSTACK, ss, 0));
    Struct.of(24).put32(8, 4).write(k.cpu.mmu, ss);
    assertEquals(-Errno.EINVAL, k.sys(Sysno.SIGALTSTACK, ss, 0));
    Struct.of(24).put32(8, 2).write(k.cpu.mmu, ss); // SS_DISABLE
    assertEquals(0, k.sys(Sysno.SIGALTSTACK, ss, oss));
    assertEquals(0x7000000, k.read64(oss)); // the old one comes back
    assertEquals(0, k.sys(Sysno.SIGALTSTACK, 0, oss));
    assertEquals(2, k.read32(oss + 8));
  }

  @Test
  void ignoringAPendingSignalDiscardsIt() {
    long pid = ProcessHandle.current().pid();
    k.cpu.mmu.write64(MEM, 1L << (SIGINT - 1));
    k.sys(Sysno.RT_SIGPROCMASK, 0, MEM, 0, 8);
    assertEquals(0, k.sys(Sysno.KILL, pid, SIGINT));
    putAction(1, 0, 0, 0); // SIG_IGN
    assertEquals(0, k.sys(Sysno.RT_SIGACTION, SIGINT, act, 0, 8));
    assertEquals(0, k.sys(Sysno.RT_SIGPENDING, old, 8));
    assertEquals(0, k.read64(old));
    k.sys(Sysno.RT_SIGPROCMASK, 1, MEM, 0, 8);
    assertFalse(k.kernel.process().exiting());
  }

  @Test
  void abortKillsWithSigabrt() {
    long pid = ProcessHandle.current().pid();
    assertEquals(0, k.sys(Sysno.KILL, pid, 0));
    assertEquals(-Errno.ESRCH, k.sys(Sysno.KILL, 999_999_999, 0));
    assertEquals(-Errno.EINVAL, k.sys(Sysno.KILL, pid, 65));
    assertEquals(0, k.sys(Sysno.TGKILL, pid, pid, SIGCHLD)); // ignored by default
    // Blocked: it waits, pending, and strikes when unblocked (musl's abort relies on this).
    k.cpu.mmu.write64(MEM, 1L << (SIGABRT - 1));
    k.sys(Sysno.RT_SIGPROCMASK, 0, MEM, 0, 8);
    assertEquals(0, k.sys(Sysno.TGKILL, pid, pid, SIGABRT));
    assertFalse(k.kernel.process().exiting());
    assertEquals(0, k.sys(Sysno.RT_SIGPENDING, old, 8));
    assertEquals(1L << (SIGABRT - 1), k.read64(old));
    k.sys(Sysno.RT_SIGPROCMASK, 1, MEM, 0, 8);
    assertTrue(k.kernel.process().exiting());
    assertEquals(SIGABRT | 0x80, k.kernel.process().waitStatus());
    assertEquals(SIGABRT, k.kernel.process().killedBy);
  }

  @Test
  void handlerGetsAFrameAndSigreturnRestoresEverything() {
    long pid = t.tid();
    long sp = MEM + MEM_SIZE_HALF + 3; // misaligned on purpose
    k.cpu.regs[Cpu.RSP] = sp;
    k.cpu.regs[Cpu.R12] = 77;
    k.cpu.rip = 0x401234;
    putAction(0x401000, SA_SIGINFO | SA_RESTORER, 0x402000, 0);
    assertEquals(0, k.sys(Sysno.RT_SIGACTION, SIGUSR1, act, 0, 8));
    k.cpu.regs[Cpu.RSP] = sp;
    k.sys(Sysno.TKILL, pid, SIGUSR1);
    long frame = k.cpu.regs[Cpu.RSP];
    assertEquals(0x401000, k.cpu.rip);
    assertEquals(SIGUSR1, k.cpu.regs[Cpu.RDI]);
    assertEquals(8, frame & 15); // as after a call: (sp - frame) & ~15, minus 8
    assertTrue(frame + 440 + 512 <= sp - 128); // below the red zone, with the FPU state above it
    assertEquals(0x402000, k.read64(frame)); // pretcode = sa_restorer
    assertEquals(frame + 8, k.cpu.regs[Cpu.RDX]);
    assertEquals(frame + 312, k.cpu.regs[Cpu.RSI]);
    assertEquals(SIGUSR1, k.read32(frame + 312));
    assertEquals(-6, k.read32(frame + 312 + 8)); // SI_TKILL
    assertEquals(77, k.read64(frame + 48 + 32)); // uc_mcontext.r12
    assertEquals(0x401234, k.read64(frame + 48 + 128)); // rip after the syscall
    assertEquals(sp, k.read64(frame + 48 + 120));
    assertEquals(0, k.read64(frame + 48 + 104)); // rax: tkill's result
    long fpstate = k.read64(frame + 48 + 184);
    assertEquals(0, fpstate & 63);
    assertEquals(0x1f80, k.read32(fpstate + 24));
    assertEquals(1L << (SIGUSR1 - 1), t.sigmask);
    // The handler edits the context, returns through the restorer: ret pops pretcode.
    k.cpu.mmu.write64(frame + 48 + 96, 0x55); // rdx
    k.cpu.regs[Cpu.R12] = 1;
    k.cpu.regs[Cpu.RSP] = frame + 8;
    assertEquals(0, k.sys(Sysno.RT_SIGRETURN));
    assertEquals(0x401234, k.cpu.rip);
    assertEquals(77, k.cpu.regs[Cpu.R12]);
    assertEquals(0x55, k.cpu.regs[Cpu.RDX]);
    assertEquals(sp, k.cpu.regs[Cpu.RSP]);
    assertEquals(0, t.sigmask);
  }

  @Test
  void withoutSaRestorerTheHandlerCannotRunAndSigsegvKills() {
    k.cpu.regs[Cpu.RSP] = MEM + MEM_SIZE_HALF;
    putAction(0x401000, SA_SIGINFO, 0, 0);
    assertEquals(0, k.sys(Sysno.RT_SIGACTION, SIGUSR1, act, 0, 8));
    k.sys(Sysno.TKILL, t.tid(), SIGUSR1);
    assertEquals(11, k.kernel.process().killedBy);
  }

  @Test
  void aHostSignalGoesToTheForegroundGroup() {
    putAction(1, 0, 0, 0); // SIG_IGN
    assertEquals(0, k.sys(Sysno.RT_SIGACTION, SIGINT, act, 0, 8));
    Signals.fromHost(k.kernel, SIGINT);
    k.sys(Sysno.GETPID);
    assertFalse(k.kernel.process().exiting());
    Signals.fromHost(k.kernel, 15); // SIGTERM, default action
    k.sys(Sysno.GETPID);
    assertEquals(15, k.kernel.process().killedBy);
  }
}
