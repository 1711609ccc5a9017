package blink.linux;

/**
 * What signal delivery needs to know of, or tell, the process tree: a process's
 * parent, the stop and continue reports wait4(2) collects (WUNTRACED,
 * WCONTINUED), and a child's CPU times for SIGCHLD's siginfo.
 */
public final class ProcessReports {
  private ProcessReports() {}

  /** The parent process, or null (the first process, an orphan given to init). */
  public static GuestProcess parent(GuestProcess p) {
    synchronized (ProcessTable.LOCK) {
      return p.parent;
    }
  }

  /** Records a stop ((sig << 8) | 0x7f) or a continue ({@link Waits#CONTINUED_STATUS}) for the parent's wait. */
  public static void report(GuestProcess p, int status) {
    synchronized (ProcessTable.LOCK) {
      p.stopReport = status;
      ProcessTable.LOCK.notifyAll();
    }
  }

  /** The process's CPU time so far as {user, system} nanoseconds (its ended threads and reaped children). */
  public static long[] times(GuestProcess p) {
    synchronized (ProcessTable.LOCK) {
      long total = p.deadThreadsNanos + p.reapedChildrenNanos;
      long user = p.deadThreadsUserNanos + p.reapedChildrenUserNanos;
      return new long[] {user, Math.max(0, total - user)};
    }
  }
}
