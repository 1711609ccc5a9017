package blink.linux.sys;

import blink.linux.Errno;
import blink.linux.LinuxError;
import blink.linux.Syscall;
import blink.linux.SyscallTable;
import blink.linux.Sysno;
import blink.linux.Task;
import blink.linux.abi.LinuxTermios;
import blink.linux.abi.Struct;
import blink.linux.fs.OpenFile;
import blink.linux.host.Host;
import blink.linux.host.HostFlags;
import blink.linux.host.HostLayout;
import blink.memory.HostMemory;

/**
 * ioctl(2): terminal attributes, window size, process groups and the controlling
 * terminal, pseudo-terminal numbering and locking, and the generic fd requests
 * (tty_ioctl(4), ioctl_tty(2)).
 */
public final class Terminal implements Syscall {
  private Terminal() {}

  // Linux x86-64 request numbers (asm-generic/ioctls.h).
  static final int TCGETS = 0x5401, TCSETS = 0x5402, TCSETSW = 0x5403, TCSETSF = 0x5404;
  static final int TIOCGPGRP = 0x540F, TIOCGWINSZ = 0x5413, TIOCSWINSZ = 0x5414;
  static final int FIONREAD = 0x541B, FIONBIO = 0x5421, FIONCLEX = 0x5450, FIOCLEX = 0x5451;
  static final int TIOCSPGRP = 0x5410, TIOCSCTTY = 0x540E, TIOCNOTTY = 0x5422, TIOCGSID = 0x5429;
  static final int TIOCOUTQ = 0x5411, TIOCEXCL = 0x540C, TIOCNXCL = 0x540D, TCSBRK = 0x5409;
  static final int TCXONC = 0x540A, TCFLSH = 0x540B, FIOASYNC = 0x5452;
  static final int TIOCGPTN = 0x80045430, TIOCSPTLCK = 0x40045431, TIOCGPTPEER = 0x5441;

  /** How a simple request passes its argument: an int the kernel writes, an int it reads, or the value itself. */
  private enum Arg { INT_OUT, INT_IN, VALUE }

  /** A request that needs no translation beyond its number and its argument's kind. */
  private record Simple(long hostRequest, Arg arg) {}

  private static final java.util.Map<Integer, Simple> SIMPLE = java.util.Map.ofEntries(
      java.util.Map.entry(TIOCGSID, new Simple(HostFlags.TIOCGSID, Arg.INT_OUT)),
      java.util.Map.entry(FIONREAD, new Simple(HostFlags.FIONREAD, Arg.INT_OUT)),
      java.util.Map.entry(TIOCOUTQ, new Simple(HostFlags.TIOCOUTQ, Arg.INT_OUT)),
      java.util.Map.entry(FIONBIO, new Simple(HostFlags.FIONBIO, Arg.INT_IN)),
      java.util.Map.entry(FIOASYNC, new Simple(HostFlags.FIOASYNC, Arg.INT_IN)),
      java.util.Map.entry(TIOCGPTN, new Simple(HostFlags.TIOCGPTN, Arg.INT_OUT)),
      java.util.Map.entry(TIOCSPTLCK, new Simple(HostFlags.TIOCSPTLCK, Arg.INT_IN)),
      java.util.Map.entry(TIOCSCTTY, new Simple(HostFlags.TIOCSCTTY, Arg.VALUE)),
      java.util.Map.entry(TIOCNOTTY, new Simple(HostFlags.TIOCNOTTY, Arg.VALUE)),
      java.util.Map.entry(TIOCEXCL, new Simple(HostFlags.TIOCEXCL, Arg.VALUE)),
      java.util.Map.entry(TIOCNXCL, new Simple(HostFlags.TIOCNXCL, Arg.VALUE)),
      java.util.Map.entry(TCSBRK, new Simple(HostFlags.TCSBRK, Arg.VALUE)),
      java.util.Map.entry(TCXONC, new Simple(HostFlags.TCXONC, Arg.VALUE)),
      java.util.Map.entry(TCFLSH, new Simple(HostFlags.TCFLSH, Arg.VALUE)));

