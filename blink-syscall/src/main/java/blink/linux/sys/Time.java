package blink.linux.sys;

import blink.linux.Errno;
import blink.linux.LinuxError;
import blink.linux.Syscall;
import blink.linux.SyscallTable;
import blink.linux.Sysno;
import blink.linux.Task;
import blink.linux.abi.Struct;
import blink.linux.host.Host;
import blink.linux.host.HostFlags;
import blink.linux.host.HostLayout;
import blink.memory.HostMemory;
import java.util.concurrent.locks.LockSupport;

/** Clocks and sleeping. Every clock is the host's clock of the same id. */
public final class Time implements Syscall {
  private Time() {}

  public static final int CLOCK_REALTIME = 0, CLOCK_MONOTONIC = 1, CLOCK_PROCESS_CPUTIME_ID = 2;
  public static final int CLOCK_THREAD_CPUTIME_ID = 3, CLOCK_MONOTONIC_RAW = 4, CLOCK_REALTIME_COARSE = 5;
  public static final int CLOCK_MONOTONIC_COARSE = 6, CLOCK_BOOTTIME = 7, CLOCK_REALTIME_ALARM = 8;
  public static final int CLOCK_BOOTTIME_ALARM = 9, CLOCK_TAI = 11;
  static final int TIMER_ABSTIME = 1;
  static final long NANOS = 1_000_000_000L;

  private static final Time INSTANCE = new Time();

  public static void register(SyscallTable t) {
    t.add(INSTANCE, Sysno.CLOCK_GETTIME, Sysno.CLOCK_GETRES, Sysno.GETTIMEOFDAY, Sysno.TIME,
        Sysno.NANOSLEEP, Sysno.CLOCK_NANOSLEEP);
  }

  @Override
  public long call(Task t, int nr, long a0, long a1, long a2, long a3, long a4, long a5) {
    return switch (nr) {
      case Sysno.CLOCK_GETTIME -> timespecOut(t, a1, now(t, a0));
      case Sysno.CLOCK_GETRES -> clockGetres(t, a0, a1);
      case Sysno.GETTIMEOFDAY -> gettimeofday(t, a0, a1);
      case Sysno.TIME -> time(t, a0);
      case Sysno.NANOSLEEP -> sleep(t, CLOCK_MONOTONIC, 0, a0, a1);
      case Sysno.CLOCK_NANOSLEEP -> sleep(t, a0, a1, a2, a3);
      default -> throw new IllegalArgumentException("not a Time syscall: " + nr);
    };
  }

  /** The host clock for a Linux clock id; negative (per-process/thread CPU clocks of others) are EINVAL. */
  private static int hostClock(long clk) {
    int host = clk >= 0 && clk <= Integer.MAX_VALUE ? HostFlags.clockToHost((int) clk) : -1;
    if (host < 0) throw new LinuxError(Errno.EINVAL);
    return host;
  }

  /** The clock's time as {seconds, nanoseconds}. */
  static long[] now(Task t, long clk) {
    long ts = t.scratch.alloc(HostLayout.TIMESPEC_SIZE);
    Host.check(Host.libc().clock_gettime(hostClock(clk), ts));
    return new long[] {HostMemory.get64(ts), HostMemory.get64(ts + 8)};
  }

  private static long clockGetres(Task t, long clk, long res) {
    long ts = t.scratch.alloc(HostLayout.TIMESPEC_SIZE);
    Host.check(Host.libc().clock_getres(hostClock(clk), ts));
    // A NULL res just validates the clock.
    if (res != 0) timespecOut(t, res, new long[] {HostMemory.get64(ts), HostMemory.get64(ts + 8)});
    return 0;
  }

  private static long timespecOut(Task t, long addr, long[] ts) {
    Struct.of(16).put64(0, ts[0]).put64(8, ts[1]).write(t.mmu(), addr);
    return 0;
  }

  /** gettimeofday(2): struct timeval {tv_sec, tv_usec}; the timezone is always UTC, no DST. */
  private static long gettimeofday(Task t, long tv, long tz) {
    if (tv != 0) {
      long[] now = now(t, CLOCK_REALTIME);
      Struct.of(16).put64(0, now[0]).put64(8, now[1] / 1000).write(t.mmu(), tv);
    }
    if (tz != 0) Struct.of(8).write(t.mmu(), tz);
    return 0;
  }

  /** time(2): seconds since the Epoch, also stored at tloc if it is not NULL. */
  private static long time(Task t, long tloc) {
    long s = now(t, CLOCK_REALTIME)[0];
    if (tloc != 0) t.mmu().write64(tloc, s);
    return s;
  }

  /**
   * nanosleep(2) and clock_nanosleep(2). Relative sleeps are measured on the JVM's
   * monotonic clock; an absolute one is converted to a relative one on its clock.
   * On interruption the remaining time goes to rem (relative sleeps only) with EINTR.
   */
  private static long sleep(Task t, long clk, long flags, long req, long rem) {
    int c = (int) clk;
    // Sleeping on a thread's CPU clock is not supported by Linux either (EINVAL).
    if (c == CLOCK_THREAD_CPUTIME_ID) throw new LinuxError(Errno.EINVAL);
    hostClock(c);
    Struct r = Struct.read(t.mmu(), req, 16);
    long sec = r.get64(0), nsec = r.get64(8);
    if (sec < 0 || nsec < 0 || nsec >= NANOS) throw new LinuxError(Errno.EINVAL);
    long wait;
    boolean absolute = (flags & TIMER_ABSTIME) != 0;
    if (absolute) {
      long[] now = now(t, c);
      wait = saturatingNanos(sec - now[0], nsec - now[1]);
    } else {
      wait = saturatingNanos(sec, nsec);
    }
    long deadline = System.nanoTime() + wait;
    while (wait > 0) {
      LockSupport.parkNanos(wait);
      if (Thread.interrupted()) {
        if (!absolute && rem != 0) {
          long left = Math.max(0, deadline - System.nanoTime());
          timespecOut(t, rem, new long[] {left / NANOS, left % NANOS});
        }
        throw new LinuxError(Errno.EINTR);
      }
      wait = deadline - System.nanoTime();
    }
    return 0;
  }

  private static long saturatingNanos(long sec, long nsec) {
    if (sec >= Long.MAX_VALUE / NANOS) return Long.MAX_VALUE / 2;
    return sec * NANOS + nsec;
  }
}
