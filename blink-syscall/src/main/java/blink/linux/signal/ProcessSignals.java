package blink.linux.signal;

import blink.linux.GuestProcess;

/**
 * The signal state a process's threads share (Linux's signal_struct): the
 * process-directed pending signals, and the group stop that SIGSTOP and its
 * kin start and SIGCONT ends.
 */
public final class ProcessSignals {
  /** The state of process p. */
  public static ProcessSignals of(GuestProcess p) {
    return p.signals;
  }

  /** Signals sent to the process as a whole (kill(2), sigqueue(3), timers, SIGCHLD). */
  public final PendingSignals shared = new PendingSignals();

  /** The process is stopped (group stop): its threads park until SIGCONT or SIGKILL. */
  public volatile boolean stopped;
}
