package blink.linux.sys;

import static blink.linux.KernelFixture.MEM;
import static org.junit.jupiter.api.Assertions.assertEquals;

import blink.linux.Errno;
import blink.linux.KernelFixture;
import blink.linux.Sysno;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TerminalTest {
  static final int TCGETS = 0x5401, TCSETS = 0x5402, TIOCGWINSZ = 0x5413, FIOCLEX = 0x5451, FIONREAD = 0x541B;

  final KernelFixture k = new KernelFixture();
  @TempDir Path dir;

  @Test
  void aFileIsNotATerminal() throws Exception {
    Path f = dir.resolve("t");
    Files.writeString(f, "12345");
    int fd = k.open(f.toString(), 0, 0);
    assertEquals(-Errno.ENOTTY, k.sys(Sysno.IOCTL, fd, TCGETS, MEM));
    assertEquals(-Errno.ENOTTY, k.sys(Sysno.IOCTL, fd, TCSETS, MEM));
    assertEquals(-Errno.ENOTTY, k.sys(Sysno.IOCTL, fd, TIOCGWINSZ, MEM));
    assertEquals(-Errno.ENOTTY, k.sys(Sysno.IOCTL, fd, 0x12345678, MEM));
    assertEquals(-Errno.EBADF, k.sys(Sysno.IOCTL, 77, TCGETS, MEM));
    assertEquals(0, k.sys(Sysno.IOCTL, fd, FIONREAD, MEM));
    assertEquals(5, k.read32(MEM));
    assertEquals(0, k.sys(Sysno.IOCTL, fd, FIOCLEX, 0));
    assertEquals(1, k.sys(Sysno.FCNTL, fd, 1, 0));
  }

  /** When the tests run in a terminal, TCGETS gives the kernel's termios. */
  @Test
  void terminalIfThereIsOne() throws Exception {
    Path tty = Path.of("/dev/tty");
    long fd = k.sys(Sysno.OPEN, k.cstr(MEM, tty.toString()), 2, 0);
    if (fd < 0) return; // no controlling terminal (CI, Maven without a tty)
    assertEquals(0, k.sys(Sysno.IOCTL, fd, TCGETS, MEM + 64));
    assertEquals(0, k.sys(Sysno.IOCTL, fd, TCSETS, MEM + 64)); // setting what we read changes nothing
    assertEquals(0, k.sys(Sysno.IOCTL, fd, TIOCGWINSZ, MEM + 128));
  }
}
