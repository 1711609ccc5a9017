package blink.linux.sys;

import blink.linux.Errno;
import blink.linux.LinuxError;
import blink.linux.Syscall;
import blink.linux.SyscallTable;
import blink.linux.Sysno;
import blink.linux.Task;
import blink.linux.abi.LinuxTime;
import blink.linux.abi.Struct;
import blink.linux.fs.OpenFile;
import blink.linux.host.HostEvents;

/**
 * timerfd_create(2), timerfd_settime, timerfd_gettime. The timer is a host
 * timerfd on the same clock: expirations are counted, read and polled by the
 * host kernel. Argument checks are made here in fs/timerfd.c's order; the host
 * adds EPERM for alarm clocks and EINVAL for a descriptor that is no timerfd.
 */
public final class TimerFd implements Syscall {
  private TimerFd() {}

  static final int TFD_NONBLOCK = 04000, TFD_CLOEXEC = 02000000;
  static final int TFD_TIMER_ABSTIME = 1, TFD_TIMER_CANCEL_ON_SET = 2;

  private static final TimerFd INSTANCE = new TimerFd();

  public static void register(SyscallTable t) {
    t.add(INSTANCE, Sysno.TIMERFD_CREATE, Sysno.TIMERFD_SETTIME, Sysno.TIMERFD_GETTIME);
  }

  @Override
  public long call(Task t, int nr, long a0, long a1, long a2, long a3, long a4, long a5) {
    return switch (nr) {
      case Sysno.TIMERFD_CREATE -> timerfdCreate(t, a0, a1);
      case Sysno.TIMERFD_SETTIME -> timerfdSettime(t, a0, a1, a2, a3);
      case Sysno.TIMERFD_GETTIME -> timerfdGettime(t, a0, a1);
      default -> throw new IllegalArgumentException("not a TimerFd syscall: " + nr);
    };
  }

  /** The clocks a timerfd may use (timerfd_create(2)). */
  private static boolean timerClock(int clock) {
    return clock == Time.CLOCK_REALTIME || clock == Time.CLOCK_MONOTONIC || clock == Time.CLOCK_BOOTTIME
        || clock == Time.CLOCK_REALTIME_ALARM || clock == Time.CLOCK_BOOTTIME_ALARM;
  }

  private static long timerfdCreate(Task t, long clockArg, long flagsArg) {
    int clock = (int) clockArg, flags = (int) flagsArg;
    if ((flags & ~(TFD_NONBLOCK | TFD_CLOEXEC)) != 0 || !timerClock(clock)) throw new LinuxError(Errno.EINVAL);
    OpenFile f = new OpenFile(HostEvents.timerfdCreate(clock, (flags & TFD_NONBLOCK) != 0), true,
        "anon_inode:[timerfd]");
    return Descriptors.install(t, f, (flags & TFD_CLOEXEC) != 0, 0);
  }

  private static long timerfdSettime(Task t, long fd, long flagsArg, long next, long old) {
    Struct s = Struct.read(t.mmu(), next, LinuxTime.ITIMERSPEC_SIZE);
    int flags = (int) flagsArg;
    if ((flags & ~(TFD_TIMER_ABSTIME | TFD_TIMER_CANCEL_ON_SET)) != 0) throw new LinuxError(Errno.EINVAL);
    // Validates both timespecs (itimerspec64_valid); the host gets the fields as given.
    LinuxTime.timespec(s, LinuxTime.IT_INTERVAL);
    LinuxTime.timespec(s, LinuxTime.IT_VALUE);
    int hostFd = t.process.fds.get(fd).hostFd();
    long[] in = {s.get64(0), s.get64(8), s.get64(16), s.get64(24)};
    long[] was = HostEvents.timerfdSettime(t.scratch, hostFd, (flags & TFD_TIMER_ABSTIME) != 0,
        (flags & TFD_TIMER_CANCEL_ON_SET) != 0, in);
    if (old != 0) itimerspec(was).write(t.mmu(), old);
    return 0;
  }

  private static long timerfdGettime(Task t, long fd, long cur) {
    long[] now = HostEvents.timerfdGettime(t.scratch, t.process.fds.get(fd).hostFd());
    itimerspec(now).write(t.mmu(), cur);
    return 0;
  }

  private static Struct itimerspec(long[] v) {
    Struct s = Struct.of(LinuxTime.ITIMERSPEC_SIZE);
    for (int i = 0; i < 4; i++) s.put64(8 * i, v[i]);
    return s;
  }
}
