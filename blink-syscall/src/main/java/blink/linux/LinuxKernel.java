package blink.linux;

import blink.linux.host.Host;
import blink.linux.sys.Attributes;
import blink.linux.sys.Children;
import blink.linux.sys.CpuTime;
import blink.linux.sys.Credentials;
import blink.linux.sys.Descriptors;
import blink.linux.sys.Directories;
import blink.linux.sys.Epoll;
import blink.linux.sys.EventFd;
import blink.linux.sys.Exec;
import blink.linux.sys.Processes;
import blink.linux.sys.ExtendedAttributes;
import blink.linux.sys.FileIo;
import blink.linux.sys.FileStatus;
import blink.linux.sys.FileSync;
import blink.linux.sys.Futex;
import blink.linux.sys.Identity;
import blink.linux.sys.Itimers;
import blink.linux.sys.Limits;
import blink.linux.sys.Locks;
import blink.linux.sys.Memory;
import blink.linux.sys.MessageQueues;
import blink.linux.sys.Names;
import blink.linux.sys.Polling;
import blink.linux.sys.Prctl;
import blink.linux.sys.Scheduling;
import blink.linux.sys.Signals;
import blink.linux.sys.Statx;
import blink.linux.sys.Sockets;
import blink.linux.sys.SystemInfo;
import blink.linux.sys.SysvMsg;
import blink.linux.sys.SysvSem;
import blink.linux.sys.SysvShm;
import blink.linux.sys.Terminal;
import blink.linux.sys.Threads;
import blink.linux.sys.Time;
import blink.linux.sys.TimerFd;
import blink.linux.trace.SyscallTracer;
import blink.machine.GuestFault;
import blink.machine.Machine;
import blink.x86.Cpu;
import blink.x86.SystemInterface;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Linux kernel as the guest sees it: dispatches SYSCALL through the syscall
 * table to the subsystems in {@code blink.linux.sys}, turning errors into -errno
 * and bad guest pointers into EFAULT. One instance is one machine.
 */
public final class LinuxKernel implements SystemInterface {
  /** Holder so SLF4J initialises only when something is first logged. */
  private static final class Log {
    static final Logger LOG = LoggerFactory.getLogger(LinuxKernel.class);
  }

  private final SyscallTable table = new SyscallTable();
  /** Every guest process and thread of this machine. */
  public final ProcessTable processes = new ProcessTable();
  /** The process the machine started with (its pid is the JVM's). */
  private final GuestProcess first;
  private final Map<Cpu, Task> tasks = new ConcurrentHashMap<>();
  /** Unimplemented syscall numbers already logged (bounded: a fuzzer has many). */
  private final Set<Long> reported = new HashSet<>();
  /** Set by {@code blink -s}: every call is also described to it. */
  private volatile SyscallTracer tracer;
  /** The first process's process group and session as the host has them (0 until asked). */
  private volatile int hostPgid, hostSid;

  /**
   * @param exePath the guest program's absolute guest path (what /proc/self/exe names)
   * @param brkStart the initial program break: the page-aligned end of the loaded image
   */
  public LinuxKernel(String exePath, long brkStart) {
    // Binding the host C library takes 100-300 ms; start it now, off this thread.
    Host.preload();
    this.first = new GuestProcess(exePath, brkStart);
    first.kernel = this;
    processes.addFirst(first);
    // A PI futex whose owner tid names no live thread is ESRCH.
    blink.linux.futex.PiFutex.setThreadLookup(tid -> !processes.ended(tid));
    FileIo.register(table);
    Descriptors.register(table);
    FileStatus.register(table);
    Attributes.register(table);
    Directories.register(table);
    Names.register(table);
    Terminal.register(table);
    Polling.register(table);
    Memory.register(table);
    Threads.register(table);
    Futex.register(table);
    ExtendedAttributes.register(table);
    Prctl.register(table);
    Identity.register(table);
    Limits.register(table);
    Signals.register(table);
    Time.register(table);
    CpuTime.register(table);
    Itimers.register(table);
    TimerFd.register(table);
    Epoll.register(table);
    EventFd.register(table);
    SystemInfo.register(table);
    Children.register(table);
    Credentials.register(table);
    Scheduling.register(table);
    Locks.register(table);
    FileSync.register(table);
    Statx.register(table);
    Sockets.register(table);
    SysvSem.register(table);
    SysvMsg.register(table);
    SysvShm.register(table);
    Processes.register(table);
    MessageQueues.register(table);
    Exec.register(table);
  }

  /** The first process. */
  public GuestProcess process() {
    return first;
  }

  /** Makes machine the first process's main thread (its memory the process's). */
  public Task attach(Machine machine) {
    Task t = new Task(machine, first, first.pid());
    first.space = machine.space;
    first.code = machine.code();
    machine.cpu.system = this;
    tasks.put(machine.cpu, t);
    processes.addTask(t);
    return t;
  }

