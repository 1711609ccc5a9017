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
 * Every SSE/SSE2/SSE3/SSSE3 and MMX form against the host CPU, one instruction at a
 * time through {@link XmmHost}.
 * Operands are drawn from special values (NaN payloads, SNaNs, denormals,
 * infinities, extremes, ties) and random bits, under MXCSRs with every rounding
 * mode, FTZ, DAZ, pre-set flags and unmasked exceptions.
 *
 * <p>Skipped unless the host is x86-64 Linux with gcc. System properties:
 * {@code blink.test.sseCount} (tests per instruction form, default 64),
 * {@code blink.test.sseSeed}, {@code blink.test.sseOnly} (a regex of form names).
 */
class SseDifferentialTest {
  /** Operand forms: ModRM.reg names an XMM register and r/m an XMM register or [RSI], unless stated. */
  private static final int XX = 0, XX_IMM = 1, GPR_X = 2, X_GPR = 3, GROUP_IMM = 4, STORE = 5, STORE_GPR = 6,
      REG_ONLY = 7, MEM_ONLY = 8, GPR_X_IMM = 9, X_GPR_IMM = 10;
  /** Value kinds. */
  private static final int BITS = 0, F32 = 1, F64 = 2, I32 = 3, I64 = 4, CSR = 5;

  /** One instruction form: hex bytes up to the opcode, operand form, value kind, group /n, REX.W. */
  private record Form(String name, String bytes, int form, int kind, int ext, boolean w) {}

  private static final List<Form> FORMS = new ArrayList<>();

  private static void f(String name, String bytes, int form, int kind) {
    FORMS.add(new Form(name, bytes, form, kind, 0, false));
  }

  private static void fw(String name, String bytes, int form, int kind) {
    f(name, bytes, form, kind);
    FORMS.add(new Form(name + ".w", bytes, form, kind, 0, true));
  }

  private static void group(String name, String bytes, int ext) {
    FORMS.add(new Form(name, bytes, GROUP_IMM, BITS, ext, false));
  }

