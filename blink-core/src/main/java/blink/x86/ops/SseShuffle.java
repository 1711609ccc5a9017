package blink.x86.ops;

import static blink.x86.OpcodeTable.I_UB;
import static blink.x86.OpcodeTable.MAP_0F;
import static blink.x86.OpcodeTable.MODRM;
import static blink.x86.OpcodeTable.P_66;
import static blink.x86.OpcodeTable.P_F2;
import static blink.x86.OpcodeTable.P_F3;
import static blink.x86.OpcodeTable.P_NONE;

import blink.x86.Cpu;
import blink.x86.Exec;
import blink.x86.Insn;
import blink.x86.OpcodeTable;

/**
 * SSE/SSE2 shuffles, interleaves (unpack) and narrowing packs. Lane numbers
 * below count from the least significant end of the 128-bit register; "d" is
 * the destination (first) operand, "s" the xmm/m128 source.
 *
 * <pre>
 *  PUNPCKLBW  d7..d0, s7..s0  ->  s7 d7 s6 d6 ... s1 d1 s0 d0   (bytes, high to low)
 *  PACKSSWB   d = 8 words, s = 8 words -> sat(s7)..sat(s0) sat(d7)..sat(d0)
 *  SHUFPS imm d3..d0, s3..s0 -> s[imm7:6] s[imm5:4] d[imm3:2] d[imm1:0]
 * </pre>
 */
public final class SseShuffle {
  private SseShuffle() {}

  static void register(OpcodeTable t) {
    t.op(MAP_0F, 0x70).pfx(P_66).def(MODRM | I_UB, SseShuffle::pshufd);
    t.op(MAP_0F, 0x70).pfx(P_F3).def(MODRM | I_UB, SseShuffle::pshufhw);
    t.op(MAP_0F, 0x70).pfx(P_F2).def(MODRM | I_UB, SseShuffle::pshuflw);
    pd(t, 0x60, SseShuffle::punpcklbw);
    pd(t, 0x61, SseShuffle::punpcklwd);
    pd(t, 0x62, SseShuffle::punpckldq);
    pd(t, 0x6C, SseShuffle::punpcklqdq);
    pd(t, 0x68, SseShuffle::punpckhbw);
    pd(t, 0x69, SseShuffle::punpckhwd);
    pd(t, 0x6A, SseShuffle::punpckhdq);
    pd(t, 0x6D, SseShuffle::punpckhqdq);
    pd(t, 0x63, SseShuffle::packsswb);
    pd(t, 0x67, SseShuffle::packuswb);
    pd(t, 0x6B, SseShuffle::packssdw);
    t.op(MAP_0F, 0x14).pfx(P_NONE).def(MODRM, SseShuffle::punpckldq); // UNPCKLPS
    t.op(MAP_0F, 0x14).pfx(P_66).def(MODRM, SseShuffle::punpcklqdq); // UNPCKLPD
    t.op(MAP_0F, 0x15).pfx(P_NONE).def(MODRM, SseShuffle::punpckhdq); // UNPCKHPS
    t.op(MAP_0F, 0x15).pfx(P_66).def(MODRM, SseShuffle::punpckhqdq); // UNPCKHPD
    t.op(MAP_0F, 0xC6).pfx(P_NONE).def(MODRM | I_UB, SseShuffle::shufps);
    t.op(MAP_0F, 0xC6).pfx(P_66).def(MODRM | I_UB, SseShuffle::shufpd);
  }

  private static void pd(OpcodeTable t, int op, Exec e) {
    t.op(MAP_0F, op).pfx(P_66).def(MODRM, e);
  }

  // ---------------------------------------------------------------- shuffles

  /** Doubleword n (0..3) of the 128-bit value lo:hi. */
  private static long dword(long lo, long hi, int n) {
    return ((n & 2) == 0 ? lo : hi) >>> ((n & 1) << 5) & 0xffffffffL;
  }

