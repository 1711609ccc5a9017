package blink.x86.ops;

import static blink.x86.OpcodeTable.I_UB;
import static blink.x86.OpcodeTable.MAP_0F38;
import static blink.x86.OpcodeTable.MAP_0F3A;
import static blink.x86.OpcodeTable.MODRM;
import static blink.x86.OpcodeTable.P_66;
import static blink.x86.OpcodeTable.P_NONE;

import blink.x86.Cpu;
import blink.x86.Insn;
import blink.x86.OpcodeTable;

/**
 * SSSE3 (Intel SDM Vol. 1 §12.7): 0F 38 00–0B, 1C–1E and 0F 3A 0F, each with a
 * 66-prefixed XMM form and an unprefixed MMX form. Lane-wise instructions apply
 * one quadword function to each half ({@link MmxOperands#halves}) or to the MM
 * register ({@link MmxOperands#binary}); the horizontal ones reduce each source
 * quadword to a doubleword:
 *
 * <pre>
 *   PHADDW xmm1, xmm2:  d[0]=x1[0]+x1[1] … d[3]=x1[6]+x1[7], d[4]=x2[0]+x2[1] … d[7]=x2[6]+x2[7]
 *   PHADDW mm1, mm2:    d[0]=m1[0]+m1[1], d[1]=m1[2]+m1[3], d[2]=m2[0]+m2[1], d[3]=m2[2]+m2[3]
 * </pre>
 */
public final class Ssse3 {
  private Ssse3() {}

  static void register(OpcodeTable t) {
    both(t, 0x04, Ssse3::maddubsw); // PMADDUBSW
    both(t, 0x0B, Ssse3::mulhrsw); // PMULHRSW
    both(t, 0x08, (a, b) -> sign(a, b, 8)); // PSIGNB
    both(t, 0x09, (a, b) -> sign(a, b, 16)); // PSIGNW
    both(t, 0x0A, (a, b) -> sign(a, b, 32)); // PSIGND
    both(t, 0x1C, (a, b) -> abs(b, 8)); // PABSB
    both(t, 0x1D, (a, b) -> abs(b, 16)); // PABSW
    both(t, 0x1E, (a, b) -> abs(b, 32)); // PABSD
    horizontal(t, 0x01, HADDW);
    horizontal(t, 0x02, HADDD);
    horizontal(t, 0x03, HADDSW);
    horizontal(t, 0x05, HSUBW);
    horizontal(t, 0x06, HSUBD);
    horizontal(t, 0x07, HSUBSW);
    t.op(MAP_0F38, 0x00).pfx(P_66).def(MODRM, Ssse3::pshufbXmm);
    t.op(MAP_0F38, 0x00).pfx(P_NONE).def(MODRM, Ssse3::pshufbMmx);
    t.op(MAP_0F3A, 0x0F).pfx(P_66).def(MODRM | I_UB, Ssse3::palignrXmm);
    t.op(MAP_0F3A, 0x0F).pfx(P_NONE).def(MODRM | I_UB, Ssse3::palignrMmx);
  }

  private static void both(OpcodeTable t, int op, MmxOperands.Op f) {
    t.op(MAP_0F38, op).pfx(P_66).def(MODRM, MmxOperands.halves(f));
    t.op(MAP_0F38, op).pfx(P_NONE).def(MODRM, MmxOperands.binary(f));
  }

  private static void horizontal(OpcodeTable t, int op, int kind) {
    t.op(MAP_0F38, op).pfx(P_66).def(MODRM, (c, i) -> {
      long lo = XmmOperands.lo(c, i), hi = XmmOperands.hi(c, i);
      long[] x = c.xmm;
      int d = i.reg << 1;
      x[d] = pairs(x[d], kind) | pairs(x[d + 1], kind) << 32;
      x[d + 1] = pairs(lo, kind) | pairs(hi, kind) << 32;
    });
    t.op(MAP_0F38, op).pfx(P_NONE).def(MODRM, MmxOperands.binary((a, b) -> pairs(a, kind) | pairs(b, kind) << 32));
  }

  // ---------------------------------------------------------------- lanes

  /** The signed w-bit lane of v at bit s. */
  private static long lane(long v, int s, int w) {
    return v << (64 - w - s) >> (64 - w);
  }

  /** PSIGN: each lane of a negated, zeroed or kept as the lane of b is negative, zero, positive. */
  static long sign(long a, long b, int w) {
    long m = (1L << w) - 1, r = 0;
    for (int s = 0; s < 64; s += w) {
      long x = lane(b, s, w), v = a >>> s & m;
      r |= ((x < 0 ? -v : x == 0 ? 0 : v) & m) << s;
    }
    return r;
  }

  /** PABS: the unsigned absolute value of each signed lane (0x80 stays 0x80). */
  static long abs(long b, int w) {
    long m = (1L << w) - 1, r = 0;
    for (int s = 0; s < 64; s += w) r |= (Math.abs(lane(b, s, w)) & m) << s;
    return r;
  }

