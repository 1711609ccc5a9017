package blink.linux.host;

import blink.linux.abi.LinuxEpoll;
import blink.memory.HostMemory;

/**
 * The host objects behind the guest's epoll, eventfd and timerfd descriptors.
 * The host is Linux, so each is the host kernel's own object of the same kind:
 * readiness, edge triggering, one-shot and exclusive wake-ups, nesting (and
 * its ELOOP check), removal of a registration when the last reference to the
 * watched file goes, and counters and expirations read with read(2) all behave
 * as they do for a native program. Arguments and results are Linux values;
 * this class alone knows the host's numbers and layouts (glibc x86-64 here: the
 * same numbers, and the same packed 12-byte epoll_event). A host without these
 * objects needs another implementation of this class (see docs/architecture.md).
 */
public final class HostEvents {
  private HostEvents() {}

  /** Host epoll_create1 and timerfd/eventfd flags (sys/epoll.h, sys/timerfd.h, sys/eventfd.h). */
  private static final int HOST_EPOLL_CLOEXEC = 02000000, HOST_O_NONBLOCK = 04000, HOST_O_CLOEXEC = 02000000;
  private static final int HOST_EFD_SEMAPHORE = 1;
  private static final int HOST_TFD_TIMER_ABSTIME = 1, HOST_TFD_TIMER_CANCEL_ON_SET = 2;

  /** Host struct epoll_event: packed on x86-64, 12 bytes; data at 4. */
  public static final int HOST_EVENT_SIZE = 12;
  private static final int HOST_EVENT_DATA = 4;
  /** Host struct itimerspec: two timespecs of two longs, interval first. */
  private static final int HOST_ITIMERSPEC_SIZE = 32;

  /** Host EPOLL_CTL_ADD, DEL, MOD, indexed by the Linux op; 0 is no op on the host either. */
  private static final int[] CTL_OPS = {0, 1, 2, 3};

  /** The host bit for each bit of {@link LinuxEpoll#BITS}, in the same order. */
  private static final int[] HOST_BITS = {
    0x1, 0x2, 0x4, 0x8, 0x10, 0x20, 0x40, 0x80, 0x100, 0x200, 0x400, 0x2000, 1 << 28, 1 << 29, 1 << 30, 1 << 31,
  };

  private static int bits(int value, int[] from, int[] to) {
    int out = 0;
    for (int i = 0; i < from.length; i++) if ((value & from[i]) != 0) out |= to[i];
    return out;
  }

  // ---------------------------------------------------------------- epoll

  /** A new host epoll instance (close-on-exec on the host; the guest's flag lives in its fd table). */
  public static int epollCreate() {
    return Host.check(Host.libc().epoll_create1(HOST_EPOLL_CLOEXEC));
  }

  /**
   * epoll_ctl on host fds with a Linux op and Linux event bits; data is kept
   * verbatim. An unknown op becomes one the host rejects the same way.
   */
  public static void epollCtl(Scratch s, int epfd, int op, int fd, int events, long data) {
    int hostOp = op >= 0 && op < CTL_OPS.length ? CTL_OPS[op] : 0;
    long ev = s.calloc(HOST_EVENT_SIZE);
    HostMemory.put32(ev, bits(events, LinuxEpoll.BITS, HOST_BITS));
    HostMemory.put64(ev + HOST_EVENT_DATA, data);
    Host.check(Host.libc().epoll_ctl(epfd, hostOp, fd, ev));
  }

  /** A host buffer for n events. */
  public static long eventBuffer(Scratch s, int n) {
    return s.alloc((long) n * HOST_EVENT_SIZE);
  }

  /** epoll_wait on the host with a millisecond timeout (0: do not wait). */
  public static int epollWait(int epfd, long events, int max, int timeoutMs) {
    return Host.check(Host.libc().epoll_wait(epfd, events, max, timeoutMs));
  }

  /** Linux event bits of the i-th host event. */
  public static int eventBits(long events, int i) {
    return bits(HostMemory.get32(events + (long) i * HOST_EVENT_SIZE), HOST_BITS, LinuxEpoll.BITS);
  }

  /** The data word of the i-th host event, as the guest gave it. */
  public static long eventData(long events, int i) {
    return HostMemory.get64(events + (long) i * HOST_EVENT_SIZE + HOST_EVENT_DATA);
  }

  // ---------------------------------------------------------------- eventfd

  /** A host eventfd with counter initval. */
  public static int eventfd(int initval, boolean semaphore, boolean nonblock) {
    int flags = HOST_O_CLOEXEC | (semaphore ? HOST_EFD_SEMAPHORE : 0) | (nonblock ? HOST_O_NONBLOCK : 0);
    return Host.check(Host.libc().eventfd(initval, flags));
  }

  // ---------------------------------------------------------------- timerfd

  /** A host timerfd on the host clock for Linux clock id clock (checked by the caller). */
  public static int timerfdCreate(int clock, boolean nonblock) {
    int host = HostFlags.clockToHost(clock);
    return Host.check(Host.libc().timerfd_create(host, HOST_O_CLOEXEC | (nonblock ? HOST_O_NONBLOCK : 0)));
  }

  /**
   * Arms or disarms a host timerfd. Times are {interval sec, nsec, value sec, nsec}
   * as the guest's itimerspec holds them; returns the old setting the same way.
   */
  public static long[] timerfdSettime(Scratch s, int fd, boolean absolute, boolean cancelOnSet, long[] next) {
    long in = s.alloc(HOST_ITIMERSPEC_SIZE), old = s.alloc(HOST_ITIMERSPEC_SIZE);
    for (int i = 0; i < 4; i++) HostMemory.put64(in + 8L * i, next[i]);
    int flags = (absolute ? HOST_TFD_TIMER_ABSTIME : 0) | (cancelOnSet ? HOST_TFD_TIMER_CANCEL_ON_SET : 0);
    Host.check(Host.libc().timerfd_settime(fd, flags, in, old));
    return itimerspec(old);
  }

  /** The time left and the interval of a host timerfd, as {interval sec, nsec, value sec, nsec}. */
  public static long[] timerfdGettime(Scratch s, int fd) {
    long cur = s.alloc(HOST_ITIMERSPEC_SIZE);
    Host.check(Host.libc().timerfd_gettime(fd, cur));
    return itimerspec(cur);
  }

  private static long[] itimerspec(long a) {
    return new long[] {HostMemory.get64(a), HostMemory.get64(a + 8), HostMemory.get64(a + 16), HostMemory.get64(a + 24)};
  }
}
