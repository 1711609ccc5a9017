package blink.linux.futex;

import blink.linux.Task;
import java.util.concurrent.locks.LockSupport;

/**
 * One thread blocked on a futex (struct futex_q). It is queued while {@link
 * #bucket} is set; a waker or a requeue changes that only while holding the
 * bucket's lock, so a waiter that gives up (timeout, signal) can tell whether
 * it was woken first.
 */
final class Waiter {
  /** How a wait ended. */
  enum Outcome { WOKEN, TIMED_OUT, INTERRUPTED }

  /** The longest a waiter parks before looking at its deadline and signals again (Blocking.SLICE). */
  static final long SLICE = 20_000_000L;
  /** A deadline meaning "no timeout". */
  static final long NEVER = FutexTable.NEVER;

  final Task task;
  final Thread thread = Thread.currentThread();
  /** FUTEX_WAIT_BITSET's bitset; FUTEX_BITSET_MATCH_ANY for a plain wait. */
  final int bitset;
  /** A waiter for a PI lock (FUTEX_LOCK_PI): plain wakes refuse it, unlocks hand it the lock. */
  volatile boolean pi;
  /**
   * For FUTEX_WAIT_REQUEUE_PI, the PI futex it may only be requeued to (and
   * plain wakes refuse it); null otherwise. Waking it always gives it that lock.
   */
  final FutexKey requeuePi;
  /** The futex waited on; a requeue changes it (under both buckets' locks). */
  volatile FutexKey key;
  /** The bucket holding the waiter, or null once woken. */
  volatile FutexTable.Bucket bucket;

  Waiter(Task task, FutexKey key, int bitset, boolean pi) {
    this(task, key, bitset, pi, null);
  }

  Waiter(Task task, FutexKey key, int bitset, boolean pi, FutexKey requeuePi) {
    this.task = task;
    this.key = key;
    this.bitset = bitset;
    this.pi = pi;
    this.requeuePi = requeuePi;
  }

  /** Whether plain wakes and requeues must refuse this waiter (EINVAL, as for rt_waiter or pi_state). */
  boolean locksPi() {
    return pi || requeuePi != null;
  }

  /** Called by a waker holding the bucket lock, after taking the waiter out of the queue. */
  void wake() {
    bucket = null;
    LockSupport.unpark(thread);
  }

  boolean queued() {
    return bucket != null;
  }

  /**
   * Parks until woken, until System.nanoTime() reaches deadline ({@link #NEVER}:
   * no limit) or until {@link #interrupted} — in slices of at most {@link
   * #SLICE}, so a missed unpark or signal costs at most one slice.
   */
  Outcome await(long deadline) {
    while (true) {
      if (!queued()) return Outcome.WOKEN;
      if (interrupted(task)) return Outcome.INTERRUPTED;
      long slice = SLICE;
      if (deadline != NEVER) {
        long left = deadline - System.nanoTime();
        if (left <= 0) return Outcome.TIMED_OUT;
        slice = Math.min(slice, left);
      }
      LockSupport.parkNanos(this, slice);
    }
  }

  /**
   * Whether a blocked futex wait must end with EINTR: the process was killed, or
   * the Java thread was interrupted. The one place to add "a signal is
   * deliverable to t" (signal_pending()).
   */
  static boolean interrupted(Task t) {
    return blink.linux.sys.Signals.interrupted(t) || Thread.interrupted();
  }
}
