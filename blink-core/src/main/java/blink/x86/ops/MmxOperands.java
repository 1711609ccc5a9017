package blink.x86.ops;

import blink.x86.Cpu;
import blink.x86.Exec;
import blink.x86.Insn;
import blink.x86.X87;

/**
 * Operand access for the MMX forms. The eight 64-bit MM registers alias the x87
 * register file (Intel SDM Vol. 1 §9.5): MMn is the significand of physical x87
 * register n, whatever TOP is.
 *
 * <pre>
 *   79     64 63                              0
 *  +---------+--------------------------------+
 *  | se[n]   |            sig[n] = MMn         |   physical x87 register n
 *  +---------+--------------------------------+
 * </pre>
 *
 * Every MMX instruction except EMMS first delivers a pending unmasked x87
 * exception, then sets TOP to 0 and marks all eight registers valid
 * ({@link #enter}); a write to MMn also sets the sign/exponent field to all ones
 * ({@link #set}). ModRM fields name MM registers modulo 8 (REX.R/REX.B are ignored).
 */
final class MmxOperands {
  private MmxOperands() {}

  /** A lane-wise operation on one quadword of each operand: the destination and the source. */
  @FunctionalInterface
  interface Op {
    long apply(long dst, long src);
  }

  /** The x87-to-MMX transition every MMX instruction (but EMMS) makes. */
  static void enter(Cpu c) {
    X87 f = c.fpu;
    f.checkPending();
    f.top = 0;
    f.empty = 0;
  }

  static long get(Cpu c, int reg) {
    return c.fpu.sig[reg & 7];
  }

  /** Writes MMn: the significand, and 0xFFFF in the sign/exponent field. */
  static void set(Cpu c, int reg, long v) {
    X87 f = c.fpu;
    f.sig[reg & 7] = v;
    f.se[reg & 7] = 0xffff;
  }

  /** An mm/m64 source operand. A pending #MF comes before a page fault on it (measured). */
  static long q(Cpu c, Insn i) {
    if (!i.memory) return c.fpu.sig[i.rm & 7];
    c.fpu.checkPending();
    return c.mmu.read64(c.ea(i));
  }

  /** An mm/m32 source operand (the low unpacks): a register's low half, or 4 bytes of memory. */
  static long d(Cpu c, Insn i) {
    if (!i.memory) return c.fpu.sig[i.rm & 7] & 0xffffffffL;
    c.fpu.checkPending();
    return c.mmu.read32(c.ea(i)) & 0xffffffffL;
  }

  /** MMX form of a lane operation: mm = op(mm, mm/m64). */
  static Exec binary(Op op) {
    return (c, i) -> {
      long s = q(c, i);
      enter(c);
      set(c, i.reg, op.apply(get(c, i.reg), s));
    };
  }

  /** MMX form of an operation whose m-form source is 32 bits: mm = op(mm, mm/m32). */
  static Exec binaryLow(Op op) {
    return (c, i) -> {
      long s = d(c, i);
      enter(c);
      set(c, i.reg, op.apply(get(c, i.reg), s));
    };
  }

  /** SSE form of the same lane operation, applied to each quadword: xmm = op(xmm, xmm/m128). */
  static Exec halves(Op op) {
    return (c, i) -> {
      long lo = XmmOperands.lo(c, i), hi = XmmOperands.hi(c, i);
      long[] x = c.xmm;
      int d = i.reg << 1;
      x[d] = op.apply(x[d], lo);
      x[d + 1] = op.apply(x[d + 1], hi);
    };
  }
}