  private static final Terminal INSTANCE = new Terminal();

  public static void register(SyscallTable t) {
    t.add(INSTANCE, Sysno.IOCTL);
  }

  @Override
  public long call(Task t, int nr, long a0, long a1, long a2, long a3, long a4, long a5) {
    return switch (nr) {
      case Sysno.IOCTL -> ioctl(t, a0, a1, a2);
      default -> throw new IllegalArgumentException("not a Terminal syscall: " + nr);
    };
  }

  private static long ioctl(Task t, long fd, long request, long arg) {
    OpenFile f = t.process.fds.get((int) fd);
    // The request is an unsigned int in the kernel's ioctl entry.
    switch ((int) request) {
      case TCGETS:
        return tcgets(t, f, arg);
      case TCSETS:
        return tcsets(t, f, arg, HostFlags.TCSANOW);
      case TCSETSW:
        return tcsets(t, f, arg, HostFlags.TCSADRAIN);
      case TCSETSF:
        return tcsets(t, f, arg, HostFlags.TCSAFLUSH);
      case TIOCGWINSZ: {
        long ws = t.scratch.alloc(HostLayout.WINSIZE_SIZE);
        Host.check(Host.libc().ioctl(f.hostFd(), HostFlags.TIOCGWINSZ, ws));
        byte[] b = new byte[HostLayout.WINSIZE_SIZE];
        HostMemory.copyOut(ws, b, 0, b.length); // struct winsize: four u16, the same everywhere
        t.mmu().writeBytes(arg, b, 0, b.length);
        return 0;
      }
      case TIOCSWINSZ: {
        byte[] b = t.mmu().readBytes(arg, HostLayout.WINSIZE_SIZE);
        long ws = t.scratch.alloc(b.length);
        HostMemory.copyIn(b, 0, ws, b.length);
        return Host.check(Host.libc().ioctl(f.hostFd(), HostFlags.TIOCSWINSZ, ws));
      }
      case TIOCGPTPEER:
        return ptyPeer(t, f, (int) arg);
      case TIOCGPGRP, TIOCSPGRP:
        return foreground(t, f, (int) request, arg);
      case FIOCLEX:
        t.process.fds.setCloseOnExec((int) fd, true);
        return 0;
      case FIONCLEX:
        t.process.fds.setCloseOnExec((int) fd, false);
        return 0;
      default:
        Simple simple = SIMPLE.get((int) request);
        if (simple != null) return simple(t, f, simple, arg);
        // Requests a file does not know fail with ENOTTY (ioctl(2)).
        Unsupported.once("ioctl request 0x" + Long.toHexString(request & 0xffffffffL));
        throw new LinuxError(Errno.ENOTTY);
    }
  }

  /** A request from {@link #SIMPLE}: an int out through *arg, an int in from *arg, or arg itself. */
  private static long simple(Task t, OpenFile f, Simple r, long arg) {
    switch (r.arg()) {
      case INT_OUT -> {
        t.mmu().checkWritable(arg, 4);
        long v = t.scratch.alloc(4);
        long rc = Host.check(Host.libc().ioctl(f.hostFd(), r.hostRequest(), v));
        t.mmu().write32(arg, HostMemory.get32(v));
        return rc;
      }
      case INT_IN -> {
        long v = t.scratch.alloc(4);
        HostMemory.put32(v, t.mmu().read32(arg));
        return Host.check(Host.libc().ioctl(f.hostFd(), r.hostRequest(), v));
      }
      default -> {
        return Host.check(Host.libc().ioctl(f.hostFd(), r.hostRequest(), arg));
      }
    }
  }

