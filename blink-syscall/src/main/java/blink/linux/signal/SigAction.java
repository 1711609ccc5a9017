package blink.linux.signal;

/**
 * One signal's disposition, as the kernel's struct sigaction holds it on x86-64:
 * handler, flags, restorer, mask.
 */
public record SigAction(long handler, long flags, long restorer, long mask) {
  public static final SigAction DEFAULT = new SigAction(Signal.SIG_DFL, 0, 0, 0);

  public static final long SA_NOCLDSTOP = 1, SA_NOCLDWAIT = 2, SA_SIGINFO = 4;
  public static final long SA_UNSUPPORTED = 0x400, SA_EXPOSE_TAGBITS = 0x800;
  public static final long SA_RESTORER = 0x04000000, SA_ONSTACK = 0x08000000, SA_RESTART = 0x10000000;
  public static final long SA_NODEFER = 0x40000000, SA_RESETHAND = 0x80000000L;

  /**
   * The flags the kernel keeps (UAPI_SA_FLAGS plus x86's SA_RESTORER); since
   * Linux 5.11 do_sigaction() clears the rest so programs can detect support.
   */
  public static final long KNOWN_FLAGS = SA_NOCLDSTOP | SA_NOCLDWAIT | SA_SIGINFO | SA_ONSTACK
      | SA_RESTART | SA_NODEFER | SA_RESETHAND | SA_EXPOSE_TAGBITS | SA_RESTORER;

  /** Whether delivering the signal would do nothing (explicitly or by default). */
  public boolean ignores(int sig) {
    return handler == Signal.SIG_IGN
        || (handler == Signal.SIG_DFL && Signal.defaultAction(sig) == Signal.Default.IGNORE);
  }
}
