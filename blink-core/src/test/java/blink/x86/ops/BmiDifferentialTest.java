package blink.x86.ops;

import blink.x86.HostCpu;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * BMI1, BMI2, ADX, CRC32 and PCLMULQDQ against the host CPU, with the harness of
 * {@link XmmHost}: one instruction runs natively and in the emulator
 * from the same XMM0-3, RAX/RCX/RDX/RBX, RFLAGS and 32 bytes at [RSI], and the
 * states after it are compared. ModRM.reg, ModRM.rm and VEX.vvvv name registers
 * 0..3; a memory operand is [RSI]. Flags the SDM leaves undefined are masked per
 * form. Each family is skipped unless /proc/cpuinfo lists it.
 *
 * <p>System properties: {@code blink.test.bmiCount} (tests per form, default 200),
 * {@code blink.test.bmiSeed}, {@code blink.test.bmiOnly} (a regex of form names).
 */
class BmiDifferentialTest {
  private static final int ALL = 0x8d5, CF = 0x1, ZF = 0x40, SF = 0x80, OF = 0x800;

  /**
   * One form. VEX forms: map (2 = 0F38, 3 = 0F3A), pp, opcode, group /ext (-1 for
   * none), imm8, VEX.L. Legacy forms: hex bytes (prefixes and opcode). cpu: the
   * /proc/cpuinfo flag needed; flags: the status flags the SDM defines.
   */
  private record Form(String name, String cpu, int map, int pp, int op, int ext, boolean imm, boolean l,
      String legacy, boolean xmm, boolean w, int flags) {}

  private static final List<Form> FORMS = new ArrayList<>();

  private static void vex(String name, String cpu, int map, int pp, int op, int ext, boolean imm, int flags) {
    FORMS.add(new Form(name, cpu, map, pp, op, ext, imm, false, null, false, false, flags));
    FORMS.add(new Form(name + ".w", cpu, map, pp, op, ext, imm, false, null, false, true, flags));
  }

  private static void legacy(String name, String cpu, String bytes, boolean w) {
    FORMS.add(new Form(name, cpu, 0, 0, 0, -1, false, false, bytes, false, false, ALL));
    if (w) FORMS.add(new Form(name + ".w", cpu, 0, 0, 0, -1, false, false, bytes, false, true, ALL));
  }

  static {
    vex("andn", "bmi1", 2, 0, 0xf2, -1, false, SF | ZF | OF | CF);
    vex("blsr", "bmi1", 2, 0, 0xf3, 1, false, SF | ZF | OF | CF);
    vex("blsmsk", "bmi1", 2, 0, 0xf3, 2, false, SF | ZF | OF | CF);
    vex("blsi", "bmi1", 2, 0, 0xf3, 3, false, SF | ZF | OF | CF);
    vex("bextr", "bmi1", 2, 0, 0xf7, -1, false, ZF | OF | CF);
    vex("bzhi", "bmi2", 2, 0, 0xf5, -1, false, SF | ZF | OF | CF);
    vex("pext", "bmi2", 2, 2, 0xf5, -1, false, ALL);
    vex("pdep", "bmi2", 2, 3, 0xf5, -1, false, ALL);
    vex("mulx", "bmi2", 2, 3, 0xf6, -1, false, ALL);
    vex("shlx", "bmi2", 2, 1, 0xf7, -1, false, ALL);
    vex("sarx", "bmi2", 2, 2, 0xf7, -1, false, ALL);
    vex("shrx", "bmi2", 2, 3, 0xf7, -1, false, ALL);
    vex("rorx", "bmi2", 3, 3, 0xf0, -1, true, ALL);
    FORMS.add(new Form("andn.L1", "bmi1", 2, 0, 0xf2, -1, false, true, null, false, false, ALL));
    FORMS.add(new Form("sarx.L1", "bmi2", 2, 2, 0xf7, -1, false, true, null, false, true, ALL));
    legacy("adcx", "adx", "660f38f6", true);
    legacy("adox", "adx", "f30f38f6", true);
    legacy("crc32b", "sse4_2", "f20f38f0", true);
    legacy("crc32", "sse4_2", "f20f38f1", true);
    legacy("crc32w", "sse4_2", "66f20f38f1", false);
    FORMS.add(new Form("pclmulqdq", "pclmulqdq", 0, 0, 0, -1, true, false, "660f3a44", true, false, ALL));
  }

