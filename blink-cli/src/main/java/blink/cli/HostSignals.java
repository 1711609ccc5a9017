package blink.cli;

import blink.linux.LinuxKernel;
import blink.linux.signal.Signal;

/**
 * Signals the host sends the emulator (a terminal's Ctrl-C, Ctrl-\ or Ctrl-Z, a
 * window resize, kill(1) of the JVM) go to the guest: to the foreground process
 * group of its terminal, as the host's tty driver would have sent them had the
 * guest processes been host processes. The JVM's own handling (shutdown on
 * SIGINT/SIGTERM/SIGHUP) is replaced while a guest runs.
 */
final class HostSignals {
  private HostSignals() {}

  /** What is forwarded; SIGQUIT only where the JVM does not keep it for thread dumps. */
  private static final int[] FORWARDED = {
    Signal.SIGINT, Signal.SIGTERM, Signal.SIGHUP, Signal.SIGQUIT, Signal.SIGWINCH, Signal.SIGTSTP,
    Signal.SIGCONT, Signal.SIGUSR1, Signal.SIGUSR2,
  };

  static void install(LinuxKernel kernel) {
    for (int sig : FORWARDED) {
      String name = Signal.name(sig).substring(3); // sun.misc.Signal wants "INT", not "SIGINT"
      try {
        sun.misc.Signal.handle(new sun.misc.Signal(name), s -> kernel.hostSignal(sig));
      } catch (IllegalArgumentException | UnsupportedOperationException e) {
        // Kept by the JVM (SIGQUIT for thread dumps, or one the OS lacks): left as it is.
      }
    }
  }
}
