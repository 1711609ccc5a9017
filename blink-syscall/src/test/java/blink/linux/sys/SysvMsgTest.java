package blink.linux.sys;

import static org.junit.jupiter.api.Assertions.assertEquals;

import blink.linux.Errno;
import blink.linux.KernelFixture;
import blink.linux.Sysno;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class SysvMsgTest {
  static final int IPC_NOWAIT = 04000, IPC_RMID = 0;
  final KernelFixture k = new KernelFixture();
  static final long BUF = KernelFixture.MEM;

  long send(int id, long type, String text, int flags) {
    k.cpu.mmu.write64(BUF, type);
    k.put(BUF + 8, text.getBytes());
    return k.sys(Sysno.MSGSND, id, BUF, text.length(), flags);
  }

  @Test
  void sendThenReceive() {
    int id = (int) k.sys(Sysno.MSGGET, 0, 0600);
    assertEquals(0, send(id, 7, "hello", 0));
    assertEquals(5, k.sys(Sysno.MSGRCV, id, BUF + 1024, 100, 0, IPC_NOWAIT));
    assertEquals(7, k.read64(BUF + 1024));
    assertEquals("hello", new String(k.bytes(BUF + 1032, 5)));
    assertEquals(-Errno.ENOMSG, k.sys(Sysno.MSGRCV, id, BUF + 1024, 100, 0, IPC_NOWAIT));
    assertEquals(0, k.sys(Sysno.MSGCTL, id, IPC_RMID, 0));
  }

  /** A blocked msgrcv ends with EIDRM when another thread removes the queue. */
  @Test
  void removalWakesReceiver() throws Exception {
    int id = (int) k.sys(Sysno.MSGGET, 0, 0600);
    CompletableFuture<Long> r = CompletableFuture.supplyAsync(() -> k.sys(Sysno.MSGRCV, id, BUF + 1024, 100, 0, 0));
    Thread.sleep(100);
    KernelFixture other = new KernelFixture();
    assertEquals(0, other.sys(Sysno.MSGCTL, id, IPC_RMID, 0));
    assertEquals(-Errno.EIDRM, r.get(5, TimeUnit.SECONDS));
  }
}
