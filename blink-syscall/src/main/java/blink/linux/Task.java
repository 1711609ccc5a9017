package blink.linux;

import blink.linux.host.Scratch;
import blink.machine.Machine;
import blink.memory.Mmu;
import blink.x86.Cpu;
import java.util.concurrent.locks.LockSupport;

/**
 * One guest thread as the kernel sees it: its machine (CPU and memory view), its
 * process, and the per-thread kernel state (signal mask, alternate signal stack,
 * robust futex list, clear_child_tid). Runs on a Java thread of its own
 * ({@link TaskLoop}); execve gives it a new machine.
 */
public final class Task {
  /** The CPU and run loop; replaced as a pair by execve. */
  public volatile Cpu cpu;
  public volatile Machine machine;
  public final GuestProcess process;
  /** The thread id; execve from another thread makes it the pid (de_thread()). */
  private volatile int tid;
  public final Scratch scratch = new Scratch();
  /** The Java thread running this task (null until started). */
  volatile Thread thread;

  /** Blocked signals (bit sig-1). */
  public volatile long sigmask;
  /** Signals pending for this thread alone (tkill, faults); the process's shared ones are in ProcessSignals. */
  public final blink.linux.signal.PendingSignals pending = new blink.linux.signal.PendingSignals();
  /**
   * The mask to put back once a signal is delivered or the call returns, when a
   * call waits with a temporary mask (sigsuspend, ppoll, pselect6, epoll_pwait:
   * set_restore_sigmask()); restoreSigmask says one is saved.
   */
  public long savedSigmask;
  public boolean restoreSigmask;
  /** The process's shared signal state, looked up once (see {@link #processSignals()}). */
  private volatile blink.linux.signal.ProcessSignals processSignals;

  /** The signal state this thread's process shares: its pending signals and group stop. */
  public blink.linux.signal.ProcessSignals processSignals() {
    blink.linux.signal.ProcessSignals s = processSignals;
    if (s == null) processSignals = s = blink.linux.signal.ProcessSignals.of(process);
    return s;
  }

  /** What restart_syscall(2) runs for a call interrupted with ERESTART_RESTARTBLOCK (nanosleep's rest). */
  public java.util.function.LongSupplier restartBlock;
  /** The last processor exception's error code, vector and fault address (sigcontext err, trapno, cr2). */
  public long faultError, faultTrapno, faultAddress;

  /** sigaltstack(2) state: ss_sp, ss_size and the SS_AUTODISARM flag bits; size 0 = disabled. */
  public long altStackSp, altStackSize;
  public int altStackFlags;

  /** The thread's name (prctl PR_SET_NAME, /proc comm), or null for the program's. */
  public byte[] name;

  /** prctl(PR_SET_PDEATHSIG): the signal this thread gets when its parent dies. */
  public int pdeathsig;

  /** set_robust_list(2) head and length, set_tid_address(2) pointer. */
  public long robustListHead, robustListLen;
  public long clearChildTid;

  /** exit(2) was called: this thread ends when it next reaches the run loop. */
  volatile boolean exited;

  public Task(Machine machine, GuestProcess process, int tid) {
    this(machine.cpu, process, tid);
    this.machine = machine;
  }

  /** A task for a CPU without a run loop of its own (kernel tests). */
  public Task(Cpu cpu, GuestProcess process, int tid) {
    this.cpu = cpu;
    this.process = process;
    this.tid = tid != 0 ? tid : process.pid();
  }

  public int tid() {
    return tid;
  }

  void setTid(int tid) {
    this.tid = tid;
  }

  /** The thread name: as set, or the program file's name cut to 15 bytes, as execve sets it. */
  public byte[] name() {
    if (name != null) return name;
    String exe = process.exePath;
    byte[] base = exe.substring(exe.lastIndexOf('/') + 1).getBytes(java.nio.charset.StandardCharsets.UTF_8);
    return java.util.Arrays.copyOf(base, Math.min(base.length, 15));
  }

  public Mmu mmu() {
    return cpu.mmu;
  }

  /** The kernel this thread runs under. */
  public LinuxKernel kernel() {
    return process.kernel;
  }

  /** exit(2): the thread ends when it next reaches the run loop. */
  public void exit() {
    exited = true;
    cpu.attention = true;
  }

  /** Whether this thread must stop running guest code (it exited, or its process is ending). */
  public boolean mustStop() {
    return exited || process.exiting();
  }

  /**
   * Makes the thread look at the world soon: its run loop stops before the next
   * instruction, and a blocking wait ends its current slice.
   */
  public void interrupt() {
    cpu.attention = true;
    Thread th = thread;
    if (th != null) LockSupport.unpark(th);
  }

  @Override
  public String toString() {
    return "task " + tid + " of process " + process.pid();
  }
}
