package blink.linux.futex;

import static blink.linux.futex.FutexHarness.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import blink.linux.Errno;
import blink.linux.Task;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class FutexWaitWakeTest {
  final FutexHarness h = new FutexHarness();
  final Task main = h.task(100);

  /** Starts n waiters on WORD (expecting 7), one after the other, so their queue order is known. */
  List<CompletableFuture<Long>> waiters(int n, int op, long... bitsets) throws Exception {
    h.k.cpu.mmu.write32(WORD, 7);
    FutexKey key = h.key(main, WORD, (op & PRIVATE) != 0);
    List<CompletableFuture<Long>> all = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      long bitset = bitsets.length > i ? bitsets[i] : -1;
      all.add(h.async(h.task(101 + i), WORD, bitsets.length > 0 ? op | WAIT_BITSET : op, 7, 0, 0, bitset));
      awaitWaiters(key, i + 1);
    }
    return all;
  }

  @Test
  void valueMismatchIsEagainAndWakeWithoutWaitersIsZero() {
    h.k.cpu.mmu.write32(WORD, 5);
    assertEquals(-Errno.EAGAIN, h.futex(main, WORD, WAIT, 4));
    assertEquals(-Errno.EAGAIN, h.futex(main, WORD, WAIT | PRIVATE, 4));
    assertEquals(0, h.futex(main, WORD, WAKE, 1));
    assertEquals(-Errno.EINVAL, h.futex(main, WORD + 1, WAKE, 1));
  }

  @Test
  void wakeTakesTheOldestWaiterFirst() throws Exception {
    List<CompletableFuture<Long>> w = waiters(3, WAIT | PRIVATE);
    assertEquals(1, h.futex(main, WORD, WAKE | PRIVATE, 1));
    assertEquals(0, get(w.get(0)));
    assertFalse(w.get(1).isDone());
    assertEquals(1, h.futex(main, WORD, WAKE | PRIVATE, 1));
    assertEquals(0, get(w.get(1)));
    assertEquals(1, h.futex(main, WORD, WAKE | PRIVATE, 1));
    assertEquals(0, get(w.get(2)));
  }

  @Test
  void wakeCountLimitsHowManyWake() throws Exception {
    List<CompletableFuture<Long>> w = waiters(5, WAIT);
    assertEquals(2, h.futex(main, WORD, WAKE, 2));
    awaitWaiters(h.key(main, WORD, false), 3);
    assertEquals(3, h.futex(main, WORD, WAKE, Integer.MAX_VALUE));
    for (CompletableFuture<Long> f : w) assertEquals(0, get(f));
  }

  @Test
  void privateAndSharedWaitersOfPrivateMemoryMeet() throws Exception {
    // In private memory both keys are (address space, address), as in Linux (mm, address).
    List<CompletableFuture<Long>> w = waiters(1, WAIT);
    assertEquals(1, h.futex(main, WORD, WAKE | PRIVATE, 1));
    assertEquals(0, get(w.get(0)));
  }

  @Test
  void wakeBitsetWakesOnlyMatchingWaiters() throws Exception {
    List<CompletableFuture<Long>> w = waiters(3, PRIVATE, 1, 2, 3);
    assertEquals(-Errno.EINVAL, h.futex(main, WORD, WAKE_BITSET | PRIVATE, 9, 0, 0, 0));
    assertEquals(2, h.futex(main, WORD, WAKE_BITSET | PRIVATE, 9, 0, 0, 2));
    assertEquals(0, get(w.get(1)));
    assertEquals(0, get(w.get(2)));
    assertFalse(w.get(0).isDone());
    assertEquals(1, h.futex(main, WORD, WAKE | PRIVATE, 9));
    assertEquals(0, get(w.get(0)));
  }

  @Test
  void cmpRequeueWakesSomeAndMovesTheRest() throws Exception {
    List<CompletableFuture<Long>> w = waiters(4, WAIT | PRIVATE);
    FutexKey a = h.key(main, WORD, true), b = h.key(main, WORD2, true);
    assertEquals(-Errno.EAGAIN, h.futex(main, WORD, CMP_REQUEUE | PRIVATE, 1, 2, WORD2, 8));
    assertEquals(4, FutexTable.get().waiters(a));
    // Wake 1, move 2: the result counts both (futex_requeue()'s task_count).
    assertEquals(3, h.futex(main, WORD, CMP_REQUEUE | PRIVATE, 1, 2, WORD2, 7));
    assertEquals(0, get(w.get(0)));
    assertEquals(1, FutexTable.get().waiters(a));
    assertEquals(2, FutexTable.get().waiters(b));
    // Waking the old word no longer reaches the moved ones.
    assertEquals(1, h.futex(main, WORD, WAKE | PRIVATE, 10));
    assertEquals(0, get(w.get(3)));
    assertFalse(w.get(1).isDone());
    assertEquals(2, h.futex(main, WORD2, WAKE | PRIVATE, 10));
    assertEquals(0, get(w.get(1)));
    assertEquals(0, get(w.get(2)));
  }

  @Test
  void requeueMovesWithoutComparing() throws Exception {
    List<CompletableFuture<Long>> w = waiters(2, WAIT | PRIVATE);
    assertEquals(-Errno.EINVAL, h.futex(main, WORD, REQUEUE | PRIVATE, -1, 1, WORD2, 0));
    assertEquals(2, h.futex(main, WORD, REQUEUE | PRIVATE, 0, 5, WORD2, 0));
    assertEquals(2, FutexTable.get().waiters(h.key(main, WORD2, true)));
    assertEquals(2, h.futex(main, WORD2, WAKE | PRIVATE, 5));
    for (CompletableFuture<Long> f : w) assertEquals(0, get(f));
  }

  @Test
  void requeuedWaiterTimesOutFromItsNewQueue() throws Exception {
    h.k.cpu.mmu.write32(WORD, 7);
    long ts = h.timespec(WORD + 256, 150_000_000L);
    CompletableFuture<Long> w = h.async(h.task(101), WORD, WAIT | PRIVATE, 7, ts, 0, 0);
    awaitWaiters(h.key(main, WORD, true), 1);
    assertEquals(1, h.futex(main, WORD, REQUEUE | PRIVATE, 0, 1, WORD2, 0));
    assertEquals(-Errno.ETIMEDOUT, get(w));
    assertEquals(0, FutexTable.get().waiters(h.key(main, WORD2, true)));
  }

  /** FUTEX_OP(op, oparg, cmp, cmparg). */
  static long futexOp(int op, int oparg, int cmp, int cmparg) {
    return ((op & 0xf) << 28 | (cmp & 0xf) << 24 | (oparg & 0xfff) << 12 | (cmparg & 0xfff)) & 0xffffffffL;
  }

  @Test
  void wakeOpWakesTheSecondWordWhenTheComparisonHolds() throws Exception {
    h.k.cpu.mmu.write32(WORD, 7);
    h.k.cpu.mmu.write32(WORD2, 3);
    CompletableFuture<Long> first = h.asyncWait(h.task(101), WORD, WAIT | PRIVATE, 7);
    CompletableFuture<Long> second = h.asyncWait(h.task(102), WORD2, WAIT | PRIVATE, 3);
    awaitWaiters(h.key(main, WORD, true), 1);
    awaitWaiters(h.key(main, WORD2, true), 1);
    // old value 3 == 3: both wake; word2 becomes 3 + 1.
    assertEquals(2, h.futex(main, WORD, WAKE_OP | PRIVATE, 1, 1, WORD2, futexOp(1, 1, 0, 3)));
    assertEquals(4, h.k.cpu.mmu.read32(WORD2));
    assertEquals(0, get(first));
    assertEquals(0, get(second));

    CompletableFuture<Long> again = h.asyncWait(h.task(103), WORD2, WAIT | PRIVATE, 4);
    awaitWaiters(h.key(main, WORD2, true), 1);
    // old value 4 != 3: word2 is still set (to 9), nobody on it wakes.
    assertEquals(0, h.futex(main, WORD, WAKE_OP | PRIVATE, 1, 1, WORD2, futexOp(0, 9, 0, 3)));
    assertEquals(9, h.k.cpu.mmu.read32(WORD2));
    assertFalse(again.isDone());
    assertEquals(1, h.futex(main, WORD2, WAKE | PRIVATE, 1));
    assertEquals(0, get(again));
  }

  @Test
  void relativeTimeoutExpires() {
    h.k.cpu.mmu.write32(WORD, 7);
    long ts = h.timespec(WORD + 256, 50_000_000L);
    long t0 = System.nanoTime();
    assertEquals(-Errno.ETIMEDOUT, h.futex(main, WORD, WAIT | PRIVATE, 7, ts, 0, 0));
    assertTrue(System.nanoTime() - t0 >= 50_000_000L);
    assertEquals(-Errno.EINVAL, h.futex(main, WORD, WAIT | PRIVATE, 7, h.timespec(WORD + 256, -1), 0, 0));
  }

  @Test
  void absoluteTimeoutsOnEitherClock() {
    h.k.cpu.mmu.write32(WORD, 7);
    // A monotonic deadline already past: at once.
    assertEquals(-Errno.ETIMEDOUT, h.futex(main, WORD, WAIT_BITSET | PRIVATE, 7, h.timespec(WORD + 256, 1), 0, -1));
    long wall = System.currentTimeMillis() * 1_000_000L + 60_000_000L;
    long ts = h.timespec(WORD + 256, wall);
    long t0 = System.nanoTime();
    assertEquals(-Errno.ETIMEDOUT, h.futex(main, WORD, WAIT_BITSET | PRIVATE | CLOCK_REALTIME, 7, ts, 0, -1));
    long took = System.nanoTime() - t0;
    assertTrue(took >= 40_000_000L && took < 5_000_000_000L, "took " + took);
    // Plain FUTEX_WAIT and wakes refuse FUTEX_CLOCK_REALTIME (do_futex()).
    assertEquals(-Errno.ENOSYS, h.futex(main, WORD, WAIT | CLOCK_REALTIME, 7, 0, 0, 0));
    assertEquals(-Errno.ENOSYS, h.futex(main, WORD, WAKE | CLOCK_REALTIME, 1, 0, 0, 0));
  }

  @Test
  void interruptedWaiterGetsEintr() throws Exception {
    h.k.cpu.mmu.write32(WORD, 7);
    Task t = h.task(101);
    long[] result = new long[1];
    Thread th = Thread.ofPlatform().start(() -> result[0] = h.futex(t, WORD, WAIT | PRIVATE, 7));
    awaitWaiters(h.key(main, WORD, true), 1);
    th.interrupt();
    th.join(10_000);
    assertEquals(-Errno.EINTR, result[0]);
    assertEquals(0, FutexTable.get().waiters(h.key(main, WORD, true)));
  }

  @Test
  void killedProcessEndsTheWait() throws Exception {
    h.k.cpu.mmu.write32(WORD, 7);
    CompletableFuture<Long> w = h.asyncWait(h.task(101), WORD, WAIT | PRIVATE, 7);
    awaitWaiters(h.key(main, WORD, true), 1);
    blink.linux.sys.Signals.killProcess(h.process, 9);
    assertEquals(-Errno.EINTR, get(w));
  }

  /**
   * Two threads hand a turn back and forth 10,000 times, each waiting while the
   * word shows the other's turn. A lost wakeup leaves a waiter queued until its
   * timeout: none may time out.
   */
  @Test
  void pingPongLosesNoWakeup() throws Exception {
    h.k.cpu.mmu.write32(WORD, 0);
    int rounds = 10_000;
    long ts = h.timespec(WORD + 256, 5_000_000_000L);
    long[] timeouts = new long[2];
    Thread[] players = new Thread[2];
    for (int me = 0; me < 2; me++) {
      int mine = me;
      Task t = h.task(101 + me);
      players[me] = Thread.ofPlatform().start(() -> {
        for (int i = 0; i < rounds; i++) {
          int v;
          while ((v = t.mmu().read32(WORD)) != mine) {
            if (h.futex(t, WORD, WAIT | PRIVATE, v, ts, 0, 0) == -Errno.ETIMEDOUT) timeouts[mine]++;
          }
          t.mmu().write32(WORD, 1 - mine);
          h.futex(t, WORD, WAKE | PRIVATE, 1);
        }
      });
    }
    for (Thread p : players) p.join();
    assertEquals(0, timeouts[0] + timeouts[1]);
    assertEquals(0, h.k.cpu.mmu.read32(WORD));
  }

  /**
   * Waiters with 1 ms timeouts race wakers and requeuers: every waiter a wake or
   * requeue counted must come back with 0, every other one with ETIMEDOUT, so
   * the woken total on both sides agrees exactly.
   */
  @Test
  void wakesRacingTimeoutsAreCountedExactly() throws Exception {
    h.k.cpu.mmu.write32(WORD, 0);
    h.k.cpu.mmu.write32(WORD2, 0);
    long ts = h.timespec(WORD + 256, 1_000_000L);
    java.util.concurrent.atomic.AtomicLong returnedZero = new java.util.concurrent.atomic.AtomicLong();
    java.util.concurrent.atomic.AtomicLong woken = new java.util.concurrent.atomic.AtomicLong();
    java.util.concurrent.atomic.AtomicBoolean done = new java.util.concurrent.atomic.AtomicBoolean();
    List<Thread> waiters = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      Task t = h.task(110 + i);
      waiters.add(Thread.ofPlatform().start(() -> {
        for (int n = 0; n < 300; n++) {
          long r = h.futex(t, WORD, WAIT | PRIVATE, 0, ts, 0, 0);
          if (r == 0) returnedZero.incrementAndGet();
          else if (r != -Errno.ETIMEDOUT) throw new AssertionError("wait " + r);
        }
      }));
    }
    Task waker = h.task(120), mover = h.task(121);
    Thread wake = Thread.ofPlatform().start(() -> {
      while (!done.get()) {
        woken.addAndGet(h.futex(waker, WORD, WAKE | PRIVATE, 1));
        woken.addAndGet(h.futex(waker, WORD2, WAKE | PRIVATE, 1));
      }
    });
    // Requeued waiters are counted when the second word's wake takes them (or they time out there).
    Thread move = Thread.ofPlatform().start(() -> {
      while (!done.get()) h.futex(mover, WORD, REQUEUE | PRIVATE, 0, 1, WORD2, 0);
    });
    for (Thread w : waiters) w.join();
    done.set(true);
    wake.join();
    move.join();
    assertEquals(returnedZero.get(), woken.get());
    assertEquals(0, FutexTable.get().waiters(h.key(main, WORD, true)));
    assertEquals(0, FutexTable.get().waiters(h.key(main, WORD2, true)));
  }
}
