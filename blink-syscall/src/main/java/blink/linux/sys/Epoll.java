package blink.linux.sys;

import static blink.linux.abi.LinuxEpoll.EVENT_SIZE;

import blink.linux.Errno;
import blink.linux.LinuxError;
import blink.linux.Syscall;
import blink.linux.SyscallTable;
import blink.linux.Sysno;
import blink.linux.Task;
import blink.linux.UserMemory;
import blink.linux.abi.LinuxEpoll;
import blink.linux.abi.LinuxTime;
import blink.linux.abi.Struct;
import blink.linux.fs.OpenFile;
import blink.linux.host.HostEvents;
import blink.linux.host.Scratch;
import blink.machine.GuestFault;
import blink.memory.HostMemory;

/**
 * epoll(7): epoll_create, epoll_create1, epoll_ctl, epoll_wait, epoll_pwait,
 * epoll_pwait2. An epoll instance is a host epoll object ({@link HostEvents})
 * watching the host fds behind the guest's; the guest's 64-bit data word rides
 * in the host's event verbatim, and events are re-encoded as Linux's packed
 * 12-byte struct epoll_event. Checks the kernel makes before it looks at the
 * instance (fs/eventpoll.c, in its order) are made here; the rest (EEXIST,
 * ENOENT, EPERM, ELOOP, EXCLUSIVE rules) are the host kernel's answer.
 *
 * <p>Known difference: registrations are keyed by host file, so two guest fds
 * dup'ed from one another count as the same registration (Linux keys by fd
 * number and file).
 */
public final class Epoll implements Syscall {
  private Epoll() {}

  private static final Epoll INSTANCE = new Epoll();

  /** What an epoll descriptor's /proc/self/fd link shows; also how an epoll file is recognised. */
  static final String EPOLL_NAME = "anon_inode:[eventpoll]";

  public static void register(SyscallTable t) {
    t.add(INSTANCE, Sysno.EPOLL_CREATE, Sysno.EPOLL_CREATE1, Sysno.EPOLL_CTL, Sysno.EPOLL_WAIT,
        Sysno.EPOLL_PWAIT, Sysno.EPOLL_PWAIT2);
  }

  @Override
  public long call(Task t, int nr, long a0, long a1, long a2, long a3, long a4, long a5) {
    return switch (nr) {
      case Sysno.EPOLL_CREATE -> epollCreate(t, a0);
      case Sysno.EPOLL_CREATE1 -> epollCreate1(t, a0);
      case Sysno.EPOLL_CTL -> epollCtl(t, a0, a1, a2, a3);
      case Sysno.EPOLL_WAIT -> epollWait(t, a0, a1, a2, millis(a3));
      case Sysno.EPOLL_PWAIT -> epollPwait(t, a0, a1, a2, millis(a3), a4, a5);
      case Sysno.EPOLL_PWAIT2 -> epollPwait2(t, a0, a1, a2, a3, a4, a5);
      default -> throw new IllegalArgumentException("not an Epoll syscall: " + nr);
    };
  }

  /** epoll_create(2): size is only checked to be positive. */
  private static long epollCreate(Task t, long size) {
    if ((int) size <= 0) throw new LinuxError(Errno.EINVAL);
    return create(t, false);
  }

  private static long epollCreate1(Task t, long flags) {
    if (((int) flags & ~LinuxEpoll.EPOLL_CLOEXEC) != 0) throw new LinuxError(Errno.EINVAL);
    return create(t, ((int) flags & LinuxEpoll.EPOLL_CLOEXEC) != 0);
  }

  private static long create(Task t, boolean cloexec) {
    OpenFile f = new OpenFile(HostEvents.epollCreate(), true, EPOLL_NAME);
    return Descriptors.install(t, f, cloexec, 0);
  }

  /** epoll_ctl(2): the event is read first (EFAULT) for every op but DEL, then both fds (EBADF). */
  private static long epollCtl(Task t, long epfd, long opArg, long fd, long event) {
    int op = (int) opArg;
    int events = 0;
    long data = 0;
    if (op != LinuxEpoll.EPOLL_CTL_DEL) {
      Struct e = Struct.read(t.mmu(), event, EVENT_SIZE);
      events = e.get32(LinuxEpoll.EVENT_EVENTS);
      data = e.get64(LinuxEpoll.EVENT_DATA);
    }
    OpenFile ep = t.process.fds.get((int) epfd);
    OpenFile target = t.process.fds.get((int) fd);
    // An unknown op still gets the host's EPERM (unpollable target) or EINVAL
    // (not an epoll instance) before its own EINVAL, in the kernel's order.
    HostEvents.epollCtl(t.scratch, ep.hostFd(), op, target.hostFd(), events, data);
    return 0;
  }

