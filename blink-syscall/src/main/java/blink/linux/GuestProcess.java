package blink.linux;

import blink.linux.fs.FdTable;
import blink.linux.fs.OpenFile;
import blink.linux.fs.Vfs;
import blink.linux.host.Host;
import blink.linux.proc.ProcFs;
import blink.linux.proc.StackLayout;
import blink.linux.signal.IntervalTimers;
import blink.linux.signal.SignalActions;
import blink.machine.CodeCache;
import blink.memory.AddressSpace;
import blink.memory.Mmu;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * One guest process: what its threads share — the address space, the fd table,
 * signal dispositions, the working directory and root, limits, timers — plus its
 * place in the process tree (parent, children, process group, session) and, once
 * it has ended, the status its parent collects with wait4(2). Pids are virtual:
 * the first process has the JVM's own pid, the rest are handed out by the
 * {@link ProcessTable}.
 */
public final class GuestProcess {
  private final int pid;
  /** The machine's kernel (set when the process is registered). */
  public volatile LinuxKernel kernel;
  /** The program's guest path (what /proc/self/exe names); execve changes it. */
  public volatile String exePath;
  /** The fd table; a clone with CLONE_FILES shares the object, execve keeps it. */
  public volatile FdTable fds;
  public final Vfs vfs;
  /** Signal dispositions; shared with CLONE_SIGHAND, replaced by execve. */
  public volatile SignalActions sigactions;
  /** The signal state the threads share: process-directed pending signals, the group stop. */
  public final blink.linux.signal.ProcessSignals signals = new blink.linux.signal.ProcessSignals();
  public final Rlimits rlimits;
  /** alarm(2), setitimer(2): the process's three interval timers. */
  public final IntervalTimers itimers = new IntervalTimers();

  /** The memory every thread of the process sees, and its decoded code; execve replaces both. */
  public volatile AddressSpace space;
  public volatile CodeCache code;
  /** Whether the fd table is also another process's (CLONE_FILES): then it is not closed at exit. */
  public volatile boolean fdsShared;
  /** Whether the space is also another process's (vfork, CLONE_VM): then it is not torn down at exit. */
  public volatile boolean spaceShared;

  /** The program break: where the heap starts and where it ends now (brk(2)). */
  public volatile long startBrk;
  public volatile long brk;

  /** The signal that killed the process, or 0 if it exited or still runs. */
  public volatile int killedBy;
  /** Whether the killing signal dumps core (the 0x80 bit of the wait status). */
  public volatile boolean coreDumped;
  /** The fatal signal was already reported on stderr (a fault's one-line report). */
  public volatile boolean deathReported;
  /** exit_group(2) or a fatal signal: every thread must stop. */
  private volatile boolean exiting;
  /** The exit code exit_group gave (low 8 bits used). */
  public volatile int exitCode;

  /** prctl state: PR_SET_DUMPABLE, PR_SET_CHILD_SUBREAPER, PR_SET_NO_NEW_PRIVS. */
  public volatile int dumpable = 1;
  public volatile boolean subreaper, noNewPrivs;
  /** membarrier(MEMBARRIER_CMD_REGISTER_PRIVATE_EXPEDITED) was called. */
  public volatile boolean membarrierPrivate;

  // Guarded by the ProcessTable's lock.
  GuestProcess parent;
  int pgid, sid;
  final List<GuestProcess> children = new ArrayList<>();
  final List<Task> threads = new ArrayList<>();
  /** It has called execve (setpgid on it from its parent is then EACCES). */
  volatile boolean execed;
  /** Ended, its status not yet collected (a zombie). */
  boolean zombie;
  /** The signal the parent gets when this process ends (clone's CSIGNAL byte; SIGCHLD for fork). */
  int exitSignal;
  /** A stop or continue the parent has not yet been told about through wait (WUNTRACED/WCONTINUED). */
  int stopReport;
  /** CPU time of ended threads and of reaped children, for getrusage and wait4's rusage. */
  long deadThreadsNanos, deadThreadsUserNanos, reapedChildrenNanos, reapedChildrenUserNanos;

  /** Released when a vfork child execs or exits: the parent waits for it. */
  volatile CountDownLatch vforkDone;

  /** The file mode creation mask (umask(2)), or -1 until first needed. */
  private int umask = -1;

