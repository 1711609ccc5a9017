package blink.linux.futex;

import static blink.linux.futex.FutexHarness.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import blink.linux.KernelFixture;
import blink.linux.Task;
import blink.memory.Mmu;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The exit-time robust list walk, on lists laid out as glibc lays them out:
 * each entry is a list node, the futex word futex_offset bytes after it.
 */
@Timeout(60)
class RobustListTest {
  static final long HEAD = KernelFixture.MEM + 0x1000;
  static final long OFFSET = 16;

  final FutexHarness h = new FutexHarness();
  final Task dying = h.task(400), waiter = h.task(401);
  final Mmu mem = h.k.cpu.mmu;

  /** A node at each address (bit 0 set in a pointer marks PI), linked in order from HEAD and back. */
  void list(long pending, long... nodes) {
    long prev = HEAD;
    for (long n : nodes) {
      mem.write64(prev & ~1L, n);
      prev = n;
    }
    mem.write64(prev & ~1L, HEAD);
    mem.write64(HEAD + 8, OFFSET);
    mem.write64(HEAD + 16, pending);
  }

  long word(long node) {
    return (node & ~1L) + OFFSET;
  }

  @Test
  void ownedLocksGetOwnerDiedAndOneWaiterWakes() throws Exception {
    long a = HEAD + 0x100, b = HEAD + 0x200, c = HEAD + 0x300;
    list(0, a, b, c);
    mem.write32(word(a), 400 | PiFutex.WAITERS);
    mem.write32(word(b), 999); // another thread's lock: untouched
    mem.write32(word(c), 400);
    CompletableFuture<Long> w1 = h.asyncWait(waiter, word(a), WAIT, 400 | PiFutex.WAITERS);
    awaitWaiters(h.key(waiter, word(a), false), 1);
    CompletableFuture<Long> w2 = h.asyncWait(h.task(402), word(a), WAIT | PRIVATE, 400 | PiFutex.WAITERS);
    awaitWaiters(h.key(waiter, word(a), false), 2);

    RobustList.release(dying, HEAD);

    assertEquals(PiFutex.WAITERS | PiFutex.OWNER_DIED, mem.read32(word(a)));
    assertEquals(999, mem.read32(word(b)));
    assertEquals(PiFutex.OWNER_DIED, mem.read32(word(c)));
    assertEquals(0, get(w1));
    assertFalse(w2.isDone()); // only one is woken
    assertEquals(1, h.futex(waiter, word(a), WAKE, 1));
    assertEquals(0, get(w2));
  }

  @Test
  void pendingOperationIsHandledOnceAndAZeroWordWakes() throws Exception {
    long a = HEAD + 0x100, pending = HEAD + 0x400;
    list(pending, a);
    mem.write32(word(a), 400);
    mem.write32(word(pending), 0);
    CompletableFuture<Long> w = h.asyncWait(waiter, word(pending), WAIT | PRIVATE, 0);
    awaitWaiters(h.key(waiter, word(pending), true), 1);
    RobustList.release(dying, HEAD);
    assertEquals(PiFutex.OWNER_DIED, mem.read32(word(a)));
    assertEquals(0, get(w));
    assertEquals(0, mem.read32(word(pending)));
  }

  @Test
  void piLockPassesToItsWaiterWithOwnerDied() throws Exception {
    long a = HEAD + 0x100;
    list(0, a | 1);
    mem.write32(word(a), 400);
    CompletableFuture<Long> w = h.async(waiter, word(a), LOCK_PI, 0, 0, 0, 0);
    awaitWaiters(h.key(waiter, word(a), false), 1);
    RobustList.release(dying, HEAD);
    assertEquals(0, get(w));
    assertEquals(PiFutex.WAITERS | PiFutex.OWNER_DIED | 401, mem.read32(word(a)));
    assertEquals(0, h.futex(waiter, word(a), UNLOCK_PI, 0));
    assertEquals(0, mem.read32(word(a)));
  }

  @Test
  void circularAndBrokenListsEnd() {
    long a = HEAD + 0x100;
    mem.write64(HEAD, a);
    mem.write64(a, a); // points at itself forever
    mem.write64(HEAD + 8, OFFSET);
    mem.write64(HEAD + 16, 0);
    mem.write32(word(a), 400);
    RobustList.release(dying, HEAD);
    assertEquals(PiFutex.OWNER_DIED, mem.read32(word(a)));
    // Unmapped head or entry: the walk just stops.
    RobustList.release(dying, KernelFixture.UNMAPPED);
    mem.write64(HEAD, KernelFixture.UNMAPPED);
    RobustList.release(dying, HEAD);
    RobustList.release(dying, 0);
  }

  @Test
  void exitClearsTheChildTidAndWakesTheJoiner() throws Exception {
    long tidWord = KernelFixture.MEM + 0x2000;
    mem.write32(tidWord, 400);
    dying.clearChildTid = tidWord;
    CompletableFuture<Long> joiner = h.asyncWait(waiter, tidWord, WAIT | PRIVATE, 400);
    awaitWaiters(h.key(waiter, tidWord, true), 1);
    FutexExit.release(dying);
    assertEquals(0, get(joiner));
    assertEquals(0, mem.read32(tidWord));
    FutexExit.clearChildTid(dying, KernelFixture.UNMAPPED); // ignored
  }
}
