package blink.linux.sys;

import blink.linux.Errno;
import blink.linux.LinuxError;
import blink.linux.Syscall;
import blink.linux.SyscallTable;
import blink.linux.Sysno;
import blink.linux.Task;
import blink.linux.abi.Struct;
import blink.linux.signal.SigAction;
import blink.linux.signal.Signal;
import blink.x86.Cpu;

/**
 * Signal state, recorded per the Linux ABI: dispositions (rt_sigaction), the
 * blocked mask (rt_sigprocmask), pending signals, the alternate stack
 * (sigaltstack). Delivery to handlers comes later; a signal the process sends
 * itself is kept pending while blocked, and otherwise does nothing or, when its
 * default action is fatal, ends the process as Linux would.
 */
public final class Signals implements Syscall {
  private Signals() {}

  /** sizeof(sigset_t) the kernel accepts: 64 signals. */
  static final long SIGSET_SIZE = 8;
  /** struct sigaction (kernel, x86-64): sa_handler, sa_flags, sa_restorer, sa_mask. */
  static final int SIGACTION_SIZE = 32;
  /** stack_t: ss_sp (8), ss_flags (int, then padding), ss_size (8). */
  static final int STACK_T_SIZE = 24;
  static final int SIG_BLOCK = 0, SIG_UNBLOCK = 1, SIG_SETMASK = 2;
  static final int SS_ONSTACK = 1, SS_DISABLE = 2, SS_AUTODISARM = 1 << 31;
  /** MINSIGSTKSZ on x86. */
  static final long MINSIGSTKSZ = 2048;

  private static final Signals INSTANCE = new Signals();

  public static void register(SyscallTable t) {
    t.add(INSTANCE, Sysno.RT_SIGACTION, Sysno.RT_SIGPROCMASK, Sysno.RT_SIGPENDING,
        Sysno.SIGALTSTACK, Sysno.KILL, Sysno.TGKILL, Sysno.TKILL);
  }

  @Override
  public long call(Task t, int nr, long a0, long a1, long a2, long a3, long a4, long a5) {
    return switch (nr) {
      case Sysno.RT_SIGACTION -> rtSigaction(t, a0, a1, a2, a3);
      case Sysno.RT_SIGPROCMASK -> rtSigprocmask(t, a0, a1, a2, a3);
      case Sysno.RT_SIGPENDING -> rtSigpending(t, a0, a1);
      case Sysno.SIGALTSTACK -> sigaltstack(t, a0, a1);
      case Sysno.KILL -> kill(t, a0, a1);
      case Sysno.TGKILL -> tgkill(t, a0, a1, a2);
      case Sysno.TKILL -> tkill(t, a0, a1);
      default -> throw new IllegalArgumentException("not a Signals syscall: " + nr);
    };
  }

  private static long kill(Task t, long pid, long sig) {
    // kill(2): pid 0 is the caller's process group and -1 every process it may signal;
    // for now the caller is the only process there is.
    int who = (int) pid;
    return sendToSelf(t, who == 0 || who == -1 || who == t.process.pid(), sig);
  }

  private static long tgkill(Task t, long tgid, long tid, long sig) {
    if ((int) tgid <= 0 || (int) tid <= 0) throw new LinuxError(Errno.EINVAL);
    return sendToSelf(t, (int) tgid == t.process.pid() && (int) tid == t.tid(), sig);
  }

  private static long tkill(Task t, long tid, long sig) {
    if ((int) tid <= 0) throw new LinuxError(Errno.EINVAL);
    return sendToSelf(t, (int) tid == t.tid(), sig);
  }

  /** rt_sigaction(2): read act, swap, write oldact — a bad oldact is EFAULT after the change. */
  private static long rtSigaction(Task t, long sig, long act, long oldact, long sigsetsize) {
    if (sigsetsize != SIGSET_SIZE) throw new LinuxError(Errno.EINVAL);
    SigAction next = null;
    if (act != 0) {
      Struct s = Struct.read(t.mmu(), act, SIGACTION_SIZE);
      next = new SigAction(s.get64(0), s.get64(8) & SigAction.KNOWN_FLAGS, s.get64(16),
          s.get64(24) & ~Signal.UNBLOCKABLE);
    }
    // sig is an int; SIGKILL and SIGSTOP may be queried but not changed (do_sigaction).
    int s = (int) sig;
    if (!Signal.valid(s) || (next != null && (s == Signal.SIGKILL || s == Signal.SIGSTOP))) {
      throw new LinuxError(Errno.EINVAL);
    }
    SigAction old = next != null ? t.process.sigactions.set(s, next) : t.process.sigactions.get(s);
    // Setting a disposition that ignores the signal discards it if pending (sigaction(2)).
    if (next != null && next.ignores(s)) t.sigpending &= ~Signal.bit(s);
    if (oldact != 0) {
      Struct.of(SIGACTION_SIZE)
          .put64(0, old.handler())
          .put64(8, old.flags())
          .put64(16, old.restorer())
          .put64(24, old.mask())
          .write(t.mmu(), oldact);
    }
    return 0;
  }

