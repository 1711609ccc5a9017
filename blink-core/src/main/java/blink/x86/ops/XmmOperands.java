package blink.x86.ops;

import blink.machine.GuestFault;
import blink.x86.Cpu;
import blink.x86.Insn;

/**
 * Operand access for the SSE families. An XMM register n lives in
 * {@code cpu.xmm[2n]} (bits 63..0) and {@code cpu.xmm[2n+1]} (bits 127..64):
 *
 * <pre>
 *   127            64 63             0
 *  +----------------+----------------+
 *  |  xmm[2n + 1]   |    xmm[2n]     |
 *  +----------------+----------------+
 * </pre>
 *
 * The r/m operand is read in two halves, low half first: {@link #lo} checks the
 * alignment of a 128-bit memory operand (legacy-encoded SSE instructions raise #GP
 * on a misaligned m128 unless the manual says otherwise, SDM Vol. 1 §11.6.8), so
 * that {@link #hi} only has to add 8. Handlers read every source before writing
 * any destination, so a faulting instruction changes nothing.
 */
final class XmmOperands {
  private XmmOperands() {}

  /** The effective address of an m128 operand that must be 16-byte aligned. */
  static long aligned(Cpu c, Insn i) {
    long a = c.ea(i);
    if ((a & 15) != 0) throw misaligned(a);
    return a;
  }

  static GuestFault misaligned(long a) {
    return GuestFault.of(GuestFault.Kind.GENERAL_PROTECTION, "misaligned 16-byte SSE operand at 0x" + Long.toHexString(a));
  }

  /** Bits 63..0 of an xmm/m128 operand that must be aligned in memory. Call before {@link #hi}. */
  static long lo(Cpu c, Insn i) {
    return i.memory ? c.mmu.read64(aligned(c, i)) : c.xmm[i.rm << 1];
  }

  /** Bits 127..64 of an xmm/m128 operand. */
  static long hi(Cpu c, Insn i) {
    return i.memory ? c.mmu.read64(c.ea(i) + 8) : c.xmm[i.rm << 1 | 1];
  }

  /** Bits 127..64 of an xmm/m128 operand that must be aligned, when the low half is not needed. */
  static long hiAligned(Cpu c, Insn i) {
    return i.memory ? c.mmu.read64(aligned(c, i) + 8) : c.xmm[i.rm << 1 | 1];
  }

  /** Bits 63..0 of an xmm/m128 operand without an alignment requirement (MOVUPS, MOVDQU, LDDQU). */
  static long loU(Cpu c, Insn i) {
    return i.memory ? c.mmu.read64(c.ea(i)) : c.xmm[i.rm << 1];
  }

  /** An xmm/m64 operand: the low quadword of a register, or 8 bytes of memory (no alignment). */
  static long q(Cpu c, Insn i) {
    return i.memory ? c.mmu.read64(c.ea(i)) : c.xmm[i.rm << 1];
  }

  /** An xmm/m32 operand: the low doubleword of a register, or 4 bytes of memory, zero-extended. */
  static int d(Cpu c, Insn i) {
    return i.memory ? c.mmu.read32(c.ea(i)) : (int) c.xmm[i.rm << 1];
  }

  /** Stores 16 bytes; a store that straddles pages checks both first so a fault writes nothing. */
  static void store128(Cpu c, long a, long lo, long hi) {
    if ((a & 0xfff) > 0xff0) c.mmu.checkWritable(a, 16);
    c.mmu.write64(a, lo);
    c.mmu.write64(a + 8, hi);
  }

  /** Writes both halves of destination register xmm[reg]. */
  static void set(Cpu c, int reg, long lo, long hi) {
    long[] x = c.xmm;
    x[reg << 1] = lo;
    x[reg << 1 | 1] = hi;
  }

  static GuestFault undefined(Insn i) {
    return GuestFault.of(GuestFault.Kind.INVALID_OPCODE, "invalid SSE operand form at 0x" + Long.toHexString(i.addr));
  }
}
