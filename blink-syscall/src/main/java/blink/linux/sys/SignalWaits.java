package blink.linux.sys;

import blink.linux.Errno;
import blink.linux.LinuxError;
import blink.linux.Syscall;
import blink.linux.SyscallTable;
import blink.linux.Sysno;
import blink.linux.Task;
import blink.linux.abi.LinuxTime;
import blink.linux.signal.ProcessSignals;
import blink.linux.signal.SigInfo;
import blink.linux.signal.Signal;
import java.util.concurrent.locks.LockSupport;

/**
 * Waiting for signals: pause(2), rt_sigsuspend(2), rt_sigtimedwait(2) (and
 * restart_syscall(2), which resumes a call a signal interrupted).
 */
final class SignalWaits implements Syscall {
  private SignalWaits() {}

  private static final SignalWaits INSTANCE = new SignalWaits();

  static void register(SyscallTable t) {
    t.add(INSTANCE, Sysno.PAUSE, Sysno.RT_SIGSUSPEND, Sysno.RT_SIGTIMEDWAIT, Sysno.RESTART_SYSCALL);
  }

  @Override
  public long call(Task t, int nr, long a0, long a1, long a2, long a3, long a4, long a5) {
    return switch (nr) {
      case Sysno.PAUSE -> pause(t);
      case Sysno.RT_SIGSUSPEND -> rtSigsuspend(t, a0, a1);
      case Sysno.RT_SIGTIMEDWAIT -> rtSigtimedwait(t, a0, a1, a2, a3);
      case Sysno.RESTART_SYSCALL -> restartSyscall(t);
      default -> throw new IllegalArgumentException("not a SignalWaits syscall: " + nr);
    };
  }

  /** Sleeps until a signal is to be delivered (or the thread must stop). */
  private static void awaitSignal(Task t) {
    while (!Signals.interrupted(t)) LockSupport.parkNanos(Blocking.SLICE);
  }

  /** pause(2): returns only when a handler has run (EINTR); other signals restart it. */
  private static long pause(Task t) {
    awaitSignal(t);
    throw new LinuxError(Signals.ERESTARTNOHAND);
  }

  /**
   * rt_sigsuspend(2): waits with mask as the blocked set; the old mask comes
   * back when the handler returns (it is the one its frame saves).
   */
  private static long rtSigsuspend(Task t, long mask, long size) {
    if (size != Signals.SIGSET_SIZE) throw new LinuxError(Errno.EINVAL);
    long m = t.mmu().read64(mask) & ~Signal.UNBLOCKABLE;
    t.savedSigmask = t.sigmask;
    t.restoreSigmask = true;
    t.sigmask = m;
    awaitSignal(t);
    throw new LinuxError(Signals.ERESTARTNOHAND);
  }

  /**
   * rt_sigtimedwait(2): takes a pending signal of set (thread's first, then the
   * process's) and returns its number, with its siginfo in info. While waiting
   * the set is unblocked, so a signal of it is sent to this thread; another
   * signal that is delivered ends the wait with EINTR, the timeout with EAGAIN.
   */
  private static long rtSigtimedwait(Task t, long setAddr, long info, long timeout, long size) {
    if (size != Signals.SIGSET_SIZE) throw new LinuxError(Errno.EINVAL);
    long set = t.mmu().read64(setAddr) & ~Signal.UNBLOCKABLE;
    long deadline = Long.MAX_VALUE;
    if (timeout != 0) {
      long ns = LinuxTime.readTimespec(t.mmu(), timeout);
      deadline = System.nanoTime() + Math.min(ns, LinuxTime.FOREVER);
    }
    ProcessSignals ps = t.processSignals();
    long blocked = t.sigmask;
    try {
      t.sigmask = blocked & ~set;
      while (true) {
        SigInfo si = t.pending.takeNext(set);
        if (si == null) si = ps.shared.takeNext(set);
        if (si != null) {
          if (si.signo() == Signal.SIGALRM) t.process.itimers.alarmDequeued();
          SignalFd.signalled(t.process);
          if (info != 0) t.mmu().writeBytes(info, si.bytes(), 0, SigInfo.SIZE);
          return si.signo();
        }
        if (Signals.interrupted(t)) throw new LinuxError(Errno.EINTR);
        long left = deadline - System.nanoTime();
        if (left <= 0) throw new LinuxError(Errno.EAGAIN);
        LockSupport.parkNanos(Math.min(left, Blocking.SLICE));
      }
    } finally {
      t.sigmask = blocked;
    }
  }

  /** restart_syscall(2): the rest of an interrupted sleep, or EINTR if there is nothing to resume. */
  private static long restartSyscall(Task t) {
    java.util.function.LongSupplier rest = t.restartBlock;
    t.restartBlock = null;
    if (rest == null) throw new LinuxError(Errno.EINTR);
    return rest.getAsLong();
  }
}
