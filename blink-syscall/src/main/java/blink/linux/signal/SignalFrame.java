package blink.linux.signal;

import blink.linux.Task;
import blink.linux.abi.Struct;
import blink.machine.GuestFault;
import blink.memory.Mmu;
import blink.x86.Cpu;
import blink.x86.Flags;
import blink.x86.ops.X87Control;

/**
 * The x86-64 signal frame (arch/x86/kernel/signal_64.c, struct rt_sigframe):
 * what the kernel pushes on the user stack to run a handler, and what
 * rt_sigreturn(2) reads back. From the frame address up:
 *
 * <pre>
 *   0   pretcode    sa_restorer: the handler's return address
 *   8   ucontext    uc_flags, uc_link, uc_stack (stack_t), uc_mcontext (struct sigcontext, 256 bytes), uc_sigmask
 *   312 siginfo     128 bytes (written only with SA_SIGINFO)
 *   440 end
 * </pre>
 *
 * The FPU state goes above it, 64-byte aligned: a plain 512-byte FXSAVE image,
 * as Linux writes it on a CPU without XSAVE (which the emulated CPUID
 * reports), so uc_flags lacks UC_FP_XSTATE and no FP_XSTATE_MAGIC is written.
 */
public final class SignalFrame {
  private SignalFrame() {}

  static final int UC = 8;
  static final int UC_FLAGS = UC, UC_LINK = UC + 8, UC_STACK = UC + 16, MCONTEXT = UC + 40, UC_SIGMASK = UC + 296;
  public static final int INFO = 312, SIZE = 440;
  static final int FPSTATE_SIZE = 512;
  /** The stack below the interrupted RSP that leaf functions may use (the ABI's red zone). */
  static final int RED_ZONE = 128;

  /** uc_flags bits (asm/ucontext.h). */
  static final long UC_FP_XSTATE = 1, UC_SIGCONTEXT_SS = 2, UC_STRICT_RESTORE_SS = 4;

  /** struct sigcontext offsets in uc_mcontext: r8..r15, then these, in order. */
  static final int SC_RDI = 64, SC_RSI = 72, SC_RBP = 80, SC_RBX = 88, SC_RDX = 96, SC_RAX = 104, SC_RCX = 112;
  static final int SC_RSP = 120, SC_RIP = 128, SC_EFLAGS = 136, SC_CS = 144, SC_GS = 146, SC_FS = 148, SC_SS = 150;
  static final int SC_ERR = 152, SC_TRAPNO = 160, SC_OLDMASK = 168, SC_CR2 = 176, SC_FPSTATE = 184;

  /** sigcontext's general registers r8..r15 are in register-number order; the rest follow SC_RDI.. */
  private static final int[] SC_OF_REG = new int[16];

  static {
    for (int r = Cpu.R8; r <= Cpu.R15; r++) SC_OF_REG[r] = 8 * (r - Cpu.R8);
    SC_OF_REG[Cpu.RDI] = SC_RDI;
    SC_OF_REG[Cpu.RSI] = SC_RSI;
    SC_OF_REG[Cpu.RBP] = SC_RBP;
    SC_OF_REG[Cpu.RBX] = SC_RBX;
    SC_OF_REG[Cpu.RDX] = SC_RDX;
    SC_OF_REG[Cpu.RAX] = SC_RAX;
    SC_OF_REG[Cpu.RCX] = SC_RCX;
    SC_OF_REG[Cpu.RSP] = SC_RSP;
  }

  /** The flags sigreturn takes from the frame (FIX_EFLAGS); the rest stay the kernel's. */
  static final long FIX_EFLAGS = Flags.AC | Flags.OF | Flags.DF | Flags.TF | Flags.STATUS | (1L << 16);
  /** __USER_CS and __USER_DS. */
  static final int USER_CS = 0x33, USER_DS = 0x2b;

  // sigaltstack ss_flags.
  public static final int SS_ONSTACK = 1, SS_DISABLE = 2, SS_AUTODISARM = 1 << 31;

