package blink.linux.sys;

import static blink.linux.KernelFixture.MEM;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import blink.linux.Errno;
import blink.linux.KernelFixture;
import blink.linux.Sysno;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DescriptorsTest {
  static final int O_RDONLY = 0, O_WRONLY = 1, O_RDWR = 2, O_CREAT = 0100, O_EXCL = 0200;
  static final int O_NONBLOCK = 04000, O_APPEND = 02000, O_LARGEFILE = 0100000, O_CLOEXEC = 02000000;
  static final int F_DUPFD = 0, F_GETFD = 1, F_SETFD = 2, F_GETFL = 3, F_SETFL = 4, F_DUPFD_CLOEXEC = 1030;

  final KernelFixture k = new KernelFixture();
  @TempDir Path dir;

  @Test
  void openGivesLowestFreeFdAndErrnos() throws Exception {
    Path f = dir.resolve("f");
    Files.writeString(f, "x");
    assertEquals(3, k.open(f.toString(), O_RDONLY, 0));
    assertEquals(4, k.open(f.toString(), O_RDONLY, 0));
    assertEquals(0, k.sys(Sysno.CLOSE, 3));
    assertEquals(3, k.open(f.toString(), O_RDONLY, 0));
    assertEquals(-Errno.EBADF, k.sys(Sysno.CLOSE, 3000));
    long path = k.cstr(MEM, dir.resolve("missing").toString());
    assertEquals(-Errno.ENOENT, k.sys(Sysno.OPEN, path, O_RDONLY, 0));
    assertEquals(-Errno.EEXIST, k.sys(Sysno.OPEN, k.cstr(MEM, f.toString()), O_CREAT | O_EXCL | O_WRONLY, 0600));
    assertEquals(-Errno.ENOENT, k.sys(Sysno.OPEN, k.cstr(MEM, ""), O_RDONLY, 0));
    assertEquals(-Errno.ENOTDIR, k.sys(Sysno.OPEN, k.cstr(MEM, f + "/x"), O_RDONLY, 0));
  }

  @Test
  void openatRelativeToADirectoryFd() throws Exception {
    Files.writeString(dir.resolve("rel"), "relative");
    int d = k.open(dir.toString(), O_RDONLY, 0);
    long fd = k.sys(Sysno.OPENAT, d, k.cstr(MEM, "rel"), O_RDONLY, 0);
    assertTrue(fd >= 0);
    assertEquals(8, k.sys(Sysno.READ, fd, MEM + 4096, 100));
    assertEquals(-Errno.EBADF, k.sys(Sysno.OPENAT, 77, k.cstr(MEM, "rel"), O_RDONLY, 0));
    // An absolute path ignores dirfd, even a bad one.
    assertTrue(k.sys(Sysno.OPENAT, 77, k.cstr(MEM, dir.resolve("rel").toString()), O_RDONLY, 0) >= 0);
  }

  @Test
  void creatTruncates() throws Exception {
    Path f = dir.resolve("c");
    Files.writeString(f, "old contents");
    long fd = k.sys(Sysno.CREAT, k.cstr(MEM, f.toString()), 0600);
    assertTrue(fd >= 0);
    assertEquals(0, Files.size(f));
  }

  @Test
  void dupSharesTheFilePosition() throws Exception {
    Path f = dir.resolve("d");
    Files.writeString(f, "abcdef");
    int fd = k.open(f.toString(), O_RDONLY, 0);
    long d = k.sys(Sysno.DUP, fd);
    assertEquals(fd + 1, d);
    assertEquals(2, k.sys(Sysno.READ, fd, MEM, 2));
    assertEquals(2, k.sys(Sysno.READ, d, MEM, 2));
    assertEquals("cd", new String(k.bytes(MEM, 2), StandardCharsets.US_ASCII));
    // Closing one leaves the other usable.
    assertEquals(0, k.sys(Sysno.CLOSE, fd));
    assertEquals(2, k.sys(Sysno.READ, d, MEM, 2));
  }

  @Test
  void dup2AndDup3() throws Exception {
    Path f = dir.resolve("x");
    Files.writeString(f, "x");
    int fd = k.open(f.toString(), O_RDONLY, 0);
    assertEquals(10, k.sys(Sysno.DUP2, fd, 10));
    assertEquals(0, k.sys(Sysno.FCNTL, 10, F_GETFD, 0));
    assertEquals(fd, k.sys(Sysno.DUP2, fd, fd));
    assertEquals(-Errno.EBADF, k.sys(Sysno.DUP2, 50, 50));
    assertEquals(-Errno.EBADF, k.sys(Sysno.DUP2, fd, -1));
    assertEquals(11, k.sys(Sysno.DUP3, fd, 11, O_CLOEXEC));
    assertEquals(1, k.sys(Sysno.FCNTL, 11, F_GETFD, 0));
    assertEquals(-Errno.EINVAL, k.sys(Sysno.DUP3, fd, fd, 0));
    assertEquals(-Errno.EINVAL, k.sys(Sysno.DUP3, fd, 12, O_NONBLOCK));
    // dup2 over an open fd closes it first.
    assertEquals(1, k.sys(Sysno.READ, 10, MEM, 1));
    assertEquals(10, k.sys(Sysno.DUP2, 0, 10));
  }

  @Test
  void fcntlFlags() throws Exception {
    Path f = dir.resolve("fl");
    Files.writeString(f, "");
    int fd = k.open(f.toString(), O_RDWR | O_CLOEXEC, 0);
    assertEquals(1, k.sys(Sysno.FCNTL, fd, F_GETFD, 0));
    assertEquals(0, k.sys(Sysno.FCNTL, fd, F_SETFD, 0));
    assertEquals(0, k.sys(Sysno.FCNTL, fd, F_GETFD, 0));
    // x86-64 Linux reports O_LARGEFILE on every open file.
    assertEquals(O_RDWR | O_LARGEFILE, k.sys(Sysno.FCNTL, fd, F_GETFL, 0));
    assertEquals(0, k.sys(Sysno.FCNTL, fd, F_SETFL, O_APPEND | O_NONBLOCK | O_WRONLY));
    assertEquals(O_RDWR | O_LARGEFILE | O_APPEND | O_NONBLOCK, k.sys(Sysno.FCNTL, fd, F_GETFL, 0));
    assertEquals(7, k.sys(Sysno.FCNTL, fd, F_DUPFD, 7));
    assertEquals(8, k.sys(Sysno.FCNTL, fd, F_DUPFD_CLOEXEC, 7));
    assertEquals(1, k.sys(Sysno.FCNTL, 8, F_GETFD, 0));
    assertEquals(-Errno.EINVAL, k.sys(Sysno.FCNTL, fd, F_DUPFD, -1));
    assertEquals(-Errno.EINVAL, k.sys(Sysno.FCNTL, fd, 9999, 0));
    assertEquals(-Errno.EBADF, k.sys(Sysno.FCNTL, 99, F_GETFD, 0));
  }

  @Test
  void pipeCarriesBytes() {
    long fds = MEM + 4096;
    assertEquals(0, k.sys(Sysno.PIPE2, fds, O_CLOEXEC));
    int r = k.read32(fds), w = k.read32(fds + 4);
    assertEquals(3, r);
    assertEquals(4, w);
    assertEquals(1, k.sys(Sysno.FCNTL, r, F_GETFD, 0));
    k.put(MEM, "ping".getBytes(StandardCharsets.US_ASCII));
    assertEquals(4, k.sys(Sysno.WRITE, w, MEM, 4));
    // A pipe read returns what is there, not what was asked for.
    assertEquals(4, k.sys(Sysno.READ, r, MEM + 8192, 10000));
    assertEquals("ping", new String(k.bytes(MEM + 8192, 4), StandardCharsets.US_ASCII));
    assertEquals(0, k.sys(Sysno.CLOSE, w));
    assertEquals(0, k.sys(Sysno.READ, r, MEM + 8192, 10000)); // EOF once the writer is gone
    assertEquals(-Errno.EINVAL, k.sys(Sysno.PIPE2, fds, O_APPEND));
    assertEquals(-Errno.EFAULT, k.sys(Sysno.PIPE, KernelFixture.UNMAPPED));
    assertEquals(0, k.sys(Sysno.PIPE, fds));
    assertEquals(4, k.read32(fds)); // the lowest free fd again
  }

  @Test
  void stdioIsBorrowedNotClosed() {
    assertEquals(0, k.sys(Sysno.CLOSE, 0));
    assertEquals(-Errno.EBADF, k.sys(Sysno.CLOSE, 0));
    // The JVM's own stdin is still open on the host: another kernel can still use it.
    assertTrue(new KernelFixture().sys(Sysno.FCNTL, 0, F_GETFL, 0) >= 0);
  }
}
