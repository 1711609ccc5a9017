package blink.linux.sys;

import blink.linux.LinuxKernel;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * The controlling terminal's foreground process group, as the guest sets it
 * (TIOCSPGRP) and sees it (TIOCGPGRP). Kept in the machine rather than on the
 * host terminal, whose groups are not the guest's; signals blink gets from the
 * host (^C) go to this group. Initially the first process's group.
 */
final class Foreground {
  private Foreground() {}

  private static final Map<LinuxKernel, Integer> GROUPS = new WeakHashMap<>();

  static int get(LinuxKernel k) {
    synchronized (GROUPS) {
      Integer g = GROUPS.get(k);
      if (g != null) return g;
    }
    return k.pgid(k.process());
  }

  static void set(LinuxKernel k, int pgid) {
    synchronized (GROUPS) {
      GROUPS.put(k, pgid);
    }
  }
}
