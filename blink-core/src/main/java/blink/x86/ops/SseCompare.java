package blink.x86.ops;

import static blink.x86.OpcodeTable.I_UB;
import static blink.x86.OpcodeTable.MAP_0F;
import static blink.x86.OpcodeTable.MODRM;
import static blink.x86.OpcodeTable.P_66;
import static blink.x86.OpcodeTable.P_F2;
import static blink.x86.OpcodeTable.P_F3;
import static blink.x86.OpcodeTable.P_NONE;
import static blink.x86.ops.SseMxcsr.IE;

import blink.x86.Cpu;
import blink.x86.Flags;
import blink.x86.Insn;
import blink.x86.OpcodeTable;

/**
 * SSE/SSE2 floating-point comparisons: CMPPS/CMPPD/CMPSS/CMPSD with the eight
 * imm8 predicates (all-ones or all-zeros lane masks), and COMISS/COMISD/UCOMISS/
 * UCOMISD, which set ZF, PF and CF and clear OF, SF and AF:
 *
 * <pre>
 *   result      ZF PF CF
 *   unordered    1  1  1
 *   greater      0  0  0
 *   less         0  0  1
 *   equal        1  0  0
 * </pre>
 *
 * A NaN operand signals invalid for the "signaling" predicates (LT, LE, NLT, NLE)
 * and for COMIS; the quiet ones (EQ, UNORD, NEQ, ORD) and UCOMIS signal only for
 * an SNaN. A denormal operand signals DE (or reads as zero under DAZ) only when
 * neither operand is a NaN.
 */
public final class SseCompare {
  private SseCompare() {}

  static void register(OpcodeTable t) {
    t.op(MAP_0F, 0xC2).pfx(P_NONE).def(MODRM | I_UB, SseCompare::cmpps);
    t.op(MAP_0F, 0xC2).pfx(P_66).def(MODRM | I_UB, SseCompare::cmppd);
    t.op(MAP_0F, 0xC2).pfx(P_F3).def(MODRM | I_UB, SseCompare::cmpss);
    t.op(MAP_0F, 0xC2).pfx(P_F2).def(MODRM | I_UB, SseCompare::cmpsd);
    t.op(MAP_0F, 0x2E).pfx(P_NONE).def(MODRM, SseCompare::ucomiss);
    t.op(MAP_0F, 0x2E).pfx(P_66).def(MODRM, SseCompare::ucomisd);
    t.op(MAP_0F, 0x2F).pfx(P_NONE).def(MODRM, SseCompare::comiss);
    t.op(MAP_0F, 0x2F).pfx(P_66).def(MODRM, SseCompare::comisd);
  }

  /** Predicates 1, 2, 5, 6 signal invalid on a QNaN too. */
  private static boolean signaling(int pred) {
    return (pred & 3) == 1 || (pred & 3) == 2;
  }

  /** Outcome of an ordered/unordered comparison, before the predicate is applied. */
  private static final int LESS = 0, EQUAL = 1, GREATER = 2, UNORDERED = 3;

  private static boolean predicate(int pred, int rel) {
    switch (pred & 7) {
      case 0: return rel == EQUAL;
      case 1: return rel == LESS;
      case 2: return rel == LESS || rel == EQUAL;
      case 3: return rel == UNORDERED;
      case 4: return rel != EQUAL;
      case 5: return rel != LESS;
      case 6: return rel != LESS && rel != EQUAL;
      default: return rel != UNORDERED;
    }
  }

  /**
   * Relates two binary64 values with MXCSR side effects: IE for an SNaN, or for a
   * QNaN when {@code signalQuiet}; DE/DAZ for denormals of an ordered pair.
   */
  static int relate(Cpu c, long a, long b, boolean signalQuiet) {
    boolean na = SseSoftFloat.isNaN(a, true), nb = SseSoftFloat.isNaN(b, true);
    if (na || nb) {
      if (signalQuiet || SseSoftFloat.isSNaN(a, true) || SseSoftFloat.isSNaN(b, true)) c.mxcsr |= IE;
      return UNORDERED;
    }
    double x = Double.longBitsToDouble(SseFp.denormal(c, a)), y = Double.longBitsToDouble(SseFp.denormal(c, b));
    return x < y ? LESS : x == y ? EQUAL : GREATER;
  }

