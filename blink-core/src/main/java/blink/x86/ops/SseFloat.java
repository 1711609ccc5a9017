package blink.x86.ops;

import static blink.x86.OpcodeTable.MAP_0F;
import static blink.x86.OpcodeTable.MODRM;
import static blink.x86.OpcodeTable.P_66;
import static blink.x86.OpcodeTable.P_F2;
import static blink.x86.OpcodeTable.P_F3;
import static blink.x86.OpcodeTable.P_NONE;
import static blink.x86.ops.SseFp.ADD;
import static blink.x86.ops.SseFp.DIV;
import static blink.x86.ops.SseFp.MAX;
import static blink.x86.ops.SseFp.MIN;
import static blink.x86.ops.SseFp.MUL;
import static blink.x86.ops.SseFp.SUB;

import blink.x86.Cpu;
import blink.x86.Exec;
import blink.x86.Insn;
import blink.x86.OpcodeTable;

/**
 * SSE/SSE2/SSE3 floating-point arithmetic: ADD, SUB, MUL, DIV, MIN, MAX, SQRT in
 * packed-single (PS, no prefix), packed-double (PD, 66), scalar-single (SS, F3)
 * and scalar-double (SD, F2) forms; RCP and RSQRT approximations; SSE3
 * horizontal and alternating add/subtract. Scalar forms change only the low
 * lane of the destination. The lane semantics live in {@link SseFp}.
 */
public final class SseFloat {
  private SseFloat() {}

  static void register(OpcodeTable t) {
    family(t, 0x58, SseFloat::addps, SseFloat::addpd, SseFloat::addss, SseFloat::addsd);
    family(t, 0x59, SseFloat::mulps, SseFloat::mulpd, SseFloat::mulss, SseFloat::mulsd);
    family(t, 0x5C, SseFloat::subps, SseFloat::subpd, SseFloat::subss, SseFloat::subsd);
    family(t, 0x5D, SseFloat::minps, SseFloat::minpd, SseFloat::minss, SseFloat::minsd);
    family(t, 0x5E, SseFloat::divps, SseFloat::divpd, SseFloat::divss, SseFloat::divsd);
    family(t, 0x5F, SseFloat::maxps, SseFloat::maxpd, SseFloat::maxss, SseFloat::maxsd);
    family(t, 0x51, SseFloat::sqrtps, SseFloat::sqrtpd, SseFloat::sqrtss, SseFloat::sqrtsd);
    t.op(MAP_0F, 0x52).pfx(P_NONE).def(MODRM, SseFloat::rsqrtps);
    t.op(MAP_0F, 0x52).pfx(P_F3).def(MODRM, SseFloat::rsqrtss);
    t.op(MAP_0F, 0x53).pfx(P_NONE).def(MODRM, SseFloat::rcpps);
    t.op(MAP_0F, 0x53).pfx(P_F3).def(MODRM, SseFloat::rcpss);
    t.op(MAP_0F, 0x7C).pfx(P_66).def(MODRM, SseFloat::haddpd);
    t.op(MAP_0F, 0x7C).pfx(P_F2).def(MODRM, SseFloat::haddps);
    t.op(MAP_0F, 0x7D).pfx(P_66).def(MODRM, SseFloat::hsubpd);
    t.op(MAP_0F, 0x7D).pfx(P_F2).def(MODRM, SseFloat::hsubps);
    t.op(MAP_0F, 0xD0).pfx(P_66).def(MODRM, SseFloat::addsubpd);
    t.op(MAP_0F, 0xD0).pfx(P_F2).def(MODRM, SseFloat::addsubps);
  }

  private static void family(OpcodeTable t, int op, Exec ps, Exec pd, Exec ss, Exec sd) {
    t.op(MAP_0F, op).pfx(P_NONE).def(MODRM, ps);
    t.op(MAP_0F, op).pfx(P_66).def(MODRM, pd);
    t.op(MAP_0F, op).pfx(P_F3).def(MODRM, ss);
    t.op(MAP_0F, op).pfx(P_F2).def(MODRM, sd);
  }

  // ---------------------------------------------------------------- lane drivers