  static {
    f("movups", "0f10", XX, BITS); f("movupd", "660f10", XX, BITS); f("movss", "f30f10", XX, BITS); f("movsd", "f20f10", XX, BITS);
    f("movups.st", "0f11", STORE, BITS); f("movss.st", "f30f11", STORE, BITS); f("movsd.st", "f20f11", STORE, BITS);
    f("movss.st.r", "f30f11", REG_ONLY, BITS); f("movsd.st.r", "f20f11", REG_ONLY, BITS);
    f("movlps", "0f12", MEM_ONLY, BITS); f("movhlps", "0f12", REG_ONLY, BITS); f("movlpd", "660f12", MEM_ONLY, BITS);
    f("movddup", "f20f12", XX, BITS); f("movsldup", "f30f12", XX, BITS); f("movshdup", "f30f16", XX, BITS);
    f("movlps.st", "0f13", STORE, BITS); f("movhps", "0f16", MEM_ONLY, BITS); f("movlhps", "0f16", REG_ONLY, BITS);
    f("movhpd", "660f16", MEM_ONLY, BITS); f("movhps.st", "0f17", STORE, BITS);
    f("movaps", "0f28", XX, BITS); f("movaps.st", "0f29", STORE, BITS); f("movntps", "0f2b", STORE, BITS);
    f("movmskps", "0f50", GPR_X, F32); f("movmskpd", "660f50", GPR_X, F64);
    fw("movd", "660f6e", X_GPR, BITS); fw("movd.st", "660f7e", GPR_X, BITS); f("movq", "f30f7e", XX, BITS);
    f("movq.st", "660fd6", STORE, BITS); f("movq.st.r", "660fd6", REG_ONLY, BITS);
    f("movdqa", "660f6f", XX, BITS); f("movdqu", "f30f6f", XX, BITS); f("movdqa.st", "660f7f", STORE, BITS);
    f("movntdq", "660fe7", STORE, BITS); f("lddqu", "f20ff0", MEM_ONLY, BITS); fw("movnti", "0fc3", STORE_GPR, BITS);
    f("pmovmskb", "660fd7", GPR_X, BITS); f("pextrw", "660fc5", GPR_X_IMM, BITS); f("pinsrw", "660fc4", X_GPR_IMM, BITS);
    f("maskmovdqu", "660ff7", REG_ONLY, BITS);
    f("ldmxcsr", "0fae", MEM_ONLY, CSR); f("stmxcsr", "0fae", MEM_ONLY, CSR); f("prefetch", "0f18", MEM_ONLY, BITS);
    String[][] ints = {{"pand", "db"}, {"pandn", "df"}, {"por", "eb"}, {"pxor", "ef"}, {"paddb", "fc"}, {"paddw", "fd"},
        {"paddd", "fe"}, {"paddq", "d4"}, {"psubb", "f8"}, {"psubw", "f9"}, {"psubd", "fa"}, {"psubq", "fb"},
        {"paddsb", "ec"}, {"paddsw", "ed"}, {"paddusb", "dc"}, {"paddusw", "dd"}, {"psubsb", "e8"}, {"psubsw", "e9"},
        {"psubusb", "d8"}, {"psubusw", "d9"}, {"pcmpeqb", "74"}, {"pcmpeqw", "75"}, {"pcmpeqd", "76"},
        {"pcmpgtb", "64"}, {"pcmpgtw", "65"}, {"pcmpgtd", "66"}, {"pminub", "da"}, {"pmaxub", "de"}, {"pminsw", "ea"},
        {"pmaxsw", "ee"}, {"pmullw", "d5"}, {"pmulhw", "e5"}, {"pmulhuw", "e4"}, {"pmuludq", "f4"}, {"pmaddwd", "f5"},
        {"pavgb", "e0"}, {"pavgw", "e3"}, {"psadbw", "f6"}, {"punpcklbw", "60"}, {"punpcklwd", "61"},
        {"punpckldq", "62"}, {"punpcklqdq", "6c"}, {"punpckhbw", "68"}, {"punpckhwd", "69"}, {"punpckhdq", "6a"},
        {"punpckhqdq", "6d"}, {"packsswb", "63"}, {"packuswb", "67"}, {"packssdw", "6b"}};
    for (String[] p : ints) f(p[0], "660f" + p[1], XX, BITS);
    String[][] shifts = {{"psrlw", "d1"}, {"psrld", "d2"}, {"psrlq", "d3"}, {"psraw", "e1"}, {"psrad", "e2"},
        {"psllw", "f1"}, {"pslld", "f2"}, {"psllq", "f3"}};
    for (String[] p : shifts) f(p[0], "660f" + p[1], XX, I64);
    f("andps", "0f54", XX, BITS); f("andnpd", "660f55", XX, BITS); f("orps", "0f56", XX, BITS); f("xorpd", "660f57", XX, BITS);
    f("pshufd", "660f70", XX_IMM, BITS); f("pshufhw", "f30f70", XX_IMM, BITS); f("pshuflw", "f20f70", XX_IMM, BITS);
    f("shufps", "0fc6", XX_IMM, BITS); f("shufpd", "660fc6", XX_IMM, BITS);
    f("unpcklps", "0f14", XX, BITS); f("unpcklpd", "660f14", XX, BITS); f("unpckhps", "0f15", XX, BITS); f("unpckhpd", "660f15", XX, BITS);
    group("psrlw.i", "660f71", 2); group("psraw.i", "660f71", 4); group("psllw.i", "660f71", 6);
    group("psrld.i", "660f72", 2); group("psrad.i", "660f72", 4); group("pslld.i", "660f72", 6);
    group("psrlq.i", "660f73", 2); group("psrldq", "660f73", 3); group("psllq.i", "660f73", 6); group("pslldq", "660f73", 7);
    String[][] fops = {{"add", "58"}, {"mul", "59"}, {"sub", "5c"}, {"min", "5d"}, {"div", "5e"}, {"max", "5f"}, {"sqrt", "51"}};
    for (String[] p : fops) {
      f(p[0] + "ps", "0f" + p[1], XX, F32);
      f(p[0] + "pd", "660f" + p[1], XX, F64);
      f(p[0] + "ss", "f30f" + p[1], XX, F32);
      f(p[0] + "sd", "f20f" + p[1], XX, F64);
    }
    f("haddpd", "660f7c", XX, F64); f("haddps", "f20f7c", XX, F32); f("hsubpd", "660f7d", XX, F64); f("hsubps", "f20f7d", XX, F32);
    f("addsubpd", "660fd0", XX, F64); f("addsubps", "f20fd0", XX, F32);
    f("cmpps", "0fc2", XX_IMM, F32); f("cmppd", "660fc2", XX_IMM, F64); f("cmpss", "f30fc2", XX_IMM, F32); f("cmpsd", "f20fc2", XX_IMM, F64);
    f("ucomiss", "0f2e", XX, F32); f("ucomisd", "660f2e", XX, F64); f("comiss", "0f2f", XX, F32); f("comisd", "660f2f", XX, F64);
    fw("cvtsi2ss", "f30f2a", X_GPR, I64); fw("cvtsi2sd", "f20f2a", X_GPR, I64);
    fw("cvttss2si", "f30f2c", GPR_X, F32); fw("cvttsd2si", "f20f2c", GPR_X, F64);
    fw("cvtss2si", "f30f2d", GPR_X, F32); fw("cvtsd2si", "f20f2d", GPR_X, F64);
    f("cvtps2pd", "0f5a", XX, F32); f("cvtpd2ps", "660f5a", XX, F64); f("cvtss2sd", "f30f5a", XX, F32); f("cvtsd2ss", "f20f5a", XX, F64);
    f("cvtdq2ps", "0f5b", XX, I32); f("cvtps2dq", "660f5b", XX, F32); f("cvttps2dq", "f30f5b", XX, F32);
    f("cvtdq2pd", "f30fe6", XX, I32); f("cvtpd2dq", "f20fe6", XX, F64); f("cvttpd2dq", "660fe6", XX, F64);
  }

