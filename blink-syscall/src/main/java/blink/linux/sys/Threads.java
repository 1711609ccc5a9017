package blink.linux.sys;

import blink.linux.Errno;
import blink.linux.LinuxError;
import blink.linux.Syscall;
import blink.linux.SyscallTable;
import blink.linux.Sysno;
import blink.linux.Task;
import blink.linux.UserMemory;
import blink.x86.Cpu;

/**
 * The calling thread's own state: exiting, thread pointer (arch_prctl), tid
 * address, robust futex list, rseq, CPU affinity.
 */
public final class Threads implements Syscall {
  private Threads() {}

  static final int ARCH_SET_GS = 0x1001, ARCH_SET_FS = 0x1002, ARCH_GET_FS = 0x1003, ARCH_GET_GS = 0x1004;
  static final int ARCH_GET_CPUID = 0x1011, ARCH_SET_CPUID = 0x1012;
  /** sizeof(struct robust_list_head) on x86-64. */
  static final long ROBUST_LIST_HEAD_SIZE = 24;

  private static final Threads INSTANCE = new Threads();

  public static void register(SyscallTable t) {
    t.add(INSTANCE, Sysno.EXIT, Sysno.EXIT_GROUP, Sysno.ARCH_PRCTL, Sysno.SET_TID_ADDRESS,
        Sysno.SET_ROBUST_LIST, Sysno.GET_ROBUST_LIST, Sysno.RSEQ, Sysno.GETTID,
        Sysno.SCHED_GETAFFINITY, Sysno.SCHED_YIELD, Sysno.MEMBARRIER);
  }

  @Override
  public long call(Task t, int nr, long a0, long a1, long a2, long a3, long a4, long a5) {
    return switch (nr) {
      case Sysno.EXIT -> exit(t, a0);
      case Sysno.EXIT_GROUP -> exitGroup(t, a0);
      case Sysno.ARCH_PRCTL -> archPrctl(t, a0, a1);
      case Sysno.SET_TID_ADDRESS -> setTidAddress(t, a0);
      case Sysno.SET_ROBUST_LIST -> setRobustList(t, a0, a1);
      case Sysno.GET_ROBUST_LIST -> getRobustList(t, a0, a1, a2);
      // No restartable sequences: glibc and others carry on without them.
      case Sysno.RSEQ -> -Errno.ENOSYS;
      case Sysno.GETTID -> t.tid();
      case Sysno.SCHED_GETAFFINITY -> schedGetaffinity(t, a0, a1, a2);
      case Sysno.SCHED_YIELD -> schedYield();
      case Sysno.MEMBARRIER -> membarrier(t, (int) a0, (int) a1);
      default -> throw new IllegalArgumentException("not a Threads syscall: " + nr);
    };
  }

  // membarrier(2) commands (include/uapi/linux/membarrier.h).
  static final int MEMBARRIER_CMD_QUERY = 0, MEMBARRIER_CMD_GLOBAL = 1, MEMBARRIER_CMD_GLOBAL_EXPEDITED = 2;
  static final int MEMBARRIER_CMD_REGISTER_GLOBAL_EXPEDITED = 4, MEMBARRIER_CMD_PRIVATE_EXPEDITED = 8;
  static final int MEMBARRIER_CMD_REGISTER_PRIVATE_EXPEDITED = 16;
  static final int MEMBARRIER_SUPPORTED = MEMBARRIER_CMD_GLOBAL | MEMBARRIER_CMD_GLOBAL_EXPEDITED
      | MEMBARRIER_CMD_REGISTER_GLOBAL_EXPEDITED | MEMBARRIER_CMD_PRIVATE_EXPEDITED
      | MEMBARRIER_CMD_REGISTER_PRIVATE_EXPEDITED;

