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
import blink.linux.GuestProcess;
import blink.linux.ProcessTable;
import blink.machine.GuestFault;
import blink.x86.Cpu;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.LoggerFactory;

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

  /**
   * kill(2): pid > 0 is that process, 0 the caller's process group, -1 every
   * process but the caller's (and init), below -1 the group -pid.
   */
  private static long kill(Task t, long pidArg, long sigArg) {
    int pid = (int) pidArg;
    int sig = checkSignal(sigArg);
    if (pid == Integer.MIN_VALUE) throw new LinuxError(Errno.ESRCH);
    ProcessTable table = t.kernel().processes;
    List<GuestProcess> targets;
    if (pid > 0) {
      GuestProcess p = table.process(pid);
      targets = p == null || p.zombieOrGone() ? List.of() : List.of(p);
    } else if (pid == -1) {
      targets = new ArrayList<>(table.all());
      targets.remove(t.process);
    } else {
      targets = table.group(pid == 0 ? ProcessTable.pgid(t.process) : -pid);
    }
    if (targets.isEmpty()) throw new LinuxError(Errno.ESRCH);
    if (sig != 0) for (GuestProcess p : targets) sendToProcess(p, sig);
    return 0;
  }

  private static long tgkill(Task t, long tgid, long tid, long sig) {
    if ((int) tgid <= 0 || (int) tid <= 0) throw new LinuxError(Errno.EINVAL);
    int s = checkSignal(sig);
    Task target = t.kernel().processes.task((int) tid);
    if (target == null || target.process.pid() != (int) tgid) throw new LinuxError(Errno.ESRCH);
    if (s != 0) sendToThread(target, s);
    return 0;
  }

  private static long tkill(Task t, long tid, long sig) {
    if ((int) tid <= 0) throw new LinuxError(Errno.EINVAL);
    int s = checkSignal(sig);
    Task target = t.kernel().processes.task((int) tid);
    if (target == null) throw new LinuxError(Errno.ESRCH);
    if (s != 0) sendToThread(target, s);
    return 0;
  }

  private static int checkSignal(long sig) {
    if (sig < 0 || sig > Signal.NSIG) throw new LinuxError(Errno.EINVAL);
    return (int) sig;
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

  /** Sends sig to the process the task belongs to (interval timers; kept for their callers). */
  static long sendToSelf(Task t, boolean self, long sig) {
    int s = checkSignal(sig);
    if (!self) throw new LinuxError(Errno.ESRCH);
    if (s != 0) sendToProcess(t.process, s);
    return 0;
  }

  /**
   * A process-directed signal: it goes to a thread that does not block it (else
   * the first thread, where it stays pending), which is made to look at it.
   */
  public static void sendToProcess(GuestProcess p, int sig) {
    List<Task> threads = p.threadsSnapshot();
    if (threads.isEmpty()) return;
    Task target = threads.get(0);
    for (Task th : threads) {
      if ((th.sigmask & Signal.bit(sig)) == 0) {
        target = th;
        break;
      }
    }
    sendToThread(target, sig);
  }

  /** A thread-directed signal: pending on that thread, acted on at its next instruction boundary. */
  public static void sendToThread(Task t, int sig) {
    // An ignored signal that is not blocked is dropped at once (sig_ignored()).
    if ((t.sigmask & Signal.bit(sig)) == 0 && t.process.sigactions.get(sig).ignores(sig)) return;
    synchronized (t) {
      t.sigpending |= Signal.bit(sig);
    }
    t.interrupt();
  }

  /** A child ended: its parent gets the child's exit signal (SIGCHLD for fork). */
  public static void childEnded(GuestProcess parent, GuestProcess child) {
    sendToProcess(parent, child.exitSignalNumber());
  }

  /**
   * A processor exception in guest code: the matching signal (SIGSEGV, SIGFPE,
   * SIGILL, SIGTRAP). No handler runs yet, so it ends the process, with a
   * one-line report naming the signal and the instruction.
   */
  public static void fault(Task t, GuestFault f) {
    int sig = switch (f.kind) {
      case DIVIDE_ERROR, FLOATING_POINT -> Signal.SIGFPE;
      case INVALID_OPCODE -> Signal.SIGILL;
      case BREAKPOINT -> Signal.SIGTRAP;
      default -> Signal.SIGSEGV;
    };
    StringBuilder line = new StringBuilder("blink: ").append(Signal.name(sig))
        .append(" at rip=0x").append(Long.toHexString(t.cpu.rip));
    if (f.kind == GuestFault.Kind.PAGE_NOT_MAPPED || f.kind == GuestFault.Kind.PAGE_PROTECTION) {
      line.append(" addr=0x").append(Long.toHexString(f.address));
    }
    if (f.getMessage() != null) line.append(": ").append(f.getMessage());
    LoggerFactory.getLogger(Signals.class).warn(line.toString());
    // On the terminal only for the first process (its death is blink's exit status) or
    // an instruction the emulator may lack; a child's death is its parent's to report.
    if (t.process == t.kernel().process() || f.kind == GuestFault.Kind.INVALID_OPCODE) {
      System.err.println(line);
      t.process.deathReported = true;
    }
    killProcess(t.process, sig);
  }

  /** Ends the process as killed by sig (the default action of a fatal signal). */
  public static void killProcess(GuestProcess p, int sig) {
    if (p.exiting()) return;
    p.killedBy = sig;
    p.coreDumped = Signal.defaultAction(sig) == Signal.Default.CORE;
    p.beginExit();
  }

  /** Acts on the pending signals the mask no longer blocks, lowest number first. */
  public static void deliverPending(Task t) {
    long ready;
    while ((ready = t.sigpending & ~t.sigmask) != 0 && !t.mustStop()) {
      int s = Long.numberOfTrailingZeros(ready) + 1;
      synchronized (t) {
        t.sigpending &= ~Signal.bit(s);
      }
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
      killProcess(t.process, s);
    } else if (d == Signal.Default.STOP) {
      Unsupported.once("stopping the process (signal " + s + ")");
    }
  }
}
