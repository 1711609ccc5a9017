package blink.linux;

import blink.linux.host.Scratch;
import blink.memory.Mmu;
import blink.x86.Cpu;

/**
 * One guest thread as the kernel sees it: its CPU, its process, and the
 * per-thread kernel state (signal mask, alternate signal stack, robust futex
 * list, clear_child_tid).
 */
public final class Task {
  public final Cpu cpu;
  public final GuestProcess process;
  /** The thread id, or 0 for the main thread, whose tid is the pid. */
  private final int tid;
  public final Scratch scratch = new Scratch();

  /** Blocked signals, and signals waiting for delivery (bit sig-1). */
  public long sigmask, sigpending;

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

  public Task(Cpu cpu, GuestProcess process, int tid) {
    this.cpu = cpu;
    this.process = process;
    this.tid = tid;
  }

  public int tid() {
    return tid != 0 ? tid : process.pid();
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
}
