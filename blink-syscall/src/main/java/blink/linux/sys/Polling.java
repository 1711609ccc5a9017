package blink.linux.sys;

import blink.linux.Errno;
import blink.linux.LinuxError;
import blink.linux.Syscall;
import blink.linux.SyscallTable;
import blink.linux.Sysno;
import blink.linux.Task;
import blink.linux.abi.Struct;
import blink.linux.fs.FdTable;
import blink.linux.host.Host;
import blink.memory.HostMemory;

/**
 * Waiting for file descriptors: poll, ppoll, select, pselect6. All four become
 * one host poll(2) over the host fds behind the guest's, so guest fd numbers
 * never reach the host and select has no FD_SETSIZE limit of its own. epoll,
 * eventfd and timerfd descriptors are host objects too, so they poll natively.
 * ppoll and pselect6 wait with the guest's signal mask replaced, as Linux does.
 */
public final class Polling implements Syscall {
  private Polling() {}

  // poll(2) events; the same bits on every Linux architecture and on the host.
  static final int POLLIN = 0x1, POLLPRI = 0x2, POLLOUT = 0x4, POLLERR = 0x8, POLLHUP = 0x10;
  static final int POLLNVAL = 0x20, POLLRDNORM = 0x40, POLLRDBAND = 0x80, POLLWRNORM = 0x100;
  static final int POLLWRBAND = 0x200;
  /** What makes select report a descriptor readable, writable or exceptional (fs/select.c). */
  static final int POLLIN_SET = POLLRDNORM | POLLRDBAND | POLLIN | POLLHUP | POLLERR;
  static final int POLLOUT_SET = POLLWRBAND | POLLWRNORM | POLLOUT | POLLERR;
  static final int POLLEX_SET = POLLPRI;

  static final long NANOS = 1_000_000_000L;

  private static final Polling INSTANCE = new Polling();

  public static void register(SyscallTable t) {
    t.add(INSTANCE, Sysno.POLL, Sysno.PPOLL, Sysno.SELECT, Sysno.PSELECT6);
  }

  @Override
  public long call(Task t, int nr, long a0, long a1, long a2, long a3, long a4, long a5) {
    return switch (nr) {
      // nfds is an unsigned int: the register's upper half is not looked at.
      case Sysno.POLL -> poll(t, a0, a1 & 0xffffffffL, (int) a2 < 0 ? -1 : (int) a2 * 1_000_000L);
      case Sysno.PPOLL -> ppoll(t, a0, a1 & 0xffffffffL, a2, a3, a4);
      case Sysno.SELECT -> select(t, a0, a1, a2, a3, timevalNanos(t, a4), a4, false);
      case Sysno.PSELECT6 -> pselect6(t, a0, a1, a2, a3, a4, a5);
      default -> throw new IllegalArgumentException("not a Polling syscall: " + nr);
    };
  }

  // ---------------------------------------------------------------- poll

  /**
   * poll over a guest struct pollfd array {int fd; short events; short revents}.
   * A negative fd is skipped; a closed one reports POLLNVAL. timeout is in
   * nanoseconds, -1 for none.
   */
  private static long poll(Task t, long fdsAddr, long nfdsArg, long timeout) {
    if (Long.compareUnsigned(nfdsArg, Descriptors.fileLimit(t)) > 0) throw new LinuxError(Errno.EINVAL);
    int nfds = (int) nfdsArg;
    Struct fds = Struct.read(t.mmu(), fdsAddr, 8 * nfds);
    t.mmu().checkWritable(fdsAddr, 8L * nfds);
    FdTable table = t.process.fds;
    long host = t.scratch.alloc(Math.max(8L * nfds, 8));
    int[] slot = new int[nfds];
    int n = 0, invalid = 0;
    for (int i = 0; i < nfds; i++) {
      int fd = fds.get32(8 * i);
      fds.put16(8 * i + 6, 0);
      slot[i] = -1;
      if (fd < 0) continue;
      if (!table.isOpen(fd)) {
        fds.put16(8 * i + 6, POLLNVAL);
        invalid++;
        continue;
      }
      HostMemory.put32(host + 8L * n, table.get(fd).hostFd());
      HostMemory.put16(host + 8L * n + 4, fds.get16(8 * i + 4));
      HostMemory.put16(host + 8L * n + 6, 0);
      slot[i] = n++;
    }
    long ready = hostPoll(t, host, n, invalid > 0 ? 0 : timeout);
    for (int i = 0; i < nfds; i++) {
      if (slot[i] >= 0) fds.put16(8 * i + 6, HostMemory.get16(host + 8L * slot[i] + 6));
    }
    fds.write(t.mmu(), fdsAddr);
    return ready + invalid;
  }

  /** ppoll(2): the timeout is read first, then the signal mask to wait with. */
  private static long ppoll(Task t, long fds, long nfds, long tsp, long sigmask, long sigsetsize) {
    long timeout = timespecNanos(t, tsp);
    Blocking.Sigmask mask = Blocking.Sigmask.read(t, sigmask, sigsetsize);
    long start = System.nanoTime();
    long r = mask.during(t, () -> poll(t, fds, nfds, timeout));
    writeLeft(t, tsp, timeout, start, true);
    return r;
  }

  // ---------------------------------------------------------------- select

