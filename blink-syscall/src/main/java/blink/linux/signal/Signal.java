package blink.linux.signal;

/** Linux x86-64 signal numbers (asm/signal.h) and their default dispositions (signal(7)). */
public final class Signal {
  private Signal() {}

  public static final int SIGHUP = 1, SIGINT = 2, SIGQUIT = 3, SIGILL = 4, SIGTRAP = 5, SIGABRT = 6;
  public static final int SIGBUS = 7, SIGFPE = 8, SIGKILL = 9, SIGUSR1 = 10, SIGSEGV = 11, SIGUSR2 = 12;
  public static final int SIGPIPE = 13, SIGALRM = 14, SIGTERM = 15, SIGSTKFLT = 16, SIGCHLD = 17;
  public static final int SIGCONT = 18, SIGSTOP = 19, SIGTSTP = 20, SIGTTIN = 21, SIGTTOU = 22;
  public static final int SIGURG = 23, SIGXCPU = 24, SIGXFSZ = 25, SIGVTALRM = 26, SIGPROF = 27;
  public static final int SIGWINCH = 28, SIGIO = 29, SIGPWR = 30, SIGSYS = 31;
  public static final int SIGRTMIN = 32, SIGRTMAX = 64;
  /** _NSIG: signals are 1..64. */
  public static final int NSIG = 64;

  /** sa_handler values. */
  public static final long SIG_DFL = 0, SIG_IGN = 1;

  public enum Default { TERMINATE, CORE, IGNORE, STOP, CONTINUE }

  private static final String[] NAMES = {
    null, "SIGHUP", "SIGINT", "SIGQUIT", "SIGILL", "SIGTRAP", "SIGABRT", "SIGBUS", "SIGFPE", "SIGKILL",
    "SIGUSR1", "SIGSEGV", "SIGUSR2", "SIGPIPE", "SIGALRM", "SIGTERM", "SIGSTKFLT", "SIGCHLD", "SIGCONT",
    "SIGSTOP", "SIGTSTP", "SIGTTIN", "SIGTTOU", "SIGURG", "SIGXCPU", "SIGXFSZ", "SIGVTALRM", "SIGPROF",
    "SIGWINCH", "SIGIO", "SIGPWR", "SIGSYS",
  };

  /** The signal's name (SIGSEGV, SIGRTMIN+3, …). */
  public static String name(int sig) {
    if (sig > 0 && sig < NAMES.length) return NAMES[sig];
    if (sig >= SIGRTMIN && sig <= SIGRTMAX) return "SIGRTMIN+" + (sig - SIGRTMIN);
    return "SIG" + sig;
  }

  /** The bit for sig in a sigset_t (bit sig-1). */
  public static long bit(int sig) {
    return 1L << (sig - 1);
  }

  /** SIGKILL and SIGSTOP can be neither caught, blocked nor ignored. */
  public static final long UNBLOCKABLE = bit(SIGKILL) | bit(SIGSTOP);

  public static boolean valid(long sig) {
    return sig >= 1 && sig <= NSIG;
  }

  /** The default action for sig, per signal(7); real-time signals terminate. */
  public static Default defaultAction(int sig) {
    switch (sig) {
      case SIGCHLD, SIGURG, SIGWINCH:
        return Default.IGNORE;
      case SIGSTOP, SIGTSTP, SIGTTIN, SIGTTOU:
        return Default.STOP;
      case SIGCONT:
        return Default.CONTINUE;
      case SIGQUIT, SIGILL, SIGTRAP, SIGABRT, SIGBUS, SIGFPE, SIGSEGV, SIGXCPU, SIGXFSZ, SIGSYS:
        return Default.CORE;
      default:
        return Default.TERMINATE;
    }
  }
}