  /** rt_sigprocmask(2): SIGKILL and SIGSTOP are silently never blocked. */
  private static long rtSigprocmask(Task t, long how, long set, long oldset, long sigsetsize) {
    if (sigsetsize != SIGSET_SIZE) throw new LinuxError(Errno.EINVAL);
    long old = t.sigmask;
    if (set != 0) {
      long s = t.mmu().read64(set) & ~Signal.UNBLOCKABLE;
      switch ((int) how) {
        case SIG_BLOCK -> t.sigmask = old | s;
        case SIG_UNBLOCK -> t.sigmask = old & ~s;
        case SIG_SETMASK -> t.sigmask = s;
        default -> throw new LinuxError(Errno.EINVAL);
      }
    }
    if (oldset != 0) t.mmu().write64(oldset, old);
    deliverPending(t);
    return 0;
  }

  /** rt_sigpending(2): the blocked signals waiting; sigsetsize may be smaller than 8. */
  private static long rtSigpending(Task t, long set, long sigsetsize) {
    if (Long.compareUnsigned(sigsetsize, SIGSET_SIZE) > 0) throw new LinuxError(Errno.EINVAL);
    Struct s = Struct.of(8).put64(0, t.sigpending & t.sigmask);
    t.mmu().writeBytes(set, s.bytes(), 0, (int) sigsetsize);
    return 0;
  }

  /** sigaltstack(2), following do_sigaltstack(). */
  private static long sigaltstack(Task t, long ss, long oldss) {
    Struct next = ss != 0 ? Struct.read(t.mmu(), ss, STACK_T_SIZE) : null;
    long sp = t.cpu.regs[Cpu.RSP];
    boolean onStack = onAltStack(t, sp);
    int oldFlags = (t.altStackSize == 0 ? SS_DISABLE : onStack ? SS_ONSTACK : 0) | t.altStackFlags;
    long oldSp = t.altStackSp, oldSize = t.altStackSize;
    if (next != null) {
      // The stack in use cannot be changed.
      if (onStack) throw new LinuxError(Errno.EPERM);
      int flags = next.get32(8);
      int mode = flags & ~SS_AUTODISARM;
      if (mode != SS_DISABLE && mode != SS_ONSTACK && mode != 0) throw new LinuxError(Errno.EINVAL);
      long newSp = next.get64(0), newSize = next.get64(16);
      if (mode == SS_DISABLE) {
        newSp = 0;
        newSize = 0;
      } else if (Long.compareUnsigned(newSize, MINSIGSTKSZ) < 0) {
        throw new LinuxError(Errno.ENOMEM);
      }
      t.altStackSp = newSp;
      t.altStackSize = newSize;
      t.altStackFlags = flags & SS_AUTODISARM;
    }
    if (oldss != 0) {
      Struct.of(STACK_T_SIZE).put64(0, oldSp).put32(8, oldFlags).put64(16, oldSize).write(t.mmu(), oldss);
    }
    return 0;
  }

  /** on_sig_stack(): sp is within the alternate stack (never, with SS_AUTODISARM). */
  private static boolean onAltStack(Task t, long sp) {
    if ((t.altStackFlags & SS_AUTODISARM) != 0) return false;
    return Long.compareUnsigned(sp, t.altStackSp) > 0 && Long.compareUnsigned(sp - t.altStackSp, t.altStackSize) <= 0;
  }

  /**
   * A signal sent by the process to itself. A blocked signal stays pending until
   * unblocked (even an ignored one: its disposition may change meanwhile, as in
   * Linux's sig_ignored()); otherwise it is acted on at once. Interval timers
   * call this from their own thread (the fields it touches are not guarded:
   * handlers do not run yet, and a fatal action ends the process anyway).
   */
  static long sendToSelf(Task t, boolean self, long sig) {
    int s = (int) sig;
    if (s < 0 || s > Signal.NSIG) throw new LinuxError(Errno.EINVAL);
    if (!self) throw new LinuxError(Errno.ESRCH);
    if (s == 0) return 0; // existence and permission check only
    if ((t.sigmask & Signal.bit(s)) != 0) t.sigpending |= Signal.bit(s);
    else act(t, s);
    return 0;
  }

  /** Acts on the pending signals the mask no longer blocks, lowest number first. */
  static void deliverPending(Task t) {
    long ready;
    while ((ready = t.sigpending & ~t.sigmask) != 0 && !t.cpu.halted) {
      int s = Long.numberOfTrailingZeros(ready) + 1;
      t.sigpending &= ~Signal.bit(s);
      act(t, s);
    }
  }

  /**
   * What delivery does today: nothing for an ignored signal; a fatal default
   * action ends the process with the status of death by that signal. Running
   * guest handlers comes with signal frames.
   */
  private static void act(Task t, int s) {
    SigAction a = t.process.sigactions.get(s);
    if (a.ignores(s)) return;
    if (a.handler() != Signal.SIG_DFL) {
      Unsupported.once("signal delivery to a guest handler (signal " + s + ")");
      return;
    }
    Signal.Default d = Signal.defaultAction(s);
    if (d == Signal.Default.TERMINATE || d == Signal.Default.CORE) {
      t.process.killedBy = s;
      Cpu cpu = t.cpu;
      // A shell reports death by signal N as status 128+N.
      cpu.exitStatus = 128 + s;
      cpu.halted = true;
      cpu.attention = true;
    } else if (d == Signal.Default.STOP) {
      Unsupported.once("stopping the process (signal " + s + ")");
    }
  }
}
