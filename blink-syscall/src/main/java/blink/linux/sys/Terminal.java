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

/** ioctl(2): terminal attributes and window size, and the generic fd requests. */
public final class Terminal implements Syscall {
  private Terminal() {}

  // Linux x86-64 request numbers (asm-generic/ioctls.h).
  static final int TCGETS = 0x5401, TCSETS = 0x5402, TCSETSW = 0x5403, TCSETSF = 0x5404;
  static final int TIOCGPGRP = 0x540F, TIOCGWINSZ = 0x5413, TIOCSWINSZ = 0x5414;
  static final int FIONREAD = 0x541B, FIONBIO = 0x5421, FIONCLEX = 0x5450, FIOCLEX = 0x5451;

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
      case TIOCGPGRP:
        return intOut(t, f, HostFlags.TIOCGPGRP, arg);
      case FIONREAD:
        return intOut(t, f, HostFlags.FIONREAD, arg);
      case FIONBIO: {
        long v = t.scratch.alloc(4);
        HostMemory.put32(v, t.mmu().read32(arg));
        return Host.check(Host.libc().ioctl(f.hostFd(), HostFlags.FIONBIO, v));
      }
      case FIOCLEX:
        t.process.fds.setCloseOnExec((int) fd, true);
        return 0;
      case FIONCLEX:
        t.process.fds.setCloseOnExec((int) fd, false);
        return 0;
      default:
        // Requests a file does not know fail with ENOTTY (ioctl(2)).
        Unsupported.once("ioctl request 0x" + Long.toHexString(request & 0xffffffffL));
        throw new LinuxError(Errno.ENOTTY);
    }
  }

  /** An ioctl whose result is one int written to *arg. */
  private static long intOut(Task t, OpenFile f, long hostRequest, long arg) {
    t.mmu().checkWritable(arg, 4);
    long v = t.scratch.alloc(4);
    Host.check(Host.libc().ioctl(f.hostFd(), hostRequest, v));
    t.mmu().write32(arg, HostMemory.get32(v));
    return 0;
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
