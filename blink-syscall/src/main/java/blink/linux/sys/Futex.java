package blink.linux.sys;

import blink.linux.Errno;
import blink.linux.LinuxError;
import blink.linux.Syscall;
import blink.linux.SyscallTable;
import blink.linux.Sysno;
import blink.linux.Task;
import blink.linux.abi.LinuxTime;

/**
 * futex(2) for a process of one thread: nobody else can wake a waiter, so a
 * wait whose word still holds the expected value sleeps until its timeout or a
 * signal, and a wake finds no waiter (returns 0). The word checks, timeouts
 * and FUTEX_WAKE_OP's read-modify-write behave as on Linux (kernel/futex/).
 */
public final class Futex implements Syscall {
  private Futex() {}

  static final int WAIT = 0, WAKE = 1, FD = 2, REQUEUE = 3, CMP_REQUEUE = 4, WAKE_OP = 5;
  static final int WAIT_BITSET = 9, WAKE_BITSET = 10;
  static final int PRIVATE_FLAG = 128, CLOCK_REALTIME_FLAG = 256, CMD_MASK = ~(PRIVATE_FLAG | CLOCK_REALTIME_FLAG);

  private static final Futex INSTANCE = new Futex();

  public static void register(SyscallTable t) {
    t.add(INSTANCE, Sysno.FUTEX);
  }

  @Override
  public long call(Task t, int nr, long uaddr, long opArg, long val, long timeout, long uaddr2, long val3) {
    int op = (int) opArg;
    int cmd = op & CMD_MASK;
    boolean realtime = (op & CLOCK_REALTIME_FLAG) != 0;
    // FUTEX_CLOCK_REALTIME only goes with the waits that take an absolute time.
    if (realtime && cmd != WAIT && cmd != WAIT_BITSET) throw new LinuxError(Errno.ENOSYS);
    return switch (cmd) {
      case WAIT -> waitOn(t, uaddr, (int) val, timeout, false, realtime, -1);
      case WAIT_BITSET -> waitOn(t, uaddr, (int) val, timeout, true, realtime, (int) val3);
      case WAKE -> noWaiter(uaddr);
      case WAKE_BITSET -> {
        if ((int) val3 == 0) throw new LinuxError(Errno.EINVAL);
        yield noWaiter(uaddr);
      }
      case REQUEUE -> noWaiter(uaddr) + noWaiter(uaddr2);
      case CMP_REQUEUE -> {
        wordAddress(uaddr2);
        if (t.mmu().read32(wordAddress(uaddr)) != (int) val3) throw new LinuxError(Errno.EAGAIN);
        yield 0;
      }
      case WAKE_OP -> wakeOp(t, uaddr, uaddr2, (int) val3);
      // PI futexes and futex file descriptors are not emulated.
      default -> throw new LinuxError(Errno.ENOSYS);
    };
  }

  /** A wake finds nobody waiting on a valid word: 0 woken. */
  private static long noWaiter(long uaddr) {
    wordAddress(uaddr);
    return 0;
  }

  /** A futex word is 4-byte aligned (EINVAL otherwise). */
  private static long wordAddress(long uaddr) {
    if ((uaddr & 3) != 0) throw new LinuxError(Errno.EINVAL);
    return uaddr;
  }

  /**
   * FUTEX_WAIT takes a relative timeout on CLOCK_MONOTONIC; FUTEX_WAIT_BITSET an
   * absolute one on CLOCK_MONOTONIC or, with FUTEX_CLOCK_REALTIME, CLOCK_REALTIME.
   */
  private static long waitOn(Task t, long uaddr, int expected, long timeout, boolean absolute, boolean realtime,
                             int bitset) {
    if (bitset == 0) throw new LinuxError(Errno.EINVAL);
    long word = wordAddress(uaddr);
    long limit = -1;
    if (timeout != 0) {
      long ns = LinuxTime.readTimespec(t.mmu(), timeout);
      if (absolute) {
        long[] now = Time.now(t, realtime ? Time.CLOCK_REALTIME : Time.CLOCK_MONOTONIC);
        ns -= LinuxTime.nanos(now[0], now[1]);
      }
      limit = Math.max(0, ns);
    }
    if (t.mmu().read32(word) != expected) throw new LinuxError(Errno.EAGAIN);
    // No other thread exists to wake us: sleep out the timeout, or until a signal.
    long deadline = System.nanoTime() + (limit < 0 ? 0 : Math.min(limit, LinuxTime.FOREVER));
    while (true) {
      long until = limit < 0 ? System.nanoTime() + Blocking.SLICE : deadline;
      if (!Blocking.sleepUntil(t, until)) throw new LinuxError(Errno.EINTR);
      if (limit >= 0) throw new LinuxError(Errno.ETIMEDOUT);
    }
  }

  /**
   * FUTEX_WAKE_OP: *uaddr2 = *uaddr2 OP oparg (atomically), wake on uaddr, and on
   * uaddr2 if the old value compared with cmparg holds; val3 encodes
   * op:4 cmp:4 oparg:12 cmparg:12 (futex(2)).
   */
  private static long wakeOp(Task t, long uaddr, long uaddr2, int encoded) {
    wordAddress(uaddr);
    long word2 = wordAddress(uaddr2);
    int op = (encoded >>> 28) & 0xf;
    int cmp = (encoded >>> 24) & 0xf;
    int oparg = (encoded << 8) >> 20;
    int cmparg = (encoded << 20) >> 20;
    if ((op & 8) != 0) oparg = 1 << (oparg & 31); // FUTEX_OP_OPARG_SHIFT
    int old = t.mmu().read32(word2);
    int updated = switch (op & 7) {
      case 0 -> oparg;
      case 1 -> old + oparg;
      case 2 -> old | oparg;
      case 3 -> old & ~oparg;
      case 4 -> old ^ oparg;
      default -> throw new LinuxError(Errno.ENOSYS);
    };
    t.mmu().write32(word2, updated);
    // The comparison is looked at only after the update: a bad one is ENOSYS with the word changed.
    if (cmp > 5) throw new LinuxError(Errno.ENOSYS);
    return 0; // no waiter on either word
  }
}
