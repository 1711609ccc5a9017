package blink.linux.abi;

/**
 * struct rusage on Linux x86-64, 144 bytes: two timevals, then fourteen longs.
 * <pre>
 *   0 ru_utime  16 ru_stime  32 ru_maxrss  40 ru_ixrss  48 ru_idrss  56 ru_isrss
 *  64 ru_minflt 72 ru_majflt 80 ru_nswap   88 ru_inblock 96 ru_oublock 104 ru_msgsnd
 * 112 ru_msgrcv 120 ru_nsignals 128 ru_nvcsw 136 ru_nivcsw
 * </pre>
 */
public final class LinuxRusage {
  private LinuxRusage() {}

  public static final int SIZE = 144;
  public static final int UTIME = 0, STIME = 16, MAXRSS = 32;
  /** ru_maxrss .. ru_nivcsw: fourteen longs. */
  public static final int COUNTERS = 32, COUNTER_COUNT = 14;

  public static final int RUSAGE_SELF = 0, RUSAGE_CHILDREN = -1, RUSAGE_THREAD = 1;
}
