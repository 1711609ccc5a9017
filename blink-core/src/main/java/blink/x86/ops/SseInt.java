package blink.x86.ops;

import static blink.x86.OpcodeTable.MAP_0F;
import static blink.x86.OpcodeTable.MODRM;
import static blink.x86.OpcodeTable.P_66;
import static blink.x86.OpcodeTable.P_NONE;

import blink.x86.Cpu;
import blink.x86.Exec;
import blink.x86.Insn;
import blink.x86.OpcodeTable;

/**
 * SSE2 packed integer arithmetic, comparison and logic on XMM registers
 * (66 0F xx; SDM Vol. 1 §11.4.3), plus the bitwise ANDPS/ANDNPS/ORPS/XORPS
 * family that shares their semantics. Each handler reads the xmm/m128 source
 * (aligned), then replaces both quadwords of the destination.
 *
 * <p>Lanes are processed within each 64-bit half. Wrapping add/sub and equality
 * use SWAR (lane-parallel) arithmetic on the long; the rest loop over lanes.
 */
public final class SseInt {
  private SseInt() {}

  static void register(OpcodeTable t) {
    pd(t, 0xDB, SseInt::pand);
    pd(t, 0xDF, SseInt::pandn);
    pd(t, 0xEB, SseInt::por);
    pd(t, 0xEF, SseInt::pxor);
    for (int p = P_NONE; p <= P_66; p++) {
      t.op(MAP_0F, 0x54).pfx(p).def(MODRM, SseInt::pand); // ANDPS, ANDPD
      t.op(MAP_0F, 0x55).pfx(p).def(MODRM, SseInt::pandn); // ANDNPS, ANDNPD
      t.op(MAP_0F, 0x56).pfx(p).def(MODRM, SseInt::por); // ORPS, ORPD
      t.op(MAP_0F, 0x57).pfx(p).def(MODRM, SseInt::pxor); // XORPS, XORPD
    }
    pd(t, 0xFC, SseInt::paddb);
    pd(t, 0xFD, SseInt::paddw);
    pd(t, 0xFE, SseInt::paddd);
    pd(t, 0xD4, SseInt::paddq);
    pd(t, 0xF8, SseInt::psubb);
    pd(t, 0xF9, SseInt::psubw);
    pd(t, 0xFA, SseInt::psubd);
    pd(t, 0xFB, SseInt::psubq);
    pd(t, 0xEC, SseInt::paddsb);
    pd(t, 0xED, SseInt::paddsw);
    pd(t, 0xDC, SseInt::paddusb);
    pd(t, 0xDD, SseInt::paddusw);
    pd(t, 0xE8, SseInt::psubsb);
    pd(t, 0xE9, SseInt::psubsw);
    pd(t, 0xD8, SseInt::psubusb);
    pd(t, 0xD9, SseInt::psubusw);
    pd(t, 0x74, SseInt::pcmpeqb);
    pd(t, 0x75, SseInt::pcmpeqw);
    pd(t, 0x76, SseInt::pcmpeqd);
    pd(t, 0x64, SseInt::pcmpgtb);
    pd(t, 0x65, SseInt::pcmpgtw);
    pd(t, 0x66, SseInt::pcmpgtd);
    pd(t, 0xDA, SseInt::pminub);
    pd(t, 0xDE, SseInt::pmaxub);
    pd(t, 0xEA, SseInt::pminsw);
    pd(t, 0xEE, SseInt::pmaxsw);
    pd(t, 0xD5, SseInt::pmullw);
    pd(t, 0xE5, SseInt::pmulhw);
    pd(t, 0xE4, SseInt::pmulhuw);
    pd(t, 0xF4, SseInt::pmuludq);
    pd(t, 0xF5, SseInt::pmaddwd);
    pd(t, 0xE0, SseInt::pavgb);
    pd(t, 0xE3, SseInt::pavgw);
    pd(t, 0xF6, SseInt::psadbw);
  }

  private static void pd(OpcodeTable t, int op, Exec e) {
    t.op(MAP_0F, op).pfx(P_66).def(MODRM, e);
  }

  /** Sign bit of every byte, word, doubleword lane. */
  static final long HB = 0x8080808080808080L, HW = 0x8000800080008000L, HD = 0x8000000080000000L;

