package blink.linux.sys;

import blink.linux.GuestProcess;
import blink.linux.ProcessReports;
import blink.linux.Sysno;
import blink.linux.Task;
import blink.linux.Waits;
import blink.linux.signal.ProcessSignals;
import blink.linux.signal.SigAction;
import blink.linux.signal.SigInfo;
import blink.linux.signal.Signal;
import blink.linux.signal.SignalActions;
import blink.linux.signal.SignalFrame;
import blink.machine.GuestFault;
import blink.x86.Cpu;
import blink.x86.X87;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.LoggerFactory;

/**
 * Generating and delivering signals (kernel/signal.c, arch/x86/kernel/signal.c).
 * A signal is queued on the target thread or its process; the thread acts on
 * it on its own Java thread, at an instruction boundary or on its way back
 * from a system call: ignore, stop, end the process, or push a frame and run
 * the handler.
 */
final class SignalDelivery {
  private SignalDelivery() {}

  static final long STOP_SIGNALS = Signal.bit(Signal.SIGSTOP) | Signal.bit(Signal.SIGTSTP)
      | Signal.bit(Signal.SIGTTIN) | Signal.bit(Signal.SIGTTOU);

  // ---------------------------------------------------------------- generation

  /** See {@link Signals#send}. */
  static boolean send(GuestProcess p, Task thread, SigInfo si) {
    int sig = si.signo();
    if (p.exiting()) return true;
    ProcessSignals ps = ProcessSignals.of(p);
    // prepare_signal(): SIGKILL wins at once; stops and SIGCONT cancel each other.
    if (sig == Signal.SIGKILL) {
      Signals.killProcess(p, sig);
      return true;
    }
    if ((STOP_SIGNALS & Signal.bit(sig)) != 0) {
      Signals.discardPending(p, Signal.bit(Signal.SIGCONT));
    } else if (sig == Signal.SIGCONT) {
      Signals.discardPending(p, STOP_SIGNALS);
      continueProcess(p);
    }
    List<Task> threads = p.threadsSnapshot();
    if (threads.isEmpty()) return true;
    Task chosen = thread;
    if (chosen == null) {
      chosen = threads.get(0);
      for (Task th : threads) {
        if ((th.sigmask & Signal.bit(sig)) == 0) {
          chosen = th;
          break;
        }
      }
    }
    // sig_ignored(): a blocked signal is kept, as the handler may change before it is unblocked.
    Task judge = thread != null ? thread : threads.get(0);
    if ((judge.sigmask & Signal.bit(sig)) == 0 && ignoredAtSend(p.sigactions.get(sig), sig)) return true;
    boolean queued = thread != null ? thread.pending.add(si) : ps.shared.add(si);
    if (!queued) return false;
    chosen.interrupt();
    SignalFd.signalled(p);
    return true;
  }

  /** sig_task_ignored(): SIG_IGN, or SIG_DFL whose default is to ignore (SIGCONT counts: it acted at send). */
  private static boolean ignoredAtSend(SigAction a, int sig) {
    return a.ignores(sig) || (a.handler() == Signal.SIG_DFL && sig == Signal.SIGCONT);
  }

  /** A stopped process continues (SIGCONT): its parent hears CLD_CONTINUED, its threads wake. */
  private static void continueProcess(GuestProcess p) {
    ProcessSignals ps = ProcessSignals.of(p);
    synchronized (ps) {
      if (!ps.stopped) return;
      ps.stopped = false;
    }
    ProcessReports.report(p, Waits.CONTINUED_STATUS);
    GuestProcess parent = ProcessReports.parent(p);
    if (parent != null) notifyParentStop(parent, p, SigInfo.CLD_CONTINUED, Signal.SIGCONT);
    for (Task th : p.threadsSnapshot()) th.interrupt();
  }

  /** The process stops (a stop signal's default action): its parent hears CLD_STOPPED, its threads park. */
  private static void stopProcess(GuestProcess p, int sig) {
    ProcessSignals ps = ProcessSignals.of(p);
    synchronized (ps) {
      if (ps.stopped) return;
      ps.stopped = true;
    }
    ProcessReports.report(p, (sig << 8) | 0x7f);
    GuestProcess parent = ProcessReports.parent(p);
    if (parent != null) notifyParentStop(parent, p, SigInfo.CLD_STOPPED, sig);
    for (Task th : p.threadsSnapshot()) th.interrupt();
  }

  /** do_notify_parent_cldstop(): SIGCHLD, unless the parent's SIGCHLD action has SA_NOCLDSTOP. */
  private static void notifyParentStop(GuestProcess parent, GuestProcess child, int code, int sig) {
    if ((parent.sigactions.get(Signal.SIGCHLD).flags() & SigAction.SA_NOCLDSTOP) != 0) return;
    notifyParent(parent, child, Signal.SIGCHLD, code, sig);
  }

