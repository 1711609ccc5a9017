package blink.linux.signal;

/** A process's signal dispositions (shared by its threads, as with CLONE_SIGHAND). */
public final class SignalActions {
  private final SigAction[] actions = new SigAction[Signal.NSIG + 1];

  public SignalActions() {
    java.util.Arrays.fill(actions, SigAction.DEFAULT);
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
