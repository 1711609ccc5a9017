package blink.linux.sys;

import blink.linux.Errno;
import blink.linux.LinuxError;
import blink.linux.Syscall;
import blink.linux.SyscallTable;
import blink.linux.Sysno;
import blink.linux.Task;
import blink.linux.abi.Struct;
import blink.linux.signal.Signal;

/**
 * Making processes and threads — fork, vfork, clone, clone3 (the work is
 * {@link blink.linux.LinuxKernel#clone}) — and naming them: getpid, getppid,
 * process groups and sessions.
 */
public final class Processes implements Syscall {
  private Processes() {}

  // clone(2) flags (include/uapi/linux/sched.h).
  public static final long CSIGNAL = 0xff, CLONE_VM = 0x100, CLONE_FS = 0x200, CLONE_FILES = 0x400;
  public static final long CLONE_SIGHAND = 0x800, CLONE_PIDFD = 0x1000, CLONE_PTRACE = 0x2000;
  public static final long CLONE_VFORK = 0x4000, CLONE_PARENT = 0x8000, CLONE_THREAD = 0x10000;
  public static final long CLONE_NEWNS = 0x20000, CLONE_SYSVSEM = 0x40000, CLONE_SETTLS = 0x80000;
  public static final long CLONE_PARENT_SETTID = 0x100000, CLONE_CHILD_CLEARTID = 0x200000;
  public static final long CLONE_DETACHED = 0x400000, CLONE_UNTRACED = 0x800000, CLONE_CHILD_SETTID = 0x1000000;
  public static final long CLONE_NEWCGROUP = 0x2000000, CLONE_NEWUTS = 0x4000000, CLONE_NEWIPC = 0x8000000;
  public static final long CLONE_NEWUSER = 0x10000000L, CLONE_NEWPID = 0x20000000L, CLONE_NEWNET = 0x40000000L;
  public static final long CLONE_IO = 0x80000000L;
  public static final long CLONE_CLEAR_SIGHAND = 0x100000000L, CLONE_INTO_CGROUP = 0x200000000L;
  static final long NAMESPACES = CLONE_NEWNS | CLONE_NEWCGROUP | CLONE_NEWUTS | CLONE_NEWIPC | CLONE_NEWUSER
      | CLONE_NEWPID | CLONE_NEWNET;
  /** struct clone_args (clone3(2)): sizes of version 0 (64 bytes) up to what we read (88). */
  static final int CLONE_ARGS_SIZE_VER0 = 64, CLONE_ARGS_SIZE = 88;

  private static final Processes INSTANCE = new Processes();

  public static void register(SyscallTable t) {
    t.add(INSTANCE, Sysno.FORK, Sysno.VFORK, Sysno.CLONE, Sysno.CLONE3, Sysno.GETPID, Sysno.GETPPID,
        Sysno.GETPGRP, Sysno.GETPGID, Sysno.SETPGID, Sysno.GETSID, Sysno.SETSID);
  }

  @Override
  public long call(Task t, int nr, long a0, long a1, long a2, long a3, long a4, long a5) {
    return switch (nr) {
      case Sysno.FORK -> clone(t, Signal.SIGCHLD, 0, 0, 0, 0);
      case Sysno.VFORK -> clone(t, CLONE_VM | CLONE_VFORK | Signal.SIGCHLD, 0, 0, 0, 0);
      // x86-64 argument order: flags, stack, parent_tid, child_tid, tls.
      case Sysno.CLONE -> clone(t, a0, a1, a2, a3, a4);
      case Sysno.CLONE3 -> clone3(t, a0, a1);
      case Sysno.GETPID -> t.process.pid();
      case Sysno.GETPPID -> t.kernel().ppid(t.process);
      case Sysno.GETPGRP -> t.kernel().pgid(t.process);
      case Sysno.GETPGID -> t.kernel().pgid(target(t, a0));
      case Sysno.GETSID -> t.kernel().sid(target(t, a0));
      case Sysno.SETPGID -> t.kernel().setpgid(t, (int) a0, (int) a1);
      case Sysno.SETSID -> t.kernel().setsid(t);
      default -> throw new IllegalArgumentException("not a Processes syscall: " + nr);
    };
  }

