package blink.linux.futex;

import blink.linux.Task;
import blink.machine.GuestFault;
import blink.memory.Mmu;

/**
 * The exit-time walk of a thread's robust futex list (exit_robust_list() in
 * kernel/futex/core.c; Documentation/locking/robust-futex-ABI.rst). The head,
 * registered by set_robust_list(2), is
 *
 * <pre>
 *   struct robust_list_head {        offset
 *     struct robust_list *next;        0   first entry; the head itself ends the list
 *     long futex_offset;               8   entry + futex_offset = the lock's futex word
 *     struct robust_list *pending;    16   an entry being added or removed, or NULL
 *   };
 * </pre>
 *
 * Bit 0 of an entry pointer marks a PI futex. Every lock the dying thread
 * still owns (word's tid bits = its tid) gets FUTEX_OWNER_DIED with the tid
 * cleared, and one waiter is woken, so the next locker sees EOWNERDEAD.
 */
public final class RobustList {
  private RobustList() {}

  /** At most this many entries are walked, so a corrupt or circular list ends (ROBUST_LIST_LIMIT). */
  public static final int LIMIT = 2048;

  /**
   * Releases the robust futexes of t, whose list head is at head (0: none).
   * A fault reading the list ends the walk quietly, as on Linux.
   */
  public static void release(Task t, long head) {
    release(FutexTable.get(), t, head);
  }

  static void release(FutexTable table, Task t, long head) {
    if (head == 0) return;
    Mmu mmu = t.mmu();
    try {
      long next = mmu.read64(head);
      long offset = mmu.read64(head + 8);
      long pending = mmu.read64(head + 16);
      long entry = next & ~1L;
      boolean pi = (next & 1) != 0;
      for (int limit = LIMIT; entry != head && limit > 0; limit--) {
        // Read the next entry first: the death handling may free this one's memory.
        long following = mmu.read64(entry);
        if (entry != (pending & ~1L)) handleDeath(table, t, entry + offset, pi, false);
        entry = following & ~1L;
        pi = (following & 1) != 0;
      }
      if ((pending & ~1L) != 0) handleDeath(table, t, (pending & ~1L) + offset, (pending & 1) != 0, true);
    } catch (GuestFault f) {
      // An unreadable list or word: stop, as fetch_robust_entry() failing does.
    }
  }

  /** handle_futex_death(): marks one lock's owner dead if t owns it. */
  private static void handleDeath(FutexTable table, Task t, long uaddr, boolean pi, boolean pendingOp) {
    if ((uaddr & 3) != 0) return;
    FutexWord word = FutexWord.at(t.mmu(), uaddr, true);
    // Robust futexes are woken through their shared key (FLAGS_SHARED in handle_futex_death()).
    FutexKey key = FutexKey.of(t, uaddr, false);
    while (true) {
      int val = word.get();
      // The owner died between taking the lock and recording it: wake a waiter that may be blocked on 0.
      if (pendingOp && !pi && val == 0) {
        table.wake(key, 1, FutexTable.MATCH_ANY);
        return;
      }
      if ((val & PiFutex.TID_MASK) != t.tid()) return;
      if (pi && (val & PiFutex.WAITERS) != 0 && PiFutex.handToWaiter(table, key, word, val)) return;
      int dead = (val & PiFutex.WAITERS) | PiFutex.OWNER_DIED;
      if (word.compareAndExchange(val, dead) != val) continue;
      if (!pi && (val & PiFutex.WAITERS) != 0) table.wake(key, 1, FutexTable.MATCH_ANY);
      return;
    }
  }
}
