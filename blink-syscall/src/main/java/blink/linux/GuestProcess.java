package blink.linux;

import blink.linux.fs.FdTable;
import blink.linux.fs.OpenFile;
import blink.linux.fs.Vfs;
import blink.linux.host.Host;
import blink.linux.proc.ProcFs;
import blink.linux.proc.StackLayout;
import blink.linux.signal.IntervalTimers;
import blink.memory.Mmu;
import blink.linux.signal.SignalActions;

/**
 * One guest process: what its threads share. The pid is the host's for now (one
 * guest process per JVM), asked for on first use so start-up does not wait for
 * it; pids become virtual when fork arrives.
 */
public final class GuestProcess {
  private volatile int pid;
  /** The program's guest path (what /proc/self/exe names). */
  public final String exePath;
  public final FdTable fds = FdTable.withStdio();
  public final Vfs vfs;
  public final SignalActions sigactions = new SignalActions();
  public final Rlimits rlimits = new Rlimits();
  /** alarm(2), setitimer(2): the process's three interval timers. */
  public final IntervalTimers itimers = new IntervalTimers();

  /** The program break: where the heap starts (fixed) and where it ends now (brk(2)). */
  public final long startBrk;
  public long brk;

  /** The signal that killed the process, or 0 if it exited or still runs. */
  public volatile int killedBy;

  /** prctl state: PR_SET_DUMPABLE, PR_SET_CHILD_SUBREAPER, PR_SET_NO_NEW_PRIVS. */
  public volatile int dumpable = 1;
  public volatile boolean subreaper, noNewPrivs;

  /** The file mode creation mask (umask(2)), or -1 until first needed. */
  private int umask = -1;

  /** Where the initial stack keeps argv, envp and auxv, for /proc/self/cmdline, environ, auxv. */
  private volatile StackLayout stackLayout = StackLayout.NONE;

  /** The working directory as an open directory, or null for the host's (the JVM's) own. */
  private OpenFile cwd;

  public GuestProcess(String exePath, long startBrk) {
    this.exePath = exePath;
    this.vfs = new Vfs(this);
    this.vfs.setSpecialFiles(new ProcFs(this));
    this.startBrk = startBrk;
    this.brk = startBrk;
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

  /** The process id (the host's pid of the JVM). */
  public int pid() {
    int p = pid;
    if (p == 0) pid = p = Host.libc().getpid();
    return p;
  }
}