  static int relate(Cpu c, int a, int b, boolean signalQuiet) {
    boolean na = (a & 0x7fffffff) > 0x7f800000, nb = (b & 0x7fffffff) > 0x7f800000;
    if (na || nb) {
      if (signalQuiet || na && (a & 0x400000) == 0 || nb && (b & 0x400000) == 0) c.mxcsr |= IE;
      return UNORDERED;
    }
    float x = Float.intBitsToFloat(SseFp.denormal(c, a)), y = Float.intBitsToFloat(SseFp.denormal(c, b));
    return x < y ? LESS : x == y ? EQUAL : GREATER;
  }

  private static long maskD(Cpu c, int pred, long a, long b) {
    return predicate(pred, relate(c, a, b, signaling(pred))) ? -1L : 0;
  }

  private static long maskF(Cpu c, int pred, long a, long b) {
    long lo = predicate(pred, relate(c, (int) a, (int) b, signaling(pred))) ? 0xffffffffL : 0;
    long hi = predicate(pred, relate(c, (int) (a >>> 32), (int) (b >>> 32), signaling(pred))) ? 0xffffffff00000000L : 0;
    return lo | hi;
  }

  public static void cmpps(Cpu c, Insn i) {
    long lo = XmmOperands.lo(c, i), hi = XmmOperands.hi(c, i);
    long[] x = c.xmm;
    int d = i.reg << 1, pred = (int) i.imm & 7;
    int saved = SseMxcsr.begin(c);
    long r0 = maskF(c, pred, x[d], lo);
    long r1 = maskF(c, pred, x[d + 1], hi);
    SseMxcsr.end(c, saved);
    x[d] = r0;
    x[d + 1] = r1;
  }

  public static void cmppd(Cpu c, Insn i) {
    long lo = XmmOperands.lo(c, i), hi = XmmOperands.hi(c, i);
    long[] x = c.xmm;
    int d = i.reg << 1, pred = (int) i.imm & 7;
    int saved = SseMxcsr.begin(c);
    long r0 = maskD(c, pred, x[d], lo);
    long r1 = maskD(c, pred, x[d + 1], hi);
    SseMxcsr.end(c, saved);
    x[d] = r0;
    x[d + 1] = r1;
  }

  public static void cmpss(Cpu c, Insn i) {
    int b = XmmOperands.d(c, i);
    long[] x = c.xmm;
    int d = i.reg << 1, pred = (int) i.imm & 7;
    int saved = SseMxcsr.begin(c);
    boolean r = predicate(pred, relate(c, (int) x[d], b, signaling(pred)));
    SseMxcsr.end(c, saved);
    x[d] = x[d] & 0xffffffff00000000L | (r ? 0xffffffffL : 0);
  }

  public static void cmpsd(Cpu c, Insn i) {
    long b = XmmOperands.q(c, i);
    long[] x = c.xmm;
    int d = i.reg << 1, pred = (int) i.imm & 7;
    int saved = SseMxcsr.begin(c);
    boolean r = predicate(pred, relate(c, x[d], b, signaling(pred)));
    SseMxcsr.end(c, saved);
    x[d] = r ? -1L : 0;
  }

  // ---------------------------------------------------------------- COMIS/UCOMIS

  private static void setFlags(Cpu c, int rel) {
    long f = c.getFlags() & ~Flags.STATUS;
    switch (rel) {
      case UNORDERED: f |= Flags.ZF | Flags.PF | Flags.CF; break;
      case LESS: f |= Flags.CF; break;
      case EQUAL: f |= Flags.ZF; break;
      default: break;
    }
    c.setFlagsValue(f);
  }

  private static void comisd(Cpu c, Insn i, boolean signalQuiet) {
    long b = XmmOperands.q(c, i);
    int saved = SseMxcsr.begin(c);
    int rel = relate(c, c.xmm[i.reg << 1], b, signalQuiet);
    SseMxcsr.end(c, saved);
    setFlags(c, rel);
  }

  private static void comiss(Cpu c, Insn i, boolean signalQuiet) {
    int b = XmmOperands.d(c, i);
    int saved = SseMxcsr.begin(c);
    int rel = relate(c, (int) c.xmm[i.reg << 1], b, signalQuiet);
    SseMxcsr.end(c, saved);
    setFlags(c, rel);
  }

  public static void comisd(Cpu c, Insn i) { comisd(c, i, true); }
  public static void ucomisd(Cpu c, Insn i) { comisd(c, i, false); }
  public static void comiss(Cpu c, Insn i) { comiss(c, i, true); }
  public static void ucomiss(Cpu c, Insn i) { comiss(c, i, false); }
}
