package blink.cli;

import blink.linux.signal.Signal;

/** The exit status a shell sees for a process killed by a signal (128 + N), said in one line if it dumps core. */
final class FatalSignal {
  private FatalSignal() {}

  /**
   * The guest was killed by a signal it sent or was sent (abort(3), kill(2)): like
   * qemu, say so in one line when the default action would dump core.
   */
  static int killed(int sig) {
    if (Signal.defaultAction(sig) == Signal.Default.CORE) System.err.println("blink: " + Signal.name(sig));
    return 128 + sig;
  }
}