  /**
   * Pushes the frame for a handler of sig and points the thread at the handler
   * (setup_rt_frame(), handle_signal()). mask is the mask the handler's return
   * restores. Returns false if the frame cannot be built: no SA_RESTORER, an
   * alternate stack that would overflow, or stack memory that cannot be
   * written; the caller then forces SIGSEGV.
   */
  public static boolean setup(Task t, int sig, SigAction a, SigInfo si, long mask) {
    Cpu c = t.cpu;
    long[] r = c.regs;
    // x86-64 has no default trampoline: a handler without sa_restorer cannot return.
    if ((a.flags() & SigAction.SA_RESTORER) == 0) return false;
    long sp = r[Cpu.RSP];
    boolean nested = onAltStack(t, sp);
    int stackFlags = altStackFlags(t, sp);
    sp -= RED_ZONE;
    boolean entering = false;
    if ((a.flags() & SigAction.SA_ONSTACK) != 0 && altStackFlags(t, sp) == 0) {
      sp = t.altStackSp + t.altStackSize;
      entering = true;
    }
    long fpstate = (sp - FPSTATE_SIZE) & ~63L;
    long frame = ((fpstate - SIZE) & ~15L) - 8;
    // An alternate stack that would overflow gives an always-bad address (get_sigframe()).
    if ((nested || entering) && !withinAltStack(t, frame)) return false;
    Struct f = Struct.of(SIZE);
    f.put64(0, a.restorer());
    f.put64(UC_FLAGS, UC_SIGCONTEXT_SS | UC_STRICT_RESTORE_SS);
    f.put64(UC_LINK, 0);
    f.put64(UC_STACK, t.altStackSp).put32(UC_STACK + 8, stackFlags | t.altStackFlags).put64(UC_STACK + 16, t.altStackSize);
    for (int reg = 0; reg < 16; reg++) f.put64(MCONTEXT + SC_OF_REG[reg], r[reg]);
    f.put64(MCONTEXT + SC_RIP, c.rip);
    f.put64(MCONTEXT + SC_EFLAGS, c.getFlags());
    f.put16(MCONTEXT + SC_CS, USER_CS).put16(MCONTEXT + SC_GS, 0).put16(MCONTEXT + SC_FS, 0);
    f.put16(MCONTEXT + SC_SS, USER_DS);
    f.put64(MCONTEXT + SC_ERR, t.faultError).put64(MCONTEXT + SC_TRAPNO, t.faultTrapno);
    f.put64(MCONTEXT + SC_OLDMASK, mask).put64(MCONTEXT + SC_CR2, t.faultAddress);
    f.put64(MCONTEXT + SC_FPSTATE, fpstate);
    f.put64(UC_SIGMASK, mask);
    byte[] image = f.bytes();
    if ((a.flags() & SigAction.SA_SIGINFO) != 0) System.arraycopy(si.bytes(), 0, image, INFO, SigInfo.SIZE);
    Mmu m = c.mmu;
    try {
      m.writeBytes(frame, image, 0, (a.flags() & SigAction.SA_SIGINFO) != 0 ? SIZE : INFO);
      X87Control.fxsave(c, fpstate, true);
    } catch (GuestFault e) {
      return false;
    }
    // SS_AUTODISARM: the alternate stack is off while the handler runs (sas_ss_reset()).
    if ((t.altStackFlags & SS_AUTODISARM) != 0) {
      t.altStackSp = 0;
      t.altStackSize = 0;
      t.altStackFlags = 0;
    }
    r[Cpu.RDI] = sig;
    r[Cpu.RSI] = frame + INFO;
    r[Cpu.RDX] = frame + UC;
    r[Cpu.RAX] = 0;
    r[Cpu.RSP] = frame;
    c.rip = a.handler();
    // The ABI's function entry has DF clear; TF and RF are cleared too (handle_signal()).
    c.setFlagsValue(c.getFlags() & ~(Flags.DF | Flags.TF | (1L << 16)));
    // The handler starts with a fresh FPU (fpu__clear_user_states()).
    c.fpu.reset();
    c.mxcsr = 0x1f80;
    java.util.Arrays.fill(c.xmm, 0);
    return true;
  }

