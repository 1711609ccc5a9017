package blink.linux.sys;

import blink.linux.Errno;
import blink.linux.GuestProcess;
import blink.linux.LinuxError;
import blink.linux.LinuxKernel;
import blink.linux.ProcessTable;
import blink.linux.Syscall;
import blink.linux.SyscallTable;
import blink.linux.Sysno;
import blink.linux.Task;
import blink.linux.abi.Struct;
import blink.linux.host.Host;
import blink.linux.signal.ProcessSignals;
import blink.linux.signal.SigAction;
import blink.linux.signal.SigInfo;
import blink.linux.signal.Signal;
import blink.linux.signal.SignalFrame;
import blink.machine.GuestFault;
import blink.x86.Cpu;
import java.util.ArrayList;
import java.util.List;

/**
 * The signal system calls (signal(7)): dispositions (rt_sigaction), the
 * blocked mask (rt_sigprocmask), pending signals, the alternate stack,
 * sending (kill, tkill, tgkill, rt_sigqueueinfo, rt_tgsigqueueinfo) and the
 * return from a handler (rt_sigreturn); and the kernel's own entry points for
 * generating signals. Delivery is {@link SignalDelivery}'s.
 */
public final class Signals implements Syscall {
  private Signals() {}

  /**
   * The kernel-internal results of an interrupted call (include/linux/errno.h):
   * delivery turns them into EINTR or a restart of the call, so the guest never
   * sees them.
   */
  public static final int ERESTARTSYS = 512, ERESTARTNOINTR = 513, ERESTARTNOHAND = 514;
  public static final int ERESTART_RESTARTBLOCK = 516;

  /** sizeof(sigset_t) the kernel accepts: 64 signals. */
  static final long SIGSET_SIZE = 8;
  /** struct sigaction (kernel, x86-64): sa_handler, sa_flags, sa_restorer, sa_mask. */
  static final int SIGACTION_SIZE = 32;
  /** stack_t: ss_sp (8), ss_flags (int, then padding), ss_size (8). */
  static final int STACK_T_SIZE = 24;
  static final int SIG_BLOCK = 0, SIG_UNBLOCK = 1, SIG_SETMASK = 2;

  private static final Signals INSTANCE = new Signals();

  public static void register(SyscallTable t) {
    t.add(INSTANCE, Sysno.RT_SIGACTION, Sysno.RT_SIGPROCMASK, Sysno.RT_SIGPENDING, Sysno.RT_SIGRETURN,
        Sysno.SIGALTSTACK, Sysno.KILL, Sysno.TGKILL, Sysno.TKILL, Sysno.RT_SIGQUEUEINFO, Sysno.RT_TGSIGQUEUEINFO);
    SignalWaits.register(t);
    SignalFd.register(t);
  }

  @Override
  public long call(Task t, int nr, long a0, long a1, long a2, long a3, long a4, long a5) {
    return switch (nr) {
      case Sysno.RT_SIGACTION -> rtSigaction(t, a0, a1, a2, a3);
      case Sysno.RT_SIGPROCMASK -> rtSigprocmask(t, a0, a1, a2, a3);
      case Sysno.RT_SIGPENDING -> rtSigpending(t, a0, a1);
      case Sysno.RT_SIGRETURN -> rtSigreturn(t);
      case Sysno.SIGALTSTACK -> sigaltstack(t, a0, a1);
      case Sysno.KILL -> kill(t, a0, a1);
      case Sysno.TGKILL -> tgkill(t, a0, a1, a2);
      case Sysno.TKILL -> tkill(t, a0, a1);
      case Sysno.RT_SIGQUEUEINFO -> rtSigqueueinfo(t, a0, a1, a2);
      case Sysno.RT_TGSIGQUEUEINFO -> rtTgsigqueueinfo(t, a0, a1, a2, a3);
      default -> throw new IllegalArgumentException("not a Signals syscall: " + nr);
    };
  }

  // ---------------------------------------------------------------- sending

  /** The caller's real uid, as si_uid reports it. */
  static int uid() {
    return Host.libc().getuid();
  }