  // ---------------------------------------------------------------- logic

  public static void pand(Cpu c, Insn i) {
    long lo = XmmOperands.lo(c, i), hi = XmmOperands.hi(c, i);
    long[] x = c.xmm;
    int d = i.reg << 1;
    x[d] &= lo;
    x[d + 1] &= hi;
  }

  /** PANDN: dest = ~dest &amp; src. */
  public static void pandn(Cpu c, Insn i) {
    long lo = XmmOperands.lo(c, i), hi = XmmOperands.hi(c, i);
    long[] x = c.xmm;
    int d = i.reg << 1;
    x[d] = ~x[d] & lo;
    x[d + 1] = ~x[d + 1] & hi;
  }

  public static void por(Cpu c, Insn i) {
    long lo = XmmOperands.lo(c, i), hi = XmmOperands.hi(c, i);
    long[] x = c.xmm;
    int d = i.reg << 1;
    x[d] |= lo;
    x[d + 1] |= hi;
  }

  public static void pxor(Cpu c, Insn i) {
    long lo = XmmOperands.lo(c, i), hi = XmmOperands.hi(c, i);
    long[] x = c.xmm;
    int d = i.reg << 1;
    x[d] ^= lo;
    x[d + 1] ^= hi;
  }

  // ---------------------------------------------------------------- wrapping add/sub

  /** Lane-wise a + b for lanes whose sign bits are h: add below the sign bits, then fix them. */
  static long add(long a, long b, long h) {
    return ((a & ~h) + (b & ~h)) ^ ((a ^ b) & h);
  }

  /** Lane-wise a - b: borrow-free below the sign bits, then fix them. */
  static long sub(long a, long b, long h) {
    return ((a | h) - (b & ~h)) ^ ((a ^ ~b) & h);
  }

  public static void paddb(Cpu c, Insn i) {
    long lo = XmmOperands.lo(c, i), hi = XmmOperands.hi(c, i);
    long[] x = c.xmm;
    int d = i.reg << 1;
    x[d] = add(x[d], lo, HB);
    x[d + 1] = add(x[d + 1], hi, HB);
  }

  public static void paddw(Cpu c, Insn i) {
    long lo = XmmOperands.lo(c, i), hi = XmmOperands.hi(c, i);
    long[] x = c.xmm;
    int d = i.reg << 1;
    x[d] = add(x[d], lo, HW);
    x[d + 1] = add(x[d + 1], hi, HW);
  }

  public static void paddd(Cpu c, Insn i) {
    long lo = XmmOperands.lo(c, i), hi = XmmOperands.hi(c, i);
    long[] x = c.xmm;
    int d = i.reg << 1;
    x[d] = add(x[d], lo, HD);
    x[d + 1] = add(x[d + 1], hi, HD);
  }

  public static void paddq(Cpu c, Insn i) {
    long lo = XmmOperands.lo(c, i), hi = XmmOperands.hi(c, i);
    long[] x = c.xmm;
    int d = i.reg << 1;
    x[d] += lo;
    x[d + 1] += hi;
  }

  public static void psubb(Cpu c, Insn i) {
    long lo = XmmOperands.lo(c, i), hi = XmmOperands.hi(c, i);
    long[] x = c.xmm;
    int d = i.reg << 1;
    x[d] = sub(x[d], lo, HB);
    x[d + 1] = sub(x[d + 1], hi, HB);
  }

  public static void psubw(Cpu c, Insn i) {
    long lo = XmmOperands.lo(c, i), hi = XmmOperands.hi(c, i);
    long[] x = c.xmm;
    int d = i.reg << 1;
    x[d] = sub(x[d], lo, HW);
    x[d + 1] = sub(x[d + 1], hi, HW);
  }

  public static void psubd(Cpu c, Insn i) {
    long lo = XmmOperands.lo(c, i), hi = XmmOperands.hi(c, i);
    long[] x = c.xmm;
    int d = i.reg << 1;
    x[d] = sub(x[d], lo, HD);
    x[d + 1] = sub(x[d + 1], hi, HD);
  }

  public static void psubq(Cpu c, Insn i) {
    long lo = XmmOperands.lo(c, i), hi = XmmOperands.hi(c, i);
    long[] x = c.xmm;
    int d = i.reg << 1;
    x[d] -= lo;
    x[d + 1] -= hi;
  }

