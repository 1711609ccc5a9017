package blink.linux.futex;

import blink.linux.Errno;
import blink.linux.LinuxError;
import blink.linux.Task;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The futex wait queues of the whole JVM (one Linux machine), hashed into
 * buckets by key as in kernel/futex/core.c. A waiter reads the futex word and
 * queues itself while holding its bucket's lock, and every waker takes that
 * lock, so a wake that follows the guest's store to the word cannot be missed.
 * Operations on two futexes lock both buckets in index order.
 */
public final class FutexTable {
  /** Matches every waiter's bitset (FUTEX_BITSET_MATCH_ANY). */
  public static final int MATCH_ANY = -1;
  /** A deadline meaning "no timeout". */
  public static final long NEVER = Long.MIN_VALUE;

  private static final FutexTable MACHINE = new FutexTable();
  private static final int BUCKETS = 256;

  /** One hash chain of waiters and the lock that guards it (struct futex_hash_bucket). */
  static final class Bucket {
    final ReentrantLock lock = new ReentrantLock();
    /** Waiters in arrival order (Linux orders by priority, then arrival; all ours are equal). */
    final ArrayList<Waiter> queue = new ArrayList<>();
    final int index;

    Bucket(int index) {
      this.index = index;
    }

    void add(Waiter w) {
      queue.add(w);
      w.bucket = this;
    }

    /** The first waiter on key, or null. */
    Waiter first(FutexKey key) {
      for (Waiter w : queue) if (w.key.equals(key)) return w;
      return null;
    }

    /** Whether anyone but skip waits on key. */
    boolean hasOther(FutexKey key, Waiter skip) {
      for (Waiter w : queue) if (w != skip && w.key.equals(key)) return true;
      return false;
    }
  }

  private final Bucket[] buckets = new Bucket[BUCKETS];

  FutexTable() {
    for (int i = 0; i < BUCKETS; i++) buckets[i] = new Bucket(i);
  }

  /** The table every guest thread and process of this JVM shares. */
  public static FutexTable get() {
    return MACHINE;
  }

  Bucket bucket(FutexKey key) {
    int h = key.hashCode();
    return buckets[(h ^ (h >>> 16)) & (BUCKETS - 1)];
  }

  /** A lock on one or two buckets, taken in index order so two lockers never deadlock. */
  static final class Pair implements AutoCloseable {
    final Bucket first, second;

    Pair(Bucket a, Bucket b) {
      first = a.index <= b.index ? a : b;
      second = a.index <= b.index ? b : a;
      first.lock.lock();
      if (second != first) second.lock.lock();
    }

    @Override
    public void close() {
      if (second != first) second.lock.unlock();
      first.lock.unlock();
    }
  }

  /**
   * FUTEX_WAIT, FUTEX_WAIT_BITSET: blocks until woken if the word still holds
   * expected (EAGAIN otherwise), the check and the queueing atomic with respect
   * to wakers. deadline is a System.nanoTime() value, or {@link #NEVER}.
   * Returns 0 when woken; ETIMEDOUT, EINTR as futex(2).
   */
  public long wait(Task t, FutexKey key, FutexWord word, int expected, int bitset, long deadline) {
    Waiter w = new Waiter(t, key, bitset, false);
    Bucket b = bucket(key);
    b.lock.lock();
    try {
      if (word.get() != expected) throw new LinuxError(Errno.EAGAIN);
      b.add(w);
    } finally {
      b.lock.unlock();
    }
    Waiter.Outcome how = w.await(deadline);
    // A waker may have come between giving up and taking the waiter out: then it was woken.
    if (how == Waiter.Outcome.WOKEN || !unqueue(w)) return 0;
    throw new LinuxError(how == Waiter.Outcome.TIMED_OUT ? Errno.ETIMEDOUT : Errno.EINTR);
  }

  /**
   * Takes w out of whichever bucket holds it now (a requeue may move it while
   * we wait for the lock). Returns false if it was woken meanwhile.
   */
  boolean unqueue(Waiter w) {
    while (true) {
      Bucket b = w.bucket;
      if (b == null) return false;
      b.lock.lock();
      try {
        if (w.bucket == b) {
          b.queue.remove(w);
          w.bucket = null;
          return true;
        }
      } finally {
        b.lock.unlock();
      }
    }
  }

