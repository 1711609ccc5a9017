package blink.linux;

import blink.linux.fs.FdTable;
import blink.linux.signal.SignalActions;
import blink.linux.sys.Processes;
import blink.machine.CodeCache;
import blink.machine.Machine;
import blink.memory.AddressSpace;
import blink.x86.Cpu;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The work of clone(2) (kernel/fork.c copy_process()): a new task with a copy of
 * the caller's registers, in the caller's process or a new one whose memory,
 * files and signal handlers are shared or copied as the flags say.
 */
final class Clone {
  private Clone() {}

  static long clone(LinuxKernel kernel, Task parent, long flags, long stack, long parentTidPtr, long childTidPtr,
                    long tls) {
    GuestProcess p = parent.process;
    boolean thread = (flags & Processes.CLONE_THREAD) != 0;
    boolean shareVm = (flags & Processes.CLONE_VM) != 0;
    // A fork or thread bomb gets EAGAIN (RLIMIT_NPROC, and the machine's own ceiling).
    long nproc = p.rlimits.soft(Rlimits.RLIMIT_NPROC, parent.scratch);
    if (nproc >= 0 && kernel.processes.taskCount() >= nproc && Long.compareUnsigned(nproc, 1 << 22) < 0) {
      throw new LinuxError(Errno.EAGAIN);
    }
    int tid = kernel.processes.allocatePid();
    if (tid < 0) throw new LinuxError(Errno.EAGAIN);

    GuestProcess child;
    Machine m;
    if (thread) {
      child = p;
      m = new Machine(p.space, p.code);
    } else {
      AddressSpace space = shareVm ? p.space : p.space.fork();
      CodeCache code = shareVm ? p.code : new CodeCache(space);
      m = new Machine(space, code);
      boolean shareFiles = (flags & Processes.CLONE_FILES) != 0;
      FdTable fds = shareFiles ? p.fds : p.fds.copy();
      SignalActions actions = (flags & Processes.CLONE_SIGHAND) != 0 ? p.sigactions : p.sigactions.copy();
      child = p.child(tid, fds, actions);
      child.space = space;
      child.code = code;
      if (shareVm) {
        child.spaceShared = true;
        if ((flags & Processes.CLONE_VFORK) == 0) p.spaceShared = true;
      }
      if (shareFiles) {
        child.fdsShared = true;
        p.fdsShared = true;
      }
    }
    Cpu c = m.cpu;
    c.copyFrom(parent.cpu);
    c.system = kernel;
    c.regs[Cpu.RAX] = 0; // the child's return value
    if (stack != 0) c.regs[Cpu.RSP] = stack;
    if ((flags & Processes.CLONE_SETTLS) != 0) c.fsBase = tls;

    Task t = new Task(m, child, tid);
    t.sigmask = parent.sigmask;
    // A thread or CLONE_VM child gets no alternate signal stack; fork keeps it (sigaltstack(2)).
    if (!shareVm || (flags & Processes.CLONE_VFORK) != 0) {
      t.altStackSp = parent.altStackSp;
      t.altStackSize = parent.altStackSize;
      t.altStackFlags = parent.altStackFlags;
    }
    if ((flags & Processes.CLONE_CHILD_CLEARTID) != 0) t.clearChildTid = childTidPtr;
    if ((flags & Processes.CLONE_PARENT_SETTID) != 0) parent.mmu().write32(parentTidPtr, tid);
    if ((flags & Processes.CLONE_CHILD_SETTID) != 0) c.mmu.write32(childTidPtr, tid);

    CountDownLatch vfork = null;
    synchronized (ProcessTable.LOCK) {
      if (p.exiting()) throw new LinuxError(Errno.EINTR); // a fatal signal won the race
      if (!thread) {
        GuestProcess under = (flags & Processes.CLONE_PARENT) != 0 && p.parent != null ? p.parent : p;
        kernel.processes.addChild(under, child, (int) (flags & Processes.CSIGNAL));
        if ((flags & Processes.CLONE_VFORK) != 0) child.vforkDone = vfork = new CountDownLatch(1);
      }
      kernel.processes.addTask(t);
    }
    kernel.start(t);
    if (vfork != null) awaitVfork(parent, vfork);
    return tid;
  }

  /** The vfork parent sleeps until the child execs or exits (only its own death ends the wait early). */
  private static void awaitVfork(Task parent, CountDownLatch done) {
    try {
      while (!done.await(20, TimeUnit.MILLISECONDS)) {
        if (parent.mustStop()) return;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
