package blink.linux;

import blink.linux.signal.Signal;

/**
 * Waiting for a child's change of state (kernel/exit.c do_wait()): which children
 * a wait may see, collecting a zombie, and reports of stops and continues.
 */
public final class Waits {
  private Waits() {}

  // wait options (include/uapi/linux/wait.h).
  public static final int WNOHANG = 1, WSTOPPED = 2, WEXITED = 4, WCONTINUED = 8, WNOWAIT = 0x01000000;
  public static final int WNOTHREAD = 0x20000000, WALL = 0x40000000, WCLONE = 0x80000000;

  /** Which children: P_ALL (any), P_PID (that pid), P_PGID (that process group). */
  public enum Which { ALL, PID, PGID }

  /** The stop report waiting for a stopped child: the signal in bits 8-15, 0x7f below. */
  public static final int CONTINUED_STATUS = 0xffff;

  /**
   * A child's state change as wait reports it.
   *
   * @param pid the child
   * @param status the wait(2) status word
   * @param userNanos the child's user CPU time (its threads and its reaped children)
   * @param systemNanos the same for system time
   */
  public record Event(int pid, int status, long userNanos, long systemNanos) {
    public boolean exited() {
      return (status & 0x7f) == 0;
    }

    public boolean killed() {
      return ((status & 0x7f) + 1) >> 1 > 0 && (status & 0xff) != 0x7f;
    }

    public boolean stopped() {
      return (status & 0xff) == 0x7f;
    }

    public boolean continued() {
      return status == CONTINUED_STATUS;
    }
  }

  /**
   * Waits until a child selected by which/id has a state change the options ask
   * for (WEXITED, WSTOPPED, WCONTINUED), and returns it — reaping a zombie
   * unless WNOWAIT. Returns null with WNOHANG when none has one yet. ECHILD when
   * no child matches; EINTR when a signal arrives or the caller must stop.
   */
  public static Event await(Task t, Which which, int id, int options) {
    GuestProcess self = t.process;
    synchronized (ProcessTable.LOCK) {
      while (true) {
        boolean any = false;
        for (GuestProcess c : self.children) {
          if (!selected(self, c, which, id, options)) continue;
          any = true;
          if (c.zombie && (options & WEXITED) != 0) {
            Event e = event(c, c.waitStatus());
            if ((options & WNOWAIT) == 0) reap(t.kernel(), self, c);
            return e;
          }
          if (c.stopReport != 0 && !c.zombie) {
            boolean stop = c.stopReport != CONTINUED_STATUS;
            if ((stop && (options & WSTOPPED) != 0) || (!stop && (options & WCONTINUED) != 0)) {
              Event e = event(c, c.stopReport);
              if ((options & WNOWAIT) == 0) c.stopReport = 0;
              return e;
            }
          }
        }
        if (!any) throw new LinuxError(Errno.ECHILD);
        if ((options & WNOHANG) != 0) return null;
        if (blink.linux.sys.Signals.interrupted(t)) throw new LinuxError(blink.linux.sys.Signals.ERESTARTSYS);
        try {
          ProcessTable.LOCK.wait(20);
        } catch (InterruptedException e) {
          throw new LinuxError(Errno.EINTR);
        }
      }
    }
  }

  /**
   * Whether a wait may see child c: by pid or group, and by kind — a "clone"
   * child (one that sends its parent something other than SIGCHLD) only with
   * __WCLONE, others only without it, both with __WALL.
   */
  private static boolean selected(GuestProcess self, GuestProcess c, Which which, int id, int options) {
    boolean match = switch (which) {
      case ALL -> true;
      case PID -> c.pid() == id;
      case PGID -> c.pgid == id;
    };
    if (!match) return false;
    if ((options & WALL) != 0) return true;
    boolean cloneChild = c.exitSignal != Signal.SIGCHLD;
    return cloneChild == ((options & WCLONE) != 0);
  }

  private static Event event(GuestProcess c, int status) {
    long total = c.deadThreadsNanos + c.reapedChildrenNanos;
    long user = c.deadThreadsUserNanos + c.reapedChildrenUserNanos;
    return new Event(c.pid(), status, user, Math.max(0, total - user));
  }

  /** A collected zombie is forgotten; its CPU time counts towards the parent's children's. */
  private static void reap(LinuxKernel kernel, GuestProcess parent, GuestProcess c) {
    parent.children.remove(c);
    kernel.processes.remove(c);
    parent.reapedChildrenNanos += c.deadThreadsNanos + c.reapedChildrenNanos;
    parent.reapedChildrenUserNanos += c.deadThreadsUserNanos + c.reapedChildrenUserNanos;
  }

  /** CPU time of the process's reaped children: {user, system} nanoseconds (RUSAGE_CHILDREN, times(2)). */
  public static long[] childrenTimes(GuestProcess p) {
    synchronized (ProcessTable.LOCK) {
      long total = p.reapedChildrenNanos, user = p.reapedChildrenUserNanos;
      return new long[] {user, Math.max(0, total - user)};
    }
  }
}