  static { // MMX: the no-prefix 0F forms on MM0-3 (ModRM names MM registers), and the MM<->XMM moves
    for (String[] p : ints()) f(p[0] + ".mmx", "0f" + p[1], XX, BITS);
    String[][] shifts = {{"psrlw", "d1"}, {"psrld", "d2"}, {"psrlq", "d3"}, {"psraw", "e1"}, {"psrad", "e2"},
        {"psllw", "f1"}, {"pslld", "f2"}, {"psllq", "f3"}};
    for (String[] p : shifts) f(p[0] + ".mmx", "0f" + p[1], XX, I64);
    group("psrlw.i.mmx", "0f71", 2); group("psraw.i.mmx", "0f71", 4); group("psllw.i.mmx", "0f71", 6);
    group("psrld.i.mmx", "0f72", 2); group("psrad.i.mmx", "0f72", 4); group("pslld.i.mmx", "0f72", 6);
    group("psrlq.i.mmx", "0f73", 2); group("psllq.i.mmx", "0f73", 6);
    fw("movd.mmx", "0f6e", X_GPR, BITS); fw("movd.st.mmx", "0f7e", GPR_X, BITS);
    f("movq.mmx", "0f6f", XX, BITS); f("movq.st.mmx", "0f7f", STORE, BITS); f("movq.st.r.mmx", "0f7f", REG_ONLY, BITS);
    f("movntq", "0fe7", STORE, BITS); f("pshufw", "0f70", XX_IMM, BITS); f("pmovmskb.mmx", "0fd7", GPR_X, BITS);
    f("pextrw.mmx", "0fc5", GPR_X_IMM, BITS); f("pinsrw.mmx", "0fc4", X_GPR_IMM, BITS); f("maskmovq", "0ff7", REG_ONLY, BITS);
    f("movq2dq", "f30fd6", REG_ONLY, BITS); f("movdq2q", "f20fd6", REG_ONLY, BITS);
    f("cvtpi2ps", "0f2a", XX, I32); f("cvtpi2pd", "660f2a", XX, I32);
    f("cvtps2pi", "0f2d", XX, F32); f("cvttps2pi", "0f2c", XX, F32);
    f("cvtpd2pi", "660f2d", XX, F64); f("cvttpd2pi", "660f2c", XX, F64);
    // SSSE3: 66 forms on XMM, no-prefix forms on MM
    String[][] ssse3 = {{"pshufb", "00"}, {"phaddw", "01"}, {"phaddd", "02"}, {"phaddsw", "03"}, {"pmaddubsw", "04"},
        {"phsubw", "05"}, {"phsubd", "06"}, {"phsubsw", "07"}, {"psignb", "08"}, {"psignw", "09"}, {"psignd", "0a"},
        {"pmulhrsw", "0b"}, {"pabsb", "1c"}, {"pabsw", "1d"}, {"pabsd", "1e"}};
    for (String[] p : ssse3) {
      f(p[0], "660f38" + p[1], XX, BITS);
      f(p[0] + ".mmx", "0f38" + p[1], XX, BITS);
    }
    f("palignr", "660f3a0f", XX_IMM, BITS); f("palignr.mmx", "0f3a0f", XX_IMM, BITS);
  }