  // ---------------------------------------------------------------- saturating add/sub

  /** Kinds for {@link #sat8} and {@link #sat16}. */
  static final int ADDS = 0, ADDUS = 1, SUBS = 2, SUBUS = 3;

  static long sat8(long a, long b, int kind) {
    long r = 0;
    for (int s = 0; s < 64; s += 8) {
      int v;
      switch (kind) {
        case ADDS: v = Math.clamp((byte) (a >>> s) + (byte) (b >>> s), -128, 127); break;
        case ADDUS: v = Math.min((int) (a >>> s & 0xff) + (int) (b >>> s & 0xff), 255); break;
        case SUBS: v = Math.clamp((byte) (a >>> s) - (byte) (b >>> s), -128, 127); break;
        default: v = Math.max((int) (a >>> s & 0xff) - (int) (b >>> s & 0xff), 0); break;
      }
      r |= (long) (v & 0xff) << s;
    }
    return r;
  }

  static long sat16(long a, long b, int kind) {
    long r = 0;
    for (int s = 0; s < 64; s += 16) {
      int v;
      switch (kind) {
        case ADDS: v = Math.clamp((short) (a >>> s) + (short) (b >>> s), -32768, 32767); break;
        case ADDUS: v = Math.min((int) (a >>> s & 0xffff) + (int) (b >>> s & 0xffff), 65535); break;
        case SUBS: v = Math.clamp((short) (a >>> s) - (short) (b >>> s), -32768, 32767); break;
        default: v = Math.max((int) (a >>> s & 0xffff) - (int) (b >>> s & 0xffff), 0); break;
      }
      r |= (long) (v & 0xffff) << s;
    }
    return r;
  }

  private static void sat8(Cpu c, Insn i, int kind) {
    long lo = XmmOperands.lo(c, i), hi = XmmOperands.hi(c, i);
    long[] x = c.xmm;
    int d = i.reg << 1;
    x[d] = sat8(x[d], lo, kind);
    x[d + 1] = sat8(x[d + 1], hi, kind);
  }

  private static void sat16(Cpu c, Insn i, int kind) {
    long lo = XmmOperands.lo(c, i), hi = XmmOperands.hi(c, i);
    long[] x = c.xmm;
    int d = i.reg << 1;
    x[d] = sat16(x[d], lo, kind);
    x[d + 1] = sat16(x[d + 1], hi, kind);
  }

  public static void paddsb(Cpu c, Insn i) { sat8(c, i, ADDS); }
  public static void paddusb(Cpu c, Insn i) { sat8(c, i, ADDUS); }
  public static void psubsb(Cpu c, Insn i) { sat8(c, i, SUBS); }
  public static void psubusb(Cpu c, Insn i) { sat8(c, i, SUBUS); }
  public static void paddsw(Cpu c, Insn i) { sat16(c, i, ADDS); }
  public static void paddusw(Cpu c, Insn i) { sat16(c, i, ADDUS); }
  public static void psubsw(Cpu c, Insn i) { sat16(c, i, SUBS); }
  public static void psubusw(Cpu c, Insn i) { sat16(c, i, SUBUS); }

  // ---------------------------------------------------------------- compares

  /** All-ones in each lane where a and b are equal (lanes with sign bits h, width w). */
  static long eq(long a, long b, long h, int w) {
    long v = a ^ b;
    long nonzero = ((v & ~h) + ~h | v) & h; // lane sign bit set iff the lane of v is non-zero
    long zero = ~nonzero & h;
    return (zero >>> (w - 1)) * ((1L << w) - 1);
  }

  public static void pcmpeqb(Cpu c, Insn i) {
    long lo = XmmOperands.lo(c, i), hi = XmmOperands.hi(c, i);
    long[] x = c.xmm;
    int d = i.reg << 1;
    x[d] = eq(x[d], lo, HB, 8);
    x[d + 1] = eq(x[d + 1], hi, HB, 8);
  }

