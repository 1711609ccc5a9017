package blink.x86.ops;

import static blink.x86.OpcodeTable.MAP_0F;
import static blink.x86.OpcodeTable.MODRM;
import static blink.x86.OpcodeTable.P_66;
import static blink.x86.OpcodeTable.P_F2;
import static blink.x86.OpcodeTable.P_F3;
import static blink.x86.OpcodeTable.P_NONE;
import static blink.x86.ops.SseMxcsr.DAZ;
import static blink.x86.ops.SseMxcsr.IE;
import static blink.x86.ops.SseMxcsr.PE;
import static blink.x86.ops.SseMxcsr.RC_DOWN;
import static blink.x86.ops.SseMxcsr.RC_NEAREST;
import static blink.x86.ops.SseMxcsr.RC_UP;

import blink.x86.Cpu;
import blink.x86.Insn;
import blink.x86.OpcodeTable;

/**
 * SSE/SSE2 conversions between integers, binary32 and binary64 (SDM Vol. 1
 * §11.4.4), honouring MXCSR.RC (the CVTT forms always truncate). A NaN or an
 * out-of-range value converted to an integer gives the "integer indefinite"
 * (the most negative value) and signals invalid; inexact conversions signal PE.
 * The MMX forms (CVTPI2PS, CVTPS2PI, …) are not here: they belong with MMX.
 */
public final class SseConvert {
  private SseConvert() {}

  static void register(OpcodeTable t) {
    t.op(MAP_0F, 0x2A).pfx(P_F3).def(MODRM, SseConvert::cvtsi2ss);
    t.op(MAP_0F, 0x2A).pfx(P_F2).def(MODRM, SseConvert::cvtsi2sd);
    t.op(MAP_0F, 0x2C).pfx(P_F3).def(MODRM, SseConvert::cvttss2si);
    t.op(MAP_0F, 0x2C).pfx(P_F2).def(MODRM, SseConvert::cvttsd2si);
    t.op(MAP_0F, 0x2D).pfx(P_F3).def(MODRM, SseConvert::cvtss2si);
    t.op(MAP_0F, 0x2D).pfx(P_F2).def(MODRM, SseConvert::cvtsd2si);
    t.op(MAP_0F, 0x5A).pfx(P_NONE).def(MODRM, SseConvert::cvtps2pd);
    t.op(MAP_0F, 0x5A).pfx(P_66).def(MODRM, SseConvert::cvtpd2ps);
    t.op(MAP_0F, 0x5A).pfx(P_F3).def(MODRM, SseConvert::cvtss2sd);
    t.op(MAP_0F, 0x5A).pfx(P_F2).def(MODRM, SseConvert::cvtsd2ss);
    t.op(MAP_0F, 0x5B).pfx(P_NONE).def(MODRM, SseConvert::cvtdq2ps);
    t.op(MAP_0F, 0x5B).pfx(P_66).def(MODRM, SseConvert::cvtps2dq);
    t.op(MAP_0F, 0x5B).pfx(P_F3).def(MODRM, SseConvert::cvttps2dq);
    t.op(MAP_0F, 0xE6).pfx(P_F3).def(MODRM, SseConvert::cvtdq2pd);
    t.op(MAP_0F, 0xE6).pfx(P_F2).def(MODRM, SseConvert::cvtpd2dq);
    t.op(MAP_0F, 0xE6).pfx(P_66).def(MODRM, SseConvert::cvttpd2dq);
  }

  // ---------------------------------------------------------------- lanes

  /** Rounding mode meaning "truncate", for the CVTT forms. */
  static final int TRUNCATE = SseMxcsr.RC_ZERO;

  /**
   * Converts v (a binary64 value, or a binary32 one widened exactly) to a 32- or
   * 64-bit integer under rounding mode rc. DAZ makes a denormal read as zero.
   */
  static long toInt(Cpu c, double v, int rc, boolean wide) {
    if ((c.mxcsr & DAZ) != 0 && v != 0 && Math.abs(v) < Double.MIN_NORMAL) v = 0;
    double r;
    switch (rc) {
      case RC_NEAREST: r = Math.rint(v); break;
      case RC_DOWN: r = Math.floor(v); break;
      case RC_UP: r = Math.ceil(v); break;
      default: r = v < 0 ? Math.ceil(v) : Math.floor(v); break;
    }
    boolean fits = wide ? r >= -0x1p63 && r < 0x1p63 : r >= -0x1p31 && r < 0x1p31;
    if (!fits) { // also NaN
      c.mxcsr |= IE;
      return wide ? Long.MIN_VALUE : 0x80000000L;
    }
    if (r != v) c.mxcsr |= PE;
    return wide ? (long) r : (long) r & 0xffffffffL;
  }