  /** Two binary32 lanes of a quadword. */
  private static long pair(Cpu c, int op, long a, long b) {
    long lo = SseFp.f(c, op, (int) a, (int) b) & 0xffffffffL;
    return lo | (long) SseFp.f(c, op, (int) (a >>> 32), (int) (b >>> 32)) << 32;
  }

  /** dest = dest OP src over four binary32 lanes. */
  private static void ps(Cpu c, Insn i, int op) {
    long lo = XmmOperands.lo(c, i), hi = XmmOperands.hi(c, i);
    long[] x = c.xmm;
    int d = i.reg << 1;
    int saved = SseMxcsr.begin(c);
    long r0 = pair(c, op, x[d], lo);
    long r1 = pair(c, op, x[d + 1], hi);
    SseMxcsr.end(c, saved);
    x[d] = r0;
    x[d + 1] = r1;
  }

  /** dest = dest OP src over two binary64 lanes. */
  private static void pd(Cpu c, Insn i, int op) {
    long lo = XmmOperands.lo(c, i), hi = XmmOperands.hi(c, i);
    long[] x = c.xmm;
    int d = i.reg << 1;
    int saved = SseMxcsr.begin(c);
    long r0 = SseFp.d(c, op, x[d], lo);
    long r1 = SseFp.d(c, op, x[d + 1], hi);
    SseMxcsr.end(c, saved);
    x[d] = r0;
    x[d + 1] = r1;
  }

  /** Low binary32 lane: dest[31..0] = dest[31..0] OP src (xmm/m32). */
  private static void ss(Cpu c, Insn i, int op) {
    int b = XmmOperands.d(c, i);
    long[] x = c.xmm;
    int d = i.reg << 1;
    int saved = SseMxcsr.begin(c);
    int r = SseFp.f(c, op, (int) x[d], b);
    SseMxcsr.end(c, saved);
    x[d] = x[d] & 0xffffffff00000000L | r & 0xffffffffL;
  }

  /** Low binary64 lane: dest[63..0] = dest[63..0] OP src (xmm/m64). */
  private static void sd(Cpu c, Insn i, int op) {
    long b = XmmOperands.q(c, i);
    long[] x = c.xmm;
    int d = i.reg << 1;
    int saved = SseMxcsr.begin(c);
    long r = SseFp.d(c, op, x[d], b);
    SseMxcsr.end(c, saved);
    x[d] = r;
  }

  public static void addps(Cpu c, Insn i) { ps(c, i, ADD); }
  public static void addpd(Cpu c, Insn i) { pd(c, i, ADD); }
  public static void addss(Cpu c, Insn i) { ss(c, i, ADD); }
  public static void addsd(Cpu c, Insn i) { sd(c, i, ADD); }
  public static void subps(Cpu c, Insn i) { ps(c, i, SUB); }
  public static void subpd(Cpu c, Insn i) { pd(c, i, SUB); }
  public static void subss(Cpu c, Insn i) { ss(c, i, SUB); }
  public static void subsd(Cpu c, Insn i) { sd(c, i, SUB); }
  public static void mulps(Cpu c, Insn i) { ps(c, i, MUL); }
  public static void mulpd(Cpu c, Insn i) { pd(c, i, MUL); }
  public static void mulss(Cpu c, Insn i) { ss(c, i, MUL); }
  public static void mulsd(Cpu c, Insn i) { sd(c, i, MUL); }
  public static void divps(Cpu c, Insn i) { ps(c, i, DIV); }
  public static void divpd(Cpu c, Insn i) { pd(c, i, DIV); }
  public static void divss(Cpu c, Insn i) { ss(c, i, DIV); }
  public static void divsd(Cpu c, Insn i) { sd(c, i, DIV); }
  public static void minps(Cpu c, Insn i) { ps(c, i, MIN); }
  public static void minpd(Cpu c, Insn i) { pd(c, i, MIN); }
  public static void minss(Cpu c, Insn i) { ss(c, i, MIN); }
  public static void minsd(Cpu c, Insn i) { sd(c, i, MIN); }
  public static void maxps(Cpu c, Insn i) { ps(c, i, MAX); }
  public static void maxpd(Cpu c, Insn i) { pd(c, i, MAX); }
  public static void maxss(Cpu c, Insn i) { ss(c, i, MAX); }
  public static void maxsd(Cpu c, Insn i) { sd(c, i, MAX); }

