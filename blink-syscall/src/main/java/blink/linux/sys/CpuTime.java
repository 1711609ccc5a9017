package blink.linux.sys;

import blink.linux.Errno;
import blink.linux.LinuxError;
import blink.linux.Syscall;
import blink.linux.SyscallTable;
import blink.linux.Sysno;
import blink.linux.Task;
import blink.linux.abi.LinuxRusage;
import blink.linux.abi.LinuxTime;
import blink.linux.abi.Struct;
import blink.linux.host.HostUsage;
import blink.linux.signal.IntervalTimers;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * The guest's CPU time: times(2), getrusage(2), and the CPU-time clocks
 * (CLOCK_PROCESS_CPUTIME_ID, CLOCK_THREAD_CPUTIME_ID and the negative ids of
 * clock_getcpuclockid(3) and pthread_getcpuclockid(3)).
 *
 * <p>A guest thread's CPU time is the CPU time of the JVM thread that runs it,
 * as the JVM's ThreadMXBean reads it from the host (the host's per-thread CPU
 * clock): it counts the cost of emulating the guest's instructions and system
 * calls, and not the JVM's compiler or collector threads. Guest processes have
 * one thread for now, so a process's CPU time is its thread's.
 */
public final class CpuTime implements Syscall {
  private CpuTime() {}

  /** CPUCLOCK_WHICH of a negative clock id (include/linux/posix-timers.h). */
  static final int CPUCLOCK_PROF = 0, CPUCLOCK_VIRT = 1, CPUCLOCK_SCHED = 2, CLOCKFD = 3;
  static final int CPUCLOCK_PERTHREAD_MASK = 4, CPUCLOCK_CLOCK_MASK = 3;

  private static final CpuTime INSTANCE = new CpuTime();

  public static void register(SyscallTable t) {
    t.add(INSTANCE, Sysno.TIMES, Sysno.GETRUSAGE);
  }

  @Override
  public long call(Task t, int nr, long a0, long a1, long a2, long a3, long a4, long a5) {
    return switch (nr) {
      case Sysno.TIMES -> times(t, a0);
      case Sysno.GETRUSAGE -> getrusage(t, a0, a1);
      default -> throw new IllegalArgumentException("not a CpuTime syscall: " + nr);
    };
  }

  private static final class Bean {
    static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
  }

  /** User plus system CPU time of the calling guest thread, in nanoseconds. */
  static long threadCpu() {
    return Math.max(0, Bean.THREADS.getCurrentThreadCpuTime());
  }

  /** User CPU time of the calling guest thread, in nanoseconds. */
  static long threadUser() {
    return Math.max(0, Bean.THREADS.getCurrentThreadUserTime());
  }

  /** A clock of the calling thread's CPU time (user only, or user and system) that other threads can read. */
  static IntervalTimers.Clock clockOfThisThread(boolean userOnly) {
    long id = Thread.currentThread().threadId();
    ThreadMXBean b = Bean.THREADS;
    return userOnly ? () -> Math.max(0, b.getThreadUserTime(id)) : () -> Math.max(0, b.getThreadCpuTime(id));
  }

  /** Whether clk names a CPU-time clock (these are the guest's own, not the host's). */
  static boolean isCpuClock(int clk) {
    return clk < 0 || clk == Time.CLOCK_PROCESS_CPUTIME_ID || clk == Time.CLOCK_THREAD_CPUTIME_ID;
  }

  /**
   * CPUCLOCK_WHICH of a CPU clock after checking that it names the caller's
   * thread or process (pid 0 is the caller), as pid_for_clock() does: EINVAL
   * otherwise, and for CLOCKFD ids (no dynamic POSIX clocks are emulated).
   * Other processes' clocks are EINVAL: the guest cannot see them.
   */
  static int cpuClockWhich(Task t, int clk) {
    if (clk >= 0) return CPUCLOCK_SCHED;
    int which = clk & CPUCLOCK_CLOCK_MASK;
    int pid = ~(clk >> 3);
    boolean thread = (clk & CPUCLOCK_PERTHREAD_MASK) != 0;
    if (which == CLOCKFD) throw new LinuxError(Errno.EINVAL);
    if (pid != 0 && pid != t.tid() && (thread || pid != t.process.pid())) throw new LinuxError(Errno.EINVAL);
    return which;
  }

  /** Whether a CPU clock is a thread's (CLOCK_THREAD_CPUTIME_ID or a per-thread negative id). */
  static boolean isThreadClock(int clk) {
    return clk == Time.CLOCK_THREAD_CPUTIME_ID || (clk < 0 && (clk & CPUCLOCK_PERTHREAD_MASK) != 0);
  }

  /** The value of CPU clock clk in nanoseconds: VIRT counts user time, PROF and SCHED user and system. */
  static long clockNanos(Task t, int clk) {
    return cpuClockWhich(t, clk) == CPUCLOCK_VIRT ? threadUser() : threadCpu();
  }

  /** times(2): the thread's CPU times in USER_HZ ticks; no children exist yet. EFAULT before the result. */
  private static long times(Task t, long buf) {
    if (buf != 0) {
      long cpu = threadCpu(), user = Math.min(threadUser(), cpu);
      Struct.of(LinuxTime.TMS_SIZE)
          .put64(0, LinuxTime.ticks(user))
          .put64(8, LinuxTime.ticks(cpu - user))
          .write(t.mmu(), buf);
    }
    return HostUsage.elapsedTicks(t.scratch, LinuxTime.USER_HZ);
  }

  /**
   * getrusage(2). The times are the guest's; ru_maxrss and the other counters
   * are the emulator process's own, since the guest's memory and page faults
   * are the JVM's. RUSAGE_CHILDREN is all zero: no child processes exist yet.
   */
  private static long getrusage(Task t, long whoArg, long usage) {
    int who = (int) whoArg;
    Struct ru = Struct.of(LinuxRusage.SIZE);
    switch (who) {
      case LinuxRusage.RUSAGE_SELF, LinuxRusage.RUSAGE_THREAD -> {
        long cpu = threadCpu(), user = Math.min(threadUser(), cpu);
        LinuxTime.putTimeval(ru, LinuxRusage.UTIME, user);
        LinuxTime.putTimeval(ru, LinuxRusage.STIME, cpu - user);
        long[] c = HostUsage.counters(t.scratch);
        for (int i = 0; i < LinuxRusage.COUNTER_COUNT; i++) ru.put64(LinuxRusage.COUNTERS + 8 * i, c[i]);
      }
      case LinuxRusage.RUSAGE_CHILDREN -> { }
      default -> throw new LinuxError(Errno.EINVAL);
    }
    ru.write(t.mmu(), usage);
    return 0;
  }
}
