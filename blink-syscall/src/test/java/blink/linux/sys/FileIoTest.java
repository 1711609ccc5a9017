package blink.linux.sys;

import static blink.linux.KernelFixture.MEM;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import blink.linux.Errno;
import blink.linux.KernelFixture;
import blink.linux.Sysno;
import blink.linux.abi.Struct;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileIoTest {
  static final int O_RDONLY = 0, O_WRONLY = 1, O_RDWR = 2, O_CREAT = 0100, O_TRUNC = 01000, O_APPEND = 02000;

  final KernelFixture k = new KernelFixture();
  @TempDir Path dir;

  @Test
  void writeThenReadBackWithNio() throws Exception {
    Path f = dir.resolve("out.txt");
    int fd = k.open(f.toString(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    byte[] msg = "hello, world\n".getBytes(StandardCharsets.US_ASCII);
    k.put(MEM, msg);
    assertEquals(msg.length, k.sys(Sysno.WRITE, fd, MEM, msg.length));
    assertEquals(0, k.sys(Sysno.CLOSE, fd));
    assertArrayEquals(msg, Files.readAllBytes(f));
  }

  @Test
  void bufferSpanningPagesIsCopiedWhole() throws Exception {
    byte[] data = new byte[3 * 4096 + 123];
    new Random(1).nextBytes(data);
    Path f = dir.resolve("big");
    Files.write(f, data);
    int fd = k.open(f.toString(), O_RDONLY, 0);
    long buf = MEM + 100; // deliberately unaligned, crossing four pages
    assertEquals(data.length, k.sys(Sysno.READ, fd, buf, data.length + 1000));
    assertArrayEquals(data, k.bytes(buf, data.length));
    assertEquals(0, k.sys(Sysno.READ, fd, buf, 100)); // EOF
    // And back out through a multi-page write.
    Path g = dir.resolve("copy");
    int out = k.open(g.toString(), O_WRONLY | O_CREAT, 0600);
    assertEquals(data.length, k.sys(Sysno.WRITE, out, buf, data.length));
    assertArrayEquals(data, Files.readAllBytes(g));
  }

  @Test
  void preadPwriteAndLseek() throws Exception {
    Path f = dir.resolve("p");
    Files.writeString(f, "0123456789");
    int fd = k.open(f.toString(), O_RDWR, 0);
    assertEquals(3, k.sys(Sysno.PREAD64, fd, MEM, 3, 4));
    assertEquals("456", new String(k.bytes(MEM, 3), StandardCharsets.US_ASCII));
    assertEquals(0, k.sys(Sysno.LSEEK, fd, 0, 1)); // pread leaves the position alone
    k.put(MEM, "AB".getBytes(StandardCharsets.US_ASCII));
    assertEquals(2, k.sys(Sysno.PWRITE64, fd, MEM, 2, 8));
    assertEquals("01234567AB", Files.readString(f));
    assertEquals(10, k.sys(Sysno.LSEEK, fd, 0, 2)); // SEEK_END
    assertEquals(-Errno.EINVAL, k.sys(Sysno.LSEEK, fd, 0, 7));
    assertEquals(-Errno.EINVAL, k.sys(Sysno.PREAD64, fd, MEM, 1, -1));
  }

  @Test
  void writevGathersAndReadvScatters() throws Exception {
    Path f = dir.resolve("v");
    int fd = k.open(f.toString(), O_RDWR | O_CREAT, 0600);
    long iov = MEM + 8192;
    k.put(MEM, "abc".getBytes(StandardCharsets.US_ASCII));
    k.put(MEM + 4095, "defg".getBytes(StandardCharsets.US_ASCII)); // straddles a page
    Struct.of(32).put64(0, MEM).put64(8, 3).put64(16, MEM + 4095).put64(24, 4).write(k.cpu.mmu, iov);
    assertEquals(7, k.sys(Sysno.WRITEV, fd, iov, 2));
    assertEquals("abcdefg", Files.readString(f));
    assertEquals(0, k.sys(Sysno.LSEEK, fd, 0, 0));
    long dst = MEM + 16384;
    Struct.of(32).put64(0, dst).put64(8, 2).put64(16, dst + 4094).put64(24, 10).write(k.cpu.mmu, iov);
    assertEquals(7, k.sys(Sysno.READV, fd, iov, 2));
    assertEquals("ab", new String(k.bytes(dst, 2), StandardCharsets.US_ASCII));
    assertEquals("cdefg", new String(k.bytes(dst + 4094, 5), StandardCharsets.US_ASCII));
    assertEquals(-Errno.EINVAL, k.sys(Sysno.WRITEV, fd, iov, -1));
    assertEquals(-Errno.EINVAL, k.sys(Sysno.WRITEV, fd, iov, 1025));
    assertEquals(0, k.sys(Sysno.WRITEV, fd, iov, 0));
    assertEquals(-Errno.EFAULT, k.sys(Sysno.WRITEV, fd, KernelFixture.UNMAPPED, 1));
  }

  @Test
  void sendfileCopiesBetweenFiles() throws Exception {
    Path src = dir.resolve("src"), dst = dir.resolve("dst");
    Files.writeString(src, "0123456789");
    int in = k.open(src.toString(), O_RDONLY, 0);
    int out = k.open(dst.toString(), O_WRONLY | O_CREAT, 0600);
    assertEquals(10, k.sys(Sysno.SENDFILE, out, in, 0, 100));
    assertEquals("0123456789", Files.readString(dst));
    // With an offset, the input position stays and the offset moves.
    k.cpu.mmu.write64(MEM, 6);
    assertEquals(3, k.sys(Sysno.SENDFILE, out, in, MEM, 3));
    assertEquals(9, k.read64(MEM));
    assertEquals(10, k.sys(Sysno.LSEEK, in, 0, 1));
    assertEquals("0123456789678", Files.readString(dst));
    assertEquals(-Errno.EBADF, k.sys(Sysno.SENDFILE, 99, in, 0, 1));
  }

  @Test
  void appendModeAppends() throws Exception {
    Path f = dir.resolve("a");
    Files.writeString(f, "x");
    int fd = k.open(f.toString(), O_WRONLY | O_APPEND, 0);
    k.put(MEM, "yz".getBytes(StandardCharsets.US_ASCII));
    assertEquals(2, k.sys(Sysno.WRITE, fd, MEM, 2));
    assertEquals("xyz", Files.readString(f));
  }

  @Test
  void errors() throws Exception {
    assertEquals(-Errno.EBADF, k.sys(Sysno.READ, 99, MEM, 1));
    assertEquals(-Errno.EBADF, k.sys(Sysno.WRITE, -1, MEM, 1));
    Path f = dir.resolve("e");
    Files.writeString(f, "data");
    int fd = k.open(f.toString(), O_RDONLY, 0);
    assertEquals(-Errno.EBADF, k.sys(Sysno.WRITE, fd, MEM, 1)); // not open for writing
    assertEquals(-Errno.EFAULT, k.sys(Sysno.READ, fd, KernelFixture.UNMAPPED, 4));
    assertEquals(4, k.sys(Sysno.READ, fd, MEM, 4)); // the failed read consumed nothing
    // A buffer that runs into unmapped memory gets what fits before it (Linux copies up to the fault).
    assertEquals(0, k.sys(Sysno.LSEEK, fd, 0, 0));
    long end = MEM + KernelFixture.MEM_SIZE;
    assertEquals(2, k.sys(Sysno.READ, fd, end - 2, 4));
    assertEquals("da", new String(k.bytes(end - 2, 2), StandardCharsets.US_ASCII));
    assertEquals(2, k.sys(Sysno.READ, fd, MEM, 4));
    k.put(end - 3, "xyz".getBytes(StandardCharsets.US_ASCII));
    int out = k.open(dir.resolve("partial").toString(), O_WRONLY | 0100, 0600);
    assertEquals(3, k.sys(Sysno.WRITE, out, end - 3, 4000));
    assertEquals("xyz", Files.readString(dir.resolve("partial")));
    assertEquals(0, k.sys(Sysno.READ, fd, KernelFixture.UNMAPPED, 0)); // count 0 touches nothing
    int dirFd = k.open(dir.toString(), O_RDONLY, 0);
    assertEquals(-Errno.EISDIR, k.sys(Sysno.READ, dirFd, MEM, 10));
  }
}
