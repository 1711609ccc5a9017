package blink.linux.sys;

import blink.linux.Errno;
import blink.linux.LinuxError;
import blink.linux.Syscall;
import blink.linux.SyscallTable;
import blink.linux.Sysno;
import blink.linux.Task;
import blink.linux.abi.LinuxTime;
import blink.linux.futex.FutexKey;
import blink.linux.futex.FutexTable;
import blink.linux.futex.FutexWord;
import blink.linux.futex.PiFutex;
import blink.linux.futex.RequeuePi;

/**
 * futex(2): decodes the operation and its arguments (sys_futex() and
 * do_futex() in kernel/futex/syscalls.c) and hands it to the machine's
 * {@link FutexTable} or to {@link PiFutex}. Waiters are woken by other guest
 * threads and processes of the same JVM.
 */
public final class Futex implements Syscall {
  private Futex() {}

  static final int WAIT = 0, WAKE = 1, FD = 2, REQUEUE = 3, CMP_REQUEUE = 4, WAKE_OP = 5;
  static final int LOCK_PI = 6, UNLOCK_PI = 7, TRYLOCK_PI = 8, WAIT_BITSET = 9, WAKE_BITSET = 10;
  static final int WAIT_REQUEUE_PI = 11, CMP_REQUEUE_PI = 12, LOCK_PI2 = 13;
  static final int PRIVATE_FLAG = 128, CLOCK_REALTIME_FLAG = 256, CMD_MASK = ~(PRIVATE_FLAG | CLOCK_REALTIME_FLAG);

  private static final Futex INSTANCE = new Futex();

  public static void register(SyscallTable t) {
    t.add(INSTANCE, Sysno.FUTEX);
  }

  @Override
  public long call(Task t, int nr, long uaddr, long opArg, long val, long timeout, long uaddr2, long val3) {
    int op = (int) opArg;
    int cmd = op & CMD_MASK;
    boolean priv = (op & PRIVATE_FLAG) != 0;
    boolean realtime = (op & CLOCK_REALTIME_FLAG) != 0;
    // The timeout is read before the flags are judged (sys_futex(), then do_futex()).
    long deadline = hasTimeout(cmd) ? deadline(t, cmd, timeout, realtime) : FutexTable.NEVER;
    // FUTEX_CLOCK_REALTIME only goes with the waits that take an absolute time.
    if (realtime && cmd != WAIT_BITSET && cmd != WAIT_REQUEUE_PI && cmd != LOCK_PI2) {
      throw new LinuxError(Errno.ENOSYS);
    }
    // For REQUEUE, CMP_REQUEUE and WAKE_OP the timeout argument is a count (val2).
    int val2 = (int) timeout;
    FutexTable table = FutexTable.get();
    return switch (cmd) {
      case WAIT -> table.wait(t, key(t, uaddr, priv), FutexWord.at(t.mmu(), uaddr, false), (int) val,
          FutexTable.MATCH_ANY, deadline);
      case WAIT_BITSET -> {
        if ((int) val3 == 0) throw new LinuxError(Errno.EINVAL);
        yield table.wait(t, key(t, uaddr, priv), FutexWord.at(t.mmu(), uaddr, false), (int) val, (int) val3,
            deadline);
      }
      case WAKE -> table.wake(key(t, uaddr, priv), (int) val, FutexTable.MATCH_ANY);
      case WAKE_BITSET -> {
        if ((int) val3 == 0) throw new LinuxError(Errno.EINVAL);
        yield table.wake(key(t, uaddr, priv), (int) val, (int) val3);
      }
      case REQUEUE -> table.requeue(key(t, uaddr, priv), key(t, uaddr2, priv), (int) val, val2, null, 0);
      case CMP_REQUEUE -> {
        FutexKey from = key(t, uaddr, priv), to = key(t, uaddr2, priv);
        yield table.requeue(from, to, (int) val, val2, FutexWord.at(t.mmu(), uaddr, false), (int) val3);
      }
      case WAKE_OP -> wakeOp(t, table, uaddr, uaddr2, priv, (int) val, val2, (int) val3);
      case LOCK_PI, LOCK_PI2 -> PiFutex.lock(table, t, key(t, uaddr, priv), FutexWord.at(t.mmu(), uaddr, true),
          deadline, false);
      case TRYLOCK_PI -> PiFutex.lock(table, t, key(t, uaddr, priv), FutexWord.at(t.mmu(), uaddr, true),
          FutexTable.NEVER, true);
      case UNLOCK_PI -> PiFutex.unlock(table, t, key(t, uaddr, priv), FutexWord.at(t.mmu(), uaddr, true));
      case WAIT_REQUEUE_PI -> RequeuePi.await(table, t, key(t, uaddr, priv), FutexWord.at(t.mmu(), uaddr, false),
          (int) val, key(t, uaddr2, priv), deadline);
      case CMP_REQUEUE_PI -> {
        FutexKey from = key(t, uaddr, priv), to = key(t, uaddr2, priv);
        yield RequeuePi.requeue(table, from, to, FutexWord.at(t.mmu(), uaddr, false), (int) val3,
            FutexWord.at(t.mmu(), uaddr2, true), (int) val, val2);
      }
      // Futex file descriptors (FUTEX_FD, gone since Linux 2.6.26) are not emulated.
      default -> throw new LinuxError(Errno.ENOSYS);
    };
  }

