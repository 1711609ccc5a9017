package blink.linux.futex;

import blink.linux.Errno;
import blink.linux.GuestProcess;
import blink.linux.KernelFixture;
import blink.linux.LinuxError;
import blink.linux.SyscallTable;
import blink.linux.Sysno;
import blink.linux.Task;
import blink.linux.sys.Futex;
import blink.machine.GuestFault;
import blink.memory.AddressSpace;
import blink.memory.Mmu;
import blink.x86.Cpu;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Several guest threads (Tasks with their own CPU and tid) of one process on
 * one kernel, each futex call made on its own Java thread as clone threads will.
 */
final class FutexHarness {
  static final int WAIT = 0, WAKE = 1, REQUEUE = 3, CMP_REQUEUE = 4, WAKE_OP = 5, LOCK_PI = 6, UNLOCK_PI = 7;
  static final int TRYLOCK_PI = 8, WAIT_BITSET = 9, WAKE_BITSET = 10, LOCK_PI2 = 13;
  static final int PRIVATE = 128, CLOCK_REALTIME = 256;
  static final long WORD = KernelFixture.MEM, WORD2 = KernelFixture.MEM + 64;

  final KernelFixture k = new KernelFixture();
  final AddressSpace space = k.space;
  final GuestProcess process = k.kernel.process();
  private final SyscallTable syscalls = new SyscallTable();

  FutexHarness() {
    Futex.register(syscalls);
  }

  /** A thread of the fixture's process with its own CPU. */
  Task task(int tid) {
    return new Task(new Cpu(new Mmu(space)), process, tid);
  }

  /** A thread of another process whose memory is space. */
  Task task(AddressSpace other, int tid) {
    return new Task(new Cpu(new Mmu(other)), new GuestProcess(KernelFixture.EXE, KernelFixture.BRK_START), tid);
  }

  /** futex(2) as t: the result, or -errno. */
  long futex(Task t, long uaddr, int op, long val, long timeout, long uaddr2, long val3) {
    try {
      return syscalls.get(Sysno.FUTEX).call(t, Sysno.FUTEX, uaddr, op, val, timeout, uaddr2, val3);
    } catch (LinuxError e) {
      return -e.errno;
    } catch (GuestFault f) {
      return -Errno.EFAULT;
    }
  }

  long futex(Task t, long uaddr, int op, long val) {
    return futex(t, uaddr, op, val, 0, 0, 0);
  }

  /** Runs a futex call on a new platform thread. */
  CompletableFuture<Long> async(Task t, long uaddr, int op, long val, long timeout, long uaddr2, long val3) {
    CompletableFuture<Long> result = new CompletableFuture<>();
    Thread.ofPlatform().daemon().start(() -> {
      try {
        result.complete(futex(t, uaddr, op, val, timeout, uaddr2, val3));
      } catch (Throwable e) {
        result.completeExceptionally(e);
      }
    });
    return result;
  }

  CompletableFuture<Long> asyncWait(Task t, long uaddr, int op, int expected) {
    return async(t, uaddr, op, expected, 0, 0, -1);
  }

  /** The key the syscall uses for a word of the fixture's memory. */
  FutexKey key(Task t, long uaddr, boolean priv) {
    return FutexKey.of(t, uaddr, priv);
  }

  /** Waits until n threads are queued on key. */
  static void awaitWaiters(FutexKey key, int n) throws InterruptedException {
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (FutexTable.get().waiters(key) != n) {
      if (System.nanoTime() > until) {
        throw new AssertionError("expected " + n + " waiters, have " + FutexTable.get().waiters(key));
      }
      Thread.sleep(1);
    }
  }

  static long get(CompletableFuture<Long> f) throws Exception {
    return f.get(10, TimeUnit.SECONDS);
  }

  /** Writes a timespec of ns nanoseconds at va and returns va. */
  long timespec(long va, long ns) {
    k.cpu.mmu.write64(va, ns / 1_000_000_000L);
    k.cpu.mmu.write64(va + 8, ns % 1_000_000_000L);
    return va;
  }
}