  /**
   * rt_sigreturn(2): restores the registers, flags, FPU state, signal mask and
   * alternate stack from the frame the handler returned through (RSP points
   * just past pretcode). Returns the restored RAX; false-y frames throw
   * GuestFault for the caller to turn into SIGSEGV.
   */
  public static long restore(Task t) {
    Cpu c = t.cpu;
    long frame = c.regs[Cpu.RSP] - 8;
    Struct f = Struct.read(c.mmu, frame, INFO);
    t.sigmask = f.get64(UC_SIGMASK) & ~Signal.UNBLOCKABLE;
    t.restoreSigmask = false;
    long fpstate = f.get64(MCONTEXT + SC_FPSTATE);
    if (fpstate != 0) {
      // Reserved MXCSR bits make FXRSTOR fault: a bad frame, then.
      X87Control.fxrstor(c, fpstate, true);
    } else {
      c.fpu.reset();
      c.mxcsr = 0x1f80;
      java.util.Arrays.fill(c.xmm, 0);
    }
    long[] r = c.regs;
    for (int reg = 0; reg < 16; reg++) r[reg] = f.get64(MCONTEXT + SC_OF_REG[reg]);
    c.rip = f.get64(MCONTEXT + SC_RIP);
    long flags = f.get64(MCONTEXT + SC_EFLAGS);
    c.setFlagsValue((c.getFlags() & ~FIX_EFLAGS) | (flags & FIX_EFLAGS));
    // restore_altstack(): as sigaltstack(2) with the saved stack_t, errors other than EFAULT ignored.
    long ssSp = f.get64(UC_STACK);
    int ssFlags = f.get32(UC_STACK + 8);
    long ssSize = f.get64(UC_STACK + 16);
    setAltStack(t, ssSp, ssFlags, ssSize);
    return r[Cpu.RAX];
  }

  /**
   * sigaltstack(2)'s change (do_sigaltstack()): returns 0 or the errno — EPERM
   * while running on the current alternate stack, EINVAL for bad flags, ENOMEM
   * for a stack smaller than MINSIGSTKSZ.
   */
  public static int setAltStack(Task t, long ssSp, int ssFlags, long ssSize) {
    if (onAltStack(t, t.cpu.regs[Cpu.RSP])) return blink.linux.Errno.EPERM;
    int mode = ssFlags & ~SS_AUTODISARM;
    if (mode != SS_DISABLE && mode != SS_ONSTACK && mode != 0) return blink.linux.Errno.EINVAL;
    if (mode == SS_DISABLE) {
      ssSp = 0;
      ssSize = 0;
    } else if (Long.compareUnsigned(ssSize, MINSIGSTKSZ) < 0) {
      return blink.linux.Errno.ENOMEM;
    }
    t.altStackSp = ssSp;
    t.altStackSize = ssSize;
    t.altStackFlags = ssFlags & SS_AUTODISARM;
    return 0;
  }

  /** MINSIGSTKSZ on x86. */
  public static final long MINSIGSTKSZ = 2048;

  /** on_sig_stack(): sp is within the alternate stack (never, with SS_AUTODISARM). */
  public static boolean onAltStack(Task t, long sp) {
    if ((t.altStackFlags & SS_AUTODISARM) != 0) return false;
    return withinAltStack(t, sp);
  }

  /** __on_sig_stack(): the stack grows down, so its top is inside and its bottom is not. */
  static boolean withinAltStack(Task t, long sp) {
    return Long.compareUnsigned(sp, t.altStackSp) > 0 && Long.compareUnsigned(sp - t.altStackSp, t.altStackSize) <= 0;
  }

  /** sas_ss_flags(): SS_DISABLE without a stack, SS_ONSTACK when sp is on it, else 0. */
  public static int altStackFlags(Task t, long sp) {
    if (t.altStackSize == 0) return SS_DISABLE;
    return onAltStack(t, sp) ? SS_ONSTACK : 0;
  }
}