  /** The parent gets sig about child: CLD_* code, status, and the child's CPU times in clock ticks. */
  static void notifyParent(GuestProcess parent, GuestProcess child, int sig, int code, int status) {
    if (sig == 0) return;
    long[] times = ProcessReports.times(child);
    long tick = 10_000_000L; // USER_HZ = 100
    send(parent, null, SigInfo.child(sig, code, child.pid(), Signals.uid(), status, times[0] / tick,
        times[1] / tick));
  }

  // ---------------------------------------------------------------- delivery

  /**
   * Acts on the deliverable signals (get_signal(), handle_signal()). restart is
   * the ERESTART code the syscall nr returned, or 0: the first handler run
   * turns it into EINTR or a restart by SA_RESTART; with no handler run the
   * call restarts.
   */
  static void deliver(Task t, int restart, long nr) {
    GuestProcess p = t.process;
    ProcessSignals ps = t.processSignals();
    Cpu c = t.cpu;
    while (!t.mustStop()) {
      if (ps.stopped) {
        parkWhileStopped(t, ps);
        continue;
      }
      SigInfo si = t.pending.takeNext(~t.sigmask);
      if (si == null) si = ps.shared.takeNext(~t.sigmask);
      if (si == null) break;
      int sig = si.signo();
      if (sig == Signal.SIGALRM) p.itimers.alarmDequeued();
      SignalFd.signalled(p);
      SigAction a = p.sigactions.get(sig);
      if (a.handler() == Signal.SIG_IGN) continue;
      if (a.handler() == Signal.SIG_DFL) {
        switch (Signal.defaultAction(sig)) {
          case IGNORE, CONTINUE -> { }
          case STOP -> stopProcess(p, sig);
          case TERMINATE, CORE -> {
            Signals.killProcess(p, sig);
            return;
          }
        }
        continue;
      }
      if (restart != 0) {
        boolean again = restart == Signals.ERESTARTNOINTR
            || (restart == Signals.ERESTARTSYS && (a.flags() & SigAction.SA_RESTART) != 0);
        if (again) rewind(c, nr);
        else c.regs[Cpu.RAX] = -blink.linux.Errno.EINTR;
        restart = 0;
      }
      runHandler(t, si, a);
    }
    if (restart != 0) {
      // No handler ran: the call starts again (restart_syscall(2) for a RESTARTBLOCK).
      rewind(c, restart == Signals.ERESTART_RESTARTBLOCK ? Sysno.RESTART_SYSCALL : nr);
    }
    if (t.restoreSigmask) {
      t.restoreSigmask = false;
      t.sigmask = t.savedSigmask;
    }
  }

  /** Makes the SYSCALL instruction run again with RAX = nr (its 2 bytes: 0F 05). */
  private static void rewind(Cpu c, long nr) {
    c.regs[Cpu.RAX] = nr;
    c.rip -= 2;
  }

  /** A stopped process's thread waits for SIGCONT or its end; SIGKILL ends it meanwhile. */
  private static void parkWhileStopped(Task t, ProcessSignals ps) {
    while (ps.stopped && !t.mustStop()) LockSupport.parkNanos(Blocking.SLICE);
  }

  /**
   * Pushes a frame and points the thread at the handler for si; blocks
   * sa_mask and the signal (unless SA_NODEFER) meanwhile; SA_RESETHAND makes
   * the next one take the default action. A frame that cannot be written
   * forces SIGSEGV (force_sigsegv()).
   */
  private static void runHandler(Task t, SigInfo si, SigAction a) {
    int sig = si.signo();
    long frameMask = t.restoreSigmask ? t.savedSigmask : t.sigmask;
    if (!SignalFrame.setup(t, sig, a, si, frameMask)) {
      SignalActions acts = t.process.sigactions;
      if (sig == Signal.SIGSEGV) acts.set(sig, SigAction.DEFAULT);
      force(t, SigInfo.kernel(Signal.SIGSEGV));
      return;
    }
    t.restoreSigmask = false;
    long mask = t.sigmask | a.mask();
    if ((a.flags() & SigAction.SA_NODEFER) == 0) mask |= Signal.bit(sig);
    t.sigmask = mask & ~Signal.UNBLOCKABLE;
    if ((a.flags() & SigAction.SA_RESETHAND) != 0) {
      t.process.sigactions.set(sig, new SigAction(Signal.SIG_DFL, a.flags(), a.restorer(), a.mask()));
    }
  }

  /**
   * force_sig_info(): a signal the thread cannot refuse — if blocked or
   * ignored, its action becomes the default and it is unblocked. Queued on the
   * thread, where it is taken first.
   */
  static void force(Task t, SigInfo si) {
    int sig = si.signo();
    SignalActions acts = t.process.sigactions;
    boolean blocked = (t.sigmask & Signal.bit(sig)) != 0;
    if (blocked || acts.get(sig).handler() == Signal.SIG_IGN) {
      acts.set(sig, SigAction.DEFAULT);
      t.sigmask &= ~Signal.bit(sig);
    }
    t.pending.add(si);
    t.interrupt();
  }

  // ---------------------------------------------------------------- processor exceptions