  /**
   * membarrier(2): every thread of the machine (or of the process, for the private
   * commands) passes a full memory barrier before the call returns — this one by a
   * fence, the others by being made to stop at an instruction boundary, which goes
   * through volatile accesses in their run loops. PRIVATE_EXPEDITED needs the
   * process's registration first (EPERM otherwise).
   */
  private static long membarrier(Task t, int cmd, int flags) {
    if (flags != 0) throw new LinuxError(Errno.EINVAL);
    switch (cmd) {
      case MEMBARRIER_CMD_QUERY -> {
        return MEMBARRIER_SUPPORTED;
      }
      case MEMBARRIER_CMD_REGISTER_PRIVATE_EXPEDITED -> {
        t.process.membarrierPrivate = true;
        return 0;
      }
      case MEMBARRIER_CMD_REGISTER_GLOBAL_EXPEDITED -> {
        return 0;
      }
      case MEMBARRIER_CMD_PRIVATE_EXPEDITED -> {
        if (!t.process.membarrierPrivate) throw new LinuxError(Errno.EPERM);
        for (Task o : t.process.threadsSnapshot()) if (o != t) o.interrupt();
      }
      case MEMBARRIER_CMD_GLOBAL, MEMBARRIER_CMD_GLOBAL_EXPEDITED -> {
        for (blink.linux.GuestProcess p : t.kernel().processes.all()) {
          for (Task o : p.threadsSnapshot()) if (o != t) o.interrupt();
        }
      }
      default -> throw new LinuxError(Errno.EINVAL);
    }
    java.lang.invoke.VarHandle.fullFence();
    return 0;
  }

  private static long schedYield() {
    Thread.yield();
    return 0;
  }

  /** exit(2) ends the calling thread; the process ends with its last thread, with this status. */
  private static long exit(Task t, long status) {
    t.process.exitCode = (int) status & 0xff;
    t.exit();
    return 0;
  }

  /** exit_group(2): every thread ends; the parent sees the low 8 bits of status. */
  private static long exitGroup(Task t, long status) {
    if (!t.process.exiting()) t.process.exitCode = (int) status & 0xff;
    t.process.beginExit();
    return 0;
  }

  private static long archPrctl(Task t, long code, long addr) {
    Cpu cpu = t.cpu;
    switch ((int) code) {
      case ARCH_SET_FS, ARCH_SET_GS -> {
        // A base outside user space is EPERM (arch/x86/kernel/process_64.c).
        if (Long.compareUnsigned(addr, UserMemory.TASK_SIZE_MAX) >= 0) throw new LinuxError(Errno.EPERM);
        if (code == ARCH_SET_FS) cpu.fsBase = addr;
        else cpu.gsBase = addr;
        return 0;
      }
      case ARCH_GET_FS -> {
        t.mmu().write64(addr, cpu.fsBase);
        return 0;
      }
      case ARCH_GET_GS -> {
        t.mmu().write64(addr, cpu.gsBase);
        return 0;
      }
      case ARCH_GET_CPUID -> {
        return 1; // CPUID executes normally (does not fault)
      }
      case ARCH_SET_CPUID -> {
        // Making CPUID fault is not supported, as on hardware without the feature.
        if (addr != 0) return 0;
        throw new LinuxError(Errno.ENODEV);
      }
      default -> throw new LinuxError(Errno.EINVAL);
    }
  }

  private static long setTidAddress(Task t, long tidptr) {
    t.clearChildTid = tidptr;
    return t.tid();
  }

  private static long setRobustList(Task t, long head, long len) {
    if (len != ROBUST_LIST_HEAD_SIZE) throw new LinuxError(Errno.EINVAL);
    t.robustListHead = head;
    t.robustListLen = len;
    return 0;
  }

  private static long getRobustList(Task t, long pid, long headPtr, long lenPtr) {
    if ((int) pid != 0 && (int) pid != t.tid()) throw new LinuxError(Errno.ESRCH);
    t.mmu().write64(headPtr, t.robustListHead);
    t.mmu().write64(lenPtr, ROBUST_LIST_HEAD_SIZE);
    return 0;
  }

  /**
   * sched_getaffinity(2): the guest may run on the CPUs the JVM may use. The raw
   * syscall returns the mask size copied, a multiple of sizeof(long); len must be
   * such a multiple and cover every CPU.
   */
  private static long schedGetaffinity(Task t, long pid, long lenArg, long mask) {
    int who = (int) pid;
    if (who != 0 && who != t.tid() && who != t.process.pid()) throw new LinuxError(Errno.ESRCH);
    long len = lenArg & 0xffffffffL;
    int cpus = Runtime.getRuntime().availableProcessors();
    if (len * 8 < cpus) throw new LinuxError(Errno.EINVAL);
    if ((len & 7) != 0) throw new LinuxError(Errno.EINVAL);
    int size = ((cpus + 63) / 64) * 8;
    byte[] bits = new byte[size];
    for (int i = 0; i < cpus; i++) bits[i / 8] |= (byte) (1 << (i % 8));
    int n = (int) Math.min(len, size);
    t.mmu().writeBytes(mask, bits, 0, n);
    return n;
  }
}