  public static void pcmpeqw(Cpu c, Insn i) {
    long lo = XmmOperands.lo(c, i), hi = XmmOperands.hi(c, i);
    long[] x = c.xmm;
    int d = i.reg << 1;
    x[d] = eq(x[d], lo, HW, 16);
    x[d + 1] = eq(x[d + 1], hi, HW, 16);
  }

  public static void pcmpeqd(Cpu c, Insn i) {
    long lo = XmmOperands.lo(c, i), hi = XmmOperands.hi(c, i);
    long[] x = c.xmm;
    int d = i.reg << 1;
    x[d] = eq(x[d], lo, HD, 32);
    x[d + 1] = eq(x[d + 1], hi, HD, 32);
  }

  static long gt8(long a, long b) {
    long r = 0;
    for (int s = 0; s < 64; s += 8) if ((byte) (a >>> s) > (byte) (b >>> s)) r |= 0xffL << s;
    return r;
  }

  static long gt16(long a, long b) {
    long r = 0;
    for (int s = 0; s < 64; s += 16) if ((short) (a >>> s) > (short) (b >>> s)) r |= 0xffffL << s;
    return r;
  }

  static long gt32(long a, long b) {
    long r = 0;
    if ((int) a > (int) b) r = 0xffffffffL;
    if ((int) (a >>> 32) > (int) (b >>> 32)) r |= 0xffffffff00000000L;
    return r;
  }

  public static void pcmpgtb(Cpu c, Insn i) {
    long lo = XmmOperands.lo(c, i), hi = XmmOperands.hi(c, i);
    long[] x = c.xmm;
    int d = i.reg << 1;
    x[d] = gt8(x[d], lo);
    x[d + 1] = gt8(x[d + 1], hi);
  }

  public static void pcmpgtw(Cpu c, Insn i) {
    long lo = XmmOperands.lo(c, i), hi = XmmOperands.hi(c, i);
    long[] x = c.xmm;
    int d = i.reg << 1;
    x[d] = gt16(x[d], lo);
    x[d + 1] = gt16(x[d + 1], hi);
  }

  public static void pcmpgtd(Cpu c, Insn i) {
    long lo = XmmOperands.lo(c, i), hi = XmmOperands.hi(c, i);
    long[] x = c.xmm;
    int d = i.reg << 1;
    x[d] = gt32(x[d], lo);
    x[d + 1] = gt32(x[d + 1], hi);
  }

  // ---------------------------------------------------------------- min/max

  /** Lane-wise select: a where mask lanes are ones, else b. */
  static long select(long mask, long a, long b) {
    return a & mask | b & ~mask;
  }

  static long gtu8(long a, long b) {
    long r = 0;
    for (int s = 0; s < 64; s += 8) if ((a >>> s & 0xff) > (b >>> s & 0xff)) r |= 0xffL << s;
    return r;
  }

  public static void pminub(Cpu c, Insn i) {
    long lo = XmmOperands.lo(c, i), hi = XmmOperands.hi(c, i);
    long[] x = c.xmm;
    int d = i.reg << 1;
    x[d] = select(gtu8(x[d], lo), lo, x[d]);
    x[d + 1] = select(gtu8(x[d + 1], hi), hi, x[d + 1]);
  }

  public static void pmaxub(Cpu c, Insn i) {
    long lo = XmmOperands.lo(c, i), hi = XmmOperands.hi(c, i);
    long[] x = c.xmm;
    int d = i.reg << 1;
    x[d] = select(gtu8(x[d], lo), x[d], lo);
    x[d + 1] = select(gtu8(x[d + 1], hi), x[d + 1], hi);
  }

  public static void pminsw(Cpu c, Insn i) {
    long lo = XmmOperands.lo(c, i), hi = XmmOperands.hi(c, i);
    long[] x = c.xmm;
    int d = i.reg << 1;
    x[d] = select(gt16(x[d], lo), lo, x[d]);
    x[d + 1] = select(gt16(x[d + 1], hi), hi, x[d + 1]);
  }

  public static void pmaxsw(Cpu c, Insn i) {
    long lo = XmmOperands.lo(c, i), hi = XmmOperands.hi(c, i);
    long[] x = c.xmm;
    int d = i.reg << 1;
    x[d] = select(gt16(x[d], lo), x[d], lo);
    x[d + 1] = select(gt16(x[d + 1], hi), x[d + 1], hi);
  }

