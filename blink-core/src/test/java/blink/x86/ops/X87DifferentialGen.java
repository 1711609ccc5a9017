package blink.x86.ops;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Random instances of every x87 instruction form for the differential tester. A
 * form is opcode bytes, an operand shape (ST(i) register, fixed ModRM, or memory at
 * [RSI] of a given type) and a hint for the values worth trying (trigonometric
 * arguments near multiples of pi/2, numbers near integers, scale factors...). The
 * state around it is random too: TOP, empty and full registers (stack underflow and
 * overflow), every rounding and precision control, masked and unmasked exceptions,
 * pre-set exception flags (pending #MF), and operands drawn from special encodings:
 * zeros, denormals, pseudo-denormals, unnormals, pseudo-NaN/infinity, SNaN/QNaN with
 * payloads, infinities, extremes, integer boundaries.
 */
final class X87DifferentialGen {
  /**
   * Operand shapes: ModRM C0+i with a random ST(i); the bytes alone; ModRM for [RSI];
   * a random register encoding D8-DF C0-FF; a random D8-DF /r [RSI]; an arithmetic
   * instruction and then the state store named by {@link Form#modrm}.
   */
  static final int STI = 0, FIXED = 1, MEM = 2, ANY_REG = 3, ANY_MEM = 4, AFTER = 5;
  /** Memory operand types. */
  static final int NONE = 0, I16 = 1, I32 = 2, I64 = 3, F32 = 4, F64 = 5, F80 = 6, BCD = 7, CW = 8, ENV16 = 9,
      ENV32 = 10, SAVE16 = 11, SAVE32 = 12, FXIMG = 13, OUT = 14;
  /** Value hints for ST(0) and ST(1). */
  static final int GEN = 0, TRIG = 1, INT = 2, SCALE = 3, LOG = 4, EXP = 5, CMP = 6, LOGP1 = 7, ATAN = 8, REM = 9;

  /** bytes: prefixes and opcode; modrm: the ModRM without the register (AFTER: which store); mem: operand type. */
  record Form(String name, String bytes, int shape, int modrm, int mem, int hint) {}

  static final List<Form> FORMS = new ArrayList<>();

  /** Forms computed by the transcendental algorithms (see {@link X87DifferentialCase#lastBit}). */
  static boolean inexact(String name) {
    return name.matches("fsin|fcos|fsincos|fptan|fpatan|f2xm1|fyl2x|fyl2xp1");
  }

  private static void sti(String name, String esc, int reg, int hint) {
    FORMS.add(new Form(name, esc, STI, 0xc0 | reg << 3, NONE, hint));
  }

  private static void fixed(String name, String bytes, int hint) {
    FORMS.add(new Form(name, bytes, FIXED, -1, NONE, hint));
  }

  private static void mem(String name, String esc, int reg, int type, int hint) {
    FORMS.add(new Form(name, esc, MEM, reg << 3 | 6, type, hint));
  }

  static {
    String[] arith = {"fadd", "fmul", "fcom", "fcomp", "fsub", "fsubr", "fdiv", "fdivr"};
    for (int r = 0; r < 8; r++) {
      int h = r == 2 || r == 3 ? CMP : GEN;
      sti(arith[r] + ".st0.sti", "d8", r, h);
      mem(arith[r] + ".m32", "d8", r, F32, h);
      mem(arith[r] + ".m64", "dc", r, F64, h);
      mem("fi" + arith[r].substring(1) + ".m32", "da", r, I32, h);
      mem("fi" + arith[r].substring(1) + ".m16", "de", r, I16, h);
    }
    String[] dc = {"fadd", "fmul", "fcom2", "fcomp3", "fsubr", "fsub", "fdivr", "fdiv"};
    String[] de = {"faddp", "fmulp", "fcomp5", "de.d8", "fsubrp", "fsubp", "fdivrp", "fdivp"};
    for (int r = 0; r < 8; r++) {
      sti(dc[r] + ".sti.st0", "dc", r, r == 2 || r == 3 ? CMP : GEN);
      sti(de[r] + (r == 2 || r == 3 ? "" : ".sti.st0"), "de", r, r == 2 || r == 3 ? CMP : GEN);
    }
    fixed("fcompp", "ded9", CMP);
    mem("fld.m32", "d9", 0, F32, GEN); mem("fst.m32", "d9", 2, OUT, GEN); mem("fstp.m32", "d9", 3, OUT, GEN);
    mem("fld.m64", "dd", 0, F64, GEN); mem("fst.m64", "dd", 2, OUT, GEN); mem("fstp.m64", "dd", 3, OUT, GEN);
    mem("fld.m80", "db", 5, F80, GEN); mem("fstp.m80", "db", 7, OUT, GEN);
    mem("fild.m16", "df", 0, I16, GEN); mem("fild.m32", "db", 0, I32, GEN); mem("fild.m64", "df", 5, I64, GEN);
    mem("fist.m16", "df", 2, OUT, INT); mem("fistp.m16", "df", 3, OUT, INT); mem("fisttp.m16", "df", 1, OUT, INT);
    mem("fist.m32", "db", 2, OUT, INT); mem("fistp.m32", "db", 3, OUT, INT); mem("fisttp.m32", "db", 1, OUT, INT);
    mem("fistp.m64", "df", 7, OUT, INT); mem("fisttp.m64", "dd", 1, OUT, INT);
    mem("fbld", "df", 4, BCD, GEN); mem("fbstp", "df", 6, OUT, INT);
    sti("fld.sti", "d9", 0, GEN); sti("fxch", "d9", 1, GEN); sti("fxch4", "dd", 1, GEN); sti("fxch7", "df", 1, GEN);
    sti("fst.sti", "dd", 2, GEN); sti("fstp.sti", "dd", 3, GEN); sti("fstp1", "d9", 3, GEN);
    sti("fstp8", "df", 2, GEN); sti("fstp9", "df", 3, GEN);
    String[] consts = {"fld1", "fldl2t", "fldl2e", "fldpi", "fldlg2", "fldln2", "fldz"};
    for (int k = 0; k < consts.length; k++) fixed(consts[k], String.format("d9%02x", 0xe8 + k), GEN);
    fixed("fchs", "d9e0", GEN); fixed("fabs", "d9e1", GEN); fixed("ftst", "d9e4", CMP); fixed("fxam", "d9e5", GEN);
    fixed("fnop", "d9d0", GEN);
    fixed("f2xm1", "d9f0", EXP); fixed("fyl2x", "d9f1", LOG); fixed("fptan", "d9f2", TRIG); fixed("fpatan", "d9f3", ATAN);
    fixed("fxtract", "d9f4", GEN); fixed("fprem1", "d9f5", REM); fixed("fdecstp", "d9f6", GEN);
    fixed("fincstp", "d9f7", GEN); fixed("fprem", "d9f8", REM); fixed("fyl2xp1", "d9f9", LOGP1);
    fixed("fsqrt", "d9fa", GEN); fixed("fsincos", "d9fb", TRIG); fixed("frndint", "d9fc", INT);
    fixed("fscale", "d9fd", SCALE); fixed("fsin", "d9fe", TRIG); fixed("fcos", "d9ff", TRIG);
    String[] cmov = {"fcmovb", "fcmove", "fcmovbe", "fcmovu"};
    for (int k = 0; k < 4; k++) {
      sti(cmov[k], "da", k, GEN);
      sti(cmov[k].replace("fcmov", "fcmovn"), "db", k, GEN);
    }
    sti("fucom", "dd", 4, CMP); sti("fucomp", "dd", 5, CMP); fixed("fucompp", "dae9", CMP);
    sti("fucomi", "db", 5, CMP); sti("fcomi", "db", 6, CMP); sti("fucomip", "df", 5, CMP); sti("fcomip", "df", 6, CMP);
    sti("ffree", "dd", 0, GEN); sti("ffreep", "df", 0, GEN);
    mem("fldcw", "d9", 5, CW, GEN); mem("fnstcw", "d9", 7, OUT, GEN);
    mem("fnstsw.m16", "dd", 7, OUT, GEN); fixed("fnstsw.ax", "dfe0", GEN);
    fixed("fnclex", "dbe2", GEN); fixed("fninit", "dbe3", GEN); fixed("fwait", "9b", GEN);
    fixed("fneni", "dbe0", GEN); fixed("fndisi", "dbe1", GEN); fixed("fnsetpm", "dbe4", GEN);
    mem("fnstenv", "d9", 6, OUT, GEN); mem("fldenv", "d9", 4, ENV32, GEN);
    mem("fnstenv.16", "66d9", 6, OUT, GEN); mem("fldenv.16", "66d9", 4, ENV16, GEN);
    mem("fnsave", "dd", 6, OUT, GEN); mem("frstor", "dd", 4, SAVE32, GEN);
    mem("fnsave.16", "66dd", 6, OUT, GEN); mem("frstor.16", "66dd", 4, SAVE16, GEN);
    mem("fxsave", "0fae", 0, OUT, GEN); mem("fxrstor", "0fae", 1, FXIMG, GEN);
    mem("fxsave64", "480fae", 0, OUT, GEN); mem("fxrstor64", "480fae", 1, FXIMG, GEN);
    // MMX aliasing: MMX instructions set TOP to 0, tag every register valid and write
    // exponent 0xFFFF (SDM Vol. 1 §9.5); EMMS empties the stack.
    fixed("emms", "0f77", GEN); mem("movq.mm0.load", "0f6f", 0, F64, GEN); mem("movq.mm6.load", "0f6f", 6, F64, GEN);
    mem("movq.mm3.store", "0f7f", 3, OUT, GEN); sti("paddb.mm", "0ffc", 2, GEN); sti("pxor.mm", "0fef", 7, GEN);
    // The state images after an arithmetic instruction: FIP, FDP and FOP as stored by each.
    FORMS.add(new Form("fnstenv.after", "", AFTER, 0xd9, OUT, GEN));
    FORMS.add(new Form("fnsave.after", "", AFTER, 0xdd, OUT, GEN));
    FORMS.add(new Form("fxsave64.after", "", AFTER, 0x48, OUT, GEN));
    FORMS.add(new Form("fxsave.after", "", AFTER, 0x0f, OUT, GEN));
    // Any register-form encoding D8-DF C0-FF: the undefined ones must be #UD as on the host.
    FORMS.add(new Form("any.reg", "", ANY_REG, -1, NONE, GEN));
    // Any memory-form encoding D8-DF /0-7 [RSI], the undefined D9 /1, DB /4, DB /6, DD /5 included.
    FORMS.add(new Form("any.mem", "", ANY_MEM, -1, F80, GEN));
  }

  // ---------------------------------------------------------------- values

  private static final MathContext MC = new MathContext(60);
  private static final BigDecimal PI = new BigDecimal(
      "3.14159265358979323846264338327950288419716939937510582097494459230781640628620899862803482534211706798");

  private final Random r;

  X87DifferentialGen(Random r) {
    this.r = r;
  }

  /** A value as {sign+exponent, significand}. */
  private long[] v(long se, long sig) {
    return new long[] {se & 0xffff, sig};
  }

  /** The 80-bit value nearest to x (|x| within the double range, not tiny). */
  static long[] fromBig(BigDecimal x) {
    if (x.signum() == 0) return new long[] {0, 0};
    int sign = x.signum() < 0 ? 0x8000 : 0;
    x = x.abs();
    int e = Math.getExponent(x.doubleValue());
    for (;;) {
      BigDecimal scaled = e >= 63 ? x.divide(new BigDecimal(BigInteger.ONE.shiftLeft(e - 63)), MC)
          : x.multiply(new BigDecimal(BigInteger.ONE.shiftLeft(63 - e)));
      BigInteger m = scaled.setScale(0, RoundingMode.HALF_EVEN).toBigInteger();
      if (m.bitLength() > 64) {
        e++;
      } else if (m.bitLength() < 64) {
        e--;
      } else {
        return new long[] {sign | (e + 16383), m.longValue()};
      }
    }
  }

  private int sign() {
    return r.nextBoolean() ? 0x8000 : 0;
  }

  long[] special() {
    long one = 1L << 63;
    return switch (r.nextInt(24)) {
      case 0 -> v(sign(), 0);
      case 1 -> v(sign() | 0x3fff, one);
      case 2 -> v(sign() | 0x7fff, one); // infinity
      case 3 -> v(sign() | 0x7fff, 0xc000000000000000L | r.nextLong() >>> 2 * r.nextInt(2)); // QNaN
      case 4 -> v(sign() | 0x7fff, one | (r.nextLong() >>> 2 | 1) >>> r.nextInt(62)); // SNaN
      case 5 -> v(0xffff, 0xc000000000000000L); // indefinite
      case 6 -> v(sign() | 0x7ffe, -1L); // largest
      case 7 -> v(sign() | 1, one); // smallest normal
      case 8 -> v(sign(), r.nextLong() >>> 1 + r.nextInt(63)); // denormal
      case 9 -> v(sign(), r.nextInt(3) == 0 ? one : one | r.nextLong()); // pseudo-denormal
      case 10 -> v(sign() | 1 + r.nextInt(0x7ffe), r.nextInt(4) == 0 ? 0 : r.nextLong() >>> 1 + r.nextInt(8)); // unnormal
      case 11 -> v(sign() | 0x7fff, r.nextInt(3) == 0 ? 0 : r.nextLong() >>> 1); // pseudo-NaN, pseudo-infinity
      case 12 -> v(sign(), 1);
      case 13 -> v(sign() | 0x3fff + r.nextInt(3) - 1, one | r.nextLong() >>> 1 + r.nextInt(64) >>> 1);
      case 14 -> v(sign() | 0x3fff + 15 + r.nextInt(3) - 1, one); // 2^15 and neighbours
      case 15 -> v(sign() | 0x3fff + 31 + r.nextInt(3) - 1, one);
      case 16 -> v(sign() | 0x3fff + 63 + r.nextInt(3) - 1, one);
      case 17 -> v(sign() | 0x3fff + 62, -1L >>> r.nextInt(2) | one);
      case 18 -> v(sign() | r.nextInt(80) + 1, one | r.nextLong()); // tiny normals
      case 19 -> v(sign() | 0x7ffe - r.nextInt(80), one | r.nextLong()); // huge
      case 20 -> v(sign() | 0x3bff + r.nextInt(0x800), one | r.nextLong()); // near the double range bounds
      case 21 -> v(sign() | (r.nextBoolean() ? 0x3c00 + r.nextInt(64) - 32 : 0x3f80 + r.nextInt(64) - 32), one | r.nextLong());
      case 22 -> v(sign() | 0x43fe + r.nextInt(3) - 1, one | r.nextLong());
      default -> v(r.nextInt(0x10000), r.nextLong());
    };
  }

  long[] general() {
    long one = 1L << 63;
    return switch (r.nextInt(8)) {
      case 0, 1, 2 -> special();
      case 3, 4 -> v(sign() | 0x3fff + r.nextInt(80) - 40, one | r.nextLong());
      case 5 -> intLike();
      case 6 -> fromBig(BigDecimal.valueOf(r.nextInt(2000) - 1000).add(BigDecimal.valueOf(r.nextInt(8), 3)));
      default -> v(sign() | r.nextInt(0x7fff), one | r.nextLong());
    };
  }

  /** Numbers near integers and the integer formats' bounds, ties included. */
  long[] intLike() {
    long[] bounds = {0, 1, 2, 3, 10, 32767, 32768, 65535, 2147483647L, 2147483648L, 4294967295L,
        999999999999999999L, 1000000000000000000L, Long.MAX_VALUE};
    BigDecimal base;
    switch (r.nextInt(4)) {
      case 0 -> base = BigDecimal.valueOf(bounds[r.nextInt(bounds.length)]);
      case 1 -> base = BigDecimal.valueOf(r.nextInt(100));
      case 2 -> base = new BigDecimal(new BigInteger(64, r));
      default -> base = BigDecimal.valueOf(r.nextLong() >> r.nextInt(64));
    }
    if (r.nextInt(8) == 0) base = base.add(BigDecimal.ONE);
    String[] fracs = {"0", "0", "0.5", "-0.5", "0.25", "0.75", "-0.25", "1.5", "-1", "0.4999999999", "0.5000000001"};
    BigDecimal x = base.add(new BigDecimal(fracs[r.nextInt(fracs.length)]));
    if (r.nextBoolean()) x = x.negate();
    if (x.signum() == 0) return v(sign(), 0);
    return fromBig(x);
  }

  /** Near multiples of pi/2 and pi/4 (a few ulps either side), and large arguments up to and beyond 2^63. */
  long[] trig() {
    switch (r.nextInt(6)) {
      case 0, 1 -> {
        long k = switch (r.nextInt(4)) {
          case 0 -> r.nextInt(9) - 4;
          case 1 -> r.nextInt(2001) - 1000;
          case 2 -> r.nextInt();
          default -> r.nextLong() >> r.nextInt(10) + 2;
        };
        if (k == 0) k = 1;
        BigDecimal x = PI.multiply(BigDecimal.valueOf(k)).divide(BigDecimal.valueOf(r.nextInt(3) == 0 ? 4 : 2), MC);
        long[] f = fromBig(x);
        f[1] += r.nextInt(9) - 4;
        if (f[1] >= 0) f[1] = -1L;
        return f;
      }
      case 2 -> {
        return v(sign() | 0x3fff + 50 + r.nextInt(20), 1L << 63 | r.nextLong()); // 2^50 .. 2^70
      }
      case 3 -> {
        return v(sign() | 0x3fff + 63, 1L << 63 | (r.nextBoolean() ? 0 : r.nextLong())); // at 2^63
      }
      case 4 -> {
        return v(sign() | 0x3fff - r.nextInt(70), 1L << 63 | r.nextLong()); // small
      }
      default -> {
        return general();
      }
    }
  }

  long[] forHint(int hint, boolean st1) {
    if (r.nextInt(4) == 0) return general();
    long one = 1L << 63;
    return switch (hint) {
      case TRIG -> trig();
      case INT -> intLike();
      case SCALE -> st1 ? (r.nextBoolean() ? intLike() : fromBig(BigDecimal.valueOf(r.nextInt(40000) - 20000, r.nextInt(2))))
          : general();
      case LOG -> st1 ? general() : switch (r.nextInt(3)) {
        case 0 -> v(0x3fff - r.nextInt(2), -1L - r.nextInt(1000)); // just below 1
        case 1 -> v(0x3fff, one | r.nextInt(1000)); // just above 1
        default -> v(r.nextInt(0x7fff), one | r.nextLong());
      };
      case LOGP1 -> st1 ? general() : v(sign() | 0x3fff - 2 - r.nextInt(70), one | r.nextLong());
      case EXP -> v(sign() | 0x3fff - 1 - r.nextInt(70), one | r.nextLong());
      case ATAN -> v(sign() | 0x3fff + r.nextInt(20) - 10, one | r.nextLong());
      case REM -> st1 ? v(sign() | 0x3fff + r.nextInt(20) - 4, one | r.nextLong())
          : r.nextBoolean() ? trig() : v(sign() | 0x3fff + r.nextInt(140), one | r.nextLong());
      default -> general();
    };
  }

  // ---------------------------------------------------------------- memory values

  long f32() {
    int[] specials = {0, 0x80000000, 0x3f800000, 0xbf800000, 0x7f800000, 0xff800000, 0x7fc00000, 0xffc00000,
        0x7fa00001, 0x7f800001, 0x7f7fffff, 0x00800000, 0x007fffff, 0x00000001, 0x3f000000, 0x4f000000};
    return switch (r.nextInt(5)) {
      case 0, 1 -> specials[r.nextInt(specials.length)];
      case 2 -> Float.floatToRawIntBits((float) ((r.nextDouble() - 0.5) * Math.pow(2, r.nextInt(60) - 30)));
      case 3 -> r.nextInt() & 0x807fffff | (r.nextBoolean() ? r.nextInt(30) : 254 - r.nextInt(30)) << 23;
      default -> r.nextInt();
    } & 0xffffffffL;
  }

  long f64() {
    long[] specials = {0, 0x8000000000000000L, 0x3ff0000000000000L, 0xbff0000000000000L, 0x7ff0000000000000L,
        0xfff0000000000000L, 0x7ff8000000000000L, 0x7ff4000000000001L, 0x7ff0000000000001L, 0x7fefffffffffffffL,
        0x0010000000000000L, 0x000fffffffffffffL, 0x0000000000000001L, 0x43e0000000000000L, 0x3fe0000000000000L};
    return switch (r.nextInt(5)) {
      case 0, 1 -> specials[r.nextInt(specials.length)];
      case 2 -> Double.doubleToRawLongBits((r.nextDouble() - 0.5) * Math.pow(2, r.nextInt(120) - 60));
      case 3 -> r.nextLong() & 0x800fffffffffffffL | (long) (r.nextBoolean() ? r.nextInt(60) : 2046 - r.nextInt(60)) << 52;
      default -> r.nextLong();
    };
  }

  long integer(int bits) {
    long sign = 1L << (bits - 1);
    long v = switch (r.nextInt(8)) {
      case 0 -> 0;
      case 1 -> r.nextInt(21) - 10;
      case 2 -> sign;
      case 3 -> sign - 1;
      case 4 -> -sign + 1;
      default -> r.nextLong();
    };
    return bits == 64 ? v : v & (1L << bits) - 1;
  }

  /** A packed BCD number (18 digits, sign byte), sometimes with invalid digits or sign bits. */
  long[] bcd() {
    long lo = 0;
    int digits = r.nextInt(19);
    for (int k = 0; k < 16; k++) {
      long d = k < digits ? r.nextInt(r.nextInt(20) == 0 ? 16 : 10) : 0;
      lo |= d << (4 * k);
    }
    long hi = 0;
    for (int k = 16; k < 18; k++) hi |= (long) (k < digits ? r.nextInt(10) : 0) << (4 * (k - 16));
    int signByte = switch (r.nextInt(6)) {
      case 0 -> r.nextInt(256);
      case 1, 2 -> 0x80;
      default -> 0;
    };
    hi |= (long) signByte << 8 | (r.nextLong() & ~0xffffL);
    if (r.nextInt(10) == 0) return new long[] {r.nextLong(), r.nextLong()};
    return new long[] {lo, hi};
  }

  int controlWord() {
    int masks = switch (r.nextInt(10)) {
      case 0, 1 -> r.nextInt(64);
      case 2 -> 0;
      default -> 0x3f;
    };
    int pc = switch (r.nextInt(8)) {
      case 0 -> 0;
      case 1 -> 2;
      case 2 -> 1;
      default -> 3;
    };
    int cw = masks | pc << 8 | r.nextInt(4) << 10 | 0x40;
    if (r.nextInt(4) == 0) cw |= 0x1000;
    if (r.nextInt(10) == 0) cw ^= r.nextInt(0x10000) & 0xe0c0;
    return cw;
  }

  /** A status word (without TOP), usually consistent with cw: ES and B set when a raised flag is unmasked. */
  int statusWord(int cw) {
    if (r.nextInt(30) == 0) return r.nextInt(0x10000) & ~0x3800; // ES, B and SF as they come
    int sw = r.nextInt(0x10000) & 0x4700;
    if (r.nextInt(5) == 0) sw |= r.nextInt(0x80);
    int unmasked = sw & ~cw & 0x3f;
    if (unmasked != 0 && r.nextInt(3) != 0) sw &= ~unmasked; // keep pending #MF rare
    if ((sw & ~cw & 0x3f) != 0) sw |= 0x8080;
    return sw;
  }

  // ---------------------------------------------------------------- cases

  X87DifferentialCase make(Form f) {
    StringBuilder hex = new StringBuilder();
    if (r.nextInt(8) == 0 && !f.name.matches("f.*(env|save|rstor).*|fwait|any.mem")) hex.append(prefixes(f.shape == MEM));
    hex.append(f.bytes);
    if (f.shape == ANY_REG) hex.append(String.format("%02x%02x", 0xd8 + r.nextInt(8), 0xc0 + r.nextInt(64)));
    if (f.shape == AFTER) {
      // FADD ST(0), ST(i) or FADD m64 [RSI+0x100], then the store at [RSI+0x200]
      hex.append(r.nextBoolean() ? String.format("d8%02x", 0xc0 + r.nextInt(8)) : "dc8600010000");
      hex.append(switch (f.modrm) {
        case 0xd9 -> "d9b600020000";
        case 0xdd -> "ddb600020000";
        case 0x48 -> "480fae8600020000";
        default -> "0fae8600020000";
      });
    }
    if (f.shape == ANY_MEM) hex.append(String.format("%02x%02x", 0xd8 + r.nextInt(8), r.nextInt(8) << 3 | 6));
    if (f.shape == STI) hex.append(String.format("%02x", f.modrm | r.nextInt(8)));
    if (f.shape == MEM) hex.append(String.format("%02x", f.modrm));
    byte[] code = new byte[hex.length() / 2];
    for (int k = 0; k < code.length; k++) code[k] = (byte) Integer.parseInt(hex.substring(2 * k, 2 * k + 2), 16);
    X87DifferentialCase t = new X87DifferentialCase(f.name, code);
    t.lastBit = inexact(f.name) || hex.toString().matches(".*d9f[0-39bef]");
    t.fcw = controlWord();
    int top = r.nextInt(8);
    t.fsw = statusWord(t.fcw) | top << 11;
    int used;
    switch (r.nextInt(10)) {
      case 0 -> used = 0xff;
      case 1 -> used = 0;
      case 2 -> used = r.nextInt(256);
      default -> used = r.nextInt(256) | 1 << top | 1 << (top + 1 & 7);
    }
    t.ftw = used;
    for (int k = 0; k < 8; k++) {
      long[] x = k < 2 ? forHint(f.hint, k == 1) : general();
      t.se[k] = (int) x[0];
      t.sig[k] = x[1];
    }
    if (f.hint == CMP && r.nextInt(3) == 0) { // equal or nearly equal operands
      int k = 1 + r.nextInt(7);
      t.se[k] = t.se[0] ^ (r.nextInt(4) == 0 ? 0x8000 : 0);
      t.sig[k] = t.sig[0] + r.nextInt(3) - 1;
    }
    for (int k = 0; k < 4; k++) t.gpr[k] = r.nextLong();
    t.flags = r.nextLong() & 0x8d5;
    t.seed = r.nextLong();
    memory(t, f.mem);
    if ((f.shape == MEM || f.shape == ANY_MEM) && r.nextInt(40) == 0) {
      // The operand crosses into the unmapped page after the data (a fault that must
      // leave the x87 state alone), or is misaligned (#GP for FXSAVE and FXRSTOR).
      t.rsiOffset = r.nextBoolean() ? X87DifferentialCase.DATA_SIZE - 1 - r.nextInt(15) : 8 * (1 + r.nextInt(3));
    }
    if (f.name.startsWith("fxsave")) t.fxsaveAt = f.shape == AFTER ? 0x200 : t.rsiOffset;
    return t;
  }

  /**
   * Prefixes that change nothing here: operand size, REP, segment (but FS/GS), address
   * size ([ESI] is the same address), and REX without B for memory operands (B would
   * pick R14) — the state-image forms excepted, where 66 and REX.W select a layout.
   */
  private String prefixes(boolean memory) {
    String[] p = memory ? new String[] {"66", "f2", "f3", "2e", "3e", "26", "36", "67", "40", "48", "44", "42"}
        : new String[] {"66", "f2", "f3", "2e", "40", "41", "48", "4f"};
    StringBuilder sb = new StringBuilder(p[r.nextInt(p.length)]);
    if (r.nextBoolean()) sb.append(p[r.nextInt(p.length)]);
    return fixRex(sb.toString());
  }

  /** A REX prefix only counts right before the opcode: keep it last. */
  private static String fixRex(String p) {
    if (p.length() == 4 && p.charAt(0) == '4' && p.charAt(2) != '4') return p.substring(2) + p.substring(0, 2);
    return p;
  }

  private void memory(X87DifferentialCase t, int type) {
    switch (type) {
      case I16 -> t.poke(0, integer(16) | r.nextLong() << 16);
      case I32 -> t.poke(0, integer(32) | r.nextLong() << 32);
      case I64 -> t.poke(0, integer(64));
      case F32 -> t.poke(0, (r.nextInt(4) == 0 ? f32Of(t) : f32()) | r.nextLong() << 32);
      case F64 -> t.poke(0, f64());
      case F80 -> {
        long[] x = r.nextInt(3) == 0 ? special() : general();
        t.poke(0, x[1]);
        t.poke(1, x[0] | r.nextLong() << 16);
      }
      case BCD -> {
        long[] b = bcd();
        t.poke(0, b[0]);
        t.poke(1, b[1]);
      }
      case CW -> t.poke(0, controlWord() | r.nextLong() << 16);
      case ENV16, ENV32, SAVE16, SAVE32 -> environment(t, type);
      case FXIMG -> fxImage(t);
      default -> { }
    }
  }

  /** A float32 close to ST(0) (for comparisons): its top bits. */
  private long f32Of(X87DifferentialCase t) {
    int e = (t.se[0] & 0x7fff) - 16383 + 127;
    if (e <= 0 || e >= 255) return f32();
    return (long) (t.se[0] >> 15) << 31 | (long) e << 23 | (t.sig[0] >>> 40 & 0x7fffff);
  }

  /** An FLDENV/FRSTOR image of a random state: 16-bit (14+80 bytes) or 32-bit (28+80 bytes) layout. */
  private void environment(X87DifferentialCase t, int type) {
    byte[] b = new byte[112];
    r.nextBytes(b);
    int cw = controlWord(), sw = statusWord(cw) | r.nextInt(8) << 11, tw = r.nextInt(4) == 0 ? r.nextInt(0x10000)
        : r.nextBoolean() ? 0xffff : 0x5555 * r.nextInt(3);
    boolean wide = type == ENV32 || type == SAVE32;
    int[] words = {cw, sw, tw};
    for (int k = 0; k < 3; k++) {
      int at = wide ? 4 * k : 2 * k;
      b[at] = (byte) words[k];
      b[at + 1] = (byte) (words[k] >> 8);
    }
    int env = wide ? 28 : 14;
    if (type == SAVE16 || type == SAVE32) {
      for (int k = 0; k < 8; k++) {
        long[] x = general();
        for (int j = 0; j < 8; j++) b[env + 10 * k + j] = (byte) (x[1] >>> 8 * j);
        b[env + 10 * k + 8] = (byte) x[0];
        b[env + 10 * k + 9] = (byte) (x[0] >> 8);
      }
    }
    for (int q = 0; q < 14; q++) {
      long v = 0;
      for (int j = 7; j >= 0; j--) v = v << 8 | b[8 * q + j] & 0xff;
      t.poke(q, v);
    }
  }

  /** An FXRSTOR image: a random state with a (usually) valid MXCSR and random XMM registers. */
  private void fxImage(X87DifferentialCase t) {
    int cw = controlWord(), sw = statusWord(cw) | r.nextInt(8) << 11;
    int mxcsr = r.nextInt(20) == 0 ? r.nextInt() : 0x1f80 ^ r.nextInt(0x10000) & 0xffbf;
    t.poke(0, cw | (long) sw << 16 | (long) r.nextInt(256) << 32 | r.nextLong() << 40);
    t.poke(1, r.nextLong());
    t.poke(2, r.nextLong());
    t.poke(3, mxcsr & 0xffffffffL | r.nextLong() << 32);
    for (int k = 0; k < 8; k++) {
      long[] x = general();
      t.poke(4 + 2 * k, x[1]);
      t.poke(5 + 2 * k, x[0] | r.nextLong() << 16);
    }
    for (int k = 20; k < 64; k++) t.poke(k, r.nextLong());
  }
}