  // ---------------------------------------------------------------- square root

  public static void sqrtps(Cpu c, Insn i) {
    long lo = XmmOperands.lo(c, i), hi = XmmOperands.hi(c, i);
    int saved = SseMxcsr.begin(c);
    long r0 = SseFp.sqrt(c, (int) lo) & 0xffffffffL | (long) SseFp.sqrt(c, (int) (lo >>> 32)) << 32;
    long r1 = SseFp.sqrt(c, (int) hi) & 0xffffffffL | (long) SseFp.sqrt(c, (int) (hi >>> 32)) << 32;
    SseMxcsr.end(c, saved);
    XmmOperands.set(c, i.reg, r0, r1);
  }

  public static void sqrtpd(Cpu c, Insn i) {
    long lo = XmmOperands.lo(c, i), hi = XmmOperands.hi(c, i);
    int saved = SseMxcsr.begin(c);
    long r0 = SseFp.sqrt(c, lo);
    long r1 = SseFp.sqrt(c, hi);
    SseMxcsr.end(c, saved);
    XmmOperands.set(c, i.reg, r0, r1);
  }

  public static void sqrtss(Cpu c, Insn i) {
    int b = XmmOperands.d(c, i);
    int saved = SseMxcsr.begin(c);
    int r = SseFp.sqrt(c, b);
    SseMxcsr.end(c, saved);
    long[] x = c.xmm;
    int d = i.reg << 1;
    x[d] = x[d] & 0xffffffff00000000L | r & 0xffffffffL;
  }

  public static void sqrtsd(Cpu c, Insn i) {
    long b = XmmOperands.q(c, i);
    int saved = SseMxcsr.begin(c);
    long r = SseFp.sqrt(c, b);
    SseMxcsr.end(c, saved);
    c.xmm[i.reg << 1] = r;
  }

  // ---------------------------------------------------------------- approximations

  /**
   * RCPPS/RCPSS lane. The hardware answers from a table with relative error at most
   * 1.5 * 2^-12 (SDM Vol. 2, RCPPS); we return 1/x rounded to 12 significant bits,
   * which is within that bound but not bit-identical to any particular CPU.
   * Denormal inputs read as zero, tiny results flush to zero, and no MXCSR flag is
   * ever set.
   */
  static int rcp(int a) {
    int e = a >>> 23 & 0xff;
    int sign = a & 0x80000000;
    if (e == 0xff) return (a & 0x7fffff) != 0 ? a | 0x400000 : sign; // NaN quieted, 1/inf = 0
    if (e == 0) return sign | 0x7f800000; // zero or denormal: infinity
    float r = 1 / Float.intBitsToFloat(a);
    int bits = Float.floatToRawIntBits(r);
    if ((bits >>> 23 & 0xff) == 0) return sign; // would be denormal: flushed
    return approximate(bits);
  }

  /** RSQRTPS/RSQRTSS lane: 1/sqrt(x) to 12 significant bits; negative inputs give the default NaN. */
  static int rsqrt(int a) {
    int e = a >>> 23 & 0xff;
    int sign = a & 0x80000000;
    if (e == 0xff && (a & 0x7fffff) != 0) return a | 0x400000;
    if (e == 0) return sign | 0x7f800000; // ±0 and denormals: ±infinity
    if (sign != 0) return 0xffc00000;
    if (e == 0xff) return 0;
    double r = 1 / Math.sqrt(Float.intBitsToFloat(a));
    return approximate(Float.floatToRawIntBits((float) r));
  }

  /** Rounds a binary32 value to its 12 leading significand bits (nearest). */
  private static int approximate(int bits) {
    return (bits + (1 << 11)) & ~0xfff;
  }

  public static void rcpps(Cpu c, Insn i) {
    long lo = XmmOperands.lo(c, i), hi = XmmOperands.hi(c, i);
    XmmOperands.set(c, i.reg,
        rcp((int) lo) & 0xffffffffL | (long) rcp((int) (lo >>> 32)) << 32,
        rcp((int) hi) & 0xffffffffL | (long) rcp((int) (hi >>> 32)) << 32);
  }

