package blink.linux.signal;

import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * A process's three interval timers (setitimer(2)): ITIMER_REAL on wall time,
 * ITIMER_VIRTUAL on user CPU time, ITIMER_PROF on user+system CPU time. Each
 * runs on its own {@link Clock}; expiry is checked on one daemon thread shared
 * by all processes, which calls the timer's expiry action there (the caller
 * passes one that generates the signal). A CPU clock advances no faster than
 * wall time, so "check again when the time left on the timer's clock has
 * passed on the wall" never misses an expiry and never spins.
 */
public final class IntervalTimers {
  public static final int ITIMER_REAL = 0, ITIMER_VIRTUAL = 1, ITIMER_PROF = 2;

  /** The signal each timer generates when it expires (getitimer(2)). */
  public static int signal(int which) {
    return which == ITIMER_REAL ? Signal.SIGALRM : which == ITIMER_VIRTUAL ? Signal.SIGVTALRM : Signal.SIGPROF;
  }

  /** A timer's clock, in nanoseconds. */
  public interface Clock {
    long now();
  }

  /** Below this a timer is checked no sooner: a 1 ns interval must not keep the checker busy. */
  private static final long MIN_DELAY = 50_000;

  private static final class Timer {
    /** When it expires on its clock, or 0 if disarmed. */
    long expiry;
    long interval;
    Clock clock;
    Runnable onExpiry;
    /** Bumped by every set, so a check scheduled for an older setting does nothing. */
    long generation;
    ScheduledFuture<?> check;
  }

  private final Timer[] timers = {new Timer(), new Timer(), new Timer()};

  private static final class Checker {
    static final ScheduledThreadPoolExecutor EXECUTOR = create();

    private static ScheduledThreadPoolExecutor create() {
      ScheduledThreadPoolExecutor e = new ScheduledThreadPoolExecutor(1,
          r -> Thread.ofPlatform().name("blink-itimer").daemon().unstarted(r));
      e.setRemoveOnCancelPolicy(true);
      return e;
    }
  }

  /**
   * Arms timer which to expire after value ns on clock and then every interval
   * ns (0: once), or disarms it if value is 0. Returns the old setting as {value
   * left, interval}. A disarmed ITIMER_REAL forgets its interval; the CPU timers
   * keep theirs, as Linux does (kernel/time/itimer.c).
   */
  public synchronized long[] set(int which, long value, long interval, Clock clock, Runnable onExpiry) {
    long[] old = get(which);
    Timer tm = timers[which];
    tm.generation++;
    if (tm.check != null) tm.check.cancel(false);
    tm.check = null;
    tm.expiry = 0;
    tm.interval = which == ITIMER_REAL && value == 0 ? 0 : interval;
    if (value > 0) {
      tm.clock = clock;
      tm.onExpiry = onExpiry;
      tm.expiry = clock.now() + value;
      schedule(tm, value);
    }
    return old;
  }

  /** Disarms every timer (the process ended; execve keeps them, fork does not copy them). */
  public synchronized void cancelAll() {
    for (Timer tm : timers) {
      tm.generation++;
      if (tm.check != null) tm.check.cancel(false);
      tm.check = null;
      tm.expiry = 0;
    }
  }

  /**
   * The time left and the interval of timer which. An armed timer whose time is
   * up but which has not fired yet shows a little time left (1 µs), not zero,
   * so it does not look disarmed.
   */
  public synchronized long[] get(int which) {
    Timer tm = timers[which];
    if (tm.expiry == 0) return new long[] {0, tm.interval};
    return new long[] {Math.max(1000, tm.expiry - tm.clock.now()), tm.interval};
  }

  /**
   * A SIGALRM was taken from the pending set for delivery: a periodic
   * ITIMER_REAL that expired starts its next period (dequeue_signal()).
   * Signal delivery to guest handlers must call this.
   */
  public synchronized void alarmDequeued() {
    Timer tm = timers[ITIMER_REAL];
    if (tm.expiry != 0 || tm.interval == 0 || tm.clock == null) return;
    tm.generation++;
    tm.expiry = tm.clock.now() + tm.interval;
    schedule(tm, tm.interval);
  }

  private void schedule(Timer tm, long delay) {
    long generation = tm.generation;
    tm.check = Checker.EXECUTOR.schedule(() -> check(tm, generation), Math.max(delay, MIN_DELAY),
        TimeUnit.NANOSECONDS);
  }

  /** Fires the timer if its time is up (reloading it), else looks again later. */
  private void check(Timer tm, long generation) {
    Runnable fire;
    synchronized (this) {
      if (tm.generation != generation || tm.expiry == 0) return;
      long now = tm.clock.now();
      if (now < tm.expiry) {
        schedule(tm, tm.expiry - now);
        return;
      }
      fire = tm.onExpiry;
      if (tm == timers[ITIMER_REAL]) {
        // it_real_fn() does not restart the timer: dequeuing the SIGALRM does
        // (dequeue_signal()), so an ignored or still pending one stops it.
        tm.expiry = 0;
      } else if (tm.interval > 0) {
        // Periods missed meanwhile are skipped, as hrtimer_forward() does.
        tm.expiry += ((now - tm.expiry) / tm.interval + 1) * tm.interval;
        schedule(tm, tm.expiry - now);
      } else {
        tm.expiry = 0;
      }
    }
    fire.run();
  }
}
