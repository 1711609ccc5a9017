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
  private final GuestProcess process;
  private final Map<Cpu, Task> tasks = new ConcurrentHashMap<>();
  private volatile Task lastTask;
  /** Unimplemented syscall numbers already logged (bounded: a fuzzer has many). */
  private final Set<Long> reported = new HashSet<>();
  /** Set by {@code blink -s}: every call is also described to it. */
  private volatile SyscallTracer tracer;

  /**
   * @param exePath the guest program's absolute guest path (what /proc/self/exe names)
   * @param brkStart the initial program break: the page-aligned end of the loaded image
   */
  public LinuxKernel(String exePath, long brkStart) {
    // Binding the host C library takes 100-300 ms; start it now, off this thread.
    Host.preload();
    this.process = new GuestProcess(exePath, brkStart);
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
  }

  public GuestProcess process() {
    return process;
  }

  /** The kernel's view of the thread running on cpu; the first CPU seen is the main thread. */
  public Task task(Cpu cpu) {
    Task t = lastTask;
    if (t != null && t.cpu == cpu) return t;
    // TODO(threads): clone() will create tasks with their own tids.
    t = tasks.computeIfAbsent(cpu, c -> new Task(c, process, 0));
    lastTask = t;
    return t;
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
    long result;
    if (s == null) {
      result = unimplemented(nr, cpu);
    } else {
      Task t = task(cpu);
      t.scratch.reset();
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
    }
    r[Cpu.RAX] = result;
    if (trace != null) trace.trace(cpu.mmu, task(cpu).tid(), nr, args, result);
    // Mappings may have changed; make this thread's TLB notice before the next access.
    cpu.mmu.sync();
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
