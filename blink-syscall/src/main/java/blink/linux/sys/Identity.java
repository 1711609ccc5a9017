package blink.linux.sys;

import blink.linux.Errno;
import blink.linux.LinuxError;
import blink.linux.Syscall;
import blink.linux.SyscallTable;
import blink.linux.Sysno;
import blink.linux.Task;
import blink.linux.UserMemory;
import blink.linux.host.Host;

/**
 * Who the process is: pids, process group, session, user and group ids, umask
 * (changing credentials is {@link Credentials}).
 * Credentials are the host's (the guest runs as the user who started it); the
 * pid is the JVM's until guest processes get virtual pids.
 */
public final class Identity implements Syscall {
  private Identity() {}

  private static final Identity INSTANCE = new Identity();

  public static void register(SyscallTable t) {
    t.add(INSTANCE, Sysno.GETUID, Sysno.GETEUID, Sysno.GETGID, Sysno.GETEGID, Sysno.UMASK, Sysno.GETGROUPS);
  }

  @Override
  public long call(Task t, int nr, long a0, long a1, long a2, long a3, long a4, long a5) {
    return switch (nr) {
      case Sysno.GETUID -> Host.libc().getuid() & 0xffffffffL;
      case Sysno.GETEUID -> Host.libc().geteuid() & 0xffffffffL;
      case Sysno.GETGID -> Host.libc().getgid() & 0xffffffffL;
      case Sysno.GETEGID -> Host.libc().getegid() & 0xffffffffL;
      case Sysno.UMASK -> t.process.umask((int) a0);
      case Sysno.GETGROUPS -> getgroups(t, a0, a1);
      default -> throw new IllegalArgumentException("not a Identity syscall: " + nr);
    };
  }

  /** getgroups(2): size 0 asks for the count; a smaller non-zero size than needed is EINVAL. */
  private static long getgroups(Task t, long sizeArg, long list) {
    int size = (int) sizeArg;
    if (size < 0) throw new LinuxError(Errno.EINVAL);
    int n = Host.check(Host.libc().getgroups(0, 0));
    if (size == 0) return n;
    if (size < n) throw new LinuxError(Errno.EINVAL);
    long buf = t.scratch.alloc(4L * Math.max(n, 1));
    n = Host.check(Host.libc().getgroups(n, buf));
    // gid_t is a u32 on both sides.
    UserMemory.copyOut(t.mmu(), buf, list, 4L * n);
    return n;
  }
}
