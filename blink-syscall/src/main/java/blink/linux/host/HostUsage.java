package blink.linux.host;

import blink.memory.HostMemory;

/**
 * The emulator process's resource usage and clock ticks, from the host's
 * getrusage(2), times(2) and sysconf(3). Host layouts here are glibc x86-64:
 * struct rusage is two timevals then fourteen longs (ru_maxrss .. ru_nivcsw).
 */
public final class HostUsage {
  private HostUsage() {}

  private static final int HOST_RUSAGE_SELF = 0, HOST_RUSAGE_SIZE = 144, HOST_RUSAGE_COUNTERS = 32;
  private static final int HOST_SC_CLK_TCK = 2, HOST_TMS_SIZE = 32;

  /** ru_maxrss, ru_ixrss, … ru_nivcsw of the emulator process, in struct rusage order. */
  public static long[] counters(Scratch s) {
    long ru = s.calloc(HOST_RUSAGE_SIZE);
    Host.check(Host.libc().getrusage(HOST_RUSAGE_SELF, ru));
    long[] c = new long[14];
    for (int i = 0; i < c.length; i++) c[i] = HostMemory.get64(ru + HOST_RUSAGE_COUNTERS + 8L * i);
    return c;
  }

  /** times(2)'s result: real time since an arbitrary point in the past, in units of 1/hz s. */
  public static long elapsedTicks(Scratch s, long hz) {
    long ticks = Host.check(Host.libc().times(s.alloc(HOST_TMS_SIZE)));
    long hostHz = Host.check(Host.libc().sysconf(HOST_SC_CLK_TCK));
    return hostHz == hz ? ticks : ticks * hz / hostHz;
  }
}
