package blink.linux.sys;

import blink.linux.Errno;
import blink.linux.LinuxError;
import blink.linux.Syscall;
import blink.linux.SyscallTable;
import blink.linux.Sysno;
import blink.linux.Task;
import blink.linux.UserMemory;
import blink.linux.abi.Struct;
import blink.linux.host.Host;
import blink.linux.host.HostLayout;
import blink.linux.host.Scratch;
import blink.memory.HostMemory;
import java.nio.charset.StandardCharsets;

/** The machine: uname, sysinfo, getrandom. */
public final class SystemInfo implements Syscall {
  private SystemInfo() {}

  /**
   * What uname reports, as Blink does: a Linux new enough for today's C
   * libraries, marked as Blink (blink/syscall.c builds LINUX_VERSION "-blink-"
   * BLINK_VERSION for the release).
   */
  public static final String SYSNAME = "Linux";
  public static final String RELEASE = "4.5-blink-1.1.0";
  public static final String VERSION = "#1 Blink for the JVM";
  public static final String MACHINE = "x86_64";

  /** struct new_utsname: six char[65] fields. */
  static final int UTS_LEN = 65;
  static final int UTSNAME_SIZE = 6 * UTS_LEN;

  static final int GRND_NONBLOCK = 1, GRND_RANDOM = 2, GRND_INSECURE = 4;

  private static final SystemInfo INSTANCE = new SystemInfo();

  public static void register(SyscallTable t) {
    t.add(INSTANCE, Sysno.UNAME, Sysno.SYSINFO, Sysno.GETRANDOM);
  }

  @Override
  public long call(Task t, int nr, long a0, long a1, long a2, long a3, long a4, long a5) {
    return switch (nr) {
      case Sysno.UNAME -> uname(t, a0);
      case Sysno.SYSINFO -> sysinfo(t, a0);
      case Sysno.GETRANDOM -> getrandom(t, a0, a1, a2);
      default -> throw new IllegalArgumentException("not a SystemInfo syscall: " + nr);
    };
  }

  private static long uname(Task t, long buf) {
    byte[] node = hostString(t, true);
    byte[] domain = hostString(t, false);
    if (domain.length == 0) domain = "(none)".getBytes(StandardCharsets.US_ASCII);
    Struct.of(UTSNAME_SIZE)
        .putString(0, UTS_LEN, ascii(SYSNAME))
        .putString(UTS_LEN, UTS_LEN, node)
        .putString(2 * UTS_LEN, UTS_LEN, ascii(RELEASE))
        .putString(3 * UTS_LEN, UTS_LEN, ascii(VERSION))
        .putString(4 * UTS_LEN, UTS_LEN, ascii(MACHINE))
        .putString(5 * UTS_LEN, UTS_LEN, domain)
        .write(t.mmu(), buf);
    return 0;
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  /** The host's host name or NIS domain name; empty if the host will not say. */
  private static byte[] hostString(Task t, boolean hostname) {
    long b = t.scratch.calloc(UTS_LEN + 1);
    int rc = hostname ? Host.libc().gethostname(b, UTS_LEN) : Host.libc().getdomainname(b, UTS_LEN);
    if (rc != 0) return new byte[0];
    int n = 0;
    while (n < UTS_LEN && HostMemory.get8(b + n) != 0) n++;
    byte[] s = new byte[n];
    HostMemory.copyOut(b, s, 0, n);
    return s;
  }

  /** sysinfo(2): the host's figures, re-encoded as Linux's struct sysinfo (112 bytes, same order). */
  private static long sysinfo(Task t, long info) {
    long h = t.scratch.calloc(HostLayout.SYSINFO_SIZE);
    Host.check(Host.libc().sysinfo(h));
    Struct s = Struct.of(112);
    for (int off = 0; off < 80; off += 8) s.put64(off, HostMemory.get64(h + off)); // uptime .. freeswap
    s.put16(80, HostMemory.get16(h + 80));   // procs
    s.put64(88, HostMemory.get64(h + 88));   // totalhigh
    s.put64(96, HostMemory.get64(h + 96));   // freehigh
    s.put32(104, HostMemory.get32(h + 104)); // mem_unit
    s.write(t.mmu(), info);
    return 0;
  }

  /** getrandom(2): from the host's generator; may return fewer bytes than asked, as Linux may. */
  private static long getrandom(Task t, long buf, long len, long flagsArg) {
    int flags = (int) flagsArg;
    if ((flags & ~(GRND_NONBLOCK | GRND_RANDOM | GRND_INSECURE)) != 0) throw new LinuxError(Errno.EINVAL);
    if ((flags & (GRND_INSECURE | GRND_RANDOM)) == (GRND_INSECURE | GRND_RANDOM)) throw new LinuxError(Errno.EINVAL);
    // len is a size_t capped at INT_MAX; we hand out at most one chunk per call.
    if (!UserMemory.accessOk(buf, len)) throw new LinuxError(Errno.EFAULT);
    long n = Math.min(len, Scratch.MAX_CHUNK);
    if (n == 0) return 0;
    t.mmu().checkWritable(buf, n);
    long h = t.scratch.alloc(n);
    long got = Host.check(Host.libc().getrandom(h, n, flags));
    UserMemory.copyOut(t.mmu(), h, buf, got);
    return got;
  }
}