  // ---------------------------------------------------------------- multiply

  /** Kinds for {@link #mul16}: low half, signed high half, unsigned high half. */
  static final int MULL = 0, MULH = 1, MULHU = 2;

  static long mul16(long a, long b, int kind) {
    long r = 0;
    for (int s = 0; s < 64; s += 16) {
      int p;
      switch (kind) {
        case MULL: p = (short) (a >>> s) * (short) (b >>> s); break;
        case MULH: p = (short) (a >>> s) * (short) (b >>> s) >> 16; break;
        default: p = (int) (a >>> s & 0xffff) * (int) (b >>> s & 0xffff) >>> 16; break;
      }
      r |= (long) (p & 0xffff) << s;
    }
    return r;
  }

  private static void mul16(Cpu c, Insn i, int kind) {
    long lo = XmmOperands.lo(c, i), hi = XmmOperands.hi(c, i);
    long[] x = c.xmm;
    int d = i.reg << 1;
    x[d] = mul16(x[d], lo, kind);
    x[d + 1] = mul16(x[d + 1], hi, kind);
  }

  public static void pmullw(Cpu c, Insn i) { mul16(c, i, MULL); }
  public static void pmulhw(Cpu c, Insn i) { mul16(c, i, MULH); }
  public static void pmulhuw(Cpu c, Insn i) { mul16(c, i, MULHU); }

  /** PMULUDQ: the unsigned product of the low doubleword of each quadword. */
  public static void pmuludq(Cpu c, Insn i) {
    long lo = XmmOperands.lo(c, i), hi = XmmOperands.hi(c, i);
    long[] x = c.xmm;
    int d = i.reg << 1;
    x[d] = (x[d] & 0xffffffffL) * (lo & 0xffffffffL);
    x[d + 1] = (x[d + 1] & 0xffffffffL) * (hi & 0xffffffffL);
  }

  /** Two doublewords, each the sum of two signed word products. */
  static long maddwd(long a, long b) {
    int p0 = (short) a * (short) b + (short) (a >>> 16) * (short) (b >>> 16);
    int p1 = (short) (a >>> 32) * (short) (b >>> 32) + (short) (a >>> 48) * (short) (b >>> 48);
    return p0 & 0xffffffffL | (long) p1 << 32;
  }

  public static void pmaddwd(Cpu c, Insn i) {
    long lo = XmmOperands.lo(c, i), hi = XmmOperands.hi(c, i);
    long[] x = c.xmm;
    int d = i.reg << 1;
    x[d] = maddwd(x[d], lo);
    x[d + 1] = maddwd(x[d + 1], hi);
  }

  // ---------------------------------------------------------------- averages, SAD

  /** Unsigned rounding-up average (a + b + 1) >> 1 per lane: (a | b) - ((a ^ b) >> 1). */
  static long avg(long a, long b, long low7) {
    return (a | b) - ((a ^ b) >>> 1 & low7);
  }

  public static void pavgb(Cpu c, Insn i) {
    long lo = XmmOperands.lo(c, i), hi = XmmOperands.hi(c, i);
    long[] x = c.xmm;
    int d = i.reg << 1;
    x[d] = avg(x[d], lo, ~HB);
    x[d + 1] = avg(x[d + 1], hi, ~HB);
  }

  public static void pavgw(Cpu c, Insn i) {
    long lo = XmmOperands.lo(c, i), hi = XmmOperands.hi(c, i);
    long[] x = c.xmm;
    int d = i.reg << 1;
    x[d] = avg(x[d], lo, ~HW);
    x[d + 1] = avg(x[d + 1], hi, ~HW);
  }

  /** Sum of absolute differences of eight unsigned bytes, in the low word. */
  static long sad(long a, long b) {
    int sum = 0;
    for (int s = 0; s < 64; s += 8) sum += Math.abs((int) (a >>> s & 0xff) - (int) (b >>> s & 0xff));
    return sum;
  }

  public static void psadbw(Cpu c, Insn i) {
    long lo = XmmOperands.lo(c, i), hi = XmmOperands.hi(c, i);
    long[] x = c.xmm;
    int d = i.reg << 1;
    x[d] = sad(x[d], lo);
    x[d + 1] = sad(x[d + 1], hi);
  }
}
