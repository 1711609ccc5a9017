package blink.linux.proc;

import blink.linux.GuestProcess;
import blink.linux.LinuxKernel;
import blink.linux.Task;
import blink.linux.host.Host;
import blink.machine.GuestFault;
import blink.memory.Mmu;
import blink.memory.Prot;
import blink.memory.Vma;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** The contents of the per-process files under /proc/PID (proc(5)). */
final class ProcessFiles {
  private ProcessFiles() {}

  /** USER_HZ, the unit of the times in stat. */
  private static final long HZ = 100;

  /**
   * maps: one line per mapping, "start-end perms offset dev inode", the name
   * padded to column 74 as fs/proc/task_mmu.c does. The loader names the
   * program's segments; its bss past the file is anonymous, as on Linux.
   */
  static byte[] maps(Task t) {
    StringBuilder sb = new StringBuilder();
    for (Vma v : t.mmu().space().mappings()) {
      String name = v.name() == null ? "" : v.name();
      int p = v.prot();
      String line = String.format("%08x-%08x %c%c%c%c %08x 00:00 0 ", v.start(), v.end(),
          (p & Prot.READ) != 0 ? 'r' : '-', (p & Prot.WRITE) != 0 ? 'w' : '-',
          (p & Prot.EXEC) != 0 ? 'x' : '-', v.shared() ? 's' : 'p', name.startsWith("[") || name.isEmpty() ? 0 : v.fileOffset());
      sb.append(line);
      if (!name.isEmpty()) {
        for (int k = line.length(); k < 73; k++) sb.append(' ');
        sb.append(name);
      }
      sb.append('\n');
    }
    return ascii(sb);
  }

  /** stat: the 52 fields of proc(5) /proc/pid/stat, those the emulator does not track as 0. */
  static byte[] stat(Task t, StackLayout stack) {
    GuestProcess p = t.process;
    long vsize = 0, startCode = 0, endCode = 0;
    for (Vma v : t.mmu().space().mappings()) {
      vsize += v.end() - v.start();
      if ((v.prot() & Prot.EXEC) != 0 && v.end() <= p.startBrk && startCode == 0) {
        startCode = v.start();
        endCode = v.end();
      }
    }
    long cpu = cpuTicks();
    String comm = new String(t.name(), StandardCharsets.UTF_8);
    StringBuilder sb = new StringBuilder();
    sb.append(p.pid()).append(" (").append(comm).append(") R ");
    LinuxKernel kernel = p.kernel;
    long[] f = {
      kernel != null ? kernel.ppid(p) : Host.libc().getppid(),
      kernel != null ? kernel.pgid(p) : Host.libc().getpgid(0),
      kernel != null ? kernel.sid(p) : Host.libc().getsid(0), 0, -1, 0x400000,
      0, 0, 0, 0, cpu, 0, 0, 0, 20, 0, 1, 0, hostStartTime(), vsize, vsize / 4096, -1,
      startCode, endCode, stack.sp(), 0, 0,
      t.pending.mask() | blink.linux.signal.ProcessSignals.of(t.process).shared.mask(), t.sigmask, 0, 0, 0, 0, 0, 17, 0, 0, 0, 0, 0, 0,
      0, 0, p.startBrk, stack.argStart(), stack.argEnd(), stack.envStart(), stack.envEnd(), 0,
    };
    for (int k = 0; k < f.length; k++) {
      if (k > 0) sb.append(' ');
      sb.append(k == 21 ? Long.toUnsignedString(f[k]) : Long.toString(f[k]));
    }
    return ascii(sb.append('\n'));
  }

  /** status: the human-readable summary (proc(5) /proc/pid/status). */
  static byte[] status(Task t) {
    GuestProcess p = t.process;
    long vsize = 0;
    for (Vma v : t.mmu().space().mappings()) vsize += v.end() - v.start();
    int uid = Host.libc().getuid(), euid = Host.libc().geteuid();
    int gid = Host.libc().getgid(), egid = Host.libc().getegid();
    StringBuilder sb = new StringBuilder();
    sb.append("Name:\t").append(new String(t.name(), StandardCharsets.UTF_8)).append('\n');
    sb.append(String.format("Umask:\t%04o%n", p.umask()));
    sb.append("State:\tR (running)\n");
    sb.append("Tgid:\t").append(p.pid()).append('\n');
    sb.append("Ngid:\t0\n");
    sb.append("Pid:\t").append(p.pid()).append('\n');
    sb.append("PPid:\t").append(p.kernel != null ? p.kernel.ppid(p) : Host.libc().getppid()).append('\n');
    sb.append("TracerPid:\t0\n");
    sb.append(String.format("Uid:\t%d\t%d\t%d\t%d%n", uid, euid, euid, euid));
    sb.append(String.format("Gid:\t%d\t%d\t%d\t%d%n", gid, egid, egid, egid));
    sb.append("FDSize:\t64\n");
    sb.append("Groups:\t\n");
    sb.append(String.format("VmPeak:\t%8d kB%nVmSize:\t%8d kB%n", vsize / 1024, vsize / 1024));
    sb.append("Threads:\t").append(Math.max(1, p.threadsSnapshot().size())).append('\n');
    sb.append(String.format("SigPnd:\t%016x%nShdPnd:\t%016x%nSigBlk:\t%016x%n", t.pending.mask(),
        blink.linux.signal.ProcessSignals.of(t.process).shared.mask(), t.sigmask));
    sb.append(String.format("SigIgn:\t%016x%nSigCgt:\t%016x%n", 0L, 0L));
    sb.append("CapInh:\t0000000000000000\nCapPrm:\t0000000000000000\nCapEff:\t0000000000000000\n");
    sb.append("CapBnd:\t000001ffffffffff\nCapAmb:\t0000000000000000\n");
    sb.append("NoNewPrivs:\t").append(p.noNewPrivs ? 1 : 0).append('\n');
    sb.append("Cpus_allowed_list:\t0\n");
    return ascii(sb);
  }

  /** The bytes of guest memory [start, end): cmdline, environ, auxv. Empty if unknown or gone. */
  static byte[] memory(Mmu mmu, long start, long end) {
    if (start == 0 || end <= start) return new byte[0];
    try {
      return mmu.readBytes(start, (int) Math.min(end - start, 1 << 20));
    } catch (GuestFault e) {
      return new byte[0];
    }
  }

  /** comm: the thread name and a newline. */
  static byte[] comm(Task t) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(t.name());
    out.write('\n');
    return out.toByteArray();
  }

  private static long cpuTicks() {
    return ProcessHandle.current().info().totalCpuDuration().map(d -> d.toMillis() * HZ / 1000).orElse(0L);
  }

  /** Field 22 of the host's own stat: this JVM started when the guest did, in ticks since boot. */
  private static long hostStartTime() {
    try {
      String s = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/self/stat"));
      String[] f = s.substring(s.lastIndexOf(')') + 2).split(" ");
      return Long.parseLong(f[19]);
    } catch (Exception e) {
      return 0;
    }
  }

  static byte[] ascii(CharSequence s) {
    return s.toString().getBytes(StandardCharsets.UTF_8);
  }
}
