package blink.x86.ops;

import static blink.x86.OpcodeTable.I_UB;
import static blink.x86.OpcodeTable.MAP_0F;
import static blink.x86.OpcodeTable.MODRM;
import static blink.x86.OpcodeTable.P_66;

import blink.x86.Cpu;
import blink.x86.Exec;
import blink.x86.Insn;
import blink.x86.OpcodeTable;

/**
 * SSE2 shifts: PSLL/PSRL/PSRA on words, doublewords and quadwords, by an imm8
 * (66 0F 71/72/73 groups, register forms only) or by the unsigned 64-bit count in
 * the low quadword of an xmm/m128 operand; PSLLDQ/PSRLDQ shift the whole register
 * by bytes. A count wider than the lane clears it (logical) or fills it with the
 * sign (arithmetic).
 */
public final class SseShift {
  private SseShift() {}

  static final int W = 16, D = 32, Q = 64;

  static void register(OpcodeTable t) {
    group(t, 0x71, 2, SseShift::psrlwImm);
    group(t, 0x71, 4, SseShift::psrawImm);
    group(t, 0x71, 6, SseShift::psllwImm);
    group(t, 0x72, 2, SseShift::psrldImm);
    group(t, 0x72, 4, SseShift::psradImm);
    group(t, 0x72, 6, SseShift::pslldImm);
    group(t, 0x73, 2, SseShift::psrlqImm);
    group(t, 0x73, 3, SseShift::psrldq);
    group(t, 0x73, 6, SseShift::psllqImm);
    group(t, 0x73, 7, SseShift::pslldq);
    pd(t, 0xD1, SseShift::psrlw);
    pd(t, 0xD2, SseShift::psrld);
    pd(t, 0xD3, SseShift::psrlq);
    pd(t, 0xE1, SseShift::psraw);
    pd(t, 0xE2, SseShift::psrad);
    pd(t, 0xF1, SseShift::psllw);
    pd(t, 0xF2, SseShift::pslld);
    pd(t, 0xF3, SseShift::psllq);
  }

  private static void group(OpcodeTable t, int op, int reg, Exec e) {
    t.op(MAP_0F, op).pfx(P_66).reg(reg).mod3().def(MODRM | I_UB, e);
  }

  private static void pd(OpcodeTable t, int op, Exec e) {
    t.op(MAP_0F, op).pfx(P_66).def(MODRM, e);
  }

  /** A lane mask repeated over the quadword: w-bit lanes, each holding m. */
  private static long repeat(long m, int w) {
    return w == W ? m * 0x0001000100010001L : w == D ? m * 0x0000000100000001L : m;
  }

  /** Logical left shift of every w-bit lane by n (n &lt; w). */
  static long shl(long v, int n, int w) {
    if (w == Q) return v << n;
    long lane = (1L << w) - 1;
    return (v << n) & repeat(lane << n & lane, w);
  }

  /** Logical right shift of every w-bit lane by n (n &lt; w). */
  static long shr(long v, int n, int w) {
    if (w == Q) return v >>> n;
    long lane = (1L << w) - 1;
    return (v >>> n) & repeat(lane >>> n, w);
  }

  /** Arithmetic right shift of every w-bit lane (w = 16 or 32) by n (n &lt; w). */
  static long sar(long v, int n, int w) {
    long lane = (1L << w) - 1;
    long signs = (v & repeat(1L << (w - 1), w)) >>> (w - 1); // 1 in the low bit of each negative lane
    return shr(v, n, w) | signs * (lane << (w - n) & lane);
  }

  /** Clamps a 64-bit unsigned count to the lane width (w means "all bits out"). */
  private static int count(long n, int w) {
    return Long.compareUnsigned(n, w) >= 0 ? w : (int) n;
  }

  /** Every w-bit lane of v shifted left by the unsigned count n (all bits out when n &gt;= w). */
  static long sllBy(long v, long n, int w) {
    int k = count(n, w);
    return k == w ? 0 : shl(v, k, w);
  }

  /** Every w-bit lane of v shifted right logically by the unsigned count n. */
  static long srlBy(long v, long n, int w) {
    int k = count(n, w);
    return k == w ? 0 : shr(v, k, w);
  }