  /** The process pid names (0: the caller); ESRCH if none. */
  private static blink.linux.GuestProcess target(Task t, long pid) {
    if ((int) pid == 0) return t.process;
    blink.linux.GuestProcess p = t.kernel().processes.process((int) pid);
    if (p == null || (int) pid < 0) throw new LinuxError(Errno.ESRCH);
    return p;
  }

  /** clone(2): the flag combinations kernel/fork.c copy_process() refuses, then the clone. */
  static long clone(Task t, long flags, long stack, long parentTid, long childTid, long tls) {
    flags &= 0xffffffffL;
    check(flags);
    return t.kernel().clone(t, flags, stack, parentTid, childTid, tls);
  }

  private static void check(long flags) {
    if ((flags & (CLONE_NEWNS | CLONE_FS)) == (CLONE_NEWNS | CLONE_FS)) throw new LinuxError(Errno.EINVAL);
    if ((flags & CLONE_THREAD) != 0 && (flags & CLONE_SIGHAND) == 0) throw new LinuxError(Errno.EINVAL);
    if ((flags & CLONE_SIGHAND) != 0 && (flags & CLONE_VM) == 0) throw new LinuxError(Errno.EINVAL);
    if ((flags & (CLONE_PIDFD | CLONE_DETACHED)) == (CLONE_PIDFD | CLONE_DETACHED)) {
      throw new LinuxError(Errno.EINVAL);
    }
    // Namespaces and pidfds are not emulated: refused as for a process without the privilege.
    if ((flags & NAMESPACES) != 0) throw new LinuxError(Errno.EPERM);
    if ((flags & CLONE_PIDFD) != 0) throw new LinuxError(Errno.EINVAL);
  }

  /**
   * clone3(2): struct clone_args {flags, pidfd, child_tid, parent_tid, exit_signal,
   * stack, stack_size, tls, set_tid, set_tid_size, cgroup}; the stack is given as
   * base and size.
   */
  private static long clone3(Task t, long args, long size) {
    if (size < CLONE_ARGS_SIZE_VER0 || size > 4096) throw new LinuxError(Errno.EINVAL);
    Struct a = Struct.read(t.mmu(), args, (int) Math.min(size, CLONE_ARGS_SIZE));
    // Fields past those known must be zero (copy_struct_from_user).
    for (long off = CLONE_ARGS_SIZE; off < size; off++) {
      if (t.mmu().read8(args + off) != 0) throw new LinuxError(Errno.E2BIG);
    }
    long flags = a.get64(0), exitSignal = a.get64(32), stackBase = a.get64(40), stackSize = a.get64(48);
    if ((flags & ~0x3ffffff00L) != 0 || (flags & CSIGNAL) != 0) throw new LinuxError(Errno.EINVAL);
    if (Long.compareUnsigned(exitSignal, Signal.NSIG) > 0) throw new LinuxError(Errno.EINVAL);
    // A thread or a sibling has no exit signal of its own (clone3_args_valid()).
    if ((flags & (CLONE_THREAD | CLONE_PARENT)) != 0 && exitSignal != 0) throw new LinuxError(Errno.EINVAL);
    if ((stackBase == 0) != (stackSize == 0)) throw new LinuxError(Errno.EINVAL);
    if (size >= 80 && a.get64(72) != 0) throw new LinuxError(Errno.EINVAL); // set_tid: no pid namespaces
    if ((flags & (CLONE_INTO_CGROUP | CLONE_CLEAR_SIGHAND)) != 0) throw new LinuxError(Errno.EINVAL);
    check(flags);
    long stack = stackBase == 0 ? 0 : stackBase + stackSize;
    return t.kernel().clone(t, flags | exitSignal, stack, a.get64(24), a.get64(16), a.get64(56));
  }
}
