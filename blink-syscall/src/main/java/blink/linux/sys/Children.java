package blink.linux.sys;

import blink.linux.Errno;
import blink.linux.LinuxError;
import blink.linux.Syscall;
import blink.linux.SyscallTable;
import blink.linux.Sysno;
import blink.linux.Task;
import blink.linux.Waits;
import blink.linux.abi.LinuxRusage;
import blink.linux.abi.LinuxTime;
import blink.linux.abi.Struct;
import blink.linux.host.Host;
import blink.linux.signal.Signal;

/**
 * Waiting for child processes: wait4 and waitid, on {@link Waits}; the results
 * are written as Linux x86-64 lays out the status word, struct rusage and
 * siginfo_t.
 */
public final class Children implements Syscall {
  private Children() {}

  // wait4(2) options (include/uapi/linux/wait.h).
  static final int WNOHANG = 1, WUNTRACED = 2, WSTOPPED = 2, WEXITED = 4, WCONTINUED = 8, WNOWAIT = 0x01000000;
  static final int WNOTHREAD = 0x20000000, WALL = 0x40000000, WCLONE = 0x80000000;
  // waitid(2) id types.
  static final int P_ALL = 0, P_PID = 1, P_PGID = 2, P_PIDFD = 3;
  // siginfo_t si_code values for SIGCHLD (include/uapi/asm-generic/siginfo.h).
  static final int CLD_EXITED = 1, CLD_KILLED = 2, CLD_DUMPED = 3, CLD_STOPPED = 5, CLD_CONTINUED = 6;
  /** sizeof(siginfo_t). */
  static final int SIGINFO_SIZE = 128;

  private static final Children INSTANCE = new Children();

  public static void register(SyscallTable t) {
    t.add(INSTANCE, Sysno.WAIT4, Sysno.WAITID);
  }

  @Override
  public long call(Task t, int nr, long a0, long a1, long a2, long a3, long a4, long a5) {
    return switch (nr) {
      case Sysno.WAIT4 -> wait4(t, (int) a0, a1, (int) a2, a3);
      case Sysno.WAITID -> waitid(t, (int) a0, (int) a1, a2, (int) a3, a4);
      default -> throw new IllegalArgumentException("not a Children syscall: " + nr);
    };
  }

  /** kernel/exit.c kernel_wait4: unknown option bits are EINVAL; exits are always reported. */
  private static long wait4(Task t, int pid, long statusAddr, int options, long rusage) {
    if ((options & ~(WNOHANG | WUNTRACED | WCONTINUED | WNOTHREAD | WCLONE | WALL)) != 0) {
      throw new LinuxError(Errno.EINVAL);
    }
    if (pid == Integer.MIN_VALUE) throw new LinuxError(Errno.ESRCH); // -INT_MIN has no process group
    Waits.Which which;
    int id = pid;
    if (pid > 0) {
      which = Waits.Which.PID;
    } else if (pid == -1) {
      which = Waits.Which.ALL;
    } else {
      which = Waits.Which.PGID;
      id = pid == 0 ? t.kernel().pgid(t.process) : -pid;
    }
    Waits.Event e = Waits.await(t, which, id, options | WEXITED);
    if (e == null) return 0;
    if (statusAddr != 0) t.mmu().write32(statusAddr, e.status());
    if (rusage != 0) writeRusage(t, rusage, e);
    return e.pid();
  }

  /** kernel/exit.c kernel_waitid: the options must ask for some state change, and idtype must be known. */
  private static long waitid(Task t, int idtype, int id, long infop, int options, long rusage) {
    if ((options & ~(WNOHANG | WNOWAIT | WEXITED | WSTOPPED | WCONTINUED | WNOTHREAD | WCLONE | WALL)) != 0
        || (options & (WEXITED | WSTOPPED | WCONTINUED)) == 0) {
      throw new LinuxError(Errno.EINVAL);
    }
    Waits.Which which = switch (idtype) {
      case P_ALL -> Waits.Which.ALL;
      case P_PID -> {
        if (id <= 0) throw new LinuxError(Errno.EINVAL);
        yield Waits.Which.PID;
      }
      case P_PGID -> {
        if (id < 0) throw new LinuxError(Errno.EINVAL);
        yield Waits.Which.PGID;
      }
      case P_PIDFD -> throw new LinuxError(id < 0 ? Errno.EINVAL : Errno.EBADF); // no pidfds exist
      default -> throw new LinuxError(Errno.EINVAL);
    };
    if (which == Waits.Which.PGID && id == 0) id = t.kernel().pgid(t.process);
    Waits.Event e = Waits.await(t, which, id, options);
    if (infop != 0) {
      Struct si = Struct.of(SIGINFO_SIZE);
      if (e != null) {
        int code, status;
        if (e.exited()) {
          code = CLD_EXITED;
          status = (e.status() >> 8) & 0xff;
        } else if (e.stopped()) {
          code = CLD_STOPPED;
          status = (e.status() >> 8) & 0xff;
        } else if (e.continued()) {
          code = CLD_CONTINUED;
          status = Signal.SIGCONT;
        } else {
          code = (e.status() & 0x80) != 0 ? CLD_DUMPED : CLD_KILLED;
          status = e.status() & 0x7f;
        }
        si.put32(0, Signal.SIGCHLD).put32(8, code).put32(16, e.pid()).put32(20, Host.libc().getuid())
            .put32(24, status)
            .put64(32, e.userNanos() / (1_000_000_000L / LinuxTime.USER_HZ))
            .put64(40, e.systemNanos() / (1_000_000_000L / LinuxTime.USER_HZ));
      }
      si.write(t.mmu(), infop);
    }
    if (rusage != 0 && e != null) writeRusage(t, rusage, e);
    return 0;
  }

  private static void writeRusage(Task t, long addr, Waits.Event e) {
    Struct ru = Struct.of(LinuxRusage.SIZE);
    LinuxTime.putTimeval(ru, LinuxRusage.UTIME, e.userNanos());
    LinuxTime.putTimeval(ru, LinuxRusage.STIME, e.systemNanos());
    ru.write(t.mmu(), addr);
  }
}
