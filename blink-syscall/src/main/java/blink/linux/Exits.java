package blink.linux;

import blink.linux.fs.OpenFile;
import blink.linux.futex.FutexExit;
import blink.linux.ipc.IpcNamespace;
import blink.linux.signal.SigAction;
import blink.linux.signal.Signal;
import blink.linux.sys.Signals;
import blink.memory.AddressSpace;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * The end of a thread and of a process (kernel/exit.c): clear_child_tid, the
 * process's resources released when its last thread goes, children handed to a
 * reaper, the zombie left for the parent's wait4(2) and the parent told with
 * its exit signal.
 */
public final class Exits {
  private Exits() {}

  /** Called on the task's own Java thread once it has stopped running guest code. */
  static void threadEnded(LinuxKernel kernel, Task t) {
    GuestProcess p = t.process;
    // Robust futexes the thread holds are marked OWNER_DIED; CLONE_CHILD_CLEARTID tells a joining thread.
    FutexExit.release(t);
    long cpu = Math.max(0, ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime());
    long user = Math.max(0, ManagementFactory.getThreadMXBean().getCurrentThreadUserTime());
    synchronized (ProcessTable.LOCK) {
      p.deadThreadsNanos += cpu;
      p.deadThreadsUserNanos += Math.min(user, cpu);
    }
    if (kernel.processes.removeTask(t)) processEnded(kernel, p);
  }

  /** The last thread is gone: release what the process holds and leave a zombie for its parent. */
  private static void processEnded(LinuxKernel kernel, GuestProcess p) {
    IpcNamespace.get().exit(p); // SEM_UNDO adjustments (exit_sem())
    p.itimers.cancelAll();
    if (!p.fdsShared) {
      for (OpenFile f : p.fds.removeAll(false)) f.release();
    }
    p.chdir(null);
    if (!p.spaceShared) p.space.unmap(0, AddressSpace.USER_END);
    CountDownLatch vfork = p.vforkDone;
    if (vfork != null) vfork.countDown();
    GuestProcess parent;
    boolean reaped;
    List<DeathNotice> orphaned = new ArrayList<>();
    synchronized (ProcessTable.LOCK) {
      GuestProcess reaper = reaperFor(p);
      for (GuestProcess c : p.children) {
        // prctl(PR_SET_PDEATHSIG): the child asked to be told of its parent's death.
        for (Task th : c.threads) if (th.pdeathsig != 0 && !c.zombie) orphaned.add(new DeathNotice(th, th.pdeathsig));
        c.parent = reaper;
        if (reaper != null) reaper.children.add(c);
        else if (c.zombie) kernel.processes.remove(c);
      }
      p.children.clear();
      p.zombie = true;
      parent = p.parent;
      reaped = parent == null || discardsChildren(parent, p.exitSignal);
      if (reaped) {
        if (parent != null) parent.children.remove(p);
        kernel.processes.remove(p);
      }
      kernel.processes.ended(); // wakes wait4 in the parent and in a new reaper alike
    }
    if (parent != null && p.exitSignal != 0) Signals.childEnded(parent, p);
    for (DeathNotice n : orphaned) Signals.sendToThread(n.task(), n.sig());
  }

  /** A parent-death signal owed to a child's thread, sent once the tree lock is released. */
  private record DeathNotice(Task task, int sig) {}

  /**
   * Where orphans go: the nearest ancestor that asked to be a subreaper
   * (PR_SET_CHILD_SUBREAPER), else init — which, outside the machine, reaps them
   * at once (null).
   */
  private static GuestProcess reaperFor(GuestProcess p) {
    for (GuestProcess a = p.parent; a != null; a = a.parent) {
      if (a.subreaper && !a.zombie) return a;
    }
    return null;
  }

  /**
   * A parent that ignores SIGCHLD or set SA_NOCLDWAIT gets no zombies: the child
   * is reaped at once (wait(2), NOTES).
   */
  private static boolean discardsChildren(GuestProcess parent, int exitSignal) {
    if (exitSignal != Signal.SIGCHLD) return false;
    SigAction a = parent.sigactions.get(Signal.SIGCHLD);
    return a.handler() == Signal.SIG_IGN || (a.flags() & SigAction.SA_NOCLDWAIT) != 0;
  }
}