  /** The packed-integer instructions with both an SSE2 (66 0F) and an MMX (0F) form. */
  private static String[][] ints() {
    return new String[][] {{"pand", "db"}, {"pandn", "df"}, {"por", "eb"}, {"pxor", "ef"}, {"paddb", "fc"}, {"paddw", "fd"},
        {"paddd", "fe"}, {"paddq", "d4"}, {"psubb", "f8"}, {"psubw", "f9"}, {"psubd", "fa"}, {"psubq", "fb"},
        {"paddsb", "ec"}, {"paddsw", "ed"}, {"paddusb", "dc"}, {"paddusw", "dd"}, {"psubsb", "e8"}, {"psubsw", "e9"},
        {"psubusb", "d8"}, {"psubusw", "d9"}, {"pcmpeqb", "74"}, {"pcmpeqw", "75"}, {"pcmpeqd", "76"},
        {"pcmpgtb", "64"}, {"pcmpgtw", "65"}, {"pcmpgtd", "66"}, {"pminub", "da"}, {"pmaxub", "de"}, {"pminsw", "ea"},
        {"pmaxsw", "ee"}, {"pmullw", "d5"}, {"pmulhw", "e5"}, {"pmulhuw", "e4"}, {"pmuludq", "f4"}, {"pmaddwd", "f5"},
        {"pavgb", "e0"}, {"pavgw", "e3"}, {"psadbw", "f6"}, {"punpcklbw", "60"}, {"punpcklwd", "61"},
        {"punpckldq", "62"}, {"punpckhbw", "68"}, {"punpckhwd", "69"}, {"punpckhdq", "6a"},
        {"packsswb", "63"}, {"packuswb", "67"}, {"packssdw", "6b"}};
  }

  // ---------------------------------------------------------------- operand values

  private static final long[] F64S = {0, 0x8000000000000000L, 0x3ff0000000000000L, 0xbff0000000000000L,
      0x7ff0000000000000L, 0xfff0000000000000L, 0x7ff8000000000000L, 0xfff8000000000000L, 0x7ff4000000000001L,
      0x7ff0000000000001L, 0xfff0000000000123L, 0x7fefffffffffffffL, 0xffefffffffffffffL, 0x0010000000000000L,
      0x8010000000000000L, 0x000fffffffffffffL, 0x0000000000000001L, 0x8000000000000001L, 0x3fe0000000000000L,
      0x4000000000000000L, 0x43e0000000000000L, 0xc3e0000000000000L, 0x41e0000000000000L, 0xc1e0000000000000L,
      0x41dfffffffc00000L, 0x3ff8000000000000L, 0x4004000000000000L, 0x3ca0000000000000L, 0x7fe0000000000000L,
      0x0020000000000000L, 0x0018000000000000L};
  private static final int[] F32S = {0, 0x80000000, 0x3f800000, 0xbf800000, 0x7f800000, 0xff800000, 0x7fc00000,
      0xffc00000, 0x7fa00001, 0x7f800001, 0x7f7fffff, 0xff7fffff, 0x00800000, 0x80800000, 0x007fffff, 0x00000001,
      0x80000001, 0x3f000000, 0x40000000, 0x4f000000, 0xcf000000, 0x5f000000, 0xdf000000, 0x3fc00000, 0x40200000,
      0x33800000, 0x7f000000, 0x01000000, 0x00c00000, 0x4effffff};
  /** Default, rounding modes, PE preset, DAZ, FTZ, unmasked exceptions of every kind. */
  private static final int[] MXCSRS = {0x1f80, 0x1f80, 0x1f80, 0x1fa0, 0x3f80, 0x5f80, 0x7f80, 0x1fc0, 0x9f80,
      0x9fc0, 0x1fbf, 0x1f00, 0x1d80, 0x1b80, 0x1780, 0x0f80, 0x1e80, 0x0000, 0x7fff};