  /**
   * TIOCGPGRP and TIOCSPGRP (tiocgpgrp(), tiocspgrp()): the foreground process
   * group is the machine's ({@link Foreground}), since guest groups are not the
   * host's; the host only confirms that f is a terminal. Setting needs an
   * existing group (ESRCH) of the caller's session (EPERM).
   */
  private static long foreground(Task t, OpenFile f, int request, long arg) {
    long v = t.scratch.alloc(4);
    Host.check(Host.libc().ioctl(f.hostFd(), HostFlags.TIOCGPGRP, v));
    blink.linux.LinuxKernel k = t.kernel();
    if (request == TIOCGPGRP) {
      t.mmu().write32(arg, Foreground.get(k));
      return 0;
    }
    int pgid = t.mmu().read32(arg);
    if (pgid < 0) throw new LinuxError(Errno.EINVAL);
    java.util.List<blink.linux.GuestProcess> group = k.processes.group(pgid);
    if (group.isEmpty()) throw new LinuxError(Errno.ESRCH);
    if (k.sid(group.get(0)) != k.sid(t.process)) throw new LinuxError(Errno.EPERM);
    Foreground.set(k, pgid);
    return 0;
  }

  /** TIOCGPTPEER: opens the pseudo-terminal's other end with the given open flags, as a new guest fd. */
  private static long ptyPeer(Task t, OpenFile f, int flags) {
    int host = Host.check(Host.libc().ioctl(f.hostFd(), HostFlags.TIOCGPTPEER,
        HostFlags.openToHost(flags | blink.linux.fs.OpenFlags.O_CLOEXEC)));
    OpenFile peer = new OpenFile(host, true, "/dev/pts/?");
    try {
      return t.process.fds.install(peer, (flags & blink.linux.fs.OpenFlags.O_CLOEXEC) != 0, 0,
          Descriptors.fileLimit(t));
    } catch (blink.linux.LinuxError e) {
      peer.release();
      throw e;
    }
  }

  /**
   * TCGETS through the host's tcgetattr (ENOTTY unless the fd is a terminal),
   * re-encoded as the kernel's termios. On a Linux host the flag bits and c_cc
   * indices agree; another host would translate them here.
   */
  private static long tcgets(Task t, OpenFile f, long arg) {
    long h = t.scratch.alloc(HostLayout.TERMIOS_SIZE);
    Host.check(Host.libc().tcgetattr(f.hostFd(), h));
    Struct s = Struct.of(LinuxTermios.SIZE)
        .put32(LinuxTermios.IFLAG, HostMemory.get32(h))
        .put32(LinuxTermios.OFLAG, HostMemory.get32(h + 4))
        .put32(LinuxTermios.CFLAG, HostMemory.get32(h + 8))
        .put32(LinuxTermios.LFLAG, HostMemory.get32(h + 12))
        .put8(LinuxTermios.LINE, HostMemory.get8(h + HostLayout.TERMIOS_LINE));
    for (int i = 0; i < LinuxTermios.NCCS; i++) {
      s.put8(LinuxTermios.CC + i, HostMemory.get8(h + HostLayout.TERMIOS_CC + i));
    }
    s.write(t.mmu(), arg);
    return 0;
  }

  /** TCSETS*: the guest's flags and control characters over the host's current settings. */
  private static long tcsets(Task t, OpenFile f, long arg, int when) {
    Struct s = Struct.read(t.mmu(), arg, LinuxTermios.SIZE);
    long h = t.scratch.alloc(HostLayout.TERMIOS_SIZE);
    Host.check(Host.libc().tcgetattr(f.hostFd(), h));
    HostMemory.put32(h, s.get32(LinuxTermios.IFLAG));
    HostMemory.put32(h + 4, s.get32(LinuxTermios.OFLAG));
    HostMemory.put32(h + 8, s.get32(LinuxTermios.CFLAG));
    HostMemory.put32(h + 12, s.get32(LinuxTermios.LFLAG));
    HostMemory.put8(h + HostLayout.TERMIOS_LINE, s.get8(LinuxTermios.LINE));
    for (int i = 0; i < LinuxTermios.NCCS; i++) {
      HostMemory.put8(h + HostLayout.TERMIOS_CC + i, s.get8(LinuxTermios.CC + i));
    }
    return Host.check(Host.libc().tcsetattr(f.hostFd(), when, h));
  }
}
