package blink.linux.sys;

import blink.linux.Errno;
import blink.linux.LinuxError;
import blink.linux.Syscall;
import blink.linux.SyscallTable;
import blink.linux.Sysno;
import blink.linux.Task;
import blink.linux.fs.OpenFile;
import blink.linux.host.HostEvents;

/**
 * eventfd(2) and eventfd2(2). The counter is a host eventfd, so read, write,
 * poll and epoll on it are the host kernel's, through the ordinary file paths.
 */
public final class EventFd implements Syscall {
  private EventFd() {}

  /** EFD_SEMAPHORE, and EFD_CLOEXEC and EFD_NONBLOCK, which are O_CLOEXEC and O_NONBLOCK. */
  static final int EFD_SEMAPHORE = 1, EFD_NONBLOCK = 04000, EFD_CLOEXEC = 02000000;

  private static final EventFd INSTANCE = new EventFd();

  public static void register(SyscallTable t) {
    t.add(INSTANCE, Sysno.EVENTFD, Sysno.EVENTFD2);
  }

  @Override
  public long call(Task t, int nr, long a0, long a1, long a2, long a3, long a4, long a5) {
    return switch (nr) {
      case Sysno.EVENTFD -> eventfd2(t, a0, 0);
      case Sysno.EVENTFD2 -> eventfd2(t, a0, a1);
      default -> throw new IllegalArgumentException("not an EventFd syscall: " + nr);
    };
  }

  private static long eventfd2(Task t, long initval, long flagsArg) {
    int flags = (int) flagsArg;
    if ((flags & ~(EFD_SEMAPHORE | EFD_NONBLOCK | EFD_CLOEXEC)) != 0) throw new LinuxError(Errno.EINVAL);
    int hostFd = HostEvents.eventfd((int) initval, (flags & EFD_SEMAPHORE) != 0, (flags & EFD_NONBLOCK) != 0);
    OpenFile f = new OpenFile(hostFd, true, "anon_inode:[eventfd]");
    return Descriptors.install(t, f, (flags & EFD_CLOEXEC) != 0, 0);
  }
}
