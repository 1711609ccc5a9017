package blink.linux.host;

import blink.linux.LinuxError;
import jnr.ffi.LibraryLoader;

/**
 * The one place the host C library is bound. Binding costs 100-300 ms (loading
 * jffi's native stub, then generating the interface's implementation), so it
 * happens once, lazily, and normally on a background thread started by
 * {@link #preload()}; the first syscall that needs the host waits for it if it
 * is not done. Call preload() as early as possible.
 */
public final class Host {
  private Host() {}

  static {
    // jnr-ffi's x86 assembly fast path passes a garbage sixth integer argument
    // (jnr-ffi #181); force the generic invoker unless the user chose otherwise.
    if (System.getProperty("jnr.ffi.x86asm.enabled") == null) {
      System.setProperty("jnr.ffi.x86asm.enabled", "false");
    }
  }

  private static volatile Libc libc;
  private static jnr.ffi.Runtime runtime;
  private static volatile long bindNanos = -1;
  private static volatile Thread loader;

  /** Starts binding the host library on a daemon thread, if nobody has yet. */
  public static void preload() {
    if (libc != null || loader != null) return;
    synchronized (Host.class) {
      if (libc != null || loader != null) return;
      loader = Thread.ofPlatform().name("blink-host-bind").daemon().start(() -> {
        try {
          libc();
          HostErrno.table();
        } catch (Throwable t) {
          // Not logged here: the guest may be exiting; libc() fails again, visibly,
          // in the syscall that needs it.
        }
      });
    }
  }

  /** The bound host C library, binding it now if needed. */
  public static Libc libc() {
    Libc l = libc;
    if (l != null) return l;
    return bind();
  }

  private static synchronized Libc bind() {
    if (libc == null) {
      long t0 = System.nanoTime();
      // Symbols resolve lazily: a function an old host libc lacks fails only the
      // syscalls that use it (UnsatisfiedLinkError, which the kernel turns into ENOSYS).
      Libc l = LibraryLoader.create(Libc.class).load("c");
      runtime = jnr.ffi.Runtime.getRuntime(l);
      bindNanos = System.nanoTime() - t0;
      libc = l;
    }
    return libc;
  }

  /** How long binding the host library took, in nanoseconds, or -1 if not bound yet. */
  public static long bindNanos() {
    return bindNanos;
  }

  /** The host errno saved after this thread's last call through {@link Libc}. */
  public static int errno() {
    return runtime.getLastError();
  }

  /** Zeroes this thread's saved errno, for calls whose -1 can be a valid result (getpriority). */
  public static void clearErrno() {
    runtime.setLastError(0);
  }

  /** Returns rc, or throws the Linux translation of errno if rc is -1. */
  public static long check(long rc) {
    if (rc == -1) throw new LinuxError(HostErrno.toLinux(errno()));
    return rc;
  }

  /** Returns rc, or throws the Linux translation of errno if rc is -1. */
  public static int check(int rc) {
    if (rc == -1) throw new LinuxError(HostErrno.toLinux(errno()));
    return rc;
  }
}
