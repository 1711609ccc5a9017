package blink.x86;

import java.nio.charset.StandardCharsets;

/**
 * CPUID (Intel SDM Vol. 2A "CPUID"): what this virtual processor says it is.
 * Feature bits advertise exactly what the interpreter implements and nothing
 * more (no AVX), so C libraries select their SSE2 code paths.
 */
public final class Cpuid {
  private Cpuid() {}

  /** Leaf 1 EDX: FPU TSC CX8 CMOV CLFSH MMX FXSR SSE SSE2. */
  static final int LEAF1_EDX = 1 | 1 << 4 | 1 << 8 | 1 << 15 | 1 << 19 | 1 << 23 | 1 << 24 | 1 << 25 | 1 << 26;
  /** Leaf 1 ECX: SSE3 (0), PCLMULQDQ (1), SSSE3 (9), CX16 (13), MOVBE (22), POPCNT (23), RDRAND (30), hypervisor (31). */
  static final int LEAF1_ECX = 1 | 1 << 1 | 1 << 9 | 1 << 13 | 1 << 22 | 1 << 23 | 1 << 30 | 1 << 31;
  /** Leaf 7 EBX: BMI1 (3), BMI2 (8), RDSEED (18), ADX (19). */
  static final int LEAF7_EBX = 1 << 3 | 1 << 8 | 1 << 18 | 1 << 19;
  /** Leaf 7 ECX: RDPID (22). */
  static final int LEAF7_ECX = 1 << 22;
  /** Leaf 0x80000001 ECX: LAHF/SAHF in 64-bit mode (0), LZCNT (5). */
  static final int EXT1_ECX = 1 | 1 << 5;
  /** Leaf 0x80000001 EDX: SYSCALL (11), NX (20), RDTSCP (27), long mode (29). */
  static final int EXT1_EDX = 1 << 11 | 1 << 20 | 1 << 27 | 1 << 29;

  private static final String BRAND = "Blink for the JVM virtual x86-64 processor\0\0\0\0\0\0";

  public static int[] query(int leaf, int subleaf) {
    switch (leaf) {
      case 0: return vendor(7, "GenuineIntel");
      case 1:
        // Family 6, model 0x3A-ish; CLFLUSH line 8*8 bytes; one logical processor.
        return new int[] {0x000306a9, 8 << 8 | 1 << 16, LEAF1_ECX, LEAF1_EDX};
      case 2: return new int[] {0x00feff01, 0, 0, 0}; // descriptor 0xFF: use leaf 4
      case 4: return cacheLeaf(subleaf);
      case 7: return subleaf == 0 ? new int[] {0, LEAF7_EBX, LEAF7_ECX, 0} : new int[] {0, 0, 0, 0};
      case 0x40000000: return hypervisor(0x40031337, "GenuineBlink");
      case 0x40031337: return hypervisor(0, padded(System.getProperty("os.name", "Linux")));
      case 0x80000000: return new int[] {0x80000008, 0, 0, 0};
      case 0x80000001: return new int[] {0, 0, EXT1_ECX, EXT1_EDX};
      case 0x80000002: case 0x80000003: case 0x80000004: return brand(leaf - 0x80000002);
      case 0x80000006: return new int[] {0, 0, 1024 << 16 | 6 << 12 | 64, 0};
      case 0x80000008: return new int[] {0x3030, 0, 0, 0};
      default: return new int[] {0, 0, 0, 0};
    }
  }

  /** Leaf 4: L1d 32 KiB, L1i 32 KiB, L2 1 MiB, L3 8 MiB, 64-byte lines. */
  private static int[] cacheLeaf(int index) {
    switch (index) {
      case 0: return cache(1, 1, 8, 64);
      case 1: return cache(2, 1, 8, 64);
      case 2: return cache(3, 2, 16, 1024);
      case 3: return cache(3, 3, 16, 8192);
      default: return new int[] {0, 0, 0, 0};
    }
  }

  private static int[] cache(int type, int level, int ways, int sets) {
    int eax = type | level << 5 | 1 << 8;
    int ebx = (ways - 1) << 22 | (64 - 1);
    return new int[] {eax, ebx, sets - 1, 0};
  }

  private static String padded(String s) {
    String t = (s + "\0\0\0\0\0\0\0\0\0\0\0\0");
    return t.substring(0, 12);
  }

  /** A 12-byte name in EBX, EDX, ECX order (as leaf 0 and 0x40000000 use). */
  private static int[] vendor(int eax, String name) {
    byte[] b = name.getBytes(StandardCharsets.ISO_8859_1);
    return new int[] {eax, word(b, 0), word(b, 8), word(b, 4)};
  }

  /**
   * A 12-byte name in EBX, ECX, EDX order: the hypervisor leaves' convention
   * (0x40000000 of KVM "KVMKVMKVM", Hyper-V "Microsoft Hv"), unlike leaf 0.
   */
  private static int[] hypervisor(int eax, String name) {
    byte[] b = name.getBytes(StandardCharsets.ISO_8859_1);
    return new int[] {eax, word(b, 0), word(b, 4), word(b, 8)};
  }

  private static int[] brand(int part) {
    byte[] b = BRAND.getBytes(StandardCharsets.ISO_8859_1);
    byte[] chunk = new byte[16];
    System.arraycopy(b, Math.min(part * 16, b.length), chunk, 0, Math.max(0, Math.min(16, b.length - part * 16)));
    return new int[] {word(chunk, 0), word(chunk, 4), word(chunk, 8), word(chunk, 12)};
  }

  private static int word(byte[] b, int off) {
    return (b[off] & 0xff) | (b[off + 1] & 0xff) << 8 | (b[off + 2] & 0xff) << 16 | (b[off + 3] & 0xff) << 24;
  }
}
