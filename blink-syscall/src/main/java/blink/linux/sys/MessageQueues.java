package blink.linux.sys;

import blink.linux.Errno;
import blink.linux.LinuxError;
import blink.linux.Syscall;
import blink.linux.SyscallTable;
import blink.linux.Sysno;
import blink.linux.Task;
import blink.linux.UserMemory;
import blink.linux.abi.LinuxTime;
import blink.linux.fs.OpenFile;
import blink.linux.fs.OpenFlags;
import blink.linux.host.Host;
import blink.linux.host.HostErrno;
import blink.linux.host.HostFlags;
import blink.memory.HostMemory;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * POSIX message queues (mq_overview(7)): the host's own. A queue descriptor is a
 * host fd in the guest's fd table, so it polls, dups and closes like any file;
 * names live in the host's queue namespace, as they would for a host process.
 * Blocking sends and receives wait in slices, so a signal or the process's end
 * interrupts them. Notification by signal or thread is not supported.
 */
public final class MessageQueues implements Syscall {
  private MessageQueues() {}

  /** struct mq_attr: mq_flags, mq_maxmsg, mq_msgsize, mq_curmsgs, then reserved: eight longs. */
  static final int MQ_ATTR_SIZE = 64;
  /** struct sigevent: sigev_notify sits after sigev_value (8) and sigev_signo (4). */
  static final int SIGEV_NOTIFY_OFFSET = 12, SIGEVENT_SIZE = 64, SIGEV_NONE = 1;

  private static final MessageQueues INSTANCE = new MessageQueues();

  public static void register(SyscallTable t) {
    t.add(INSTANCE, Sysno.MQ_OPEN, Sysno.MQ_UNLINK, Sysno.MQ_TIMEDSEND, Sysno.MQ_TIMEDRECEIVE, Sysno.MQ_NOTIFY,
        Sysno.MQ_GETSETATTR);
  }

  @Override
  public long call(Task t, int nr, long a0, long a1, long a2, long a3, long a4, long a5) {
    return switch (nr) {
      case Sysno.MQ_OPEN -> open(t, a0, (int) a1, (int) a2, a3);
      case Sysno.MQ_UNLINK -> Host.check(Host.libc().mq_unlink(hostName(t, a0)));
      case Sysno.MQ_TIMEDSEND -> send(t, (int) a0, a1, a2, (int) a3, a4);
      case Sysno.MQ_TIMEDRECEIVE -> receive(t, (int) a0, a1, a2, a3, a4);
      case Sysno.MQ_NOTIFY -> notify(t, (int) a0, a1);
      case Sysno.MQ_GETSETATTR -> getsetattr(t, (int) a0, a1, a2);
      default -> throw new IllegalArgumentException("not a MessageQueues syscall: " + nr);
    };
  }

  /** The raw syscall's name has no leading '/'; the host's mq_open wants one. */
  private static long hostName(Task t, long nameAddr) {
    byte[] name = UserMemory.readPath(t.mmu(), nameAddr);
    byte[] withSlash = new byte[name.length + 1];
    withSlash[0] = '/';
    System.arraycopy(name, 0, withSlash, 1, name.length);
    return t.scratch.cString(withSlash);
  }

  private static long open(Task t, long nameAddr, int oflag, int mode, long attrAddr) {
    long name = hostName(t, nameAddr);
    long attr = 0;
    if ((oflag & OpenFlags.O_CREAT) != 0 && attrAddr != 0) {
      attr = t.scratch.alloc(MQ_ATTR_SIZE);
      UserMemory.copyIn(t.mmu(), attrAddr, attr, MQ_ATTR_SIZE);
    }
    // Host fds are close-on-exec; the guest's flag lives in its fd table.
    int hostFlags = HostFlags.openToHost(oflag | OpenFlags.O_CLOEXEC);
    int fd = Host.check(Host.libc().mq_open(name, hostFlags, mode & 07777 & ~t.process.umask(), attr));
    String path = "mqueue:" + new String(UserMemory.readPath(t.mmu(), nameAddr), StandardCharsets.UTF_8);
    return Descriptors.install(t, new OpenFile(fd, true, path), (oflag & OpenFlags.O_CLOEXEC) != 0, 0);
  }

