package blink.linux.sys;

import blink.linux.Errno;
import blink.linux.GuestProcess;
import blink.linux.LinuxError;
import blink.linux.Syscall;
import blink.linux.SyscallTable;
import blink.linux.Sysno;
import blink.linux.Task;
import blink.linux.abi.Struct;
import blink.linux.fs.OpenFile;
import blink.linux.host.Host;
import blink.linux.host.HostEvents;
import blink.linux.signal.ProcessSignals;
import blink.linux.signal.SigInfo;
import blink.linux.signal.Signal;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.locks.LockSupport;

/**
 * signalfd(2) and signalfd4(2): a file that reads the process's pending
 * signals of a mask as struct signalfd_siginfo (128 bytes each). Its host side
 * is an eventfd kept readable while such a signal is pending, so poll, select
 * and epoll on it are the host's; reads come here ({@link #read}).
 */
public final class SignalFd implements Syscall {
  private SignalFd() {}

  static final int SFD_NONBLOCK = 04000, SFD_CLOEXEC = 02000000;
  /** sizeof(struct signalfd_siginfo). */
  static final int SIGINFO_SIZE = 128;
  private static final int F_GETFL = 3, HOST_O_NONBLOCK = 04000;

  /** One signalfd: its mask, its process, and whether its eventfd is readable. */
  private static final class State {
    final OpenFile file;
    final GuestProcess process;
    volatile long mask;
    boolean ready;
    final MemorySegment word = Arena.ofAuto().allocate(8, 8);

    State(OpenFile file, GuestProcess process, long mask) {
      this.file = file;
      this.process = process;
      this.mask = mask;
    }
  }

  private static final Map<OpenFile, State> FILES = new WeakHashMap<>();

  private static final SignalFd INSTANCE = new SignalFd();

  static void register(SyscallTable t) {
    t.add(INSTANCE, Sysno.SIGNALFD, Sysno.SIGNALFD4);
  }

  @Override
  public long call(Task t, int nr, long a0, long a1, long a2, long a3, long a4, long a5) {
    return switch (nr) {
      case Sysno.SIGNALFD -> signalfd4(t, a0, a1, a2, 0);
      case Sysno.SIGNALFD4 -> signalfd4(t, a0, a1, a2, a3);
      default -> throw new IllegalArgumentException("not a SignalFd syscall: " + nr);
    };
  }

  private static long signalfd4(Task t, long fd, long maskAddr, long size, long flagsArg) {
    int flags = (int) flagsArg;
    if ((flags & ~(SFD_NONBLOCK | SFD_CLOEXEC)) != 0) throw new LinuxError(Errno.EINVAL);
    if (size != Signals.SIGSET_SIZE) throw new LinuxError(Errno.EINVAL);
    long mask = t.mmu().read64(maskAddr) & ~Signal.UNBLOCKABLE;
    if ((int) fd != -1) {
      State s = state(t.process.fds.get((int) fd));
      if (s == null) throw new LinuxError(Errno.EINVAL);
      s.mask = mask;
      refresh(s);
      return fd;
    }
    int hostFd = HostEvents.eventfd(0, false, (flags & SFD_NONBLOCK) != 0);
    OpenFile f = new OpenFile(hostFd, true, "anon_inode:[signalfd]");
    State s = new State(f, t.process, mask);
    synchronized (FILES) {
      FILES.put(f, s);
    }
    refresh(s);
    return Descriptors.install(t, f, (flags & SFD_CLOEXEC) != 0, 0);
  }

  private static State state(OpenFile f) {
    synchronized (FILES) {
      return FILES.isEmpty() ? null : FILES.get(f);
    }
  }

  /** Whether f is a signalfd (its reads go to {@link #read}). */
  static boolean is(OpenFile f) {
    return state(f) != null;
  }

  /** A signal was generated for p, or taken: its signalfds' readiness follows. */
  static void signalled(GuestProcess p) {
    List<State> of = new ArrayList<>();
    synchronized (FILES) {
      if (FILES.isEmpty()) return;
      for (State s : FILES.values()) if (s.process == p) of.add(s);
    }
    for (State s : of) refresh(s);
  }

  /** The signals of the mask pending for the process (any thread's, or shared). */
  private static long pending(State s) {
    long m = ProcessSignals.of(s.process).shared.mask();
    for (Task th : s.process.threadsSnapshot()) m |= th.pending.mask();
    return m & s.mask;
  }

  /** Makes the eventfd readable exactly when a signal of the mask is pending. */
  private static synchronized void refresh(State s) {
    boolean want = pending(s) != 0;
    if (want == s.ready) return;
    long a = s.word.address();
    if (want) {
      s.word.set(ValueLayout.JAVA_LONG, 0, 1L);
      Host.libc().write(s.file.hostFd(), a, 8);
    } else {
      Host.libc().read(s.file.hostFd(), a, 8);
    }
    s.ready = want;
  }

  /**
   * read(2) of a signalfd: as many pending signals of its mask as fit (the
   * thread's first, then the process's), EINVAL for a buffer smaller than one;
   * with none pending, EAGAIN if non-blocking, else waits (a handled signal
   * interrupts it).
   */
  static long read(Task t, OpenFile f, long buf, long count) {
    State s = state(f);
    if (count < SIGINFO_SIZE) throw new LinuxError(Errno.EINVAL);
    ProcessSignals ps = t.processSignals();
    long done = 0;
    while (true) {
      while (count - done >= SIGINFO_SIZE) {
        SigInfo si = t.pending.takeNext(s.mask);
        if (si == null) si = ps.shared.takeNext(s.mask);
        if (si == null) break;
        if (si.signo() == Signal.SIGALRM) t.process.itimers.alarmDequeued();
        t.mmu().writeBytes(buf + done, layout(si).bytes(), 0, SIGINFO_SIZE);
        done += SIGINFO_SIZE;
      }
      refresh(s);
      if (done > 0) return done;
      if ((Host.libc().fcntl(f.hostFd(), F_GETFL, 0) & HOST_O_NONBLOCK) != 0) throw new LinuxError(Errno.EAGAIN);
      if (Signals.interrupted(t)) throw new LinuxError(Signals.ERESTARTSYS);
      LockSupport.parkNanos(Blocking.SLICE);
    }
  }

  /**
   * struct signalfd_siginfo (linux/signalfd.h): ssi_signo, errno, code, pid,
   * uid, fd, tid, band, overrun, trapno, status, int, ptr, utime, stime, addr.
   */
  private static Struct layout(SigInfo si) {
    Struct s = Struct.of(SIGINFO_SIZE);
    s.put32(0, si.signo()).put32(4, si.errno()).put32(8, si.code());
    int sig = si.signo();
    int code = si.code();
    boolean fault = code > 0 && code < SigInfo.SI_KERNEL && (sig == Signal.SIGSEGV || sig == Signal.SIGBUS
        || sig == Signal.SIGILL || sig == Signal.SIGFPE || sig == Signal.SIGTRAP);
    if (fault) {
      s.put64(72, si.addr());
    } else if (sig == Signal.SIGCHLD && code > 0 && code < SigInfo.SI_KERNEL) {
      s.put32(12, si.pid()).put32(16, si.uid()).put32(40, si.status());
      s.put64(56, si.utime()).put64(64, si.stime());
    } else {
      s.put32(12, si.pid()).put32(16, si.uid());
      // ssi_int and ssi_ptr both carry sigval (signalfd_copyinfo()).
      s.put32(44, (int) si.value()).put64(48, si.value());
    }
    return s;
  }
}
