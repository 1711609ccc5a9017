package blink.linux;

import blink.linux.host.Host;
import blink.linux.host.HostFlags;
import blink.linux.host.HostLayout;
import blink.linux.host.Scratch;
import blink.memory.HostMemory;

/**
 * A process's resource limits (getrlimit(2)). They start as the host's and are
 * then the guest's own: lowering one must not constrain the JVM.
 */
public final class Rlimits {
  public static final int RLIMIT_CPU = 0, RLIMIT_FSIZE = 1, RLIMIT_DATA = 2, RLIMIT_STACK = 3;
  public static final int RLIMIT_CORE = 4, RLIMIT_RSS = 5, RLIMIT_NPROC = 6, RLIMIT_NOFILE = 7;
  public static final int RLIMIT_MEMLOCK = 8, RLIMIT_AS = 9, RLIMIT_LOCKS = 10, RLIMIT_SIGPENDING = 11;
  public static final int RLIMIT_MSGQUEUE = 12, RLIMIT_NICE = 13, RLIMIT_RTPRIO = 14, RLIMIT_RTTIME = 15;
  public static final int RLIM_NLIMITS = 16;
  public static final long RLIM_INFINITY = -1L;
  /** fs.nr_open's default: the ceiling for RLIMIT_NOFILE (fs/file.c sysctl_nr_open). */
  public static final long NR_OPEN = 1024 * 1024;

  private long[] cur;
  private long[] max;

  /** A copy, for a child process (fork(2): the child inherits the limits). */
  public synchronized Rlimits copy() {
    Rlimits r = new Rlimits();
    if (cur != null) {
      r.cur = cur.clone();
      r.max = max.clone();
    }
    return r;
  }

  /** The soft limit of a resource. */
  public synchronized long soft(int resource, Scratch scratch) {
    load(scratch);
    return cur[resource];
  }

  /** {soft, hard} of a resource. */
  public synchronized long[] get(int resource, Scratch scratch) {
    load(scratch);
    return new long[] {cur[resource], max[resource]};
  }

  public synchronized void set(int resource, long soft, long hard) {
    cur[resource] = soft;
    max[resource] = hard;
  }

  private void load(Scratch scratch) {
    if (cur != null) return;
    long[] c = new long[RLIM_NLIMITS], m = new long[RLIM_NLIMITS];
    long buf = scratch.alloc(HostLayout.RLIMIT_SIZE);
    for (int r = 0; r < RLIM_NLIMITS; r++) {
      c[r] = m[r] = RLIM_INFINITY;
      int host = HostFlags.rlimitToHost(r);
      if (host >= 0 && Host.libc().getrlimit(host, buf) == 0) {
        c[r] = HostMemory.get64(buf);
        m[r] = HostMemory.get64(buf + 8);
      }
    }
    cur = c;
    max = m;
  }
}
