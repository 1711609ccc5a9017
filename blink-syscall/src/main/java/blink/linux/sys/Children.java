package blink.linux.sys;

import blink.linux.Errno;
import blink.linux.LinuxError;
import blink.linux.Syscall;
import blink.linux.SyscallTable;
import blink.linux.Sysno;
import blink.linux.Task;

/**
 * Waiting for child processes: wait4 and waitid. A guest cannot create
 * children yet (fork and clone of processes come with process emulation), so
 * after the arguments are checked as Linux checks them the answer is ECHILD,
 * which is exactly what Linux says to a process without children.
 */
public final class Children implements Syscall {
  private Children() {}

  // wait4(2) options (include/uapi/linux/wait.h).
  static final int WNOHANG = 1, WUNTRACED = 2, WSTOPPED = 2, WEXITED = 4, WCONTINUED = 8, WNOWAIT = 0x01000000;
  static final int WNOTHREAD = 0x20000000, WALL = 0x40000000, WCLONE = 0x80000000;
  // waitid(2) id types.
  static final int P_ALL = 0, P_PID = 1, P_PGID = 2, P_PIDFD = 3;

  private static final Children INSTANCE = new Children();

  public static void register(SyscallTable t) {
    t.add(INSTANCE, Sysno.WAIT4, Sysno.WAITID);
  }

  @Override
  public long call(Task t, int nr, long a0, long a1, long a2, long a3, long a4, long a5) {
    return switch (nr) {
      case Sysno.WAIT4 -> wait4((int) a0, (int) a2);
      case Sysno.WAITID -> waitid((int) a0, (int) a1, (int) a3);
      default -> throw new IllegalArgumentException("not a Children syscall: " + nr);
    };
  }

  /** kernel/exit.c kernel_wait4: unknown option bits are EINVAL; with no children, ECHILD. */
  private static long wait4(int pid, int options) {
    if ((options & ~(WNOHANG | WUNTRACED | WCONTINUED | WNOTHREAD | WCLONE | WALL)) != 0) {
      throw new LinuxError(Errno.EINVAL);
    }
    if (pid == Integer.MIN_VALUE) throw new LinuxError(Errno.ESRCH); // -INT_MIN has no process group
    throw new LinuxError(Errno.ECHILD);
  }

  /** kernel/exit.c kernel_waitid: the options must ask for some state change, and idtype must be known. */
  private static long waitid(int idtype, int id, int options) {
    if ((options & ~(WNOHANG | WNOWAIT | WEXITED | WSTOPPED | WCONTINUED | WNOTHREAD | WCLONE | WALL)) != 0
        || (options & (WEXITED | WSTOPPED | WCONTINUED)) == 0) {
      throw new LinuxError(Errno.EINVAL);
    }
    boolean validId = switch (idtype) {
      case P_ALL -> true;
      case P_PID -> id > 0;
      case P_PGID, P_PIDFD -> id >= 0;
      default -> false;
    };
    if (!validId) throw new LinuxError(Errno.EINVAL);
    if (idtype == P_PIDFD) throw new LinuxError(Errno.EBADF); // no pidfds exist yet
    throw new LinuxError(Errno.ECHILD);
  }
}