  private final Random rnd = new Random(Long.getLong("blink.test.sseSeed", 20261121L));

  private long f64() {
    switch (rnd.nextInt(10)) {
      case 0: case 1: case 2: return F64S[rnd.nextInt(F64S.length)];
      case 3: case 4: return Double.doubleToRawLongBits((rnd.nextDouble() - 0.5) * Math.pow(2, rnd.nextInt(80) - 40));
      case 5: return rnd.nextLong() & 0x800fffffffffffffL | (long) rnd.nextInt(2047) << 52;
      case 6: return Double.doubleToRawLongBits(rnd.nextInt(2000) - 1000 + rnd.nextInt(4) * 0.25);
      case 7: return rnd.nextLong() & 0x800fffffffffffffL | (long) (rnd.nextBoolean() ? rnd.nextInt(60) : 2046 - rnd.nextInt(60)) << 52;
      default: return rnd.nextLong();
    }
  }

  private long f32() {
    int v;
    switch (rnd.nextInt(10)) {
      case 0: case 1: case 2: v = F32S[rnd.nextInt(F32S.length)]; break;
      case 3: case 4: v = Float.floatToRawIntBits((float) ((rnd.nextDouble() - 0.5) * Math.pow(2, rnd.nextInt(60) - 30))); break;
      case 5: v = rnd.nextInt() & 0x807fffff | rnd.nextInt(255) << 23; break;
      case 6: v = Float.floatToRawIntBits(rnd.nextInt(2000) - 1000 + rnd.nextInt(4) * 0.25f); break;
      case 7: v = rnd.nextInt() & 0x807fffff | (rnd.nextBoolean() ? rnd.nextInt(30) : 254 - rnd.nextInt(30)) << 23; break;
      default: v = rnd.nextInt();
    }
    return v & 0xffffffffL;
  }

  private long bits() {
    switch (rnd.nextInt(6)) {
      case 0: {
        long v = 0;
        int[] b = {0, 0x7f, 0x80, 0xff, 1, 0xfe, 0x81};
        for (int k = 0; k < 8; k++) v |= (long) b[rnd.nextInt(b.length)] << (8 * k);
        return v;
      }
      case 1: return rnd.nextInt(40);
      case 2: return rnd.nextInt(300);
      default: return rnd.nextLong();
    }
  }

  private long value(int kind) {
    switch (kind) {
      case F64: return f64();
      case F32: return f32() | f32() << 32;
      case I32: {
        long a = rnd.nextInt(3) == 0 ? rnd.nextInt(100000) - 50000 : rnd.nextInt();
        long b = rnd.nextInt(3) == 0 ? rnd.nextInt(100000) - 50000 : rnd.nextInt();
        return a & 0xffffffffL | b << 32;
      }
      case I64: {
        switch (rnd.nextInt(4)) {
          case 0: return rnd.nextLong();
          case 1: return rnd.nextLong() >> rnd.nextInt(64);
          case 2: return rnd.nextInt(200);
          default: return rnd.nextInt();
        }
      }
      case CSR: return rnd.nextInt(10) == 0 ? rnd.nextLong() : rnd.nextInt(0x10000) | (long) rnd.nextInt() << 32;
      default: return bits();
    }
  }

