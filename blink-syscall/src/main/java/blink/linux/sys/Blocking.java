package blink.linux.sys;

import blink.linux.Errno;
import blink.linux.LinuxError;
import blink.linux.Task;
import blink.linux.abi.LinuxTime;
import blink.linux.signal.Signal;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;

/**
 * Blocking waits (sleep, poll, select, epoll_wait, reads of pipes and
 * terminals) cut into slices of at most {@link #SLICE} nanoseconds. Between
 * slices the wait looks whether a signal is to be delivered or the thread must
 * stop ({@link Signals#interrupted}) and then ends with ERESTARTNOHAND (or the
 * caller's restart code), which the way back to user space turns into EINTR
 * or a restart.
 */
final class Blocking {
  private Blocking() {}

  /** The longest a killed process can stay blocked. */
  static final long SLICE = 20_000_000L;

  /** One attempt at a host wait of at most timeoutMs milliseconds; non-zero ends the wait. */
  interface Attempt {
    long run(int timeoutMs);
  }

  /**
   * The signal mask a ppoll, pselect6 or epoll_pwait waits with (none if the
   * guest passed NULL). The call's own mask replaces the thread's for the wait;
   * a wait a signal ends keeps it until the signal is delivered (its handler's
   * frame saves the old one: set_restore_sigmask()), any other end restores it.
   */
  record Sigmask(boolean given, long mask) {
    static final Sigmask NONE = new Sigmask(false, 0);

    /** set_user_sigmask(): EINVAL unless a whole sigset_t, then EFAULT. */
    static Sigmask read(Task t, long addr, long size) {
      if (addr == 0) return NONE;
      if (size != Signals.SIGSET_SIZE) throw new LinuxError(Errno.EINVAL);
      return new Sigmask(true, t.mmu().read64(addr) & ~Signal.UNBLOCKABLE);
    }

    long during(Task t, LongSupplier wait) {
      if (!given) return wait.getAsLong();
      long saved = t.sigmask;
      t.sigmask = mask;
      try {
        if (Signals.interrupted(t)) throw new LinuxError(Signals.ERESTARTNOHAND);
        long r = wait.getAsLong();
        t.sigmask = saved;
        return r;
      } catch (LinuxError e) {
        if (e.errno == Signals.ERESTARTNOHAND || e.errno == Errno.EINTR) {
          t.savedSigmask = saved;
          t.restoreSigmask = true;
        } else {
          t.sigmask = saved;
        }
        throw e;
      }
    }
  }

  /** Whether a wait must end: a signal to deliver, or the thread must stop. */
  static boolean killed(Task t) {
    return Signals.interrupted(t);
  }

  /**
   * Repeats attempt until it returns non-zero or timeout nanoseconds (-1: no
   * limit) have passed; returns its last result. ERESTARTNOHAND when a signal comes.
   */
  static long wait(Task t, long timeout, Attempt attempt) {
    long deadline = timeout < 0 ? 0 : System.nanoTime() + Math.min(timeout, LinuxTime.FOREVER);
    while (true) {
      long left = timeout < 0 ? SLICE : Math.max(0, deadline - System.nanoTime());
      boolean last = timeout >= 0 && left <= SLICE;
      long slice = Math.min(left, SLICE);
      long r = attempt.run((int) ((slice + 999_999) / 1_000_000));
      if (r != 0 || last) return r;
      if (killed(t)) throw new LinuxError(Signals.ERESTARTNOHAND);
    }
  }

  /**
   * Sleeps until System.nanoTime() reaches deadline. Returns false if the sleep
   * ended early: a signal is to be delivered, or the thread must stop.
   */
  static boolean sleepUntil(Task t, long deadline) {
    long wait;
    while ((wait = deadline - System.nanoTime()) > 0) {
      if (killed(t) || Thread.interrupted()) return false;
      LockSupport.parkNanos(Math.min(wait, SLICE));
    }
    return true;
  }

  // poll(2) events (the same on host and guest).
  static final short POLLIN = 1, POLLOUT = 4;
  private static final int F_GETFL = 3, HOST_O_NONBLOCK = 04000;

  /**
   * Before a host read or write on f that may block (a pipe, terminal or
   * socket not in O_NONBLOCK mode): waits until the host says it would not
   * block, in slices, so that a signal interrupts it with ERESTARTSYS (the
   * host call itself cannot be interrupted). Only pipes, sockets and
   * character devices wait: other files (eventfd, timerfd and the like have
   * no file type) may fail at once whatever their readiness, and must.
   */
  static void awaitReady(Task t, blink.linux.fs.OpenFile f, short events) {
    int type = f.type(t.scratch);
    if (type != blink.linux.fs.FileStat.S_IFIFO && type != blink.linux.fs.FileStat.S_IFSOCK
        && type != blink.linux.fs.FileStat.S_IFCHR) {
      return;
    }
    blink.linux.host.Libc c = blink.linux.host.Host.libc();
    int fd = f.hostFd();
    if ((c.fcntl(fd, F_GETFL, 0) & HOST_O_NONBLOCK) != 0) return;
    long pfd = t.scratch.alloc(8);
    while (true) {
      blink.memory.HostMemory.put32(pfd, fd);
      blink.memory.HostMemory.put16(pfd + 4, events);
      blink.memory.HostMemory.put16(pfd + 6, 0);
      // Ready, hung up, in error, or poll failing: the host call itself tells.
      if (c.poll(pfd, 1, (int) (SLICE / 1_000_000)) != 0) return;
      if (killed(t)) throw new LinuxError(Signals.ERESTARTSYS);
    }
  }

  /** The host's SOL_SOCKET and SO_RCVTIMEO (x86-64 Linux, struct timeval). */
  private static final int HOST_SOL_SOCKET = 1, HOST_SO_RCVTIMEO = 20;

  /**
   * Before a receive or accept that may block: as {@link #awaitReady}, unless
   * the socket has a receive timeout (SO_RCVTIMEO), which the host call must
   * see expire.
   */
  static void awaitReceive(Task t, blink.linux.fs.OpenFile f) {
    long tv = t.scratch.alloc(16 + 4);
    blink.memory.HostMemory.put32(tv + 16, 16);
    blink.linux.host.Libc c = blink.linux.host.Host.libc();
    if (c.getsockopt(f.hostFd(), HOST_SOL_SOCKET, HOST_SO_RCVTIMEO, tv, tv + 16) == 0
        && (blink.memory.HostMemory.get64(tv) | blink.memory.HostMemory.get64(tv + 8)) != 0) {
      return;
    }
    awaitReady(t, f, POLLIN);
  }
}
