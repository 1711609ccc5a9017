package blink.x86.ops;

import blink.x86.Cpu;
import java.math.BigInteger;

/** 128-by-64-bit division for 64-bit DIV and IDIV; results go to RAX (quotient) and RDX (remainder). */
final class Wide {
  private Wide() {}

  /** Unsigned RDX:RAX / d; caller guarantees hi < d (no overflow). */
  static void divideUnsigned(Cpu c, long hi, long lo, long d) {
    if (hi == 0) {
      c.regs[Cpu.RAX] = Long.divideUnsigned(lo, d);
      c.regs[Cpu.RDX] = Long.remainderUnsigned(lo, d);
      return;
    }
    // Restoring binary long division, one quotient bit per step (hi < d keeps it in range).
    long q = 0;
    for (int k = 63; k >= 0; k--) {
      boolean top = hi < 0;
      hi = hi << 1 | lo >>> 63;
      lo <<= 1;
      q <<= 1;
      if (top || Long.compareUnsigned(hi, d) >= 0) {
        hi -= d;
        q |= 1;
      }
    }
    c.regs[Cpu.RAX] = q;
    c.regs[Cpu.RDX] = hi;
  }

  /** Signed RDX:RAX / d truncating toward zero; false (nothing written) when the quotient overflows. */
  static boolean divideSigned(Cpu c, long hi, long lo, long d) {
    if (hi == (lo >> 63)) {
      if (lo == Long.MIN_VALUE && d == -1) return false;
      c.regs[Cpu.RAX] = lo / d;
      c.regs[Cpu.RDX] = lo % d;
      return true;
    }
    BigInteger n = BigInteger.valueOf(hi).shiftLeft(64).or(new BigInteger(Long.toUnsignedString(lo)));
    BigInteger[] qr = n.divideAndRemainder(BigInteger.valueOf(d));
    if (qr[0].bitLength() > 63) return false;
    c.regs[Cpu.RAX] = qr[0].longValue();
    c.regs[Cpu.RDX] = qr[1].longValue();
    return true;
  }
}
