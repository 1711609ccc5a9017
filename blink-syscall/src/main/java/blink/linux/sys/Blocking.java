package blink.linux.sys;

import blink.linux.Errno;
import blink.linux.LinuxError;
import blink.linux.Task;
import blink.linux.abi.LinuxTime;
import blink.linux.signal.Signal;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;

/**
 * Blocking waits (sleep, poll, select, epoll_wait) cut into slices of at most
 * {@link #SLICE} nanoseconds. Between slices the wait looks whether the process
 * was killed meanwhile — by a timer's SIGALRM, which is generated on another
 * thread — and then ends with EINTR, so the run loop sees the death at once.
 */
final class Blocking {
  private Blocking() {}

  /** The longest a killed process can stay blocked. */
  static final long SLICE = 20_000_000L;

  /** One attempt at a host wait of at most timeoutMs milliseconds; non-zero ends the wait. */
  interface Attempt {
    long run(int timeoutMs);
  }

  /**
   * The signal mask a ppoll, pselect6 or epoll_pwait waits with (none if the
   * guest passed NULL). The call's own mask replaces the thread's for the wait
   * only; a pending signal it unblocks is acted on before waiting (only fatal
   * actions exist yet: the wait then ends at once), and one generated during
   * the wait that the thread's own mask lets through is acted on after it.
   */
  record Sigmask(boolean given, long mask) {
    static final Sigmask NONE = new Sigmask(false, 0);

    /** set_user_sigmask(): EINVAL unless a whole sigset_t, then EFAULT. */
    static Sigmask read(Task t, long addr, long size) {
      if (addr == 0) return NONE;
      if (size != Signals.SIGSET_SIZE) throw new LinuxError(Errno.EINVAL);
      return new Sigmask(true, t.mmu().read64(addr) & ~Signal.UNBLOCKABLE);
    }

    long during(Task t, LongSupplier wait) {
      if (!given) return wait.getAsLong();
      long saved = t.sigmask;
      t.sigmask = mask;
      try {
        Signals.deliverPending(t);
        if (killed(t)) throw new LinuxError(Errno.EINTR);
        return wait.getAsLong();
      } finally {
        // What the old mask does not block is acted on once it is back (restore_saved_sigmask()).
        t.sigmask = saved;
        Signals.deliverPending(t);
      }
    }
  }

  static boolean killed(Task t) {
    return t.mustStop() || (t.sigpending & ~t.sigmask) != 0;
  }

  /**
   * Repeats attempt until it returns non-zero or timeout nanoseconds (-1: no
   * limit) have passed; returns its last result. EINTR if the process is killed.
   */
  static long wait(Task t, long timeout, Attempt attempt) {
    long deadline = timeout < 0 ? 0 : System.nanoTime() + Math.min(timeout, LinuxTime.FOREVER);
    while (true) {
      long left = timeout < 0 ? SLICE : Math.max(0, deadline - System.nanoTime());
      boolean last = timeout >= 0 && left <= SLICE;
      long slice = Math.min(left, SLICE);
      long r = attempt.run((int) ((slice + 999_999) / 1_000_000));
      if (r != 0 || last) return r;
      if (killed(t)) throw new LinuxError(Errno.EINTR);
    }
  }

  /**
   * Sleeps until System.nanoTime() reaches deadline. Returns false if the sleep
   * ended early: the process was killed or the thread interrupted.
   */
  static boolean sleepUntil(Task t, long deadline) {
    long wait;
    while ((wait = deadline - System.nanoTime()) > 0) {
      if (killed(t) || Thread.interrupted()) return false;
      LockSupport.parkNanos(Math.min(wait, SLICE));
    }
    return true;
  }
}