  // ---------------------------------------------------------------- cases

  private XmmHost.Case make(Form sp) {
    boolean mem = switch (sp.form) {
      case STORE, STORE_GPR, MEM_ONLY -> true;
      case REG_ONLY, GROUP_IMM -> false;
      default -> rnd.nextInt(3) == 0;
    };
    int reg = rnd.nextInt(4), rm = rnd.nextInt(4);
    int modrm;
    if (sp.form == GROUP_IMM) modrm = 0xc0 | sp.ext << 3 | rm;
    else if (sp.name.equals("ldmxcsr")) modrm = 2 << 3 | 6;
    else if (sp.name.equals("stmxcsr")) modrm = 3 << 3 | 6;
    else if (sp.name.equals("prefetch")) modrm = rnd.nextInt(8) << 3 | 6;
    else if (mem) modrm = reg << 3 | 6;
    else modrm = 0xc0 | reg << 3 | rm;
    String b = sp.bytes, prefix = "";
    if (b.startsWith("66") || b.startsWith("f2") || b.startsWith("f3")) {
      prefix = b.substring(0, 2);
      b = b.substring(2);
    }
    String hex = prefix + (sp.w ? "48" : "") + b + String.format("%02x", modrm);
    if (sp.form == XX_IMM || sp.form == GROUP_IMM || sp.form == GPR_X_IMM || sp.form == X_GPR_IMM) {
      int v;
      if (rnd.nextInt(5) == 0) v = rnd.nextInt(256);
      else if (sp.name.startsWith("cmp")) v = rnd.nextInt(8);
      else if (sp.form == GROUP_IMM) v = rnd.nextInt(sp.name.endsWith("dq") ? 18 : 70);
      else v = rnd.nextInt(256);
      hex += String.format("%02x", v);
    }
    long[] st = new long[18];
    for (int k = 0; k < 8; k++) st[k] = value(sp.kind);
    if ((sp.kind == F32 || sp.kind == F64) && rnd.nextInt(4) == 0) { // nearby operands: cancellation, equality
      st[2 * rm] = st[2 * reg] ^ (rnd.nextInt(3) == 0 ? (sp.kind == F64 ? Long.MIN_VALUE : 0x8000000080000000L) : rnd.nextInt(4));
      st[2 * rm + 1] = st[2 * reg + 1] ^ rnd.nextInt(2);
    }
    for (int k = 14; k < 18; k++) st[k] = value(sp.kind);
    for (int k = 8; k < 12; k++) st[k] = sp.kind == I64 || sp.kind == F32 || sp.kind == F64 ? value(sp.kind) : rnd.nextLong();
    st[12] = MXCSRS[rnd.nextInt(MXCSRS.length)];
    st[13] = rnd.nextLong() & 0x8d5;
    long[] m = new long[4];
    for (int k = 0; k < 4; k++) m[k] = value(sp.kind);
    return new XmmHost.Case(sp.name, hex, st, m, 0x8d5);
  }

  @Test
  void everyFormMatchesTheHostCpu(@TempDir Path dir) throws Exception {
    assumeTrue(HostCpu.canRunNative(), "needs an x86-64 Linux host with gcc");
    int count = Integer.getInteger("blink.test.sseCount", 64);
    String only = System.getProperty("blink.test.sseOnly");
    List<XmmHost.Case> cases = new ArrayList<>();
    for (Form sp : FORMS) {
      if (only != null && !sp.name.matches(only)) continue;
      for (int k = 0; k < count; k++) cases.add(make(sp));
    }
    XmmHost.Result r = XmmHost.compare(dir, cases);
    assumeTrue(r != null, "runner did not compile");
    if (!r.bad().isEmpty()) {
      fail("SSE forms that differ from the host CPU (xmm0..3 lo/hi, rax rcx rdx rbx, mxcsr, flags, mm0..3, memory):\n"
          + r.bad() + "\n" + r.report());
    }
  }
}
