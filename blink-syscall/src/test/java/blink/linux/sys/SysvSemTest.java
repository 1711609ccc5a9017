package blink.linux.sys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import blink.linux.Errno;
import blink.linux.KernelFixture;
import blink.linux.Sysno;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class SysvSemTest {
  static final int IPC_RMID = 0, GETVAL = 12, SETVAL = 16, GETNCNT = 14, SEM_UNDO = 0x1000;
  static final long OPS = KernelFixture.MEM;

  final KernelFixture k = new KernelFixture();

  long op(KernelFixture f, int id, int num, int delta, int flags) {
    f.put(OPS, new byte[] {(byte) num, (byte) (num >> 8), (byte) delta, (byte) (delta >> 8), (byte) flags,
        (byte) (flags >> 8)});
    return f.sys(Sysno.SEMOP, id, OPS, 1);
  }

  /** exit_group applies the process's SEM_UNDO adjustments (exit_sem()). */
  @Test
  void undoAppliedAtExit() {
    int id = (int) k.sys(Sysno.SEMGET, 0, 1, 0600);
    assertEquals(0, op(k, id, 0, 3, SEM_UNDO));
    assertEquals(0, op(k, id, 0, 2, 0));
    assertEquals(5, k.sys(Sysno.SEMCTL, id, 0, GETVAL));
    k.sys(Sysno.EXIT_GROUP, 0);
    k.finish();
    KernelFixture other = new KernelFixture();
    assertEquals(2, other.sys(Sysno.SEMCTL, id, 0, GETVAL));
    assertEquals(0, other.sys(Sysno.SEMCTL, id, 0, IPC_RMID));
  }

  /** A blocked semop is counted by GETNCNT, proceeds when another thread raises the value, and ends with EIDRM on removal. */
  @Test
  void blockedOperationWakes() throws Exception {
    int id = (int) k.sys(Sysno.SEMGET, 0, 1, 0600);
    CompletableFuture<Long> r = CompletableFuture.supplyAsync(() -> op(k, id, 0, -2, 0));
    KernelFixture other = new KernelFixture();
    long deadline = System.nanoTime() + 5_000_000_000L;
    while (other.sys(Sysno.SEMCTL, id, 0, GETNCNT) != 1 && System.nanoTime() < deadline) Thread.sleep(10);
    assertEquals(1, other.sys(Sysno.SEMCTL, id, 0, GETNCNT));
    assertEquals(0, other.sys(Sysno.SEMCTL, id, 0, SETVAL, 3));
    assertEquals(0, r.get(5, TimeUnit.SECONDS));
    assertEquals(1, other.sys(Sysno.SEMCTL, id, 0, GETVAL));
    CompletableFuture<Long> r2 = CompletableFuture.supplyAsync(() -> op(k, id, 0, -2, 0));
    Thread.sleep(100);
    assertTrue(!r2.isDone());
    assertEquals(0, other.sys(Sysno.SEMCTL, id, 0, IPC_RMID));
    assertEquals(-Errno.EIDRM, r2.get(5, TimeUnit.SECONDS));
  }
}