  // Exception vectors (Intel SDM Vol. 3A §6.3.1), as sigcontext.trapno reports them.
  static final int DE = 0, BP = 3, UD = 6, GP = 13, PF = 14, MF = 16, XM = 19;

  /**
   * A processor exception in guest code (the trap handlers of
   * arch/x86/kernel/traps.c): SIGSEGV with SEGV_MAPERR/SEGV_ACCERR and the
   * address, SIGFPE with FPE_INTDIV or the unmasked FPU exception, SIGILL with
   * ILL_ILLOPN, SIGTRAP (SI_KERNEL, RIP past the INT3), SIGSEGV with SI_KERNEL
   * for #GP. Delivered at once; blocked or ignored, it ends the process.
   */
  static void fault(Task t, GuestFault f) {
    Cpu c = t.cpu;
    int sig, code, trapno;
    long addr = c.rip, error = 0, cr2 = 0;
    switch (f.kind) {
      case PAGE_NOT_MAPPED, PAGE_PROTECTION -> {
        sig = Signal.SIGSEGV;
        boolean protection = f.kind == GuestFault.Kind.PAGE_PROTECTION;
        code = protection ? SigInfo.SEGV_ACCERR : SigInfo.SEGV_MAPERR;
        addr = cr2 = f.address;
        trapno = PF;
        // The page fault error code: P (protection), W/R, U/S (user mode).
        error = 4 | (f.write ? 2 : 0) | (protection ? 1 : 0);
      }
      case DIVIDE_ERROR -> {
        sig = Signal.SIGFPE;
        code = SigInfo.FPE_INTDIV;
        trapno = DE;
      }
      case FLOATING_POINT -> {
        sig = Signal.SIGFPE;
        X87 x = c.fpu;
        int x87 = (x.status & X87.ES) != 0 ? x.status & ~x.control & 0x3f : 0;
        trapno = x87 != 0 ? MF : XM;
        code = fpeCode(x87 != 0 ? x87 : ~(c.mxcsr >> 7) & c.mxcsr & 0x3f);
      }
      case INVALID_OPCODE -> {
        sig = Signal.SIGILL;
        code = SigInfo.ILL_ILLOPN;
        trapno = UD;
      }
      case BREAKPOINT -> {
        sig = Signal.SIGTRAP;
        code = SigInfo.SI_KERNEL;
        if (!f.trap) c.rip++; // INT3 is a trap: the handler sees RIP after it
        addr = 0;
        trapno = BP;
      }
      default -> {
        sig = Signal.SIGSEGV;
        code = SigInfo.SI_KERNEL;
        addr = 0;
        trapno = GP;
      }
    }
    t.faultError = error;
    t.faultTrapno = trapno;
    t.faultAddress = cr2;
    SigInfo si = code == SigInfo.SI_KERNEL ? SigInfo.kernel(sig) : SigInfo.fault(sig, code, addr);
    SignalActions acts = t.process.sigactions;
    SigAction a = acts.get(sig);
    if ((t.sigmask & Signal.bit(sig)) != 0 || a.handler() == Signal.SIG_IGN) {
      acts.set(sig, SigAction.DEFAULT);
      t.sigmask &= ~Signal.bit(sig);
      a = SigAction.DEFAULT;
    }
    if (a.handler() == Signal.SIG_DFL) {
      report(t, f, sig);
      Signals.killProcess(t.process, sig);
      return;
    }
    runHandler(t, si, a);
  }

  /** fpu__exception_code(): the si_code for the unmasked exceptions err (IE, ZE, OE, UE/DE, PE, in that order). */
  static int fpeCode(int err) {
    if ((err & X87.IE) != 0) return SigInfo.FPE_FLTINV;
    if ((err & X87.ZE) != 0) return SigInfo.FPE_FLTDIV;
    if ((err & X87.OE) != 0) return SigInfo.FPE_FLTOVF;
    if ((err & (X87.DE | X87.UE)) != 0) return SigInfo.FPE_FLTUND;
    if ((err & X87.PE) != 0) return SigInfo.FPE_FLTRES;
    return 0;
  }

  /**
   * The one-line report of a fault that ends a process: on the terminal only
   * for the first process (its death is blink's exit status) or an
   * instruction the emulator may lack; a child's death is its parent's to report.
   */
  private static void report(Task t, GuestFault f, int sig) {
    StringBuilder line = new StringBuilder("blink: ").append(Signal.name(sig))
        .append(" at rip=0x").append(Long.toHexString(t.cpu.rip));
    if (f.kind == GuestFault.Kind.PAGE_NOT_MAPPED || f.kind == GuestFault.Kind.PAGE_PROTECTION) {
      line.append(" addr=0x").append(Long.toHexString(f.address));
    }
    if (f.getMessage() != null) line.append(": ").append(f.getMessage());
    LoggerFactory.getLogger(Signals.class).warn(line.toString());
    if (t.process == t.kernel().process() || f.kind == GuestFault.Kind.INVALID_OPCODE) {
      System.err.println(line);
      t.process.deathReported = true;
    }
  }
}
