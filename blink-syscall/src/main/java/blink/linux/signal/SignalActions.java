package blink.linux.signal;

/** A process's signal dispositions (shared by its threads, as with CLONE_SIGHAND). */
public final class SignalActions {
  private final SigAction[] actions = new SigAction[Signal.NSIG + 1];

  public SignalActions() {
    java.util.Arrays.fill(actions, SigAction.DEFAULT);
  }

  /** A copy, for a child process that does not share its parent's handlers (no CLONE_SIGHAND). */
  public synchronized SignalActions copy() {
    SignalActions c = new SignalActions();
    System.arraycopy(actions, 0, c.actions, 0, actions.length);
    return c;
  }

  /**
   * The dispositions after execve(2): caught signals revert to the default action,
   * ignored ones stay ignored (signal(7), "Signal dispositions").
   */
  public synchronized SignalActions afterExec() {
    SignalActions c = new SignalActions();
    for (int s = 1; s < actions.length; s++) {
      if (actions[s].handler() == Signal.SIG_IGN) c.actions[s] = new SigAction(Signal.SIG_IGN, 0, 0, 0);
    }
    return c;
  }

  public synchronized SigAction get(int sig) {
    return actions[sig];
  }

  /** Installs act for sig and returns the previous action. */
  public synchronized SigAction set(int sig, SigAction act) {
    SigAction old = actions[sig];
    actions[sig] = act;
    return old;
  }
}
