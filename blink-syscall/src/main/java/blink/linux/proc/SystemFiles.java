package blink.linux.proc;

import blink.linux.sys.SystemInfo;
import blink.x86.Cpuid;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** The system-wide /proc files: cpuinfo, meminfo, uptime, version, mounts. */
final class SystemFiles {
  private SystemFiles() {}

  /**
   * cpuinfo flag names by CPUID register bit, in the order Linux lists them (its
   * cpufeatures words: leaf 1 EDX, 0x80000001 EDX, leaf 1 ECX, 0x80000001 ECX,
   * leaf 7 EBX, leaf 7 ECX). Each row: leaf, register (0 EAX … 3 EDX), then a name
   * per bit, null where Linux shows none or the bit is not decoded here.
   */
  private static final Object[][] FLAGS = {
    {1, 3, "fpu", "vme", "de", "pse", "tsc", "msr", "pae", "mce", "cx8", "apic", null, "sep", "mtrr", "pge",
        "mca", "cmov", "pat", "pse36", null, "clflush", null, "dts", "acpi", "mmx", "fxsr", "sse", "sse2", "ss",
        "ht", "tm", null, "pbe"},
    {0x80000001, 3, null, null, null, null, null, null, null, null, null, null, null, "syscall", null, null,
        null, null, null, null, null, null, "nx", null, "mmxext", null, null, "fxsr_opt", "pdpe1gb", "rdtscp",
        null, "lm"},
    {1, 2, "pni", "pclmulqdq", "dtes64", "monitor", "ds_cpl", "vmx", "smx", "est", "tm2", "ssse3", "cid",
        "sdbg", "fma", "cx16", "xtpr", "pdcm", null, "pcid", "dca", "sse4_1", "sse4_2", "x2apic", "movbe",
        "popcnt", "tsc_deadline_timer", "aes", "xsave", null, "avx", "f16c", "rdrand", "hypervisor"},
    {0x80000001, 2, "lahf_lm", "cmp_legacy", "svm", "extapic", "cr8_legacy", "abm", "sse4a", "misalignsse",
        "3dnowprefetch"},
    {7, 1, "fsgsbase", "tsc_adjust", "sgx", "bmi1", "hle", "avx2", null, "smep", "bmi2", "erms", "invpcid",
        "rtm", null, null, "mpx", null, "avx512f", "avx512dq", "rdseed", "adx", "smap", "avx512ifma", null,
        "clflushopt", "clwb", null, "avx512pf", "avx512er", "avx512cd", "sha_ni", "avx512bw", "avx512vl"},
    {7, 2, null, "avx512vbmi", "umip", "pku", null, null, "avx512_vbmi2", null, "gfni", "vaes", "vpclmulqdq",
        "avx512_vnni", "avx512_bitalg", null, "avx512_vpopcntdq", null, null, null, null, null, null, null,
        "rdpid"},
  };

  /** cpuinfo: one processor, as the emulated CPUID describes it (Intel SDM Vol. 2A, CPUID). */
  static byte[] cpuinfo() {
    int eax = Cpuid.query(1, 0)[0];
    int family = (eax >> 8) & 0xf, model = (eax >> 4) & 0xf, stepping = eax & 0xf;
    if (family == 0xf) family += (eax >> 20) & 0xff;
    if (family == 6 || family >= 0xf) model |= ((eax >> 16) & 0xf) << 4;
    StringBuilder brand = new StringBuilder();
    for (int leaf = 0x80000002; leaf <= 0x80000004; leaf++) {
      for (int r : Cpuid.query(leaf, 0)) {
        for (int k = 0; k < 4; k++) {
          char c = (char) ((r >>> (8 * k)) & 0xff);
          if (c != 0) brand.append(c);
        }
      }
    }
    int[] v = Cpuid.query(0, 0);
    String vendor = new String(new byte[] {
      (byte) v[1], (byte) (v[1] >> 8), (byte) (v[1] >> 16), (byte) (v[1] >> 24),
      (byte) v[3], (byte) (v[3] >> 8), (byte) (v[3] >> 16), (byte) (v[3] >> 24),
      (byte) v[2], (byte) (v[2] >> 8), (byte) (v[2] >> 16), (byte) (v[2] >> 24)}, StandardCharsets.US_ASCII);
    StringBuilder sb = new StringBuilder();
    sb.append("processor\t: 0\n");
    sb.append("vendor_id\t: ").append(vendor).append('\n');
    sb.append("cpu family\t: ").append(family).append('\n');
    sb.append("model\t\t: ").append(model).append('\n');
    sb.append("model name\t: ").append(brand.toString().strip()).append('\n');
    sb.append("stepping\t: ").append(stepping).append('\n');
    sb.append("physical id\t: 0\nsiblings\t: 1\ncore id\t\t: 0\ncpu cores\t: 1\n");
    sb.append("fpu\t\t: yes\nfpu_exception\t: yes\ncpuid level\t: ").append(v[0]).append('\n');
    sb.append("wp\t\t: yes\nflags\t\t:").append(flags()).append('\n');
    int clflush = ((Cpuid.query(1, 0)[1] >> 8) & 0xff) * 8;
    sb.append("clflush size\t: ").append(clflush).append('\n');
    sb.append("cache_alignment\t: ").append(clflush).append('\n');
    int sizes = Cpuid.query(0x80000008, 0)[0];
    sb.append("address sizes\t: ").append(sizes & 0xff).append(" bits physical, ")
        .append((sizes >> 8) & 0xff).append(" bits virtual\n\n");
    return ProcessFiles.ascii(sb);
  }

  private static String flags() {
    StringBuilder sb = new StringBuilder();
    for (Object[] row : FLAGS) {
      int reg = Cpuid.query((Integer) row[0], 0)[(Integer) row[1]];
      for (int bit = 0; bit + 2 < row.length; bit++) {
        if (row[bit + 2] != null && (reg >>> bit & 1) != 0) sb.append(' ').append(row[bit + 2]);
      }
    }
    return sb.toString();
  }

  /** version: the kernel uname(2) reports. */
  static byte[] version() {
    return ProcessFiles.ascii("Linux version " + SystemInfo.RELEASE + " (blink@blink) " + SystemInfo.VERSION + "\n");
  }

  /** mounts with the guest in a root of its own: the root and the provided /proc. */
  static byte[] mounts(boolean ownRoot) {
    if (!ownRoot) return host("/proc/self/mounts");
    return ProcessFiles.ascii("rootfs / rootfs rw 0 0\nproc /proc proc rw,nosuid,nodev,noexec,relatime 0 0\n");
  }

  /** A host /proc file's contents (meminfo, uptime: facts of the machine the guest shares). */
  static byte[] host(String path) {
    try {
      return Files.readAllBytes(Path.of(path));
    } catch (IOException e) {
      return new byte[0];
    }
  }
}
