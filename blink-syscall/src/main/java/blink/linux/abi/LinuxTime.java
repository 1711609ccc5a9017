package blink.linux.abi;

import blink.linux.Errno;
import blink.linux.LinuxError;
import blink.memory.Mmu;

/**
 * Linux x86-64 time structures, all built from 64-bit longs:
 * <pre>
 *   struct timespec   { long tv_sec; long tv_nsec; }                 16 bytes
 *   struct timeval    { long tv_sec; long tv_usec; }                 16 bytes
 *   struct itimerspec { timespec it_interval; timespec it_value; }   32 bytes
 *   struct itimerval  { timeval  it_interval; timeval  it_value; }   32 bytes
 *   struct tms        { clock_t tms_utime, tms_stime, tms_cutime, tms_cstime; }  32 bytes
 * </pre>
 * Durations are carried as nanoseconds in a long, saturating near 292 years.
 */
public final class LinuxTime {
  private LinuxTime() {}

  public static final int TIMESPEC_SIZE = 16, TIMEVAL_SIZE = 16;
  public static final int ITIMERSPEC_SIZE = 32, ITIMERVAL_SIZE = 32;
  /** it_interval comes first, it_value second, in both itimerspec and itimerval. */
  public static final int IT_INTERVAL = 0, IT_VALUE = 16;
  public static final int TMS_SIZE = 32;
  /** USER_HZ: the unit of clock_t in times(2) and /proc on x86-64, whatever the kernel's HZ. */
  public static final long USER_HZ = 100;

  public static final long NANOS = 1_000_000_000L;
  /** Where durations saturate: far beyond any timeout, still safe to add to System.nanoTime(). */
  public static final long FOREVER = Long.MAX_VALUE / 4;

  /** sec and nsec as nanoseconds, saturating; the parts must already be valid. */
  public static long nanos(long sec, long nsec) {
    return sec >= FOREVER / NANOS ? FOREVER : sec * NANOS + nsec;
  }

  /** A timespec at off of s, in nanoseconds; EINVAL unless tv_sec >= 0 and 0 <= tv_nsec < 1e9 (timespec64_valid). */
  public static long timespec(Struct s, int off) {
    long sec = s.get64(off), nsec = s.get64(off + 8);
    if (sec < 0 || nsec < 0 || nsec >= NANOS) throw new LinuxError(Errno.EINVAL);
    return nanos(sec, nsec);
  }

  /** A timeval at off of s, in nanoseconds; EINVAL unless tv_sec >= 0 and 0 <= tv_usec < 1e6 (timeval_valid). */
  public static long timeval(Struct s, int off) {
    long sec = s.get64(off), usec = s.get64(off + 8);
    if (sec < 0 || usec < 0 || usec >= 1_000_000) throw new LinuxError(Errno.EINVAL);
    return nanos(sec, usec * 1000);
  }

  /** Reads a guest timespec in nanoseconds (EFAULT, EINVAL as {@link #timespec}). */
  public static long readTimespec(Mmu mmu, long va) {
    return timespec(Struct.read(mmu, va, TIMESPEC_SIZE), 0);
  }

  /** Reads a guest timeval in nanoseconds. */
  public static long readTimeval(Mmu mmu, long va) {
    return timeval(Struct.read(mmu, va, TIMEVAL_SIZE), 0);
  }

  /** Stores ns (>= 0) as a timespec at off. */
  public static Struct putTimespec(Struct s, int off, long ns) {
    return s.put64(off, ns / NANOS).put64(off + 8, ns % NANOS);
  }

  /** Stores ns (>= 0) as a timeval at off, truncated to microseconds as ns_to_kernel_old_timeval does. */
  public static Struct putTimeval(Struct s, int off, long ns) {
    return s.put64(off, ns / NANOS).put64(off + 8, ns % NANOS / 1000);
  }

  /** Writes ns as a timespec at va. */
  public static void writeTimespec(Mmu mmu, long va, long ns) {
    putTimespec(Struct.of(TIMESPEC_SIZE), 0, ns).write(mmu, va);
  }

  /** Nanoseconds as clock ticks of USER_HZ (truncated). */
  public static long ticks(long ns) {
    return ns / (NANOS / USER_HZ);
  }
}
