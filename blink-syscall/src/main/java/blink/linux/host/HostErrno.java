package blink.linux.host;

import blink.linux.Errno;

/**
 * Host errno to Linux errno: the single translation table. Host numbers are
 * learned by name from jnr-constants (which knows each host platform's
 * errno.h) and matched to {@link Errno}'s Linux names, so on a Linux host the
 * table is the identity and elsewhere it is right by construction.
 */
public final class HostErrno {
  private HostErrno() {}

  private static volatile int[] table;

  /** The Linux errno for a host errno; EIO for a host value Linux has no name for. */
  public static int toLinux(int host) {
    int[] t = table();
    int linux = host >= 0 && host < t.length ? t[host] : 0;
    return linux != 0 ? linux : Errno.EIO;
  }

  static int[] table() {
    int[] t = table;
    if (t == null) table = t = build();
    return t;
  }

  private static int[] build() {
    int max = 0;
    jnr.constants.platform.Errno[] all = jnr.constants.platform.Errno.values();
    for (jnr.constants.platform.Errno e : all) {
      if (e.defined()) max = Math.max(max, e.intValue());
    }
    int[] t = new int[max + 1];
    for (jnr.constants.platform.Errno e : all) {
      if (!e.defined()) continue;
      int linux = Errno.byName(e.name());
      // EWOULDBLOCK/EAGAIN and EDEADLOCK/EDEADLK share numbers; keep the first.
      if (linux != 0 && t[e.intValue()] == 0) t[e.intValue()] = linux;
    }
    return t;
  }
}
