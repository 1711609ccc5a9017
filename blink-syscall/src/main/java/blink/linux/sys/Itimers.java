package blink.linux.sys;

import static blink.linux.signal.IntervalTimers.ITIMER_PROF;
import static blink.linux.signal.IntervalTimers.ITIMER_REAL;
import static blink.linux.signal.IntervalTimers.ITIMER_VIRTUAL;

import blink.linux.Errno;
import blink.linux.LinuxError;
import blink.linux.Syscall;
import blink.linux.SyscallTable;
import blink.linux.Sysno;
import blink.linux.Task;
import blink.linux.abi.LinuxTime;
import blink.linux.abi.Struct;
import blink.linux.signal.IntervalTimers;

/**
 * alarm(2), getitimer(2), setitimer(2). Expiry generates SIGALRM, SIGVTALRM or
 * SIGPROF through the same path as kill(2) to oneself ({@link Signals}): pending
 * while blocked, nothing if ignored, and a fatal default action ends the
 * process — the run loop stops at the next instruction boundary (Cpu.attention),
 * and a blocked sleep or poll within one {@link Blocking#SLICE}.
 */
public final class Itimers implements Syscall {
  private Itimers() {}

  static final long NANOS = LinuxTime.NANOS;

  private static final Itimers INSTANCE = new Itimers();

  public static void register(SyscallTable t) {
    t.add(INSTANCE, Sysno.ALARM, Sysno.GETITIMER, Sysno.SETITIMER);
  }

  @Override
  public long call(Task t, int nr, long a0, long a1, long a2, long a3, long a4, long a5) {
    return switch (nr) {
      case Sysno.ALARM -> alarm(t, a0);
      case Sysno.GETITIMER -> getitimer(t, a0, a1);
      case Sysno.SETITIMER -> setitimer(t, a0, a1, a2);
      default -> throw new IllegalArgumentException("not an Itimers syscall: " + nr);
    };
  }

  private static int which(long which) {
    int w = (int) which;
    if (w != ITIMER_REAL && w != ITIMER_VIRTUAL && w != ITIMER_PROF) throw new LinuxError(Errno.EINVAL);
    return w;
  }

  /** Arms timer which of t's process to signal t; returns the old {value, interval}. */
  private static long[] set(Task t, int which, long value, long interval) {
    IntervalTimers.Clock clock = which == ITIMER_REAL ? System::nanoTime
        : CpuTime.clockOfThisThread(which == ITIMER_VIRTUAL);
    int sig = IntervalTimers.signal(which);
    return t.process.itimers.set(which, value, interval, clock, () -> expired(t, sig));
  }

  /** On the timer thread: generates sig unless the process has already ended (exit or a fatal signal). */
  private static void expired(Task t, int sig) {
    if (t.process.exiting()) return;
    Signals.sendToSelf(t, true, sig);
  }

  private static long getitimer(Task t, long which, long value) {
    itimerval(t.process.itimers.get(which(which))).write(t.mmu(), value);
    return 0;
  }

  /** setitimer(2): a NULL new value disarms (as Linux still allows); old is written last. */
  private static long setitimer(Task t, long which, long value, long ovalue) {
    long interval = 0, next = 0;
    if (value != 0) {
      Struct s = Struct.read(t.mmu(), value, LinuxTime.ITIMERVAL_SIZE);
      interval = LinuxTime.timeval(s, LinuxTime.IT_INTERVAL);
      next = LinuxTime.timeval(s, LinuxTime.IT_VALUE);
    }
    long[] old = set(t, which(which), next, interval);
    if (ovalue != 0) itimerval(old).write(t.mmu(), ovalue);
    return 0;
  }

  /**
   * alarm(2): ITIMER_REAL for seconds, once. Returns the old alarm's seconds
   * left, rounded to nearest and never 0 for a pending alarm (alarm_setitimer()).
   */
  private static long alarm(Task t, long seconds) {
    long[] old = set(t, ITIMER_REAL, (seconds & 0xffffffffL) * NANOS, 0);
    long sec = old[0] / NANOS, nsec = old[0] % NANOS;
    if ((sec == 0 && nsec != 0) || nsec >= NANOS / 2) sec++;
    return sec;
  }

  private static Struct itimerval(long[] v) {
    Struct s = Struct.of(LinuxTime.ITIMERVAL_SIZE);
    LinuxTime.putTimeval(s, LinuxTime.IT_VALUE, v[0]);
    return LinuxTime.putTimeval(s, LinuxTime.IT_INTERVAL, v[1]);
  }
}
