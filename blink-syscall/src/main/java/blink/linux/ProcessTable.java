package blink.linux;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Every guest process and thread of the machine, by virtual pid and tid (one
 * number space, as in Linux). The process tree, process groups, sessions and
 * zombies are guarded by {@link #LOCK}; whoever changes a process's state
 * notifies it, so wait4(2) and the end of the machine can wait on it.
 */
public final class ProcessTable {
  /** The lock of the process tree; waits on it are woken by notifyAll at every state change. */
  public static final Object LOCK = new Object();
  /**
   * The most guest threads that may exist at once, whatever RLIMIT_NPROC says: each
   * is a JVM platform thread, and a fork or thread bomb must get EAGAIN rather
   * than exhaust the JVM.
   */
  public static final int MAX_TASKS = 4096;
  /** Linux's pid_max default: pids wrap below it. */
  static final int PID_MAX = 4 * 1024 * 1024;

  private final Map<Integer, GuestProcess> processes = new HashMap<>();
  private final Map<Integer, Task> tasks = new HashMap<>();
  private int lastPid, firstPid;
  private int liveProcesses;

  /** Registers the first process (its pid is the JVM's). */
  void addFirst(GuestProcess p) {
    synchronized (LOCK) {
      processes.put(p.pid(), p);
      lastPid = p.pid();
      firstPid = p.pid();
      liveProcesses++;
    }
  }

  /** A pid (or tid) no process, group or thread uses; -1 (EAGAIN) past the thread limit. */
  int allocatePid() {
    synchronized (LOCK) {
      if (tasks.size() >= MAX_TASKS) return -1;
      int pid = lastPid;
      do {
        pid = pid + 1 >= PID_MAX ? 300 : pid + 1;
      } while (processes.containsKey(pid) || tasks.containsKey(pid) || groupInUse(pid));
      lastPid = pid;
      return pid;
    }
  }

  private boolean groupInUse(int id) {
    for (GuestProcess p : processes.values()) if (p.pgid == id || p.sid == id) return true;
    return false;
  }

  /** Links a new process under parent (LOCK held by the caller). */
  void addChild(GuestProcess parent, GuestProcess child, int exitSignal) {
    child.parent = parent;
    child.pgid = parent.pgid;
    child.sid = parent.sid;
    child.exitSignal = exitSignal;
    parent.children.add(child);
    processes.put(child.pid(), child);
    liveProcesses++;
  }

  void addTask(Task t) {
    synchronized (LOCK) {
      tasks.put(t.tid(), t);
      t.process.threads.add(t);
    }
  }

  /** A thread that called execve becomes the thread group leader: it takes the pid as its tid. */
  void becomeLeader(Task t) {
    synchronized (LOCK) {
      tasks.remove(t.tid());
      t.setTid(t.process.pid());
      tasks.put(t.tid(), t);
    }
  }

  /** Removes an ended thread; true if it was its process's last. */
  boolean removeTask(Task t) {
    synchronized (LOCK) {
      tasks.remove(t.tid());
      t.process.threads.remove(t);
      return t.process.threads.isEmpty();
    }
  }

  /** The number of guest threads, for RLIMIT_NPROC. */
  public int taskCount() {
    synchronized (LOCK) {
      return tasks.size();
    }
  }

  /**
   * Whether tid names a thread that ran here and has ended (a PI futex owner that
   * is gone: ESRCH). Ids this table never handed out are not known to be dead.
   */
  public boolean ended(int tid) {
    synchronized (LOCK) {
      return !tasks.containsKey(tid) && tid >= firstPid && tid <= lastPid;
    }
  }

  /** A live or zombie process by pid, or null. */
  public GuestProcess process(int pid) {
    synchronized (LOCK) {
      return processes.get(pid);
    }
  }

  /** A live thread by tid, or null. */
  public Task task(int tid) {
    synchronized (LOCK) {
      return tasks.get(tid);
    }
  }

  /** The processes (not zombies) of process group pgid. */
  public List<GuestProcess> group(int pgid) {
    synchronized (LOCK) {
      List<GuestProcess> out = new ArrayList<>();
      for (GuestProcess p : processes.values()) if (p.pgid == pgid && !p.zombie) out.add(p);
      return out;
    }
  }

  /** Every live process. */
  public List<GuestProcess> all() {
    synchronized (LOCK) {
      List<GuestProcess> out = new ArrayList<>();
      for (GuestProcess p : processes.values()) if (!p.zombie) out.add(p);
      return out;
    }
  }

  /** Forgets a reaped zombie (LOCK held). */
  void remove(GuestProcess p) {
    processes.remove(p.pid());
  }

  /** A process ended (LOCK held): one fewer to wait for at the end of the machine. */
  void ended() {
    liveProcesses--;
    LOCK.notifyAll();
  }

  /** How long processes that are ending may take before the machine stops waiting for them. */
  static final long STRAGGLER_GRACE_NANOS = 2_000_000_000L;

  /**
   * Blocks until no guest process is running any more. A process that is ending
   * but has a thread stuck in a host call that cannot be interrupted is waited
   * for at most {@link #STRAGGLER_GRACE_NANOS}, so the machine never hangs on it.
   */
  void awaitAllEnded() {
    long allEndingSince = 0;
    synchronized (LOCK) {
      while (liveProcesses > 0) {
        boolean allEnding = true;
        for (GuestProcess p : processes.values()) {
          if (!p.zombie && !p.exiting()) allEnding = false;
        }
        long now = System.nanoTime();
        if (!allEnding) allEndingSince = 0;
        else if (allEndingSince == 0) allEndingSince = now;
        else if (now - allEndingSince > STRAGGLER_GRACE_NANOS) return;
        try {
          LOCK.wait(100);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }

  public static int pgid(GuestProcess p) {
    synchronized (LOCK) {
      return p.pgid;
    }
  }

  public static int sid(GuestProcess p) {
    synchronized (LOCK) {
      return p.sid;
    }
  }

  /** The parent's pid; 1 (init) for an orphan, 0 for the first process (its parent is outside the machine). */
  public static int ppid(GuestProcess p, int firstPid) {
    synchronized (LOCK) {
      if (p.parent != null) return p.parent.pid();
      return p.pid() == firstPid ? 0 : 1;
    }
  }
}
