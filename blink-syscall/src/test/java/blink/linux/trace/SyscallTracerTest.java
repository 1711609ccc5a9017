package blink.linux.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import blink.linux.KernelFixture;
import blink.linux.Sysno;
import blink.linux.fs.OpenFlags;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** blink -s: each system call becomes one strace-style line (strace(1) "DESCRIPTION" shows the format). */
class SyscallTracerTest {
  private final KernelFixture k = new KernelFixture();
  private final List<String> lines = new ArrayList<>();

  SyscallTracerTest() {
    k.kernel.traceWith(new SyscallTracer(lines::add));
  }

  /** The line without its "[tid] " prefix. */
  private String last() {
    String s = lines.get(lines.size() - 1);
    assertTrue(s.matches("\\[\\d+\\] .*"), s);
    return s.substring(s.indexOf(' ') + 1);
  }

  @Test
  void pathsFlagsAndErrnoNames() {
    long path = k.cstr(KernelFixture.MEM, "/nonexistent/blink-trace");
    k.sys(Sysno.OPENAT, -100, path, OpenFlags.O_RDONLY | OpenFlags.O_CLOEXEC, 0);
    assertEquals("openat(AT_FDCWD, \"/nonexistent/blink-trace\", O_RDONLY|O_CLOEXEC) = -1 ENOENT", last());
    k.sys(Sysno.OPENAT, -100, path, OpenFlags.O_WRONLY | OpenFlags.O_CREAT | OpenFlags.O_TRUNC, 0644);
    assertEquals("openat(AT_FDCWD, \"/nonexistent/blink-trace\", O_WRONLY|O_CREAT|O_TRUNC, 0644) = -1 ENOENT", last());
  }

  @Test
  void writeShowsTheBytesWrittenEscaped() {
    long fd = k.open("/dev/null", OpenFlags.O_WRONLY, 0);
    k.put(KernelFixture.MEM, "hi\n\t\"\\\u0001".getBytes());
    k.sys(Sysno.WRITE, fd, KernelFixture.MEM, 7);
    assertEquals("write(" + fd + ", \"hi\\n\\t\\\"\\\\\\1\", 7) = 7", last());
    k.put(KernelFixture.MEM, "0123456789012345678901234567890123456789".getBytes());
    k.sys(Sysno.WRITE, fd, KernelFixture.MEM, 40);
    assertEquals("write(" + fd + ", \"01234567890123456789012345678901\"..., 40) = 40", last());
  }

  @Test
  void readShowsOnlyWhatWasRead() {
    long fd = k.open("/dev/zero", OpenFlags.O_RDONLY, 0);
    k.sys(Sysno.READ, fd, KernelFixture.MEM, 3);
    assertEquals("read(" + fd + ", \"\\0\\0\\0\", 3) = 3", last());
  }

  @Test
  void badPointersPrintAsAddressesAndMmapAsHex() {
    k.sys(Sysno.UNLINK, KernelFixture.UNMAPPED);
    assertEquals("unlink(0x20000000) = -1 EFAULT", last());
    long addr = k.sys(Sysno.MMAP, 0, 4096, 3, 0x22, -1, 0);
    assertEquals("mmap(0, 4096, 0x3, 0x22, -1, 0) = 0x" + Long.toHexString(addr), last());
  }

  @Test
  void unknownCallsStillGetALine() {
    k.sys(Sysno.KEXEC_LOAD, 1, 2, 3);
    assertEquals("kexec_load(0x1, 0x2, 0x3) = -1 ENOSYS", last());
    k.sys(999, 1, 2, 3);
    assertEquals("syscall_999(0x1, 0x2, 0x3) = -1 ENOSYS", last());
  }
}
