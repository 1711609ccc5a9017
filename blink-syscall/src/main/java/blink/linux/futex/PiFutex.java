package blink.linux.futex;

import blink.linux.Errno;
import blink.linux.LinuxError;
import blink.linux.Task;
import java.util.function.IntPredicate;

/**
 * Priority-inheritance futexes (FUTEX_LOCK_PI, FUTEX_LOCK_PI2,
 * FUTEX_TRYLOCK_PI, FUTEX_UNLOCK_PI; kernel/futex/pi.c) without the priority
 * part: the word holds the owner's tid, FUTEX_WAITERS while the kernel may
 * have waiters, FUTEX_OWNER_DIED after a robust owner died; an unlock hands
 * the lock straight to the longest waiter.
 *
 * <pre>
 *   31        30           29                    0
 *  +---------+------------+-----------------------+
 *  | WAITERS | OWNER_DIED |  owner tid (TID_MASK)  |
 *  +---------+------------+-----------------------+
 * </pre>
 */
public final class PiFutex {
  private PiFutex() {}

  public static final int WAITERS = 0x80000000, OWNER_DIED = 0x40000000, TID_MASK = 0x3fffffff;

  /**
   * Whether a thread id names a live thread (find_get_task_by_vpid()); a lock
   * whose owner is gone is ESRCH. Until the kernel tracks every thread, any
   * tid counts as alive.
   */
  private static volatile IntPredicate threadExists = tid -> true;

  /** Installs the kernel's thread lookup. */
  public static void setThreadLookup(IntPredicate exists) {
    threadExists = exists;
  }

  /**
   * FUTEX_LOCK_PI (trylock false) and FUTEX_TRYLOCK_PI: takes the lock if its
   * tid is 0 (keeping OWNER_DIED), else sets FUTEX_WAITERS and waits until an
   * unlock hands it over, the deadline passes (ETIMEDOUT) or a signal comes
   * (EINTR). EDEADLK if t owns it, ESRCH if its owner does not exist, EAGAIN
   * for a trylock on a lock someone holds.
   */
  public static long lock(FutexTable table, Task t, FutexKey key, FutexWord word, long deadline, boolean trylock) {
    int tid = t.tid();
    FutexTable.Bucket b = table.bucket(key);
    Waiter w = new Waiter(t, key, FutexTable.MATCH_ANY, true);
    b.lock.lock();
    try {
      if (acquireFor(tid, word, b.first(key) != null)) return 0;
      if (trylock) throw new LinuxError(Errno.EAGAIN);
      b.add(w);
    } finally {
      b.lock.unlock();
    }
    while (true) {
      // Wait a slice at a time: an owner that died holding the lock (exit_pi_state_list())
      // or a word set free behind the kernel's back (musl's robust unlock at exit) is noticed.
      long slice = System.nanoTime() + Waiter.SLICE;
      boolean last = deadline != Waiter.NEVER && deadline - slice <= 0;
      Waiter.Outcome how = w.await(last ? deadline : slice);
      // An unlock that came before we left the queue has made us the owner.
      if (how == Waiter.Outcome.WOKEN) return 0;
      if (how == Waiter.Outcome.TIMED_OUT && !last) {
        if (takeAbandoned(table, key, word, w)) return 0;
        continue;
      }
      if (!table.unqueue(w)) return 0;
      throw new LinuxError(how == Waiter.Outcome.TIMED_OUT ? Errno.ETIMEDOUT : Errno.EINTR);
    }
  }

  /**
   * Takes a lock for queued waiter w whose word has no owner any more, or whose
   * owner thread is gone (with FUTEX_OWNER_DIED then); false if it is still held
   * or w was already handed the lock (then w is woken).
   */
  private static boolean takeAbandoned(FutexTable table, FutexKey key, FutexWord word, Waiter w) {
    FutexTable.Bucket b = table.bucket(key);
    b.lock.lock();
    try {
      int val = word.get();
      int owner = val & TID_MASK;
      boolean dead = owner != 0 && !threadExists.test(owner);
      if (owner != 0 && !dead) return false;
      if (!b.queue.remove(w)) return false;
      boolean others = b.first(key) != null;
      int taken = w.task.tid() | (dead ? OWNER_DIED : val & OWNER_DIED) | (others ? WAITERS : 0);
      return word.compareAndExchange(val, taken) == val || reQueue(b, w);
    } finally {
      b.lock.unlock();
    }
  }

  /** The word changed under us: back in the queue, to look again next slice. */
  private static boolean reQueue(FutexTable.Bucket b, Waiter w) {
    b.add(w);
    return false;
  }

  /**
   * Takes the lock for thread tid if its tid bits are 0 (futex_lock_pi_atomic()):
   * keeps OWNER_DIED, adds FUTEX_WAITERS if waiters is set. Otherwise sets
   * FUTEX_WAITERS, so the owner's unlock comes to the kernel, and returns false.
   * EDEADLK if tid owns it already, ESRCH if its owner does not exist. Called
   * with the futex's bucket locked.
   */
  static boolean acquireFor(int tid, FutexWord word, boolean waiters) {
    while (true) {
      int val = word.get();
      int owner = val & TID_MASK;
      if (owner == tid) throw new LinuxError(Errno.EDEADLK);
      if (owner == 0) {
        int taken = tid | (val & OWNER_DIED) | (waiters ? WAITERS : 0);
        if (word.compareAndExchange(val, taken) == val) return true;
        continue;
      }
      if ((val & WAITERS) == 0 && word.compareAndExchange(val, val | WAITERS) != val) continue;
      if (!threadExists.test(owner)) throw new LinuxError(Errno.ESRCH);
      return false;
    }
  }

  /**
   * FUTEX_UNLOCK_PI: EPERM unless t owns the lock; hands it to the longest
   * waiter (its tid | FUTEX_WAITERS, OWNER_DIED cleared, as wake_futex_pi()),
   * or sets the word to 0 when nobody waits.
   */
  public static long unlock(FutexTable table, Task t, FutexKey key, FutexWord word) {
    int tid = t.tid();
    FutexTable.Bucket b = table.bucket(key);
    b.lock.lock();
    try {
      while (true) {
        int val = word.get();
        if ((val & TID_MASK) != tid) throw new LinuxError(Errno.EPERM);
        Waiter next = b.first(key);
        if (next != null && !next.pi) throw new LinuxError(Errno.EINVAL);
        int handed = next == null ? 0 : WAITERS | next.task.tid();
        if (word.compareAndExchange(val, handed) != val) continue;
        if (next != null) {
          b.queue.remove(next);
          next.wake();
        }
        return 0;
      }
    } finally {
      b.lock.unlock();
    }
  }

  /**
   * A robust PI lock whose owner died: the longest waiter becomes the owner
   * with FUTEX_OWNER_DIED set (exit_pi_state_list() then fixup_pi_owner()).
   * Returns false if nobody waits (the caller marks the word itself). Called
   * with val the word's current value.
   */
  static boolean handToWaiter(FutexTable table, FutexKey key, FutexWord word, int val) {
    FutexTable.Bucket b = table.bucket(key);
    b.lock.lock();
    try {
      Waiter next = b.first(key);
      if (next == null || !next.pi) return false;
      if (word.compareAndExchange(val, WAITERS | OWNER_DIED | next.task.tid()) != val) return false;
      b.queue.remove(next);
      next.wake();
      return true;
    } finally {
      b.lock.unlock();
    }
  }
}