  /** A binary32 source widened to binary64; under DAZ a denormal reads as zero. */
  static double single(Cpu c, int bits) {
    if ((bits & 0x7f800000) == 0 && (c.mxcsr & DAZ) != 0) bits &= 0x80000000;
    return Float.intBitsToFloat(bits);
  }

  /** A 64-bit integer to binary64 under MXCSR.RC; PE when inexact. */
  static long fromLong(Cpu c, long v) {
    double d = v;
    int cmp = d >= 0x1p63 ? -1 : Long.compare(v, (long) d); // sign of (exact - d)
    return SseFp.finish(c, d, cmp);
  }

  /** A 64-bit integer to binary32 under MXCSR.RC. */
  static int fromLongToSingle(Cpu c, long v) {
    float f = v;
    int cmp = f >= 0x1p63f ? -1 : Long.compare(v, (long) f);
    return SseFp.finish(c, f, f, cmp);
  }

  /** A 32-bit integer to binary32 under MXCSR.RC. */
  static int fromIntToSingle(Cpu c, int v) {
    float f = v;
    int cmp = Long.compare(v, (long) f);
    return SseFp.finish(c, f, f, cmp);
  }

  /** binary64 to binary32 under MXCSR.RC, with the exceptions CVTSD2SS raises. */
  static int narrow(Cpu c, long a) {
    int e = (int) (a >>> 52) & 0x7ff;
    if (e >= 1023 - 125 && e <= 1023 + 126) { // result is a normal binary32 with room to round
      double d = Double.longBitsToDouble(a);
      float f = (float) d;
      return SseFp.finish(c, f, d, 0);
    }
    if ((a & 0x7fffffffffffffffL) == 0) return (int) (a >>> 32);
    return (int) SseSoftFloat.narrow(c, a);
  }

  // ---------------------------------------------------------------- int -> float

  /** CVTSI2SS xmm, r/m32 or r/m64 (REX.W): only the low lane of xmm changes. */
  public static void cvtsi2ss(Cpu c, Insn i) {
    boolean wide = i.size == 8;
    long v = c.readRm(i, wide ? 8 : 4);
    int saved = SseMxcsr.begin(c);
    int r = wide ? fromLongToSingle(c, v) : fromIntToSingle(c, (int) v);
    SseMxcsr.end(c, saved);
    long[] x = c.xmm;
    int d = i.reg << 1;
    x[d] = x[d] & 0xffffffff00000000L | r & 0xffffffffL;
  }

  /** CVTSI2SD xmm, r/m32 (exact) or r/m64 (REX.W, may round). */
  public static void cvtsi2sd(Cpu c, Insn i) {
    boolean wide = i.size == 8;
    long v = c.readRm(i, wide ? 8 : 4);
    long r;
    if (wide) {
      int saved = SseMxcsr.begin(c);
      r = fromLong(c, v);
      SseMxcsr.end(c, saved);
    } else {
      r = Double.doubleToRawLongBits((int) v);
    }
    c.xmm[i.reg << 1] = r;
  }

  /** CVTDQ2PS: four doublewords to binary32. */
  public static void cvtdq2ps(Cpu c, Insn i) {
    long lo = XmmOperands.lo(c, i), hi = XmmOperands.hi(c, i);
    int saved = SseMxcsr.begin(c);
    long r0 = fromIntToSingle(c, (int) lo) & 0xffffffffL | (long) fromIntToSingle(c, (int) (lo >>> 32)) << 32;
    long r1 = fromIntToSingle(c, (int) hi) & 0xffffffffL | (long) fromIntToSingle(c, (int) (hi >>> 32)) << 32;
    SseMxcsr.end(c, saved);
    XmmOperands.set(c, i.reg, r0, r1);
  }

  /** CVTDQ2PD xmm, xmm/m64: the two low doublewords to binary64 (exact). */
  public static void cvtdq2pd(Cpu c, Insn i) {
    long v = XmmOperands.q(c, i);
    XmmOperands.set(c, i.reg, Double.doubleToRawLongBits((int) v), Double.doubleToRawLongBits((int) (v >>> 32)));
  }

  // ---------------------------------------------------------------- float -> int

