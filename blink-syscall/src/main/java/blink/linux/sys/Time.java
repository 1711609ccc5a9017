package blink.linux.sys;

import blink.linux.Errno;
import blink.linux.LinuxError;
import blink.linux.Syscall;
import blink.linux.SyscallTable;
import blink.linux.Sysno;
import blink.linux.Task;
import blink.linux.abi.LinuxTime;
import blink.linux.abi.Struct;
import blink.linux.host.Host;
import blink.linux.host.HostErrno;
import blink.linux.host.HostFlags;
import blink.linux.host.HostLayout;
import blink.memory.HostMemory;

/**
 * Clocks and sleeping: every clock id Linux has. Wall clocks are the host's
 * clock of the same id; CPU-time clocks are the guest's ({@link CpuTime}).
 */
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

  /** The host clock for a Linux clock id; EINVAL if neither Linux nor the host has it. */
  private static int hostClock(int clk) {
    int host = HostFlags.clockToHost(clk);
    if (host < 0) throw new LinuxError(Errno.EINVAL);
    return host;
  }

  /**
   * The clock's time as {seconds, nanoseconds}. CPU-time clocks measure the
   * guest ({@link CpuTime}); every other clock is the host's clock of that id.
   */
  static long[] now(Task t, long clkArg) {
    int clk = (int) clkArg; // clockid_t is an int: the register's upper half is not looked at
    if (CpuTime.isCpuClock(clk)) {
      long ns = CpuTime.clockNanos(t, clk);
      return new long[] {ns / NANOS, ns % NANOS};
    }
    long ts = t.scratch.alloc(HostLayout.TIMESPEC_SIZE);
    Host.check(Host.libc().clock_gettime(hostClock(clk), ts));
    return new long[] {HostMemory.get64(ts), HostMemory.get64(ts + 8)};
  }

  /**
   * clock_getres(2). CPU clocks counting scheduler time (CPUCLOCK_SCHED: the
   * CLOCK_*_CPUTIME_ID ones) report 1 ns; the PROF and VIRT ones tick with the
   * kernel (posix_cpu_clock_getres()), whose tick the host's coarse clock shows.
   */
  private static long clockGetres(Task t, long clkArg, long res) {
    int clk = (int) clkArg;
    long[] r;
    if (CpuTime.isCpuClock(clk)) {
      r = CpuTime.cpuClockWhich(t, clk) == CpuTime.CPUCLOCK_SCHED ? new long[] {0, 1} : hostRes(t, CLOCK_REALTIME_COARSE);
    } else {
      r = hostRes(t, clk);
    }
    // A NULL res just validates the clock.
    if (res != 0) timespecOut(t, res, r);
    return 0;
  }

  private static long[] hostRes(Task t, int clk) {
    long ts = t.scratch.alloc(HostLayout.TIMESPEC_SIZE);
    Host.check(Host.libc().clock_getres(hostClock(clk), ts));
    return new long[] {HostMemory.get64(ts), HostMemory.get64(ts + 8)};
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
   * Whether clk can be slept on, as the kernel's k_clock table says (checked
   * before the request is read): EINVAL for unknown clocks, EOPNOTSUPP for
   * clocks without nsleep (raw, coarse, the thread CPU clock, dynamic fd
   * clocks). The alarm clocks depend on the machine's RTC and the caller's
   * CAP_WAKE_ALARM, so the host is asked with a sleep until a time long past.
   */
  private static void checkSleepClock(Task t, int c) {
    if (c < 0) {
      // (id & 7) == CLOCKFD: a dynamic clock (clockid_to_kclock()); others are CPU clocks.
      if ((c & (CpuTime.CPUCLOCK_PERTHREAD_MASK | CpuTime.CPUCLOCK_CLOCK_MASK)) == CpuTime.CLOCKFD) {
        throw new LinuxError(Errno.EOPNOTSUPP);
      }
      return;
    }
    switch (c) {
      case CLOCK_REALTIME, CLOCK_MONOTONIC, CLOCK_BOOTTIME, CLOCK_TAI, CLOCK_PROCESS_CPUTIME_ID -> { }
      case CLOCK_THREAD_CPUTIME_ID, CLOCK_MONOTONIC_RAW, CLOCK_REALTIME_COARSE, CLOCK_MONOTONIC_COARSE ->
          throw new LinuxError(Errno.EOPNOTSUPP);
      case CLOCK_REALTIME_ALARM, CLOCK_BOOTTIME_ALARM -> {
        long ts = t.scratch.calloc(HostLayout.TIMESPEC_SIZE);
        int err = Host.libc().clock_nanosleep(hostClock(c), HOST_TIMER_ABSTIME, ts, 0);
        if (err != 0) throw new LinuxError(HostErrno.toLinux(err));
      }
      default -> throw new LinuxError(Errno.EINVAL);
    }
  }

  /**
   * posix_cpu_nsleep(): a thread cannot sleep on its own CPU clock (EINVAL),
   * and the clock must name the caller's process or thread.
   */
  private static void checkCpuSleepClock(Task t, int c) {
    if (c >= 0) return;
    int pid = ~(c >> 3);
    if (CpuTime.isThreadClock(c) && (pid == 0 || pid == t.tid())) throw new LinuxError(Errno.EINVAL);
    CpuTime.cpuClockWhich(t, c);
  }

  /** The host's TIMER_ABSTIME (time.h). */
  private static final int HOST_TIMER_ABSTIME = 1;

  /**
   * nanosleep(2) and clock_nanosleep(2). Wall-clock sleeps are measured on the
   * JVM's monotonic clock, an absolute one converted to a relative one on its
   * clock; a sleep on the process's CPU clock waits for the guest's CPU time to
   * get there. A signal ends the sleep within {@link Blocking#SLICE}; see
   * {@link #sleepUntil} for what follows.
   */
  private static long sleep(Task t, long clk, long flags, long req, long rem) {
    int c = (int) clk;
    checkSleepClock(t, c);
    long ns = LinuxTime.readTimespec(t.mmu(), req);
    boolean absolute = (flags & TIMER_ABSTIME) != 0;
    if (CpuTime.isCpuClock(c)) {
      checkCpuSleepClock(t, c);
      long target = absolute ? ns : CpuTime.clockNanos(t, c) + ns;
      while (CpuTime.clockNanos(t, c) < target) {
        if (!Blocking.sleepUntil(t, System.nanoTime() + Blocking.SLICE)) throw new LinuxError(Errno.EINTR);
      }
      return 0;
    }
    long wait = ns;
    if (absolute) {
      long[] now = now(t, c);
      wait = ns - LinuxTime.nanos(now[0], now[1]);
    }
    return sleepUntil(t, System.nanoTime() + Math.max(0, wait), !absolute, rem);
  }

  /**
   * The wall-clock part of a sleep. Interrupted, a relative sleep writes the
   * time left to rem and returns ERESTART_RESTARTBLOCK: EINTR if a handler
   * runs, else restart_syscall(2) sleeps on to the same deadline (as
   * hrtimer_nanosleep_restart() does); an absolute one just restarts.
   */
  private static long sleepUntil(Task t, long deadline, boolean relative, long rem) {
    if (Blocking.sleepUntil(t, deadline)) return 0;
    if (!relative) throw new LinuxError(Signals.ERESTARTNOHAND);
    long left = Math.max(0, deadline - System.nanoTime());
    if (rem != 0) timespecOut(t, rem, new long[] {left / NANOS, left % NANOS});
    t.restartBlock = () -> sleepUntil(t, deadline, true, rem);
    throw new LinuxError(Signals.ERESTART_RESTARTBLOCK);
  }
}