  /** PMADDUBSW: unsigned bytes of a times signed bytes of b, adjacent products summed to saturated words. */
  static long maddubsw(long a, long b) {
    long r = 0;
    for (int s = 0; s < 64; s += 16) {
      int p = (int) (a >>> s & 0xff) * (byte) (b >>> s) + (int) (a >>> (s + 8) & 0xff) * (byte) (b >>> (s + 8));
      r |= (long) (Math.clamp(p, -32768, 32767) & 0xffff) << s;
    }
    return r;
  }

  /** PMULHRSW: each signed word product, scaled by 2^-15 with rounding: ((a * b &gt;&gt; 14) + 1) &gt;&gt; 1. */
  static long mulhrsw(long a, long b) {
    long r = 0;
    for (int s = 0; s < 64; s += 16) {
      int p = (short) (a >>> s) * (short) (b >>> s);
      r |= (long) (((p >> 14) + 1 >> 1) & 0xffff) << s;
    }
    return r;
  }

  /** Kinds of {@link #pairs}. */
  private static final int HADDW = 0, HADDD = 1, HADDSW = 2, HSUBW = 3, HSUBD = 4, HSUBSW = 5;

  /** The adjacent lane pairs of q combined (even op odd) into two words or one doubleword, in bits 31..0. */
  static long pairs(long q, int kind) {
    switch (kind) {
      case HADDD: return (int) q + (int) (q >>> 32) & 0xffffffffL;
      case HSUBD: return (int) q - (int) (q >>> 32) & 0xffffffffL;
      default: {
        int lo = word(q, kind), hi = word(q >>> 32, kind);
        return (lo & 0xffff) | (long) (hi & 0xffff) << 16;
      }
    }
  }

  private static int word(long v, int kind) {
    int a = (short) v, b = (short) (v >>> 16);
    switch (kind) {
      case HADDW: return a + b;
      case HSUBW: return a - b;
      case HADDSW: return Math.clamp(a + b, -32768, 32767);
      default: return Math.clamp(a - b, -32768, 32767);
    }
  }

  // ---------------------------------------------------------------- byte permutes

  /**
   * PSHUFB: byte k of the result is 0 when control byte k has its sign bit set, else
   * the byte of the table (lo, hi) indexed by its low bits (masked by idx: 15 or 7).
   */
  static long shufb(long lo, long hi, long ctl, int idx) {
    long r = 0;
    for (int k = 0; k < 64; k += 8) {
      int b = (int) (ctl >>> k);
      if ((b & 0x80) != 0) continue;
      int n = b & idx;
      r |= ((n < 8 ? lo : hi) >>> ((n & 7) << 3) & 0xff) << k;
    }
    return r;
  }

  public static void pshufbXmm(Cpu c, Insn i) {
    long lo = XmmOperands.lo(c, i), hi = XmmOperands.hi(c, i);
    long[] x = c.xmm;
    int d = i.reg << 1;
    long a = x[d], b = x[d + 1];
    x[d] = shufb(a, b, lo, 15);
    x[d + 1] = shufb(a, b, hi, 15);
  }

  public static void pshufbMmx(Cpu c, Insn i) {
    long s = MmxOperands.q(c, i);
    MmxOperands.enter(c);
    long a = MmxOperands.get(c, i.reg);
    MmxOperands.set(c, i.reg, shufb(a, a, s, 7));
  }

  /**
   * The quadword at byte offset n of the little-endian byte string q0 q1 q2 q3
   * (bytes past the end read as zero).
   */
  static long bytesAt(long q0, long q1, long q2, long q3, int n) {
    long a = quad(q0, q1, q2, q3, n >>> 3), b = quad(q0, q1, q2, q3, (n >>> 3) + 1);
    int s = (n & 7) << 3;
    return s == 0 ? a : a >>> s | b << (64 - s);
  }

  private static long quad(long q0, long q1, long q2, long q3, int k) {
    switch (k) {
      case 0: return q0;
      case 1: return q1;
      case 2: return q2;
      case 3: return q3;
      default: return 0;
    }
  }

  /** PALIGNR xmm1, xmm2/m128, imm8: (xmm1:xmm2) shifted right by imm8 bytes, low 128 bits. */
  public static void palignrXmm(Cpu c, Insn i) {
    long lo = XmmOperands.lo(c, i), hi = XmmOperands.hi(c, i);
    long[] x = c.xmm;
    int d = i.reg << 1, n = (int) i.imm & 0xff;
    long a = x[d], b = x[d + 1];
    x[d] = bytesAt(lo, hi, a, b, n);
    x[d + 1] = bytesAt(lo, hi, a, b, n + 8);
  }

  /** PALIGNR mm1, mm2/m64, imm8: (mm1:mm2) shifted right by imm8 bytes, low 64 bits. */
  public static void palignrMmx(Cpu c, Insn i) {
    long s = MmxOperands.q(c, i);
    MmxOperands.enter(c);
    MmxOperands.set(c, i.reg, bytesAt(s, MmxOperands.get(c, i.reg), 0, 0, (int) i.imm & 0xff));
  }
}