  /**
   * FUTEX_WAKE, FUTEX_WAKE_BITSET: wakes waiters on key whose bitset meets
   * bitset, oldest first; at least one is woken even if nr is 0 or negative,
   * as futex_wake() counts. EINVAL if a PI lock waiter is met.
   */
  public int wake(FutexKey key, int nr, int bitset) {
    Bucket b = bucket(key);
    b.lock.lock();
    try {
      return wakeLocked(b, key, nr, bitset);
    } finally {
      b.lock.unlock();
    }
  }

  private static int wakeLocked(Bucket b, FutexKey key, int nr, int bitset) {
    int woken = 0;
    for (Iterator<Waiter> it = b.queue.iterator(); it.hasNext(); ) {
      Waiter w = it.next();
      if (!w.key.equals(key)) continue;
      if (w.locksPi()) throw new LinuxError(Errno.EINVAL);
      if ((w.bitset & bitset) == 0) continue;
      it.remove();
      w.wake();
      if (++woken >= nr) break;
    }
    return woken;
  }

  /**
   * FUTEX_REQUEUE, FUTEX_CMP_REQUEUE: wakes up to nrWake waiters on from and
   * moves up to nrRequeue of the rest to to. With a cmp word, EAGAIN unless it
   * still holds expected (checked under both locks). Returns how many were
   * woken or moved (futex_requeue()'s task_count).
   */
  public int requeue(FutexKey from, FutexKey to, int nrWake, int nrRequeue, FutexWord cmp, int expected) {
    if (nrWake < 0 || nrRequeue < 0) throw new LinuxError(Errno.EINVAL);
    Bucket b1 = bucket(from), b2 = bucket(to);
    try (Pair locked = new Pair(b1, b2)) {
      if (cmp != null && cmp.get() != expected) throw new LinuxError(Errno.EAGAIN);
      int count = 0;
      ArrayList<Waiter> moved = new ArrayList<>();
      for (Iterator<Waiter> it = b1.queue.iterator(); it.hasNext(); ) {
        if (count - nrWake >= nrRequeue) break;
        Waiter w = it.next();
        if (!w.key.equals(from)) continue;
        if (w.locksPi()) throw new LinuxError(Errno.EINVAL);
        if (++count <= nrWake) {
          it.remove();
          w.wake();
          continue;
        }
        w.key = to;
        if (b2 != b1) {
          it.remove();
          moved.add(w);
        }
      }
      for (Waiter w : moved) b2.add(w);
      return count;
    }
  }

  /** FUTEX_WAKE_OP's update of the second word, done with both buckets locked; returns its comparison. */
  @FunctionalInterface
  public interface WordUpdate {
    boolean apply();
  }

  /**
   * FUTEX_WAKE_OP: applies update to the second word, wakes up to nr1 waiters on
   * key1, and, if update's comparison held, up to nr2 on key2 (each at least
   * one, as in futex_wake_op()). Returns the number woken.
   */
  public int wakeOp(FutexKey key1, FutexKey key2, int nr1, int nr2, WordUpdate update) {
    Bucket b1 = bucket(key1), b2 = bucket(key2);
    try (Pair locked = new Pair(b1, b2)) {
      boolean second = update.apply();
      int woken = wakeLocked(b1, key1, nr1, MATCH_ANY);
      if (second) woken += wakeLocked(b2, key2, nr2, MATCH_ANY);
      return woken;
    }
  }

  /** How many threads wait on key (for tests and /proc). */
  int waiters(FutexKey key) {
    Bucket b = bucket(key);
    b.lock.lock();
    try {
      int n = 0;
      for (Waiter w : b.queue) if (w.key.equals(key)) n++;
      return n;
    } finally {
      b.lock.unlock();
    }
  }

  /**
   * The wake that a thread's exit does at its clear_child_tid address (or a
   * robust futex's death): one waiter on the shared key of uaddr, as
   * FUTEX_WAKE without FUTEX_PRIVATE_FLAG. Returns the number woken.
   */
  public int wakeOne(Task t, long uaddr) {
    return wake(FutexKey.of(t, uaddr, false), 1, MATCH_ANY);
  }
}