  /**
   * Runs the first process's main thread on the calling thread, then waits for
   * every guest process to end. Returns the first process's wait status.
   */
  public int run(Task main) {
    TaskLoop.run(this, main);
    processes.awaitAllEnded();
    return first.waitStatus();
  }

  /** The kernel's view of the thread running on cpu; a CPU never attached is the first process's (tests). */
  public Task task(Cpu cpu) {
    Task t = tasks.get(cpu);
    if (t != null) return t;
    return tasks.computeIfAbsent(cpu, c -> {
      if (first.space == null) first.space = c.mmu.space();
      Task main = new Task(c, first, 0);
      processes.addTask(main);
      return main;
    });
  }

  /** execve gave task t a new machine: syscalls from its CPU now find t. */
  void rebind(Task t, Cpu old, Machine m) {
    tasks.put(m.cpu, t);
    t.machine = m;
    t.cpu = m.cpu;
    tasks.remove(old);
  }

  /**
   * clone(2) after its flags were checked: a new thread of the caller's process
   * (CLONE_THREAD) or a new process, sharing or copying memory, files and
   * signal handlers as the flags say, started on its own Java thread. Returns
   * the new tid; with CLONE_VFORK, only once the child has exec'd or exited.
   */
  public long clone(Task parent, long flags, long stack, long parentTidPtr, long childTidPtr, long tls) {
    return Clone.clone(this, parent, flags, stack, parentTidPtr, childTidPtr, tls);
  }

  /** Registers and starts a task made by clone. */
  void start(Task t) {
    tasks.put(t.cpu, t);
    Thread th = Thread.ofPlatform().name("guest-" + t.tid()).daemon(true).unstarted(() -> {
      try {
        TaskLoop.run(this, t);
      } finally {
        tasks.remove(t.cpu);
      }
    });
    t.thread = th;
    th.start();
  }

  /** execve(2) of the task's process (see {@link Execve}); returns only on failure. */
  public long execve(Task t, long dirfd, byte[] path, java.util.List<String> argv, java.util.List<String> envp,
                     boolean follow) {
    return Execve.execve(this, t, dirfd, path, argv, envp, follow);
  }

  /**
   * A signal the host sent the emulator (Ctrl-C at the terminal, kill of the JVM):
   * it goes to the guest terminal's foreground process group (see
   * {@link Signals#fromHost}).
   */
  public void hostSignal(int sig) {
    Signals.fromHost(this, sig);
  }

  // ---------------------------------------------------------------- process groups

  /** getppid(2): the first process's parent is outside the machine (the host's). */
  public int ppid(GuestProcess p) {
    if (p == first && ProcessTable.ppid(p, first.pid()) == 0) return Host.libc().getppid();
    return ProcessTable.ppid(p, first.pid());
  }

  public int pgid(GuestProcess p) {
    hostIds();
    return ProcessTable.pgid(p);
  }

  public int sid(GuestProcess p) {
    hostIds();
    return ProcessTable.sid(p);
  }

  /** The first process starts in the host's process group and session (looked up once, when first needed). */
  private void hostIds() {
    if (hostPgid != 0) return;
    synchronized (ProcessTable.LOCK) {
      if (hostPgid != 0) return;
      hostPgid = Host.libc().getpgid(0);
      hostSid = Host.libc().getsid(0);
      if (first.pgid == first.pid() && first.sid == first.pid()) {
        first.pgid = hostPgid;
        first.sid = hostSid;
        for (GuestProcess p : processes.all()) {
          if (p.pgid == first.pid()) p.pgid = hostPgid;
          if (p.sid == first.pid()) p.sid = hostSid;
        }
      }
    }
  }

  /** setpgid(2), with its rules (kernel/sys.c): only self or a child in the same session; groups stay in a session. */
  public long setpgid(Task t, int pid, int pgid) {
    if (pgid < 0) throw new LinuxError(Errno.EINVAL);
    hostIds();
    synchronized (ProcessTable.LOCK) {
      GuestProcess caller = t.process;
      GuestProcess p = pid == 0 ? caller : processes.process(pid);
      if (p == null || pid < 0) throw new LinuxError(Errno.ESRCH);
      if (p != caller && p.parent != caller) throw new LinuxError(Errno.ESRCH);
      if (p != caller && p.sid != caller.sid) throw new LinuxError(Errno.EPERM);
      if (p != caller && p.execed) throw new LinuxError(Errno.EACCES);
      if (p.sid == p.pid()) throw new LinuxError(Errno.EPERM); // a session leader
      int group = pgid == 0 ? p.pid() : pgid;
      if (group != p.pid()) {
        boolean exists = false;
        for (GuestProcess q : processes.all()) {
          if (q.pgid == group && q.sid == caller.sid) exists = true;
        }
        if (!exists) throw new LinuxError(Errno.EPERM);
      }
      p.pgid = group;
      return 0;
    }
  }

