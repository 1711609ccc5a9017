package blink.linux.futex;

import blink.linux.Errno;
import blink.linux.LinuxError;
import blink.linux.Task;
import java.util.ArrayList;
import java.util.Iterator;

/**
 * FUTEX_WAIT_REQUEUE_PI and FUTEX_CMP_REQUEUE_PI (kernel/futex/requeue.c): a
 * condition variable whose waiters are moved straight onto the PI mutex
 * instead of being woken to fight for it. A waiter on the condition word can
 * only be requeued to the PI futex it named, and it only ever wakes owning
 * that lock (or on timeout or signal).
 */
public final class RequeuePi {
  private RequeuePi() {}

  /**
   * FUTEX_WAIT_REQUEUE_PI: waits on key (EAGAIN unless the word holds expected)
   * until a FUTEX_CMP_REQUEUE_PI gives it the PI lock at target, directly or
   * through an unlock after a requeue. Returns 0 owning the lock; ETIMEDOUT,
   * EINTR. EINVAL if both are the same futex.
   */
  public static long await(FutexTable table, Task t, FutexKey key, FutexWord word, int expected, FutexKey target,
                           long deadline) {
    if (key.equals(target)) throw new LinuxError(Errno.EINVAL);
    Waiter w = new Waiter(t, key, FutexTable.MATCH_ANY, false, target);
    FutexTable.Bucket b = table.bucket(key);
    b.lock.lock();
    try {
      if (word.get() != expected) throw new LinuxError(Errno.EAGAIN);
      b.add(w);
    } finally {
      b.lock.unlock();
    }
    Waiter.Outcome how = w.await(deadline);
    if (how == Waiter.Outcome.WOKEN || !table.unqueue(w)) return 0;
    throw new LinuxError(how == Waiter.Outcome.TIMED_OUT ? Errno.ETIMEDOUT : Errno.EINTR);
  }

  /**
   * FUTEX_CMP_REQUEUE_PI: EAGAIN unless the condition word holds expected;
   * takes the PI lock for the oldest waiter if it is free (waking it), then
   * moves up to nrRequeue waiters onto the lock's queue (one more if the lock
   * was not free). nrWake must be 1. Returns how many were woken or moved.
   */
  public static long requeue(FutexTable table, FutexKey from, FutexKey to, FutexWord cond, int expected,
                             FutexWord lock, int nrWake, int nrRequeue) {
    if (nrWake < 0 || nrRequeue < 0 || nrWake != 1 || from.equals(to)) throw new LinuxError(Errno.EINVAL);
    FutexTable.Bucket b1 = table.bucket(from), b2 = table.bucket(to);
    try (FutexTable.Pair locked = new FutexTable.Pair(b1, b2)) {
      if (cond.get() != expected) throw new LinuxError(Errno.EAGAIN);
      int count = 0;
      Waiter top = b1.first(from);
      if (top != null) {
        check(top, to);
        // futex_proxy_trylock_atomic(): FUTEX_WAITERS stays set if more will be queued behind it.
        if (PiFutex.acquireFor(top.task.tid(), lock, nrRequeue > 0)) {
          b1.queue.remove(top);
          top.wake();
          count++;
        }
      }
      ArrayList<Waiter> moved = new ArrayList<>();
      for (Iterator<Waiter> it = b1.queue.iterator(); it.hasNext(); ) {
        if (count - nrWake >= nrRequeue) break;
        Waiter w = it.next();
        if (!w.key.equals(from)) continue;
        check(w, to);
        it.remove();
        count++;
        if (PiFutex.acquireFor(w.task.tid(), lock, true)) {
          w.wake();
          continue;
        }
        w.pi = true;
        w.key = to;
        moved.add(w); // to the end of the lock's queue, after waiters already there
      }
      for (Waiter w : moved) b2.add(w);
      return count;
    }
  }

  /** A waiter met by FUTEX_CMP_REQUEUE_PI must be a FUTEX_WAIT_REQUEUE_PI waiter for this lock. */
  private static void check(Waiter w, FutexKey to) {
    if (w.requeuePi == null || !w.requeuePi.equals(to)) throw new LinuxError(Errno.EINVAL);
  }
}