  public static void rsqrtps(Cpu c, Insn i) {
    long lo = XmmOperands.lo(c, i), hi = XmmOperands.hi(c, i);
    XmmOperands.set(c, i.reg,
        rsqrt((int) lo) & 0xffffffffL | (long) rsqrt((int) (lo >>> 32)) << 32,
        rsqrt((int) hi) & 0xffffffffL | (long) rsqrt((int) (hi >>> 32)) << 32);
  }

  public static void rcpss(Cpu c, Insn i) {
    int r = rcp(XmmOperands.d(c, i));
    long[] x = c.xmm;
    int d = i.reg << 1;
    x[d] = x[d] & 0xffffffff00000000L | r & 0xffffffffL;
  }

  public static void rsqrtss(Cpu c, Insn i) {
    int r = rsqrt(XmmOperands.d(c, i));
    long[] x = c.xmm;
    int d = i.reg << 1;
    x[d] = x[d] & 0xffffffff00000000L | r & 0xffffffffL;
  }

  // ---------------------------------------------------------------- SSE3 horizontal

  /** HADDPD: d0+d1, s0+s1. HSUBPD: d0-d1, s0-s1. */
  private static void hpd(Cpu c, Insn i, int op) {
    long lo = XmmOperands.lo(c, i), hi = XmmOperands.hi(c, i);
    long[] x = c.xmm;
    int d = i.reg << 1;
    int saved = SseMxcsr.begin(c);
    long r0 = SseFp.d(c, op, x[d], x[d + 1]);
    long r1 = SseFp.d(c, op, lo, hi);
    SseMxcsr.end(c, saved);
    x[d] = r0;
    x[d + 1] = r1;
  }

  /** HADDPS: d0+d1, d2+d3, s0+s1, s2+s3 (HSUBPS likewise with -). */
  private static long hpair(Cpu c, int op, long v, long w) {
    long r0 = SseFp.f(c, op, (int) v, (int) (v >>> 32)) & 0xffffffffL;
    return r0 | (long) SseFp.f(c, op, (int) w, (int) (w >>> 32)) << 32;
  }

  private static void hps(Cpu c, Insn i, int op) {
    long lo = XmmOperands.lo(c, i), hi = XmmOperands.hi(c, i);
    long[] x = c.xmm;
    int d = i.reg << 1;
    int saved = SseMxcsr.begin(c);
    long r0 = hpair(c, op, x[d], x[d + 1]);
    long r1 = hpair(c, op, lo, hi);
    SseMxcsr.end(c, saved);
    x[d] = r0;
    x[d + 1] = r1;
  }

  public static void haddpd(Cpu c, Insn i) { hpd(c, i, ADD); }
  public static void hsubpd(Cpu c, Insn i) { hpd(c, i, SUB); }
  public static void haddps(Cpu c, Insn i) { hps(c, i, ADD); }
  public static void hsubps(Cpu c, Insn i) { hps(c, i, SUB); }

  /** ADDSUBPD: d0-s0, d1+s1. */
  public static void addsubpd(Cpu c, Insn i) {
    long lo = XmmOperands.lo(c, i), hi = XmmOperands.hi(c, i);
    long[] x = c.xmm;
    int d = i.reg << 1;
    int saved = SseMxcsr.begin(c);
    long r0 = SseFp.d(c, SUB, x[d], lo);
    long r1 = SseFp.d(c, ADD, x[d + 1], hi);
    SseMxcsr.end(c, saved);
    x[d] = r0;
    x[d + 1] = r1;
  }

  /** ADDSUBPS: d0-s0, d1+s1, d2-s2, d3+s3. */
  private static long addsub(Cpu c, long a, long b) {
    long r0 = SseFp.f(c, SUB, (int) a, (int) b) & 0xffffffffL;
    return r0 | (long) SseFp.f(c, ADD, (int) (a >>> 32), (int) (b >>> 32)) << 32;
  }

  public static void addsubps(Cpu c, Insn i) {
    long lo = XmmOperands.lo(c, i), hi = XmmOperands.hi(c, i);
    long[] x = c.xmm;
    int d = i.reg << 1;
    int saved = SseMxcsr.begin(c);
    long r0 = addsub(c, x[d], lo);
    long r1 = addsub(c, x[d + 1], hi);
    SseMxcsr.end(c, saved);
    x[d] = r0;
    x[d + 1] = r1;
  }
}