  /** setsid(2): EPERM for a process group leader; otherwise a new session and group named by the pid. */
  public long setsid(Task t) {
    hostIds();
    synchronized (ProcessTable.LOCK) {
      GuestProcess p = t.process;
      for (GuestProcess q : processes.all()) {
        if (q.pgid == p.pid()) throw new LinuxError(Errno.EPERM);
      }
      p.pgid = p.pid();
      p.sid = p.pid();
      return p.pid();
    }
  }

  /** Describes every following system call to tracer (null: stop tracing). */
  public void traceWith(SyscallTracer tracer) {
    this.tracer = tracer;
  }

  /** The subsystem implementing syscall nr (its class's simple name), or null if none does. */
  public String implementer(int nr) {
    Syscall s = table.get(nr);
    return s == null ? null : s.getClass().getSimpleName();
  }

  /** Whether syscall nr is implemented. */
  public boolean implemented(int nr) {
    return table.get(nr) != null;
  }

  @Override
  public void syscall(Cpu cpu) {
    long[] r = cpu.regs;
    long nr = r[Cpu.RAX];
    // SYSCALL leaves the return address in %rcx and RFLAGS in %r11 (Intel SDM
    // Vol. 2B, SYSCALL); Linux returns to user space with them unchanged.
    r[Cpu.RCX] = cpu.rip;
    r[Cpu.R11] = cpu.getFlags();
    SyscallTracer trace = tracer;
    long[] args = trace == null ? null
        : new long[] {r[Cpu.RDI], r[Cpu.RSI], r[Cpu.RDX], r[Cpu.R10], r[Cpu.R8], r[Cpu.R9]};
    Syscall s = table.get(nr);
    Task t = task(cpu);
    long result;
    if (s == null) {
      result = unimplemented(nr, cpu);
    } else {
      t.scratch.reset();
      int generation = cpu.mmu.space().generation();
      try {
        result = s.call(t, (int) nr, r[Cpu.RDI], r[Cpu.RSI], r[Cpu.RDX], r[Cpu.R10], r[Cpu.R8], r[Cpu.R9]);
      } catch (LinuxError e) {
        result = -e.errno;
      } catch (GuestFault f) {
        result = -Errno.EFAULT;
      } catch (UnsatisfiedLinkError e) {
        // The host C library lacks a function this syscall needs.
        result = unimplemented(nr, cpu);
      }
      if (cpu.mmu.space().generation() != generation) shootDown(t, cpu.mmu.space());
    }
    if (result == -Errno.EPIPE && raisesSigpipe((int) nr, r)) Signals.brokenPipe(t);
    r[Cpu.RAX] = result;
    if (trace != null) trace.trace(cpu.mmu, t.tid(), nr, args, result);
    // Signals: the way back to user space delivers pending signals and turns an
    // interrupted call's -ERESTART* into EINTR or a restart (signal(7)).
    Signals.afterSyscall(t, nr);
    // Mappings may have changed; make this thread's TLB notice before the next access.
    cpu.mmu.sync();
  }

  /** MSG_NOSIGNAL: a socket send that hits a closed peer returns EPIPE without SIGPIPE. */
  private static final long MSG_NOSIGNAL = 0x4000;

  /**
   * Whether EPIPE from this call comes with SIGPIPE to the calling thread, as
   * writes to a pipe or socket with no reader do (pipe(7), send(2)); write(2)
   * and its vectored and positioned forms raise it themselves (FileIo).
   */
  private static boolean raisesSigpipe(int nr, long[] r) {
    return switch (nr) {
      case Sysno.SENDFILE, Sysno.SPLICE, Sysno.TEE, Sysno.VMSPLICE, Sysno.COPY_FILE_RANGE -> true;
      case Sysno.SENDTO -> (r[Cpu.R10] & MSG_NOSIGNAL) == 0;
      case Sysno.SENDMSG -> (r[Cpu.RDX] & MSG_NOSIGNAL) == 0;
      case Sysno.SENDMMSG -> (r[Cpu.R10] & MSG_NOSIGNAL) == 0;
      default -> false;
    };
  }

  /**
   * The caller changed mappings (munmap, mprotect, mremap, fork's copy-on-write):
   * every other thread on the same memory stops at its next instruction boundary
   * and drops its cached translations before going on (a TLB shootdown).
   */
  private void shootDown(Task caller, blink.memory.AddressSpace space) {
    for (Task o : tasks.values()) {
      if (o != caller && o.cpu.mmu.space() == space) o.interrupt();
    }
  }

  private long unimplemented(long nr, Cpu cpu) {
    boolean first;
    synchronized (reported) {
      first = reported.size() < 1024 && reported.add(nr);
    }
    if (first) {
      String name = Sysno.name(nr);
      Log.LOG.warn("unimplemented syscall {} ({}) at rip {}; returning ENOSYS",
          name != null ? name : "unknown", nr, Long.toHexString(cpu.rip));
    }
    return -Errno.ENOSYS;
  }
}