  /**
   * kill(2): pid > 0 is that process, 0 the caller's process group, -1 every
   * process but the caller's (and init), below -1 the group -pid.
   */
  private static long kill(Task t, long pidArg, long sigArg) {
    int pid = (int) pidArg;
    int sig = checkSignal(sigArg);
    List<GuestProcess> targets = targets(t, pid);
    if (sig != 0) {
      for (GuestProcess p : targets) send(p, null, SigInfo.user(sig, SigInfo.SI_USER, t.process.pid(), uid()));
    }
    return 0;
  }

  /** The processes kill(2) or rt_sigqueueinfo(2) addresses; ESRCH if none. */
  private static List<GuestProcess> targets(Task t, int pid) {
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
      targets = table.group(pid == 0 ? t.kernel().pgid(t.process) : -pid);
    }
    if (targets.isEmpty()) throw new LinuxError(Errno.ESRCH);
    return targets;
  }

  private static long tgkill(Task t, long tgid, long tid, long sig) {
    if ((int) tgid <= 0 || (int) tid <= 0) throw new LinuxError(Errno.EINVAL);
    int s = checkSignal(sig);
    Task target = thread(t, (int) tgid, (int) tid);
    if (s != 0) send(target.process, target, SigInfo.user(s, SigInfo.SI_TKILL, t.process.pid(), uid()));
    return 0;
  }

  private static long tkill(Task t, long tid, long sig) {
    if ((int) tid <= 0) throw new LinuxError(Errno.EINVAL);
    int s = checkSignal(sig);
    Task target = thread(t, 0, (int) tid);
    if (s != 0) send(target.process, target, SigInfo.user(s, SigInfo.SI_TKILL, t.process.pid(), uid()));
    return 0;
  }

  /** The live thread tid (of process tgid unless 0); ESRCH if none. */
  private static Task thread(Task t, int tgid, int tid) {
    Task target = t.kernel().processes.task(tid);
    if (target == null || (tgid != 0 && target.process.pid() != tgid) || target.process.exiting()) {
      throw new LinuxError(Errno.ESRCH);
    }
    return target;
  }

  /**
   * rt_sigqueueinfo(2): a signal with the caller's siginfo (sigqueue(3) makes
   * it SI_QUEUE with a value). Only the kernel may claim SI_USER or SI_TKILL,
   * or a positive code, for another process (EPERM).
   */
  private static long rtSigqueueinfo(Task t, long pidArg, long sigArg, long uinfo) {
    int sig = checkSignal(sigArg);
    SigInfo si = SigInfo.fromGuest(sig, t.mmu().readBytes(uinfo, SigInfo.SIZE));
    int pid = (int) pidArg;
    if ((si.code() >= 0 || si.code() == SigInfo.SI_TKILL) && pid != t.process.pid()) {
      throw new LinuxError(Errno.EPERM);
    }
    if (pid <= 0) throw new LinuxError(Errno.ESRCH);
    GuestProcess p = targets(t, pid).get(0);
    if (sig != 0 && !send(p, null, si)) throw new LinuxError(Errno.EAGAIN);
    return 0;
  }

  private static long rtTgsigqueueinfo(Task t, long tgid, long tid, long sigArg, long uinfo) {
    if ((int) tgid <= 0 || (int) tid <= 0) throw new LinuxError(Errno.EINVAL);
    int sig = checkSignal(sigArg);
    SigInfo si = SigInfo.fromGuest(sig, t.mmu().readBytes(uinfo, SigInfo.SIZE));
    if ((si.code() >= 0 || si.code() == SigInfo.SI_TKILL) && (int) tid != t.tid()) {
      throw new LinuxError(Errno.EPERM);
    }
    Task target = thread(t, (int) tgid, (int) tid);
    if (sig != 0 && !send(target.process, target, si)) throw new LinuxError(Errno.EAGAIN);
    return 0;
  }

  private static int checkSignal(long sig) {
    if (sig < 0 || sig > Signal.NSIG) throw new LinuxError(Errno.EINVAL);
    return (int) sig;
  }

  // ---------------------------------------------------------------- dispositions and masks

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
    // Setting a disposition that ignores the signal discards it wherever pending (sigaction(2)).
    if (next != null && next.ignores(s)) discardPending(t.process, Signal.bit(s));
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

  /** Removes the signals in set from the process's shared and every thread's pending set. */
  static void discardPending(GuestProcess p, long set) {
    ProcessSignals.of(p).shared.discard(set);
    for (Task th : p.threadsSnapshot()) th.pending.discard(set);
  }

  /**
   * rt_sigprocmask(2): SIGKILL and SIGSTOP are silently never blocked. A
   * signal it unblocks is delivered as the call returns.
   */
  private static long rtSigprocmask(Task t, long how, long set, long oldset, long sigsetsize) {
    if (sigsetsize != SIGSET_SIZE) throw new LinuxError(Errno.EINVAL);
    long old = t.sigmask;
    long next = old;
    if (set != 0) {
      long s = t.mmu().read64(set) & ~Signal.UNBLOCKABLE;
      switch ((int) how) {
        case SIG_BLOCK -> next = old | s;
        case SIG_UNBLOCK -> next = old & ~s;
        case SIG_SETMASK -> next = s;
        default -> throw new LinuxError(Errno.EINVAL);
      }
    }
    if (oldset != 0) t.mmu().write64(oldset, old);
    t.sigmask = next;
    return 0;
  }

  /** rt_sigpending(2): the blocked signals waiting; sigsetsize may be smaller than 8. */
  private static long rtSigpending(Task t, long set, long sigsetsize) {
    if (Long.compareUnsigned(sigsetsize, SIGSET_SIZE) > 0) throw new LinuxError(Errno.EINVAL);
    long pending = t.pending.mask() | t.processSignals().shared.mask();
    Struct s = Struct.of(8).put64(0, pending & t.sigmask);
    t.mmu().writeBytes(set, s.bytes(), 0, (int) sigsetsize);
    return 0;
  }

  /** sigaltstack(2), following do_sigaltstack(). */
  private static long sigaltstack(Task t, long ss, long oldss) {
    Struct next = ss != 0 ? Struct.read(t.mmu(), ss, STACK_T_SIZE) : null;
    long sp = t.cpu.regs[Cpu.RSP];
    int oldFlags = SignalFrame.altStackFlags(t, sp) | t.altStackFlags;
    long oldSp = t.altStackSp, oldSize = t.altStackSize;
    if (next != null) {
      int err = SignalFrame.setAltStack(t, next.get64(0), next.get32(8), next.get64(16));
      if (err != 0) throw new LinuxError(err);
    }
    if (oldss != 0) {
      Struct.of(STACK_T_SIZE).put64(0, oldSp).put32(8, oldFlags).put64(16, oldSize).write(t.mmu(), oldss);
    }
    return 0;
  }

  /**
   * rt_sigreturn(2): back from a handler through its frame. The restored RAX is
   * the result, and RCX and R11 were already set before the call, so every
   * register is the frame's. A frame that cannot be read is SIGSEGV.
   */
  private static long rtSigreturn(Task t) {
    try {
      return SignalFrame.restore(t);
    } catch (GuestFault f) {
      SignalDelivery.force(t, SigInfo.kernel(Signal.SIGSEGV));
      return 0;
    }
  }

  // ---------------------------------------------------------------- the kernel's entry points

  /**
   * Generates a signal (send_signal()): for thread (or, if null, the process p
   * as a whole). SIGKILL ends the process at once, SIGCONT continues a stopped
   * one and a stop signal cancels a pending SIGCONT (and vice versa); an
   * ignored, unblocked signal is dropped. Returns false only if a real-time
   * signal found the queue full.
   */
  public static boolean send(GuestProcess p, Task thread, SigInfo si) {
    return SignalDelivery.send(p, thread, si);
  }

  /** A process-directed signal from the kernel (timers, SI_KERNEL). */
  public static void sendToProcess(GuestProcess p, int sig) {
    send(p, null, SigInfo.kernel(sig));
  }

  /** EPIPE from a write or send: SIGPIPE to the writing thread, as send_sig() makes it (SI_USER, the writer's pid). */
  public static void brokenPipe(Task t) {
    send(t.process, t, SigInfo.user(Signal.SIGPIPE, SigInfo.SI_USER, t.process.pid(), uid()));
  }

  /** A thread-directed signal from the kernel (SI_KERNEL). */
  public static void sendToThread(Task t, int sig) {
    send(t.process, t, SigInfo.kernel(sig));
  }

  /** Sends sig to the process the task belongs to (interval timers). */
  static long sendToSelf(Task t, boolean self, long sig) {
    int s = checkSignal(sig);
    if (!self) throw new LinuxError(Errno.ESRCH);
    if (s != 0) sendToProcess(t.process, s);
    return 0;
  }

  /** A child ended: its parent gets the child's exit signal with CLD_EXITED, CLD_KILLED or CLD_DUMPED. */
  public static void childEnded(GuestProcess parent, GuestProcess child) {
    int status = child.waitStatus();
    int code, value;
    if ((status & 0x7f) == 0) {
      code = SigInfo.CLD_EXITED;
      value = status >> 8 & 0xff;
    } else {
      code = (status & 0x80) != 0 ? SigInfo.CLD_DUMPED : SigInfo.CLD_KILLED;
      value = status & 0x7f;
    }
    SignalDelivery.notifyParent(parent, child, child.exitSignalNumber(), code, value);
  }

  /** A processor exception in guest code: its signal, to a handler or, by default, ending the process. */
  public static void fault(Task t, GuestFault f) {
    SignalDelivery.fault(t, f);
  }

  /** Ends the process as killed by sig (the default action of a fatal signal). */
  public static void killProcess(GuestProcess p, int sig) {
    if (p.exiting()) return;
    p.killedBy = sig;
    p.coreDumped = Signal.defaultAction(sig) == Signal.Default.CORE;
    p.beginExit();
  }

  /** Delivers the pending signals the thread does not block (the run loop, at an instruction boundary). */
  public static void deliverPending(Task t) {
    SignalDelivery.deliver(t, 0, -1);
  }

  /**
   * The way back to user space from syscall nr, whose result is in RAX: pending
   * signals are delivered, and an interrupted call (-ERESTART*) becomes EINTR
   * or is restarted.
   */
  public static void afterSyscall(Task t, long nr) {
    long rax = t.cpu.regs[Cpu.RAX];
    int restart = 0;
    // rt_sigreturn's RAX is the interrupted code's: never a restart request (orig_ax = -1).
    if (nr != Sysno.RT_SIGRETURN && (rax == -ERESTARTSYS || rax == -ERESTARTNOINTR || rax == -ERESTARTNOHAND
        || rax == -ERESTART_RESTARTBLOCK)) {
      restart = (int) -rax;
    }
    if (restart == 0 && !deliverable(t)) return;
    SignalDelivery.deliver(t, restart, nr);
  }

  /** Whether a signal the thread does not block is pending, or the process is stopping. */
  private static boolean deliverable(Task t) {
    ProcessSignals ps = t.processSignals();
    return ps.stopped || ((t.pending.mask() | ps.shared.mask()) & ~t.sigmask) != 0;
  }

  /**
   * Whether a blocking call must end now (signal_pending() || fatal): a signal
   * the thread does not block is pending, its process is stopping, or it must
   * stop running. The call then returns one of the ERESTART codes.
   */
  public static boolean interrupted(Task t) {
    return t.mustStop() || deliverable(t);
  }

  /**
   * A signal the host sent blink (SIGINT from the terminal's ^C, SIGTERM,
   * SIGHUP, SIGQUIT, SIGWINCH, SIGTSTP, SIGCONT): it goes to the guest's
   * foreground process group, as the terminal driver would send it.
   */
  public static void fromHost(LinuxKernel k, int sig) {
    int pgid = Foreground.get(k);
    List<GuestProcess> group = k.processes.group(pgid);
    if (group.isEmpty()) group = List.of(k.process());
    for (GuestProcess p : group) send(p, null, SigInfo.kernel(sig));
  }
}