  private static long send(Task t, int mqdes, long msg, long len, int prio, long abstime) {
    int fd = t.process.fds.get(mqdes).hostFd();
    long buf = t.scratch.alloc(Math.max(1, len));
    UserMemory.copyIn(t.mmu(), msg, buf, len);
    return sliced(t, abstime, ts -> Host.libc().mq_timedsend(fd, buf, len, prio, ts));
  }

  private static long receive(Task t, int mqdes, long msg, long len, long prioAddr, long abstime) {
    int fd = t.process.fds.get(mqdes).hostFd();
    t.mmu().checkWritable(msg, len);
    long buf = t.scratch.alloc(Math.max(1, len));
    long prio = t.scratch.alloc(8);
    long n = sliced(t, abstime, ts -> Host.libc().mq_timedreceive(fd, buf, len, prio, ts));
    UserMemory.copyOut(t.mmu(), buf, msg, n);
    if (prioAddr != 0) t.mmu().write32(prioAddr, HostMemory.get32(prio));
    return n;
  }

  /** One host call given the absolute CLOCK_REALTIME timeout it may wait until. */
  private interface TimedCall {
    long run(long abstime);
  }

  /**
   * Runs a blocking send or receive in slices of at most {@link Blocking#SLICE}:
   * ETIMEDOUT before the guest's own deadline (none if abstime is NULL) means
   * "not yet", and the wait ends with EINTR when the thread must look at a signal.
   */
  private static long sliced(Task t, long abstime, TimedCall call) {
    long deadline = Long.MAX_VALUE;
    if (abstime != 0) {
      long sec = t.mmu().read64(abstime), nsec = t.mmu().read64(abstime + 8);
      if (nsec < 0 || nsec >= LinuxTime.NANOS) throw new LinuxError(Errno.EINVAL);
      deadline = sec < 0 ? 0 : LinuxTime.nanos(sec, nsec);
    }
    long ts = t.scratch.alloc(LinuxTime.TIMESPEC_SIZE);
    while (true) {
      Instant now = Instant.now();
      long nowNs = LinuxTime.nanos(now.getEpochSecond(), now.getNano());
      long until = Math.min(deadline, nowNs + Blocking.SLICE);
      HostMemory.put64(ts, until / LinuxTime.NANOS);
      HostMemory.put64(ts + 8, until % LinuxTime.NANOS);
      long r = call.run(ts);
      if (r >= 0) return r;
      int err = HostErrno.toLinux(Host.errno());
      if (err != Errno.ETIMEDOUT || until >= deadline) throw new LinuxError(err);
      if (Blocking.killed(t)) throw new LinuxError(Errno.EINTR);
    }
  }

  /** mq_notify(2): registering for "no notification" or unregistering works; signals and threads are not offered. */
  private static long notify(Task t, int mqdes, long sevp) {
    int fd = t.process.fds.get(mqdes).hostFd();
    if (sevp == 0) return Host.check(Host.libc().mq_notify(fd, 0));
    int how = t.mmu().read32(sevp + SIGEV_NOTIFY_OFFSET);
    if (how != SIGEV_NONE) {
      Unsupported.once("mq_notify with SIGEV_SIGNAL or SIGEV_THREAD");
      throw new LinuxError(Errno.ENOSYS);
    }
    long ev = t.scratch.calloc(SIGEVENT_SIZE);
    HostMemory.put32(ev + SIGEV_NOTIFY_OFFSET, SIGEV_NONE);
    return Host.check(Host.libc().mq_notify(fd, ev));
  }

  /** mq_getsetattr(2): only O_NONBLOCK of mq_flags can change; the old attributes are written last. */
  private static long getsetattr(Task t, int mqdes, long newAddr, long oldAddr) {
    int fd = t.process.fds.get(mqdes).hostFd();
    long old = t.scratch.calloc(MQ_ATTR_SIZE);
    if (newAddr != 0) {
      long next = t.scratch.alloc(MQ_ATTR_SIZE);
      UserMemory.copyIn(t.mmu(), newAddr, next, MQ_ATTR_SIZE);
      long flags = HostMemory.get64(next);
      HostMemory.put64(next, HostFlags.openToHost((int) flags));
      Host.check(Host.libc().mq_setattr(fd, next, old));
    } else {
      Host.check(Host.libc().mq_getattr(fd, old));
    }
    if (oldAddr != 0) {
      HostMemory.put64(old, HostFlags.openFromHost((int) HostMemory.get64(old)));
      UserMemory.copyOut(t.mmu(), old, oldAddr, MQ_ATTR_SIZE);
    }
    return 0;
  }
}