  /** Every w-bit lane of v shifted right arithmetically by the unsigned count n (sign fill past w - 1). */
  static long sraBy(long v, long n, int w) {
    return sar(v, Math.min(count(n, w), w - 1), w);
  }

  private static void shiftLeft(Cpu c, int reg, long n, int w) {
    long[] x = c.xmm;
    int d = reg << 1;
    x[d] = sllBy(x[d], n, w);
    x[d + 1] = sllBy(x[d + 1], n, w);
  }

  private static void shiftRight(Cpu c, int reg, long n, int w) {
    long[] x = c.xmm;
    int d = reg << 1;
    x[d] = srlBy(x[d], n, w);
    x[d + 1] = srlBy(x[d + 1], n, w);
  }

  private static void shiftArith(Cpu c, int reg, long n, int w) {
    long[] x = c.xmm;
    int d = reg << 1;
    x[d] = sraBy(x[d], n, w);
    x[d + 1] = sraBy(x[d + 1], n, w);
  }

  // ---------------------------------------------------------------- by imm8 (destination is r/m)

  public static void psrlwImm(Cpu c, Insn i) { shiftRight(c, i.rm, i.imm, W); }
  public static void psrldImm(Cpu c, Insn i) { shiftRight(c, i.rm, i.imm, D); }
  public static void psrlqImm(Cpu c, Insn i) { shiftRight(c, i.rm, i.imm, Q); }
  public static void psllwImm(Cpu c, Insn i) { shiftLeft(c, i.rm, i.imm, W); }
  public static void pslldImm(Cpu c, Insn i) { shiftLeft(c, i.rm, i.imm, D); }
  public static void psllqImm(Cpu c, Insn i) { shiftLeft(c, i.rm, i.imm, Q); }
  public static void psrawImm(Cpu c, Insn i) { shiftArith(c, i.rm, i.imm, W); }
  public static void psradImm(Cpu c, Insn i) { shiftArith(c, i.rm, i.imm, D); }

  // ---------------------------------------------------------------- by xmm/m128 count

  public static void psrlw(Cpu c, Insn i) { shiftRight(c, i.reg, XmmOperands.lo(c, i), W); }
  public static void psrld(Cpu c, Insn i) { shiftRight(c, i.reg, XmmOperands.lo(c, i), D); }
  public static void psrlq(Cpu c, Insn i) { shiftRight(c, i.reg, XmmOperands.lo(c, i), Q); }
  public static void psllw(Cpu c, Insn i) { shiftLeft(c, i.reg, XmmOperands.lo(c, i), W); }
  public static void pslld(Cpu c, Insn i) { shiftLeft(c, i.reg, XmmOperands.lo(c, i), D); }
  public static void psllq(Cpu c, Insn i) { shiftLeft(c, i.reg, XmmOperands.lo(c, i), Q); }
  public static void psraw(Cpu c, Insn i) { shiftArith(c, i.reg, XmmOperands.lo(c, i), W); }
  public static void psrad(Cpu c, Insn i) { shiftArith(c, i.reg, XmmOperands.lo(c, i), D); }

  // ---------------------------------------------------------------- whole register, by bytes

  /** PSLLDQ xmm, imm8: shifts the 128-bit value left by imm8 bytes (more than 15 clears it). */
  public static void pslldq(Cpu c, Insn i) {
    long[] x = c.xmm;
    int d = i.rm << 1;
    int n = (int) Math.min(i.imm, 16) << 3;
    long lo = x[d], hi = x[d + 1];
    if (n >= 64) {
      x[d + 1] = n == 128 ? 0 : lo << (n - 64);
      x[d] = 0;
    } else if (n > 0) {
      x[d + 1] = hi << n | lo >>> (64 - n);
      x[d] = lo << n;
    }
  }

  /** PSRLDQ xmm, imm8: shifts the 128-bit value right by imm8 bytes. */
  public static void psrldq(Cpu c, Insn i) {
    long[] x = c.xmm;
    int d = i.rm << 1;
    int n = (int) Math.min(i.imm, 16) << 3;
    long lo = x[d], hi = x[d + 1];
    if (n >= 64) {
      x[d] = n == 128 ? 0 : hi >>> (n - 64);
      x[d + 1] = 0;
    } else if (n > 0) {
      x[d] = lo >>> n | hi << (64 - n);
      x[d + 1] = hi >>> n;
    }
  }
}
