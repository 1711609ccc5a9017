package blink.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import blink.cli.Emulator.Mode;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The emulator-specific CPUID values (docs/isa.md), read by a guest program:
 * {@code cpuid_leaves --dump} under the emulator prints the raw leaves and the
 * vendor names. The host's values differ by design, so unlike {@link ProgramTest}
 * this compares with the documented values; {@code cpuid_leaves} without
 * arguments is compared with the host by ProgramTest (an advertised extension
 * must work).
 */
class CpuidTest {
  /** Leaf 1 ECX: FMA 12, SSE4.1 19, SSE4.2 20, XSAVE 26, OSXSAVE 27, AVX 28 (Intel SDM Vol. 2A, CPUID, Table 3-10). */
  private static final Map<String, Integer> ABSENT_LEAF1_ECX =
      Map.of("FMA", 12, "SSE4.1", 19, "SSE4.2", 20, "XSAVE", 26, "OSXSAVE", 27, "AVX", 28);
  /** Leaf 7 EBX: AVX2 5, AVX-512F 16. */
  private static final Map<String, Integer> ABSENT_LEAF7_EBX = Map.of("AVX2", 5, "AVX512F", 16);

  @ParameterizedTest
  @EnumSource(Mode.class)
  void documentedLeaves(Mode mode, @TempDir Path work) throws Exception {
    Path program = TestPrograms.binary("glibc", "cpuid_leaves");
    RunResult r = Emulator.run(mode, program, List.of("--dump"), work, TestPrograms.environment(work));
    assertEquals(0, r.status(), r.describe());
    Map<String, String> named = new HashMap<>();
    Map<Integer, long[]> leaves = new HashMap<>();
    for (String line : OutputDiff.lines(r.out())) {
      if (line.startsWith("leaf ")) {
        String[] f = line.substring(5).replace(":", "").trim().split("\\s+");
        long[] regs = new long[4];
        for (int i = 0; i < 4; i++) regs[i] = Long.parseLong(f[i + 1], 16);
        leaves.put(Integer.parseUnsignedInt(f[0], 16), regs);
      } else {
        int sp = line.indexOf(' ');
        if (sp > 0) named.put(line.substring(0, sp), line.substring(sp + 1));
      }
    }
    String out = r.out();
    assertEquals("GenuineIntel", named.get("vendor"), out);
    assertEquals("GenuineBlink", named.get("hypervisor"), out);
    assertEquals("Linux", named.get("os"), out);
    assertTrue(leaf(leaves, 0, out)[EAX] >= 7, "leaf 0: maximum basic leaf at least 7\n" + out);
    assertTrue(leaf(leaves, 0x40000000, out)[EAX] >= 0x40031337L, "leaf 0x40000000 reaches 0x40031337\n" + out);

    long ecx1 = leaf(leaves, 1, out)[ECX];
    assertTrue(bit(ecx1, 31), "leaf 1 ECX[31] (hypervisor present) must be set\n" + out);
    ABSENT_LEAF1_ECX.forEach((name, b) -> assertFalse(bit(ecx1, b), name + " (leaf 1 ECX[" + b + "]) is not "
        + "implemented and must not be advertised\n" + out));
    long ebx7 = leaf(leaves, 7, out)[EBX];
    ABSENT_LEAF7_EBX.forEach((name, b) -> assertFalse(bit(ebx7, b), name + " (leaf 7 EBX[" + b + "]) is not "
        + "implemented and must not be advertised\n" + out));
    if (mode == Mode.INTERPRETER) {
      // 0x80000001 ECX[31] will say "JIT on"; -j turns the JIT off
      assertFalse(bit(leaf(leaves, 0x80000001, out)[ECX], 31), "leaf 0x80000001 ECX[31] must be clear under -j\n"
          + out);
    }
  }

  private static final int EAX = 0, EBX = 1, ECX = 2;

  private static long[] leaf(Map<Integer, long[]> leaves, int leaf, String out) {
    long[] r = leaves.get(leaf);
    assertTrue(r != null, "no line for leaf " + Integer.toHexString(leaf) + " in\n" + out);
    return r;
  }

  private static boolean bit(long v, int b) {
    return (v >>> b & 1) != 0;
  }
}
