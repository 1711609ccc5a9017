package blink.linux.sys;

import blink.linux.Errno;
import blink.linux.LinuxError;
import blink.linux.Rlimits;
import blink.linux.Syscall;
import blink.linux.SyscallTable;
import blink.linux.Sysno;
import blink.linux.Task;
import blink.linux.abi.Struct;
import blink.linux.host.Host;

/** Resource limits: getrlimit, setrlimit, prlimit64 (struct rlimit: two u64, RLIM_INFINITY = ~0). */
public final class Limits implements Syscall {
  private Limits() {}

  private static final Limits INSTANCE = new Limits();

  public static void register(SyscallTable t) {
    t.add(INSTANCE, Sysno.GETRLIMIT, Sysno.SETRLIMIT, Sysno.PRLIMIT64);
  }

  @Override
  public long call(Task t, int nr, long a0, long a1, long a2, long a3, long a4, long a5) {
    return switch (nr) {
      case Sysno.GETRLIMIT -> prlimit(t, 0, a0, 0, a1);
      case Sysno.SETRLIMIT -> prlimit(t, 0, a0, a1, 0);
      case Sysno.PRLIMIT64 -> prlimit(t, a0, a1, a2, a3);
      default -> throw new IllegalArgumentException("not a Limits syscall: " + nr);
    };
  }

  private static long prlimit(Task t, long pid, long resource, long newAddr, long oldAddr) {
    int who = (int) pid;
    if (who != 0 && who != t.process.pid() && who != t.tid()) throw new LinuxError(Errno.ESRCH);
    // The new limit is read before anything is checked (kernel/sys.c prlimit64).
    Struct next = newAddr != 0 ? Struct.read(t.mmu(), newAddr, 16) : null;
    int res = (int) resource;
    if (res < 0 || res >= Rlimits.RLIM_NLIMITS) throw new LinuxError(Errno.EINVAL);
    Rlimits limits = t.process.rlimits;
    long[] old = limits.get(res, t.scratch);
    if (next != null) {
      long soft = next.get64(0), hard = next.get64(8);
      if (Long.compareUnsigned(soft, hard) > 0) throw new LinuxError(Errno.EINVAL);
      // Raising the hard limit needs CAP_SYS_RESOURCE; RLIMIT_NOFILE is capped by fs.nr_open.
      boolean root = Host.libc().geteuid() == 0;
      if (Long.compareUnsigned(hard, old[1]) > 0 && !root) throw new LinuxError(Errno.EPERM);
      if (res == Rlimits.RLIMIT_NOFILE && Long.compareUnsigned(hard, Rlimits.NR_OPEN) > 0) {
        throw new LinuxError(Errno.EPERM);
      }
      limits.set(res, soft, hard);
    }
    if (oldAddr != 0) Struct.of(16).put64(0, old[0]).put64(8, old[1]).write(t.mmu(), oldAddr);
    return 0;
  }
}
