package blink.linux.abi;

/**
 * epoll's ABI on Linux x86-64 (uapi/linux/eventpoll.h). struct epoll_event is
 * packed there (and only there, among 64-bit architectures) to 12 bytes:
 * <pre>
 *   0        4                        12
 *   +--------+------------------------+
 *   | events |  data (u64, unaligned) |
 *   +--------+------------------------+
 * </pre>
 */
public final class LinuxEpoll {
  private LinuxEpoll() {}

  public static final int EVENT_SIZE = 12, EVENT_EVENTS = 0, EVENT_DATA = 4;
  /** EP_MAX_EVENTS: maxevents may not exceed INT_MAX / sizeof(struct epoll_event). */
  public static final int MAX_EVENTS = Integer.MAX_VALUE / EVENT_SIZE;

  public static final int EPOLL_CTL_ADD = 1, EPOLL_CTL_DEL = 2, EPOLL_CTL_MOD = 3;
  /** epoll_create1's only flag is O_CLOEXEC. */
  public static final int EPOLL_CLOEXEC = 02000000;

  public static final int EPOLLIN = 0x1, EPOLLPRI = 0x2, EPOLLOUT = 0x4, EPOLLERR = 0x8, EPOLLHUP = 0x10;
  public static final int EPOLLNVAL = 0x20, EPOLLRDNORM = 0x40, EPOLLRDBAND = 0x80, EPOLLWRNORM = 0x100;
  public static final int EPOLLWRBAND = 0x200, EPOLLMSG = 0x400, EPOLLRDHUP = 0x2000;
  public static final int EPOLLEXCLUSIVE = 1 << 28, EPOLLWAKEUP = 1 << 29, EPOLLONESHOT = 1 << 30;
  public static final int EPOLLET = 1 << 31;

  /** Every event and flag bit above, in table order for translation. */
  public static final int[] BITS = {
    EPOLLIN, EPOLLPRI, EPOLLOUT, EPOLLERR, EPOLLHUP, EPOLLNVAL, EPOLLRDNORM, EPOLLRDBAND, EPOLLWRNORM,
    EPOLLWRBAND, EPOLLMSG, EPOLLRDHUP, EPOLLEXCLUSIVE, EPOLLWAKEUP, EPOLLONESHOT, EPOLLET,
  };
}
