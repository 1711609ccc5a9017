package blink.linux.futex;

import static blink.linux.futex.FutexHarness.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import blink.linux.Errno;
import blink.linux.Task;
import blink.memory.AddressSpace;
import blink.memory.Prot;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Futexes in memory two address spaces share meet on the host address; private ones never do. */
@Timeout(60)
class FutexKeyTest {
  static final long A_ADDR = 0x30000000L, B_ADDR = 0x40000000L;
  final FutexHarness h = new FutexHarness();

  @Test
  void sharedMemoryFutexesMeetAcrossProcesses() throws Exception {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment page = arena.allocate(4096, 4096);
      AddressSpace a = new AddressSpace(), b = new AddressSpace();
      int rw = Prot.READ | Prot.WRITE;
      a.mapHost(A_ADDR, 4096, rw, page.address(), 4096, rw, "shm", 0, () -> {});
      b.mapHost(B_ADDR, 4096, rw, page.address(), 4096, rw, "shm", 0, () -> {});
      Task ta = h.task(a, 500), tb = h.task(b, 600);
      assertEquals(FutexKey.of(ta, A_ADDR + 8, false), FutexKey.of(tb, B_ADDR + 8, false));
      assertNotEquals(FutexKey.of(ta, A_ADDR + 8, true), FutexKey.of(tb, B_ADDR + 8, true));

      CompletableFuture<Long> w = h.asyncWait(ta, A_ADDR + 8, WAIT, 0);
      awaitWaiters(FutexKey.of(ta, A_ADDR + 8, false), 1);
      // A private wake from the other process does not reach it; a shared one does.
      assertEquals(0, h.futex(tb, B_ADDR + 8, WAKE | PRIVATE, 1));
      assertFalse(w.isDone());
      assertEquals(1, h.futex(tb, B_ADDR + 8, WAKE, 1));
      assertEquals(0, get(w));
    }
  }

  @Test
  void sharedAnonymousMemoryIsKeyedByItsFrame() {
    AddressSpace a = new AddressSpace();
    a.mapAnonymous(A_ADDR, 4096, Prot.READ | Prot.WRITE, true, "shared");
    a.mapAnonymous(B_ADDR, 4096, Prot.READ | Prot.WRITE, false, "private");
    Task t = h.task(a, 500);
    assertEquals(FutexKey.SHARED, FutexKey.of(t, A_ADDR + 4, false).space());
    assertEquals(a, FutexKey.of(t, A_ADDR + 4, true).space());
    assertEquals(new FutexKey(a, B_ADDR + 4), FutexKey.of(t, B_ADDR + 4, false));
    // A shared key needs the page; a private one does not look.
    assertEquals(-Errno.EFAULT, h.futex(t, 0x50000000L, WAKE, 1));
    assertEquals(0, h.futex(t, 0x50000000L, WAKE | PRIVATE, 1));
  }
}
