package blink.linux.futex;

import static blink.linux.futex.FutexHarness.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import blink.linux.Errno;
import blink.linux.Task;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class FutexPiTest {
  final FutexHarness h = new FutexHarness();
  final Task owner = h.task(200), other = h.task(201), third = h.task(202);

  int word() {
    return h.k.cpu.mmu.read32(WORD);
  }

  @AfterEach
  void everyThreadExists() {
    PiFutex.setThreadLookup(tid -> true);
  }

  @Test
  void uncontendedLockUnlock() {
    h.k.cpu.mmu.write32(WORD, 0);
    assertEquals(0, h.futex(owner, WORD, LOCK_PI | PRIVATE, 0));
    assertEquals(200, word());
    assertEquals(-Errno.EDEADLK, h.futex(owner, WORD, LOCK_PI | PRIVATE, 0));
    assertEquals(-Errno.EDEADLK, h.futex(owner, WORD, TRYLOCK_PI | PRIVATE, 0));
    assertEquals(-Errno.EPERM, h.futex(other, WORD, UNLOCK_PI | PRIVATE, 0));
    assertEquals(0, h.futex(owner, WORD, UNLOCK_PI | PRIVATE, 0));
    assertEquals(0, word());
    assertEquals(-Errno.EPERM, h.futex(owner, WORD, UNLOCK_PI | PRIVATE, 0));
  }

  @Test
  void takingAnOwnerDiedLockKeepsTheBit() {
    h.k.cpu.mmu.write32(WORD, PiFutex.OWNER_DIED);
    assertEquals(0, h.futex(owner, WORD, TRYLOCK_PI | PRIVATE, 0));
    assertEquals(PiFutex.OWNER_DIED | 200, word());
    // Unlocking with nobody waiting leaves 0.
    assertEquals(0, h.futex(owner, WORD, UNLOCK_PI | PRIVATE, 0));
    assertEquals(0, word());
  }

  @Test
  void trylockOfAHeldLockSetsWaitersAndFails() {
    h.k.cpu.mmu.write32(WORD, 200);
    assertEquals(-Errno.EAGAIN, h.futex(other, WORD, TRYLOCK_PI | PRIVATE, 0));
    assertEquals(PiFutex.WAITERS | 200, word());
    PiFutex.setThreadLookup(tid -> tid != 200);
    assertEquals(-Errno.ESRCH, h.futex(other, WORD, LOCK_PI | PRIVATE, 0));
  }

  @Test
  void unlockHandsTheLockToTheLongestWaiter() throws Exception {
    h.k.cpu.mmu.write32(WORD, 0);
    assertEquals(0, h.futex(owner, WORD, LOCK_PI | PRIVATE, 0));
    FutexKey key = h.key(owner, WORD, true);
    CompletableFuture<Long> second = h.async(other, WORD, LOCK_PI | PRIVATE, 0, 0, 0, 0);
    awaitWaiters(key, 1);
    CompletableFuture<Long> third = h.async(this.third, WORD, LOCK_PI2 | PRIVATE, 0, 0, 0, 0);
    awaitWaiters(key, 2);
    assertEquals(PiFutex.WAITERS | 200, word());
    // A plain wake must not take a lock waiter (futex_wake(): EINVAL).
    assertEquals(-Errno.EINVAL, h.futex(owner, WORD, WAKE | PRIVATE, 1));

    assertEquals(0, h.futex(owner, WORD, UNLOCK_PI | PRIVATE, 0));
    assertEquals(0, get(second));
    assertEquals(PiFutex.WAITERS | 201, word());
    assertFalse(third.isDone());
    assertEquals(-Errno.EPERM, h.futex(owner, WORD, UNLOCK_PI | PRIVATE, 0));

    assertEquals(0, h.futex(other, WORD, UNLOCK_PI | PRIVATE, 0));
    assertEquals(0, get(third));
    assertEquals(PiFutex.WAITERS | 202, word());
    assertEquals(0, h.futex(this.third, WORD, UNLOCK_PI | PRIVATE, 0));
    assertEquals(0, word());
  }

  @Test
  void lockTimesOutOnAbsoluteDeadlines() {
    h.k.cpu.mmu.write32(WORD, 200);
    // FUTEX_LOCK_PI: CLOCK_REALTIME, and the flag itself is ENOSYS.
    long wall = System.currentTimeMillis() * 1_000_000L + 30_000_000L;
    long t0 = System.nanoTime();
    assertEquals(-Errno.ETIMEDOUT, h.futex(other, WORD, LOCK_PI | PRIVATE, 0, h.timespec(WORD + 256, wall), 0, 0));
    assertTrue(System.nanoTime() - t0 >= 20_000_000L);
    assertEquals(-Errno.ENOSYS, h.futex(other, WORD, LOCK_PI | CLOCK_REALTIME, 0, 0, 0, 0));
    // FUTEX_LOCK_PI2: CLOCK_MONOTONIC unless FUTEX_CLOCK_REALTIME.
    assertEquals(-Errno.ETIMEDOUT, h.futex(other, WORD, LOCK_PI2 | PRIVATE, 0, h.timespec(WORD + 256, 1), 0, 0));
    assertEquals(-Errno.ETIMEDOUT,
        h.futex(other, WORD, LOCK_PI2 | PRIVATE | CLOCK_REALTIME, 0, h.timespec(WORD + 256, 1), 0, 0));
    assertEquals(0, FutexTable.get().waiters(h.key(owner, WORD, true)));
    assertEquals(PiFutex.WAITERS | 200, word());
    // The owner's unlock finds nobody and frees the word.
    assertEquals(0, h.futex(owner, WORD, UNLOCK_PI | PRIVATE, 0));
    assertEquals(0, word());
  }

  /** Four threads take turns on one PI lock; each critical section is checked exclusive. */
  @Test
  void contendedLockIsExclusive() throws Exception {
    h.k.cpu.mmu.write32(WORD, 0);
    h.k.cpu.mmu.write32(WORD2, 0);
    int rounds = 2000;
    Thread[] threads = new Thread[4];
    int[] inside = new int[1];
    boolean[] overlap = new boolean[1];
    for (int i = 0; i < threads.length; i++) {
      Task t = h.task(300 + i);
      threads[i] = Thread.ofPlatform().start(() -> {
        FutexWord w = FutexWord.at(t.mmu(), WORD, true);
        for (int r = 0; r < rounds; r++) {
          // glibc's fast path: CAS 0 -> tid, else the kernel.
          if (w.compareAndExchange(0, t.tid()) != 0) {
            long res = h.futex(t, WORD, LOCK_PI | PRIVATE, 0);
            if (res != 0) throw new AssertionError("lock " + res);
          }
          synchronized (inside) {
            if (inside[0]++ != 0) overlap[0] = true;
          }
          t.mmu().write32(WORD2, t.mmu().read32(WORD2) + 1);
          synchronized (inside) {
            inside[0]--;
          }
          if (w.compareAndExchange(t.tid(), 0) != t.tid()) {
            long res = h.futex(t, WORD, UNLOCK_PI | PRIVATE, 0);
            if (res != 0) throw new AssertionError("unlock " + res);
          }
        }
      });
    }
    for (Thread t : threads) t.join();
    assertFalse(overlap[0]);
    assertEquals(4 * rounds, h.k.cpu.mmu.read32(WORD2));
    assertEquals(0, word());
  }

  static final int WAIT_REQUEUE_PI = 11, CMP_REQUEUE_PI = 12;

  int lockWord() {
    return h.k.cpu.mmu.read32(WORD2);
  }

  @Test
  void requeuePiHandsAFreeLockToTheWaiter() throws Exception {
    h.k.cpu.mmu.write32(WORD, 0);
    h.k.cpu.mmu.write32(WORD2, 0);
    CompletableFuture<Long> w = h.async(other, WORD, WAIT_REQUEUE_PI | PRIVATE, 0, 0, WORD2, 0);
    awaitWaiters(h.key(owner, WORD, true), 1);
    assertEquals(-Errno.EINVAL, h.futex(owner, WORD, WAKE | PRIVATE, 1));
    assertEquals(-Errno.EINVAL, h.futex(owner, WORD, CMP_REQUEUE_PI | PRIVATE, 2, 0, WORD2, 0));
    assertEquals(-Errno.EINVAL, h.futex(owner, WORD, CMP_REQUEUE_PI | PRIVATE, 1, 0, WORD, 0));
    assertEquals(-Errno.EAGAIN, h.futex(owner, WORD, CMP_REQUEUE_PI | PRIVATE, 1, 0, WORD2, 1));
    assertEquals(1, h.futex(owner, WORD, CMP_REQUEUE_PI | PRIVATE, 1, 0, WORD2, 0));
    assertEquals(0, get(w));
    assertEquals(201, lockWord());
  }

  @Test
  void requeuePiQueuesWaitersBehindAHeldLock() throws Exception {
    h.k.cpu.mmu.write32(WORD, 0);
    h.k.cpu.mmu.write32(WORD2, 200);
    CompletableFuture<Long> first = h.async(other, WORD, WAIT_REQUEUE_PI | PRIVATE, 0, 0, WORD2, 0);
    awaitWaiters(h.key(owner, WORD, true), 1);
    CompletableFuture<Long> second = h.async(third, WORD, WAIT_REQUEUE_PI | PRIVATE, 0, 0, WORD2, 0);
    awaitWaiters(h.key(owner, WORD, true), 2);
    // The lock is held: nobody wakes; nr_requeue 0 still moves the top waiter (one more than asked).
    assertEquals(1, h.futex(owner, WORD, CMP_REQUEUE_PI | PRIVATE, 1, 0, WORD2, 0));
    assertEquals(1, h.futex(owner, WORD, CMP_REQUEUE_PI | PRIVATE, 1, 5, WORD2, 0));
    assertEquals(2, FutexTable.get().waiters(h.key(owner, WORD2, true)));
    assertEquals(PiFutex.WAITERS | 200, lockWord());
    assertEquals(-Errno.EINVAL, h.futex(owner, WORD2, WAKE | PRIVATE, 1));

    assertEquals(0, h.futex(owner, WORD2, UNLOCK_PI | PRIVATE, 0));
    assertEquals(0, get(first));
    assertEquals(PiFutex.WAITERS | 201, lockWord());
    assertFalse(second.isDone());
    assertEquals(0, h.futex(other, WORD2, UNLOCK_PI | PRIVATE, 0));
    assertEquals(0, get(second));
    assertEquals(0, h.futex(this.third, WORD2, UNLOCK_PI | PRIVATE, 0));
    assertEquals(0, lockWord());
  }
}