  /**
   * select over guest fd_sets (bit fd of longs). A set fd that is not open is
   * EBADF. The sets are rewritten to the ready descriptors, and timeoutAddr (if
   * any) to the time left, as Linux does.
   */
  private static long select(Task t, long nfdsArg, long readAddr, long writeAddr, long exceptAddr,
      long timeout, long timeoutAddr, boolean isTimespec) {
    int nfds = (int) nfdsArg;
    if (nfds < 0) throw new LinuxError(Errno.EINVAL);
    long limit = Descriptors.fileLimit(t);
    if (nfds > limit) nfds = (int) limit;
    int words = (nfds + 63) / 64;
    long[] in = readSet(t, readAddr, words), out = readSet(t, writeAddr, words), ex = readSet(t, exceptAddr, words);
    FdTable table = t.process.fds;
    long host = t.scratch.alloc(Math.max(8L * nfds, 8));
    int[] fdOf = new int[nfds];
    int n = 0;
    for (int fd = 0; fd < nfds; fd++) {
      int events = (bit(in, fd) ? POLLIN_SET : 0) | (bit(out, fd) ? POLLOUT_SET : 0) | (bit(ex, fd) ? POLLEX_SET : 0);
      if (events == 0) continue;
      if (!table.isOpen(fd)) throw new LinuxError(Errno.EBADF);
      HostMemory.put32(host + 8L * n, table.get(fd).hostFd());
      HostMemory.put16(host + 8L * n + 4, events);
      HostMemory.put16(host + 8L * n + 6, 0);
      fdOf[n++] = fd;
    }
    long start = System.nanoTime();
    hostPoll(t, host, n, timeout);
    long[] rin = new long[words], rout = new long[words], rex = new long[words];
    long count = 0;
    for (int i = 0; i < n; i++) {
      int fd = fdOf[i];
      int rev = HostMemory.get16(host + 8L * i + 6);
      if (bit(in, fd) && (rev & POLLIN_SET) != 0) count += set(rin, fd);
      if (bit(out, fd) && (rev & POLLOUT_SET) != 0) count += set(rout, fd);
      if (bit(ex, fd) && (rev & POLLEX_SET) != 0) count += set(rex, fd);
    }
    writeSet(t, readAddr, rin);
    writeSet(t, writeAddr, rout);
    writeSet(t, exceptAddr, rex);
    writeLeft(t, timeoutAddr, timeout, start, isTimespec);
    return count;
  }

  /** pselect6: the sixth argument points at {const sigset_t *ss; size_t ss_len}. */
  private static long pselect6(Task t, long nfds, long r, long w, long e, long tsp, long sigdata) {
    Struct sd = sigdata != 0 ? Struct.read(t.mmu(), sigdata, 16) : Struct.of(16);
    long timeout = timespecNanos(t, tsp);
    Blocking.Sigmask mask = Blocking.Sigmask.read(t, sd.get64(0), sd.get64(8));
    return mask.during(t, () -> select(t, nfds, r, w, e, timeout, tsp, true));
  }

  private static long[] readSet(Task t, long addr, int words) {
    long[] s = new long[words];
    if (addr == 0) return s;
    Struct b = Struct.read(t.mmu(), addr, 8 * words);
    for (int i = 0; i < words; i++) s[i] = b.get64(8 * i);
    return s;
  }

  private static void writeSet(Task t, long addr, long[] s) {
    if (addr == 0 || s.length == 0) return;
    Struct b = Struct.of(8 * s.length);
    for (int i = 0; i < s.length; i++) b.put64(8 * i, s[i]);
    b.write(t.mmu(), addr);
  }

  private static boolean bit(long[] set, int fd) {
    return (set[fd >> 6] >>> (fd & 63) & 1) != 0;
  }

  private static int set(long[] set, int fd) {
    set[fd >> 6] |= 1L << (fd & 63);
    return 1;
  }

  // ---------------------------------------------------------------- time

  /**
   * Host poll with a nanosecond timeout (-1 waits forever), rounded up to
   * milliseconds, in slices so a fatal signal ends it (see {@link Blocking}).
   */
  static long hostPoll(Task t, long fds, int n, long timeout) {
    return Blocking.wait(t, timeout, ms -> Host.check(Host.libc().poll(fds, n, ms)));
  }

  /** A struct timespec timeout in nanoseconds; NULL is -1 (forever). Invalid values are EINVAL. */
  private static long timespecNanos(Task t, long addr) {
    if (addr == 0) return -1;
    Struct ts = Struct.read(t.mmu(), addr, 16);
    return nanos(ts.get64(0), ts.get64(8), NANOS);
  }

  /**
   * A struct timeval timeout in nanoseconds; NULL is -1 (forever). select(2)
   * carries whole seconds out of tv_usec first (kern_select()), so only a
   * negative result is EINVAL.
   */
  private static long timevalNanos(Task t, long addr) {
    if (addr == 0) return -1;
    Struct tv = Struct.read(t.mmu(), addr, 16);
    long usec = tv.get64(8);
    return nanos(tv.get64(0) + usec / 1_000_000, usec % 1_000_000 * 1000, NANOS);
  }

  private static long nanos(long sec, long nsec, long limit) {
    if (sec < 0 || nsec < 0 || nsec >= limit) throw new LinuxError(Errno.EINVAL);
    return sec >= Long.MAX_VALUE / NANOS ? Long.MAX_VALUE / 2 : sec * NANOS + nsec;
  }

  /** Writes the time left of a wait back to its timespec or timeval. */
  private static void writeLeft(Task t, long addr, long timeout, long start, boolean isTimespec) {
    if (addr == 0 || timeout < 0) return;
    long left = Math.max(0, timeout - (System.nanoTime() - start));
    long frac = isTimespec ? left % NANOS : left % NANOS / 1000;
    Struct.of(16).put64(0, left / NANOS).put64(8, frac).write(t.mmu(), addr);
  }
}
