package blink.linux.sys;

import blink.linux.Errno;
import blink.linux.LinuxError;
import blink.linux.Syscall;
import blink.linux.SyscallTable;
import blink.linux.Sysno;
import blink.linux.Task;
import blink.linux.signal.Signal;

/**
 * prctl(2): the process and thread attributes programs commonly set or ask
 * for (name, dumpable, parent-death signal, no_new_privs, ...), recorded. Other
 * options are EINVAL, as on a kernel without them.
 */
public final class Prctl implements Syscall {
  private Prctl() {}

  static final int PR_SET_PDEATHSIG = 1, PR_GET_PDEATHSIG = 2, PR_GET_DUMPABLE = 3, PR_SET_DUMPABLE = 4;
  static final int PR_GET_KEEPCAPS = 7, PR_SET_KEEPCAPS = 8, PR_SET_NAME = 15, PR_GET_NAME = 16;
  static final int PR_CAPBSET_READ = 23, PR_SET_TIMERSLACK = 29, PR_GET_TIMERSLACK = 30;
  static final int PR_SET_CHILD_SUBREAPER = 36, PR_GET_CHILD_SUBREAPER = 37;
  static final int PR_SET_NO_NEW_PRIVS = 38, PR_GET_NO_NEW_PRIVS = 39;
  /** TASK_COMM_LEN: a thread name is 15 bytes and a NUL. */
  static final int TASK_COMM_LEN = 16;
  /** CAP_LAST_CAP of recent kernels (CAP_CHECKPOINT_RESTORE). */
  static final int CAP_LAST_CAP = 40;
  /** The default timer slack, 50 µs. */
  static final long TIMER_SLACK = 50_000;

  private static final Prctl INSTANCE = new Prctl();

  public static void register(SyscallTable t) {
    t.add(INSTANCE, Sysno.PRCTL);
  }

  @Override
  public long call(Task t, int nr, long option, long a2, long a3, long a4, long a5, long unused) {
    return switch ((int) option) {
      case PR_SET_PDEATHSIG -> {
        if (a2 != 0 && !Signal.valid(a2)) throw new LinuxError(Errno.EINVAL);
        t.pdeathsig = (int) a2;
        yield 0;
      }
      case PR_GET_PDEATHSIG -> {
        t.mmu().write32(a2, t.pdeathsig);
        yield 0;
      }
      case PR_GET_DUMPABLE -> t.process.dumpable;
      case PR_SET_DUMPABLE -> {
        if (a2 != 0 && a2 != 1) throw new LinuxError(Errno.EINVAL);
        t.process.dumpable = (int) a2;
        yield 0;
      }
      case PR_GET_KEEPCAPS -> 0;
      case PR_SET_KEEPCAPS -> {
        if (a2 != 0 && a2 != 1) throw new LinuxError(Errno.EINVAL);
        yield 0;
      }
      case PR_SET_NAME -> {
        byte[] name = t.mmu().readCString(a2, TASK_COMM_LEN - 1);
        t.name = name;
        yield 0;
      }
      case PR_GET_NAME -> {
        byte[] out = new byte[TASK_COMM_LEN];
        byte[] name = t.name();
        System.arraycopy(name, 0, out, 0, Math.min(name.length, TASK_COMM_LEN - 1));
        t.mmu().writeBytes(a2, out, 0, out.length);
        yield 0;
      }
      case PR_CAPBSET_READ -> {
        if (a2 < 0 || a2 > CAP_LAST_CAP) throw new LinuxError(Errno.EINVAL);
        yield 1;
      }
      case PR_GET_TIMERSLACK -> TIMER_SLACK;
      case PR_SET_TIMERSLACK -> 0;
      case PR_SET_CHILD_SUBREAPER -> {
        t.process.subreaper = a2 != 0;
        yield 0;
      }
      case PR_GET_CHILD_SUBREAPER -> {
        t.mmu().write32(a2, t.process.subreaper ? 1 : 0);
        yield 0;
      }
      case PR_SET_NO_NEW_PRIVS -> {
        // Only 1 can be set, and the unused arguments must be zero.
        if (a2 != 1 || a3 != 0 || a4 != 0 || a5 != 0) throw new LinuxError(Errno.EINVAL);
        t.process.noNewPrivs = true;
        yield 0;
      }
      case PR_GET_NO_NEW_PRIVS -> {
        if (a2 != 0 || a3 != 0 || a4 != 0 || a5 != 0) throw new LinuxError(Errno.EINVAL);
        yield t.process.noNewPrivs ? 1 : 0;
      }
      default -> {
        Unsupported.once("prctl option " + option);
        throw new LinuxError(Errno.EINVAL);
      }
    };
  }
}