  /** The key of a futex word, which must be 4-byte aligned (EINVAL otherwise). */
  private static FutexKey key(Task t, long uaddr, boolean priv) {
    if ((uaddr & 3) != 0) throw new LinuxError(Errno.EINVAL);
    return FutexKey.of(t, uaddr, priv);
  }

  /** futex_cmd_has_timeout(). */
  private static boolean hasTimeout(int cmd) {
    return cmd == WAIT || cmd == LOCK_PI || cmd == LOCK_PI2 || cmd == WAIT_BITSET || cmd == WAIT_REQUEUE_PI;
  }

  /**
   * The System.nanoTime() deadline of a wait (futex_init_timeout()): FUTEX_WAIT's
   * timeout is relative; the others are absolute, on CLOCK_MONOTONIC unless
   * FUTEX_CLOCK_REALTIME — and FUTEX_LOCK_PI's always on CLOCK_REALTIME.
   * A NULL timeout waits forever.
   */
  private static long deadline(Task t, int cmd, long timeout, boolean realtime) {
    if (timeout == 0) return FutexTable.NEVER;
    long ns = LinuxTime.readTimespec(t.mmu(), timeout);
    if (cmd != WAIT) {
      long[] now = Time.now(t, realtime || cmd == LOCK_PI ? Time.CLOCK_REALTIME : Time.CLOCK_MONOTONIC);
      ns -= LinuxTime.nanos(now[0], now[1]);
    }
    return System.nanoTime() + Math.min(Math.max(0, ns), LinuxTime.FOREVER);
  }

  /**
   * FUTEX_WAKE_OP: *uaddr2 = *uaddr2 OP oparg (atomically), wake on uaddr, and on
   * uaddr2 if the old value compared with cmparg holds; val3 encodes
   * op:4 cmp:4 oparg:12 cmparg:12 (futex(2)).
   */
  private static long wakeOp(Task t, FutexTable table, long uaddr, long uaddr2, boolean priv, int nr1, int nr2,
                             int encoded) {
    FutexKey key1 = key(t, uaddr, priv), key2 = key(t, uaddr2, priv);
    FutexWord word2 = FutexWord.at(t.mmu(), uaddr2, true);
    int op = (encoded >>> 28) & 0xf;
    int cmp = (encoded >>> 24) & 0xf;
    int oparg = (encoded << 8) >> 20;
    int cmparg = (encoded << 20) >> 20;
    if ((op & 8) != 0) oparg = 1 << (oparg & 31); // FUTEX_OP_OPARG_SHIFT
    int arg = oparg;
    return table.wakeOp(key1, key2, nr1, nr2, () -> {
      int old, updated;
      do {
        old = word2.get();
        updated = switch (op & 7) {
          case 0 -> arg;
          case 1 -> old + arg;
          case 2 -> old | arg;
          case 3 -> old & ~arg;
          case 4 -> old ^ arg;
          default -> throw new LinuxError(Errno.ENOSYS);
        };
      } while (word2.compareAndExchange(old, updated) != old);
      // The comparison is looked at only after the update: a bad one is ENOSYS with the word changed.
      return switch (cmp) {
        case 0 -> old == cmparg;
        case 1 -> old != cmparg;
        case 2 -> old < cmparg;
        case 3 -> old <= cmparg;
        case 4 -> old > cmparg;
        case 5 -> old >= cmparg;
        default -> throw new LinuxError(Errno.ENOSYS);
      };
    });
  }
}
