package blink.linux.signal;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * A set of pending signals (a thread's own, or its process's shared set), as
 * struct sigpending holds them: a standard signal is pending at most once (a
 * second one is merged into the first), a real-time signal queues once per
 * generation, each with its siginfo (signal(7), "Queueing and delivery").
 */
public final class PendingSignals {
  /** The most queued signals a set holds; past it rt_sigqueueinfo gets EAGAIN (RLIMIT_SIGPENDING). */
  public static final int MAX_QUEUED = 4096;

  /** Signals taken before others, lowest first: the ones faults raise (SYNCHRONOUS_MASK, next_signal()). */
  static final long SYNCHRONOUS = Signal.bit(Signal.SIGSEGV) | Signal.bit(Signal.SIGBUS) | Signal.bit(Signal.SIGILL)
      | Signal.bit(Signal.SIGTRAP) | Signal.bit(Signal.SIGFPE) | Signal.bit(Signal.SIGSYS);

  private final List<SigInfo> queue = new ArrayList<>();
  private volatile long mask;

  /** The pending signals (bit sig-1). */
  public long mask() {
    return mask;
  }

  /**
   * Adds a generated signal. A standard signal already pending is merged (true);
   * false only when the queue is full (a real-time signal is then lost).
   */
  public synchronized boolean add(SigInfo si) {
    int sig = si.signo();
    long bit = Signal.bit(sig);
    if (sig < Signal.SIGRTMIN && (mask & bit) != 0) return true;
    if (queue.size() >= MAX_QUEUED) return false;
    queue.add(si);
    mask |= bit;
    return true;
  }

  /** Takes the next signal among allowed (synchronous ones, then the lowest number), or null. */
  public synchronized SigInfo takeNext(long allowed) {
    long ready = mask & allowed;
    if (ready == 0) return null;
    long sync = ready & SYNCHRONOUS;
    int sig = Long.numberOfTrailingZeros(sync != 0 ? sync : ready) + 1;
    return take(sig);
  }

  /** Takes the oldest instance of sig, or null if it is not pending. */
  public synchronized SigInfo take(int sig) {
    long bit = Signal.bit(sig);
    if ((mask & bit) == 0) return null;
    SigInfo found = null;
    boolean more = false;
    for (Iterator<SigInfo> it = queue.iterator(); it.hasNext(); ) {
      SigInfo si = it.next();
      if (si.signo() != sig) continue;
      if (found == null) {
        found = si;
        it.remove();
      } else {
        more = true;
        break;
      }
    }
    if (!more) mask &= ~bit;
    return found;
  }

  /** Discards every pending instance of the signals in set (an ignored disposition, SIGCONT vs stops). */
  public synchronized void discard(long set) {
    if ((mask & set) == 0) return;
    queue.removeIf(si -> (Signal.bit(si.signo()) & set) != 0);
    mask &= ~set;
  }

  /** Discards everything (a new process image keeps pending signals; a new thread starts with none). */
  public synchronized void clear() {
    queue.clear();
    mask = 0;
  }
}
