package blink.linux.sys;

import blink.linux.Errno;
import blink.linux.LinuxError;
import blink.linux.Syscall;
import blink.linux.SyscallTable;
import blink.linux.Sysno;
import blink.linux.Task;
import blink.linux.UserMemory;
import blink.linux.abi.Struct;
import blink.linux.host.Host;
import blink.memory.HostMemory;

/**
 * Changing and reading the real, effective, saved and filesystem user and group
 * ids, and the supplementary groups (credentials(7)). The guest's credentials
 * are the emulator's own, so each call is the host's: a guest that drops root
 * drops it for the whole emulator process, as a native process would.
 * uid_t and gid_t are u32 on both sides; -1 means "unchanged" where the man
 * pages say so, and passes through as such.
 */
public final class Credentials implements Syscall {
  private Credentials() {}

  /** NGROUPS_MAX (include/uapi/linux/limits.h). */
  static final int NGROUPS_MAX = 65536;

  private static final Credentials INSTANCE = new Credentials();

  public static void register(SyscallTable t) {
    t.add(INSTANCE, Sysno.SETUID, Sysno.SETGID, Sysno.SETREUID, Sysno.SETREGID, Sysno.SETRESUID, Sysno.SETRESGID,
        Sysno.GETRESUID, Sysno.GETRESGID, Sysno.SETFSUID, Sysno.SETFSGID, Sysno.SETGROUPS);
  }

  @Override
  public long call(Task t, int nr, long a0, long a1, long a2, long a3, long a4, long a5) {
    var libc = Host.libc();
    return switch (nr) {
      case Sysno.SETUID -> Host.check(libc.setuid((int) a0));
      case Sysno.SETGID -> Host.check(libc.setgid((int) a0));
      case Sysno.SETREUID -> Host.check(libc.setreuid((int) a0, (int) a1));
      case Sysno.SETREGID -> Host.check(libc.setregid((int) a0, (int) a1));
      case Sysno.SETRESUID -> Host.check(libc.setresuid((int) a0, (int) a1, (int) a2));
      case Sysno.SETRESGID -> Host.check(libc.setresgid((int) a0, (int) a1, (int) a2));
      case Sysno.GETRESUID -> getres(t, true, a0, a1, a2);
      case Sysno.GETRESGID -> getres(t, false, a0, a1, a2);
      // setfsuid/setfsgid never fail: they return the previous id either way.
      case Sysno.SETFSUID -> libc.setfsuid((int) a0) & 0xffffffffL;
      case Sysno.SETFSGID -> libc.setfsgid((int) a0) & 0xffffffffL;
      case Sysno.SETGROUPS -> setgroups(t, a0, a1);
      default -> throw new IllegalArgumentException("not a Credentials syscall: " + nr);
    };
  }

  /** getresuid(2)/getresgid(2): all three ids are written, each to its own pointer. */
  private static long getres(Task t, boolean user, long r, long e, long s) {
    long buf = t.scratch.alloc(12);
    Host.check(user ? Host.libc().getresuid(buf, buf + 4, buf + 8) : Host.libc().getresgid(buf, buf + 4, buf + 8));
    long[] to = {r, e, s};
    for (int k = 0; k < 3; k++) Struct.of(4).put32(0, HostMemory.get32(buf + 4L * k)).write(t.mmu(), to[k]);
    return 0;
  }

  /** setgroups(2): at most NGROUPS_MAX groups, read from the guest before the host call. */
  private static long setgroups(Task t, long sizeArg, long list) {
    int size = (int) sizeArg;
    if (size < 0 || size > NGROUPS_MAX) throw new LinuxError(Errno.EINVAL);
    long buf = t.scratch.alloc(4L * Math.max(size, 1));
    UserMemory.copyIn(t.mmu(), list, buf, 4L * size);
    return Host.check(Host.libc().setgroups(size, buf));
  }
}
