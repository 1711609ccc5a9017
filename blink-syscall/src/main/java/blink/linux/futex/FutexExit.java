package blink.linux.futex;

import blink.linux.Task;
import blink.machine.GuestFault;

/**
 * What a thread's exit does to futexes (futex_exit_release(), then
 * mm_release() in the kernel): release its robust locks, then clear its
 * clear_child_tid word and wake one waiter there (what pthread_join waits on).
 */
public final class FutexExit {
  private FutexExit() {}

  /** Runs both steps for t, with the addresses from set_robust_list(2) and set_tid_address(2)/CLONE_CHILD_CLEARTID. */
  public static void release(Task t) {
    RobustList.release(t, t.robustListHead);
    clearChildTid(t, t.clearChildTid);
  }

  /** Writes 0 to the 32-bit word at addr (0: none) and wakes one waiter on it; a bad address is ignored. */
  public static void clearChildTid(Task t, long addr) {
    if (addr == 0) return;
    try {
      if ((addr & 3) != 0) {
        t.mmu().write32(addr, 0); // no futex can live there: nothing to wake
        return;
      }
      FutexWord.at(t.mmu(), addr, true).set(0);
      FutexTable.get().wakeOne(t, addr);
    } catch (GuestFault f) {
      // put_user() failing is ignored by mm_release().
    }
  }
}