  /** Four words of v rearranged by the four 2-bit fields of imm. */
  static long shuffleWords(long v, int imm) {
    long r = 0;
    for (int k = 0; k < 4; k++) r |= (v >>> ((imm >>> (2 * k) & 3) << 4) & 0xffff) << (k << 4);
    return r;
  }

  public static void pshufd(Cpu c, Insn i) {
    long lo = XmmOperands.lo(c, i), hi = XmmOperands.hi(c, i);
    int m = (int) i.imm;
    XmmOperands.set(c, i.reg,
        dword(lo, hi, m & 3) | dword(lo, hi, m >>> 2 & 3) << 32,
        dword(lo, hi, m >>> 4 & 3) | dword(lo, hi, m >>> 6 & 3) << 32);
  }

  /** PSHUFHW: shuffles the high four words, copies the low quadword. */
  public static void pshufhw(Cpu c, Insn i) {
    long lo = XmmOperands.lo(c, i), hi = XmmOperands.hi(c, i);
    XmmOperands.set(c, i.reg, lo, shuffleWords(hi, (int) i.imm));
  }

  /** PSHUFLW: shuffles the low four words, copies the high quadword. */
  public static void pshuflw(Cpu c, Insn i) {
    long lo = XmmOperands.lo(c, i), hi = XmmOperands.hi(c, i);
    XmmOperands.set(c, i.reg, shuffleWords(lo, (int) i.imm), hi);
  }

  public static void shufps(Cpu c, Insn i) {
    long lo = XmmOperands.lo(c, i), hi = XmmOperands.hi(c, i);
    long[] x = c.xmm;
    int d = i.reg << 1;
    int m = (int) i.imm;
    long dlo = x[d], dhi = x[d + 1];
    x[d] = dword(dlo, dhi, m & 3) | dword(dlo, dhi, m >>> 2 & 3) << 32;
    x[d + 1] = dword(lo, hi, m >>> 4 & 3) | dword(lo, hi, m >>> 6 & 3) << 32;
  }

  public static void shufpd(Cpu c, Insn i) {
    long lo = XmmOperands.lo(c, i), hi = XmmOperands.hi(c, i);
    long[] x = c.xmm;
    int d = i.reg << 1;
    int m = (int) i.imm;
    long r0 = (m & 1) == 0 ? x[d] : x[d + 1];
    x[d] = r0;
    x[d + 1] = (m & 2) == 0 ? lo : hi;
  }

  // ---------------------------------------------------------------- unpack

  /** Spreads the four bytes of v (bits 31..0) to the even byte positions of a quadword. */
  static long spreadBytes(long v) {
    v &= 0xffffffffL;
    v = (v | v << 16) & 0x0000ffff0000ffffL;
    return (v | v << 8) & 0x00ff00ff00ff00ffL;
  }

  /** Spreads the two words of v (bits 31..0) to the even word positions of a quadword. */
  static long spreadWords(long v) {
    v &= 0xffffffffL;
    return (v | v << 16) & 0x0000ffff0000ffffL;
  }

  public static void punpcklbw(Cpu c, Insn i) {
    long lo = XmmOperands.lo(c, i);
    long[] x = c.xmm;
    int d = i.reg << 1;
    long a = x[d];
    x[d] = spreadBytes(a) | spreadBytes(lo) << 8;
    x[d + 1] = spreadBytes(a >>> 32) | spreadBytes(lo >>> 32) << 8;
  }

  public static void punpckhbw(Cpu c, Insn i) {
    long hi = XmmOperands.hiAligned(c, i);
    long[] x = c.xmm;
    int d = i.reg << 1;
    long a = x[d + 1];
    x[d] = spreadBytes(a) | spreadBytes(hi) << 8;
    x[d + 1] = spreadBytes(a >>> 32) | spreadBytes(hi >>> 32) << 8;
  }

  public static void punpcklwd(Cpu c, Insn i) {
    long lo = XmmOperands.lo(c, i);
    long[] x = c.xmm;
    int d = i.reg << 1;
    long a = x[d];
    x[d] = spreadWords(a) | spreadWords(lo) << 16;
    x[d + 1] = spreadWords(a >>> 32) | spreadWords(lo >>> 32) << 16;
  }

