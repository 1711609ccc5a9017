package blink.linux.signal;

import java.util.Map;
import java.util.WeakHashMap;

/**
 * The signal state a process's threads share (Linux's signal_struct): the
 * process-directed pending signals, and the group stop that SIGSTOP and its
 * kin start and SIGCONT ends.
 */
public final class ProcessSignals {
  /** Per process, kept outside GuestProcess; weak so an ended process's state goes with it. */
  private static final Map<Object, ProcessSignals> BY_PROCESS = new WeakHashMap<>();

  /** The state of process p (a GuestProcess), created on first use. */
  public static ProcessSignals of(Object p) {
    synchronized (BY_PROCESS) {
      return BY_PROCESS.computeIfAbsent(p, k -> new ProcessSignals());
    }
  }

  /** Signals sent to the process as a whole (kill(2), sigqueue(3), timers, SIGCHLD). */
  public final PendingSignals shared = new PendingSignals();

  /** The process is stopped (group stop): its threads park until SIGCONT or SIGKILL. */
  public volatile boolean stopped;
}