  /** Where the initial stack keeps argv, envp and auxv, for /proc/self/cmdline, environ, auxv. */
  private volatile StackLayout stackLayout = StackLayout.NONE;

  /** The working directory as an open directory, or null for the host's (the JVM's) own. */
  private OpenFile cwd;

  /** The first process, or a probe for path lookups before it exists: the JVM's pid. */
  public GuestProcess(String exePath, long startBrk) {
    this(currentPid(), exePath, startBrk, FdTable.withStdio(), new SignalActions(), new Rlimits());
    this.pgid = pid;
    this.sid = pid;
  }

  private GuestProcess(int pid, String exePath, long startBrk, FdTable fds, SignalActions sigactions,
                       Rlimits rlimits) {
    this.pid = pid;
    this.exePath = exePath;
    this.fds = fds;
    this.sigactions = sigactions;
    this.rlimits = rlimits;
    this.vfs = new Vfs(this);
    this.vfs.setSpecialFiles(new ProcFs(this));
    this.startBrk = startBrk;
    this.brk = startBrk;
  }

  /**
   * A child for fork(2)/clone(2): the given fd table and dispositions (shared or
   * copied by the caller), the same roots, working directory, umask, limits and
   * break. The caller sets the address space and links it into the tree.
   */
  GuestProcess child(int childPid, FdTable childFds, SignalActions childActions) {
    GuestProcess c = new GuestProcess(childPid, exePath, startBrk, childFds, childActions, rlimits.copy());
    c.kernel = kernel;
    c.brk = brk;
    c.vfs.inheritRoots(vfs);
    OpenFile dir = cwd();
    if (dir != null) c.chdir(dir.retain());
    c.umask = umask();
    c.stackLayout = stackLayout;
    c.dumpable = dumpable;
    c.noNewPrivs = noNewPrivs;
    return c;
  }

  private static int currentPid() {
    return (int) ProcessHandle.current().pid();
  }

  public StackLayout stackLayout() {
    return stackLayout;
  }

  /** Records the initial stack at sp (before the guest runs, so its argv is as the loader left it). */
  public void recordInitialStack(Mmu mmu, long sp) {
    stackLayout = StackLayout.read(mmu, sp);
  }

  public synchronized OpenFile cwd() {
    return cwd;
  }

  /** Makes dir (whose reference the process takes over) the working directory. */
  public void chdir(OpenFile dir) {
    OpenFile old;
    synchronized (this) {
      old = cwd;
      cwd = dir;
    }
    if (old != null) old.release();
  }

  /**
   * The guest's umask. It starts as the host's; the guest's own changes stay in
   * the guest (the host still applies the JVM's mask on top, so a guest can only
   * be stricter than the user who started it).
   */
  public synchronized int umask() {
    if (umask < 0) {
      int host = Host.libc().umask(022);
      Host.libc().umask(host);
      umask = host & 0777;
    }
    return umask;
  }

  /** Sets the umask and returns the old one. */
  public synchronized int umask(int mask) {
    int old = umask();
    umask = mask & 0777;
    return old;
  }

  /** The process id. */
  public int pid() {
    return pid;
  }

  /** Whether the process is ending (exit_group, a fatal signal, execve of another thread): threads must stop. */
  public boolean exiting() {
    return exiting;
  }

  /** Marks the process as ending and tells every thread to stop at once. */
  public void beginExit() {
    exiting = true;
    for (Task t : threadsSnapshot()) t.interrupt();
  }

  /** The process's live threads, as a copy. */
  public List<Task> threadsSnapshot() {
    synchronized (ProcessTable.LOCK) {
      return new ArrayList<>(threads);
    }
  }

  /** Whether the process has ended (a zombie waiting to be reaped, or reaped). */
  public boolean zombieOrGone() {
    synchronized (ProcessTable.LOCK) {
      return zombie || (threads.isEmpty() && exiting);
    }
  }

  /** The signal the parent gets when this process ends. */
  public int exitSignalNumber() {
    synchronized (ProcessTable.LOCK) {
      return exitSignal;
    }
  }

  /** The status wait4(2) reports for this ended process (wait(2): exit code << 8, or the signal | core bit). */
  public int waitStatus() {
    if (killedBy != 0) return killedBy | (coreDumped ? 0x80 : 0);
    return (exitCode & 0xff) << 8;
  }
}