  public static void punpckhwd(Cpu c, Insn i) {
    long hi = XmmOperands.hiAligned(c, i);
    long[] x = c.xmm;
    int d = i.reg << 1;
    long a = x[d + 1];
    x[d] = spreadWords(a) | spreadWords(hi) << 16;
    x[d + 1] = spreadWords(a >>> 32) | spreadWords(hi >>> 32) << 16;
  }

  /** PUNPCKLDQ, UNPCKLPS: d0 s0 d1 s1. */
  public static void punpckldq(Cpu c, Insn i) {
    long lo = XmmOperands.lo(c, i);
    long[] x = c.xmm;
    int d = i.reg << 1;
    long a = x[d];
    x[d] = a & 0xffffffffL | lo << 32;
    x[d + 1] = a >>> 32 | lo & 0xffffffff00000000L;
  }

  /** PUNPCKHDQ, UNPCKHPS: d2 s2 d3 s3. */
  public static void punpckhdq(Cpu c, Insn i) {
    long hi = XmmOperands.hiAligned(c, i);
    long[] x = c.xmm;
    int d = i.reg << 1;
    long a = x[d + 1];
    x[d] = a & 0xffffffffL | hi << 32;
    x[d + 1] = a >>> 32 | hi & 0xffffffff00000000L;
  }

  /** PUNPCKLQDQ, UNPCKLPD: d0 s0 (quadwords). */
  public static void punpcklqdq(Cpu c, Insn i) {
    long lo = XmmOperands.lo(c, i);
    c.xmm[i.reg << 1 | 1] = lo;
  }

  /** PUNPCKHQDQ, UNPCKHPD: d1 s1 (quadwords). */
  public static void punpckhqdq(Cpu c, Insn i) {
    long hi = XmmOperands.hiAligned(c, i);
    long[] x = c.xmm;
    int d = i.reg << 1;
    x[d] = x[d + 1];
    x[d + 1] = hi;
  }

  // ---------------------------------------------------------------- pack

  /** Four signed words of v saturated to signed (or unsigned) bytes, in bits 31..0. */
  static long packWords(long v, boolean unsigned) {
    long r = 0;
    for (int k = 0; k < 4; k++) {
      int w = (short) (v >>> (k << 4));
      int b = unsigned ? Math.clamp(w, 0, 255) : Math.clamp(w, -128, 127);
      r |= (long) (b & 0xff) << (k << 3);
    }
    return r;
  }

  /** Two signed doublewords of v saturated to signed words, in bits 31..0. */
  static long packDwords(long v) {
    long w0 = Math.clamp((int) v, -32768, 32767) & 0xffff;
    long w1 = Math.clamp((int) (v >>> 32), -32768, 32767) & 0xffff;
    return w0 | w1 << 16;
  }

  public static void packsswb(Cpu c, Insn i) {
    long lo = XmmOperands.lo(c, i), hi = XmmOperands.hi(c, i);
    long[] x = c.xmm;
    int d = i.reg << 1;
    long a = x[d], b = x[d + 1];
    x[d] = packWords(a, false) | packWords(b, false) << 32;
    x[d + 1] = packWords(lo, false) | packWords(hi, false) << 32;
  }

  public static void packuswb(Cpu c, Insn i) {
    long lo = XmmOperands.lo(c, i), hi = XmmOperands.hi(c, i);
    long[] x = c.xmm;
    int d = i.reg << 1;
    long a = x[d], b = x[d + 1];
    x[d] = packWords(a, true) | packWords(b, true) << 32;
    x[d + 1] = packWords(lo, true) | packWords(hi, true) << 32;
  }

  public static void packssdw(Cpu c, Insn i) {
    long lo = XmmOperands.lo(c, i), hi = XmmOperands.hi(c, i);
    long[] x = c.xmm;
    int d = i.reg << 1;
    long a = x[d], b = x[d + 1];
    x[d] = packDwords(a) | packDwords(b) << 32;
    x[d + 1] = packDwords(lo) | packDwords(hi) << 32;
  }
}