  /** A millisecond timeout as nanoseconds; negative waits forever. */
  private static long millis(long ms) {
    return (int) ms < 0 ? -1 : (int) ms * 1_000_000L;
  }

  private static long epollPwait(Task t, long epfd, long events, long max, long timeout, long mask, long size) {
    Blocking.Sigmask m = Blocking.Sigmask.read(t, mask, size);
    return m.during(t, () -> epollWait(t, epfd, events, max, timeout));
  }

  /** epoll_pwait2(2): a timespec timeout (NULL waits forever), read before anything else. */
  private static long epollPwait2(Task t, long epfd, long events, long max, long tsp, long mask, long size) {
    long timeout = tsp == 0 ? -1 : LinuxTime.readTimespec(t.mmu(), tsp);
    Blocking.Sigmask m = Blocking.Sigmask.read(t, mask, size);
    return m.during(t, () -> epollWait(t, epfd, events, max, timeout));
  }

  /**
   * epoll_wait(2), with the checks in Linux 6.18's order: EBADF, EINVAL for a
   * bad maxevents, EFAULT for a buffer outside user space, then (from the
   * host) EINVAL if epfd is not an epoll instance. Only as many events are
   * taken as the guest can be given: a host event once taken cannot be put
   * back (ET and ONESHOT registrations would lose it). With no writable room
   * at all, Linux waits and then fails to copy: EFAULT once an event is ready.
   */
  private static long epollWait(Task t, long epfd, long events, long maxArg, long timeout) {
    OpenFile ep = t.process.fds.get((int) epfd);
    int max = (int) maxArg;
    if (max <= 0 || max > LinuxEpoll.MAX_EVENTS) throw new LinuxError(Errno.EINVAL);
    if (!UserMemory.accessOk(events, (long) max * EVENT_SIZE)) throw new LinuxError(Errno.EFAULT);
    int hostFd = ep.hostFd();
    int n = writableEvents(t, events, Math.min(max, Scratch.MAX_CHUNK / HostEvents.HOST_EVENT_SIZE));
    if (n == 0) {
      if (!EPOLL_NAME.equals(ep.path())) throw new LinuxError(Errno.EINVAL);
      long pfd = t.scratch.alloc(8);
      HostMemory.put32(pfd, hostFd);
      HostMemory.put16(pfd + 4, Polling.POLLIN);
      HostMemory.put16(pfd + 6, 0);
      if (Polling.hostPoll(t, pfd, 1, timeout) > 0) throw new LinuxError(Errno.EFAULT);
      return 0;
    }
    long buf = HostEvents.eventBuffer(t.scratch, n);
    int got = (int) Blocking.wait(t, timeout, ms -> HostEvents.epollWait(hostFd, buf, n, ms));
    Struct out = Struct.of(got * EVENT_SIZE);
    for (int i = 0; i < got; i++) {
      out.put32(i * EVENT_SIZE + LinuxEpoll.EVENT_EVENTS, HostEvents.eventBits(buf, i));
      out.put64(i * EVENT_SIZE + LinuxEpoll.EVENT_DATA, HostEvents.eventData(buf, i));
    }
    out.write(t.mmu(), events);
    return got;
  }

  /** How many of max events starting at va lie in writable guest memory (0 if not even one). */
  private static int writableEvents(Task t, long va, int max) {
    long end = va + (long) max * EVENT_SIZE;
    long ok = va;
    try {
      // One probe per page.
      for (long p = va; p < end; p = (p | 0xfff) + 1) {
        t.mmu().checkWritable(p, Math.min(end, (p | 0xfff) + 1) - p);
        ok = Math.min(end, (p | 0xfff) + 1);
      }
    } catch (GuestFault f) {
      // ok stays at the end of the last writable page
    }
    return (int) ((ok - va) / EVENT_SIZE);
  }
}