  private static void toGeneral(Cpu c, Insn i, double v, int rc) {
    boolean wide = i.size == 8;
    int saved = SseMxcsr.begin(c);
    long r = toInt(c, v, rc, wide);
    SseMxcsr.end(c, saved);
    c.setReg(i.reg, wide ? 8 : 4, r);
  }

  public static void cvtss2si(Cpu c, Insn i) {
    toGeneral(c, i, single(c, XmmOperands.d(c, i)), SseMxcsr.rc(c));
  }

  public static void cvttss2si(Cpu c, Insn i) {
    toGeneral(c, i, single(c, XmmOperands.d(c, i)), TRUNCATE);
  }

  public static void cvtsd2si(Cpu c, Insn i) {
    toGeneral(c, i, Double.longBitsToDouble(XmmOperands.q(c, i)), SseMxcsr.rc(c));
  }

  public static void cvttsd2si(Cpu c, Insn i) {
    toGeneral(c, i, Double.longBitsToDouble(XmmOperands.q(c, i)), TRUNCATE);
  }

  static long dwords(Cpu c, long v, int rc) {
    long lo = toInt(c, single(c, (int) v), rc, false);
    return lo | toInt(c, single(c, (int) (v >>> 32)), rc, false) << 32;
  }

  private static void ps2dq(Cpu c, Insn i, boolean truncate) {
    long lo = XmmOperands.lo(c, i), hi = XmmOperands.hi(c, i);
    int rc = truncate ? TRUNCATE : SseMxcsr.rc(c);
    int saved = SseMxcsr.begin(c);
    long r0 = dwords(c, lo, rc), r1 = dwords(c, hi, rc);
    SseMxcsr.end(c, saved);
    XmmOperands.set(c, i.reg, r0, r1);
  }

  public static void cvtps2dq(Cpu c, Insn i) { ps2dq(c, i, false); }
  public static void cvttps2dq(Cpu c, Insn i) { ps2dq(c, i, true); }

  /** CVTPD2DQ/CVTTPD2DQ: two doubles to two doublewords in the low quadword; the high one is zeroed. */
  private static void pd2dq(Cpu c, Insn i, boolean truncate) {
    long lo = XmmOperands.lo(c, i), hi = XmmOperands.hi(c, i);
    int rc = truncate ? TRUNCATE : SseMxcsr.rc(c);
    int saved = SseMxcsr.begin(c);
    long r = toInt(c, Double.longBitsToDouble(lo), rc, false) | toInt(c, Double.longBitsToDouble(hi), rc, false) << 32;
    SseMxcsr.end(c, saved);
    XmmOperands.set(c, i.reg, r, 0);
  }

  public static void cvtpd2dq(Cpu c, Insn i) { pd2dq(c, i, false); }
  public static void cvttpd2dq(Cpu c, Insn i) { pd2dq(c, i, true); }

  // ---------------------------------------------------------------- float <-> float

  public static void cvtss2sd(Cpu c, Insn i) {
    int b = XmmOperands.d(c, i);
    int saved = SseMxcsr.begin(c);
    long r = SseSoftFloat.widen(c, b);
    SseMxcsr.end(c, saved);
    c.xmm[i.reg << 1] = r;
  }

  public static void cvtsd2ss(Cpu c, Insn i) {
    long b = XmmOperands.q(c, i);
    int saved = SseMxcsr.begin(c);
    int r = narrow(c, b);
    SseMxcsr.end(c, saved);
    long[] x = c.xmm;
    int d = i.reg << 1;
    x[d] = x[d] & 0xffffffff00000000L | r & 0xffffffffL;
  }

  /** CVTPS2PD xmm, xmm/m64: the two low singles widened. */
  public static void cvtps2pd(Cpu c, Insn i) {
    long v = XmmOperands.q(c, i);
    int saved = SseMxcsr.begin(c);
    long r0 = SseSoftFloat.widen(c, (int) v), r1 = SseSoftFloat.widen(c, (int) (v >>> 32));
    SseMxcsr.end(c, saved);
    XmmOperands.set(c, i.reg, r0, r1);
  }

  /** CVTPD2PS: two doubles narrowed into the low quadword; the high one is zeroed. */
  public static void cvtpd2ps(Cpu c, Insn i) {
    long lo = XmmOperands.lo(c, i), hi = XmmOperands.hi(c, i);
    int saved = SseMxcsr.begin(c);
    long r = narrow(c, lo) & 0xffffffffL | (long) narrow(c, hi) << 32;
    SseMxcsr.end(c, saved);
    XmmOperands.set(c, i.reg, r, 0);
  }
}
