package blink.x86.ops;

import static blink.x86.OpcodeTable.*;

import blink.x86.Cpu;
import blink.x86.Insn;
import blink.x86.OpcodeTable;

/**
 * PCLMULQDQ xmm1, xmm2/m128, imm8 (66 0F 3A 44 /r ib; SDM Vol. 2B "PCLMULQDQ"):
 * the carry-less (GF(2)[x]) product of one quadword of each operand, 128 bits,
 * into xmm1. imm8 bit 0 picks the quadword of xmm1, bit 4 the one of xmm2/m128:
 *
 * <pre>
 *   imm8:  7   4 3   0
 *         +-+-+-+-+-+-+-+-+
 *         |   |S|   |D|      S = 1: bits 127:64 of xmm2/m128, D = 1: bits 127:64 of xmm1
 *         +-+-+-+-+-+-+-+-+
 * </pre>
 *
 * A memory operand is a legacy-SSE m128 and must be 16-byte aligned. Flags and
 * MXCSR are unchanged.
 */
public final class Clmul {
  private Clmul() {}

  public static void register(OpcodeTable t) {
    t.op(MAP_0F3A, 0x44).pfx(P_66).def(MODRM | I_UB, Clmul::pclmulqdq);
  }

  static void pclmulqdq(Cpu c, Insn i) {
    int sel2 = (int) i.imm >> 4 & 1;
    long b = i.memory ? c.mmu.read64(XmmOperands.aligned(c, i) + 8L * sel2) : c.xmm[i.rm << 1 | sel2];
    long a = c.xmm[i.reg << 1 | ((int) i.imm & 1)];
    c.xmm[i.reg << 1] = clmulLow(a, b);
    c.xmm[i.reg << 1 | 1] = clmulHigh(a, b);
  }

  /** Bits 63:0 of the carry-less product a * b. */
  public static long clmulLow(long a, long b) {
    long r = 0;
    for (; b != 0; b &= b - 1) r ^= a << Long.numberOfTrailingZeros(b);
    return r;
  }

  /** Bits 127:64 of the carry-less product a * b (bit 127 is always 0). */
  public static long clmulHigh(long a, long b) {
    long r = 0;
    for (b &= ~1L; b != 0; b &= b - 1) r ^= a >>> (64 - Long.numberOfTrailingZeros(b));
    return r;
  }
}