  private final Random rnd = new Random(Long.getLong("blink.test.bmiSeed", 20261121L));

  /** Random bits, small numbers, BEXTR controls, sparse and dense masks, edges. */
  private long value() {
    switch (rnd.nextInt(9)) {
      case 0: return rnd.nextInt(80) | (long) rnd.nextInt(80) << 8 | (rnd.nextBoolean() ? rnd.nextLong() << 16 : 0);
      case 1: return rnd.nextInt(300) | (rnd.nextBoolean() ? rnd.nextLong() << 32 : 0);
      case 2: return rnd.nextLong() & rnd.nextLong() & rnd.nextLong();
      case 3: return rnd.nextLong() | rnd.nextLong();
      case 4: {
        long[] e = {0, -1, 1, 0xffffffffL, 0x80000000L, Long.MIN_VALUE, 0x100000000L, 0x7fffffffffffffffL};
        return e[rnd.nextInt(e.length)];
      }
      case 5: return 1L << rnd.nextInt(64);
      case 6: return rnd.nextLong() >> rnd.nextInt(64);
      default: return rnd.nextLong();
    }
  }

  private XmmHost.Case make(Form sp) {
    boolean mem = rnd.nextInt(4) == 0;
    int reg = sp.ext >= 0 ? sp.ext : rnd.nextInt(4), rm = rnd.nextInt(4), v = rnd.nextInt(4);
    int modrm = mem ? reg << 3 | 6 : 0xc0 | reg << 3 | rm;
    String hex;
    if (sp.legacy != null) {
      String b = sp.legacy, prefix = "";
      while (b.startsWith("66") || b.startsWith("f2") || b.startsWith("f3")) {
        prefix += b.substring(0, 2);
        b = b.substring(2);
      }
      hex = prefix + (sp.w ? "48" : "") + b + String.format("%02x", modrm);
    } else {
      // Three-byte VEX: C4, R X B mmmmm (inverted R/X/B all 1 for registers 0..7), W vvvv(inverted) L pp.
      int b1 = 0xe0 | sp.map, b2 = (sp.w ? 0x80 : 0) | (~v & 15) << 3 | (sp.l ? 4 : 0) | sp.pp;
      hex = String.format("c4%02x%02x%02x%02x", b1, b2, sp.op, modrm);
    }
    if (sp.imm) hex += String.format("%02x", rnd.nextInt(256));
    long[] st = new long[18];
    for (int k = 0; k < 12; k++) st[k] = value();
    st[12] = 0x1f80;
    st[13] = rnd.nextLong() & 0x8d5;
    long[] m = new long[4];
    for (int k = 0; k < 4; k++) m[k] = value();
    return new XmmHost.Case(sp.name, hex, st, m, sp.flags);
  }

  @Test
  void everyFormMatchesTheHostCpu(@TempDir Path dir) throws Exception {
    assumeTrue(HostCpu.canRunNative(), "needs an x86-64 Linux host with gcc");
    int count = Integer.getInteger("blink.test.bmiCount", 200);
    String only = System.getProperty("blink.test.bmiOnly");
    List<XmmHost.Case> cases = new ArrayList<>();
    for (Form sp : FORMS) {
      if (only != null && !sp.name.matches(only)) continue;
      if (!HostCpu.has(sp.cpu)) continue;
      for (int k = 0; k < count; k++) cases.add(make(sp));
    }
    assumeTrue(!cases.isEmpty(), "the host CPU has none of these extensions");
    XmmHost.Result r = XmmHost.compare(dir, cases);
    assumeTrue(r != null, "runner did not compile");
    if (!r.bad().isEmpty()) {
      fail("BMI/ADX/CRC32/CLMUL forms that differ from the host CPU (xmm0..3 lo/hi, rax rcx rdx rbx, mxcsr, flags, mm0..3, memory):\n"
          + r.bad() + "\n" + r.report());
    }
  }
}
