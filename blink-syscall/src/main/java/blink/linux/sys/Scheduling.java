package blink.linux.sys;

import blink.linux.Errno;
import blink.linux.LinuxError;
import blink.linux.Syscall;
import blink.linux.SyscallTable;
import blink.linux.Sysno;
import blink.linux.Task;
import blink.linux.abi.Struct;
import blink.linux.host.Host;
import blink.memory.HostMemory;

/**
 * Nice values and scheduling policies: getpriority, setpriority and the sched_*
 * calls (sched(7)). Each guest thread runs on its own host thread, so a call
 * about the calling thread (pid 0, or its own tid) becomes the host call with
 * pid 0 on the same thread; other threads and processes are ESRCH for now.
 * sched_setaffinity accepts any mask that names a CPU the emulator may use
 * (sched_getaffinity, in {@link Threads}, reports those CPUs).
 */
public final class Scheduling implements Syscall {
  private Scheduling() {}

  /** getpriority(2) "which" values. */
  static final int PRIO_PROCESS = 0, PRIO_PGRP = 1, PRIO_USER = 2;

  private static final Scheduling INSTANCE = new Scheduling();

  public static void register(SyscallTable t) {
    t.add(INSTANCE, Sysno.GETPRIORITY, Sysno.SETPRIORITY, Sysno.SCHED_GETSCHEDULER, Sysno.SCHED_SETSCHEDULER,
        Sysno.SCHED_GETPARAM, Sysno.SCHED_SETPARAM, Sysno.SCHED_GET_PRIORITY_MAX, Sysno.SCHED_GET_PRIORITY_MIN,
        Sysno.SCHED_RR_GET_INTERVAL, Sysno.SCHED_SETAFFINITY);
  }

  @Override
  public long call(Task t, int nr, long a0, long a1, long a2, long a3, long a4, long a5) {
    var libc = Host.libc();
    return switch (nr) {
      case Sysno.GETPRIORITY -> getpriority(t, (int) a0, (int) a1);
      case Sysno.SETPRIORITY -> Host.check(libc.setpriority((int) a0, who(t, (int) a0, (int) a1), (int) a2));
      case Sysno.SCHED_GETSCHEDULER -> Host.check(libc.sched_getscheduler(self(t, a0)));
      case Sysno.SCHED_SETSCHEDULER -> withParam(t, a2, p -> libc.sched_setscheduler(self(t, a0), (int) a1, p));
      case Sysno.SCHED_GETPARAM -> getparam(t, a0, a1);
      case Sysno.SCHED_SETPARAM -> withParam(t, a1, p -> libc.sched_setparam(self(t, a0), p));
      case Sysno.SCHED_GET_PRIORITY_MAX -> Host.check(libc.sched_get_priority_max((int) a0));
      case Sysno.SCHED_GET_PRIORITY_MIN -> Host.check(libc.sched_get_priority_min((int) a0));
      case Sysno.SCHED_RR_GET_INTERVAL -> rrInterval(t, a0, a1);
      case Sysno.SCHED_SETAFFINITY -> setaffinity(t, a0, a1, a2);
      default -> throw new IllegalArgumentException("not a Scheduling syscall: " + nr);
    };
  }

  /**
   * The raw getpriority syscall returns 20 - nice (1..40), so that no success
   * looks like an error; the C library turns it back into the nice value.
   */
  private static long getpriority(Task t, int which, int who) {
    int w = who(t, which, who);
    Host.clearErrno();
    int nice = Host.libc().getpriority(which, w);
    if (nice == -1 && Host.errno() != 0) Host.check(-1);
    return 20 - nice;
  }

  /** The host "who" for which: PRIO_PROCESS may only name this thread or process; groups and users pass. */
  private static int who(Task t, int which, int who) {
    if (which < PRIO_PROCESS || which > PRIO_USER) throw new LinuxError(Errno.EINVAL);
    return which == PRIO_PROCESS ? self(t, who) : who;
  }

  /** A pid that may only be 0, this thread's tid or the process's pid; the host's 0 (the calling thread). */
  private static int self(Task t, long pid) {
    int p = (int) pid;
    if (p < 0) throw new LinuxError(Errno.EINVAL);
    if (p != 0 && p != t.tid() && p != t.process.pid()) throw new LinuxError(Errno.ESRCH);
    return 0;
  }

  private interface ParamCall {
    int call(long hostParam);
  }

  /** struct sched_param is one int, sched_priority; a NULL pointer is EINVAL (kernel/sched/syscalls.c). */
  private static long withParam(Task t, long paramAddr, ParamCall call) {
    if (paramAddr == 0) throw new LinuxError(Errno.EINVAL);
    int priority = Struct.read(t.mmu(), paramAddr, 4).get32(0);
    long p = t.scratch.alloc(4);
    HostMemory.put32(p, priority);
    return Host.check(call.call(p));
  }

  private static long getparam(Task t, long pid, long paramAddr) {
    if (paramAddr == 0) throw new LinuxError(Errno.EINVAL);
    int who = self(t, pid);
    long p = t.scratch.alloc(4);
    Host.check(Host.libc().sched_getparam(who, p));
    Struct.of(4).put32(0, HostMemory.get32(p)).write(t.mmu(), paramAddr);
    return 0;
  }

  /** sched_rr_get_interval(2): a struct timespec {i64 tv_sec; i64 tv_nsec}, copied field by field. */
  private static long rrInterval(Task t, long pid, long tp) {
    int who = self(t, pid);
    long ts = t.scratch.alloc(16);
    Host.check(Host.libc().sched_rr_get_interval(who, ts));
    Struct.of(16).put64(0, HostMemory.get64(ts)).put64(8, HostMemory.get64(ts + 8)).write(t.mmu(), tp);
    return 0;
  }

  /** sched_setaffinity(2): EINVAL unless the mask includes a CPU the emulator may run on. */
  private static long setaffinity(Task t, long pid, long lenArg, long mask) {
    self(t, pid);
    int cpus = Runtime.getRuntime().availableProcessors();
    int len = (int) Math.min(lenArg & 0xffffffffL, (cpus + 7) / 8);
    byte[] bits = t.mmu().readBytes(mask, len);
    for (int i = 0; i < cpus && i / 8 < len; i++) {
      if ((bits[i / 8] & (1 << (i % 8))) != 0) return 0;
    }
    throw new LinuxError(Errno.EINVAL);
  }
}
