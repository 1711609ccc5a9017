package blink.x86.ops;

import static blink.x86.ops.SseMxcsr.DAZ;
import static blink.x86.ops.SseMxcsr.DE;
import static blink.x86.ops.SseMxcsr.FZ;
import static blink.x86.ops.SseMxcsr.IE;
import static blink.x86.ops.SseMxcsr.OE;
import static blink.x86.ops.SseMxcsr.PE;
import static blink.x86.ops.SseMxcsr.RC_DOWN;
import static blink.x86.ops.SseMxcsr.RC_NEAREST;
import static blink.x86.ops.SseMxcsr.RC_UP;
import static blink.x86.ops.SseMxcsr.UE;
import static blink.x86.ops.SseMxcsr.UM;
import static blink.x86.ops.SseMxcsr.ZE;

import blink.x86.Cpu;
import java.math.BigInteger;

/**
 * Exact IEEE 754 arithmetic for the cases the fast paths in {@link SseFp} leave
 * out: NaN and infinity operands, denormal operands (DE, DAZ), results that are
 * zero, tiny (UE, FZ) or overflow (OE), and every rounding mode. Values are
 * computed exactly as integer multiples of powers of two and then rounded once,
 * following SDM Vol. 1 §4.9 and §11.5 (tininess is detected after rounding with
 * an unbounded exponent; a masked underflow is flagged only when inexact).
 *
 * <p>Both formats go through the same code: {@code dbl} selects binary64, else
 * binary32 (held in the low 32 bits of a long).
 */
final class SseSoftFloat {
  private SseSoftFloat() {}

  static final int ADD = 0, SUB = 1, MUL = 2, DIV = 3, SQRT = 4;

  static final long D_SIGN = 0x8000000000000000L, D_INF = 0x7ff0000000000000L, D_QUIET = 1L << 51;
  static final long D_DEFAULT_NAN = 0xfff8000000000000L;
  static final long F_SIGN = 0x80000000L, F_INF = 0x7f800000L, F_QUIET = 1L << 22;
  static final long F_DEFAULT_NAN = 0xffc00000L;

  // ---------------------------------------------------------------- classification

  static long sign(boolean dbl) {
    return dbl ? D_SIGN : F_SIGN;
  }

  static long inf(boolean dbl) {
    return dbl ? D_INF : F_INF;
  }

  private static int precision(boolean dbl) {
    return dbl ? 53 : 24;
  }

  private static int bias(boolean dbl) {
    return dbl ? 1023 : 127;
  }

  static int expField(long v, boolean dbl) {
    return dbl ? (int) (v >>> 52) & 0x7ff : (int) (v >>> 23) & 0xff;
  }

  static long mantissa(long v, boolean dbl) {
    return dbl ? v & 0xfffffffffffffL : v & 0x7fffffL;
  }

  static boolean isNaN(long v, boolean dbl) {
    return dbl ? (v & ~D_SIGN) > D_INF : (v & 0x7fffffffL) > F_INF;
  }

  static boolean isSNaN(long v, boolean dbl) {
    return isNaN(v, dbl) && (v & (dbl ? D_QUIET : F_QUIET)) == 0;
  }

  static long quiet(long v, boolean dbl) {
    return v | (dbl ? D_QUIET : F_QUIET);
  }

  static boolean isInf(long v, boolean dbl) {
    return (v & ~sign(dbl) & (dbl ? -1L : 0xffffffffL)) == inf(dbl);
  }

  static boolean isZero(long v, boolean dbl) {
    return (v & (dbl ? ~D_SIGN : 0x7fffffffL)) == 0;
  }

  static boolean isDenormal(long v, boolean dbl) {
    return expField(v, dbl) == 0 && mantissa(v, dbl) != 0;
  }

  /** Returns v, or a signed zero if v is denormal and MXCSR.DAZ is set. */
  static long daz(Cpu c, long v, boolean dbl) {
    return (c.mxcsr & DAZ) != 0 && isDenormal(v, dbl) ? v & sign(dbl) : v;
  }

  /** Signals invalid and returns the default ("real indefinite") QNaN. */
  static long invalid(Cpu c, boolean dbl) {
    c.mxcsr |= IE;
    return dbl ? D_DEFAULT_NAN : F_DEFAULT_NAN;
  }

  // ---------------------------------------------------------------- arithmetic

  /**
   * a OP b (or SQRT of a) with full IEEE semantics. NaN operands: an SNaN signals
   * invalid; the first operand's NaN (quieted) wins, else the second's.
   */
  static long arith(Cpu c, int op, long a, long b, boolean dbl) {
    boolean unary = op == SQRT;
    boolean na = isNaN(a, dbl), nb = !unary && isNaN(b, dbl);
    if (na || nb) {
      if (isSNaN(a, dbl) || !unary && isSNaN(b, dbl)) c.mxcsr |= IE;
      return quiet(na ? a : b, dbl);
    }
    boolean den = isDenormal(a, dbl) || !unary && isDenormal(b, dbl);
    a = daz(c, a, dbl);
    if (!unary) b = daz(c, b, dbl);
    if ((c.mxcsr & DAZ) != 0) den = false;
    long s = sign(dbl);
    if (op == SUB) {
      b ^= s;
      op = ADD;
    }
    boolean ia = isInf(a, dbl), ib = !unary && isInf(b, dbl);
    boolean za = isZero(a, dbl), zb = !unary && isZero(b, dbl);
    long xs = (a ^ b) & s;
    switch (op) {
      case ADD:
        if (ia && ib && ((a ^ b) & s) != 0) return invalid(c, dbl);
        if (den) c.mxcsr |= DE;
        if (ia) return a;
        if (ib) return b;
        if (za && zb) return ((a ^ b) & s) == 0 ? a : SseMxcsr.rc(c) == RC_DOWN ? s : 0;
        return add(c, a, b, dbl);
      case MUL:
        if (ia && zb || za && ib) return invalid(c, dbl);
        if (den) c.mxcsr |= DE;
        if (ia || ib) return xs | inf(dbl);
        if (za || zb) return xs;
        return multiply(c, a, b, dbl);
      case DIV:
        if (ia && ib || za && zb) return invalid(c, dbl);
        if (zb && !ia) {
          c.mxcsr |= ZE;
          return xs | inf(dbl);
        }
        if (den) c.mxcsr |= DE;
        if (ia) return xs | inf(dbl);
        if (ib || za) return xs;
        return divide(c, a, b, dbl);
      default: // SQRT
        if (za) return a;
        if ((a & s) != 0) return invalid(c, dbl);
        if (den) c.mxcsr |= DE;
        if (ia) return a;
        return sqrt(c, a, dbl);
    }
  }

  /** The significand of a finite non-zero value as an integer (implicit bit included). */
  private static long significand(long v, boolean dbl) {
    long m = mantissa(v, dbl);
    return expField(v, dbl) == 0 ? m : m | 1L << (precision(dbl) - 1);
  }

  /** The power of two the significand's last bit is worth. */
  private static int lsbExponent(long v, boolean dbl) {
    int e = Math.max(expField(v, dbl), 1);
    return e - bias(dbl) - (precision(dbl) - 1);
  }

  private static long add(Cpu c, long a, long b, boolean dbl) {
    long s = sign(dbl);
    int ea = lsbExponent(a, dbl), eb = lsbExponent(b, dbl);
    if (isZero(a, dbl)) ea = eb;
    if (isZero(b, dbl)) eb = ea;
    int e = Math.min(ea, eb);
    BigInteger x = BigInteger.valueOf(significand(a, dbl)).shiftLeft(ea - e);
    BigInteger y = BigInteger.valueOf(significand(b, dbl)).shiftLeft(eb - e);
    if ((a & s) != 0) x = x.negate();
    if ((b & s) != 0) y = y.negate();
    BigInteger sum = x.add(y);
    if (sum.signum() == 0) return SseMxcsr.rc(c) == RC_DOWN ? s : 0;
    return round(c, sum.signum() < 0, sum.abs(), e, dbl);
  }

  private static long multiply(Cpu c, long a, long b, boolean dbl) {
    BigInteger p = BigInteger.valueOf(significand(a, dbl)).multiply(BigInteger.valueOf(significand(b, dbl)));
    return round(c, ((a ^ b) & sign(dbl)) != 0, p, lsbExponent(a, dbl) + lsbExponent(b, dbl), dbl);
  }

  private static long divide(Cpu c, long a, long b, boolean dbl) {
    BigInteger x = BigInteger.valueOf(significand(a, dbl)), y = BigInteger.valueOf(significand(b, dbl));
    int k = Math.max(0, precision(dbl) + 3 + y.bitLength() - x.bitLength());
    BigInteger[] qr = x.shiftLeft(k).divideAndRemainder(y);
    BigInteger q = qr[0].shiftLeft(1);
    if (qr[1].signum() != 0) q = q.setBit(0); // sticky bit below the rounding position
    return round(c, ((a ^ b) & sign(dbl)) != 0, q, lsbExponent(a, dbl) - lsbExponent(b, dbl) - k - 1, dbl);
  }

  private static long sqrt(Cpu c, long a, boolean dbl) {
    BigInteger m = BigInteger.valueOf(significand(a, dbl));
    int e = lsbExponent(a, dbl);
    if ((e & 1) != 0) {
      m = m.shiftLeft(1);
      e--;
    }
    int k = Math.max(0, precision(dbl) + 3 - m.bitLength() / 2) + 1;
    BigInteger r = m.shiftLeft(2 * k);
    BigInteger root = r.sqrt();
    BigInteger q = root.shiftLeft(1);
    if (!root.multiply(root).equals(r)) q = q.setBit(0);
    return round(c, false, q, (e - 2 * k) / 2 - 1, dbl);
  }

  // ---------------------------------------------------------------- conversion

  /** CVTSD2SS/CVTPD2PS of a double the fast path did not take. */
  static long narrow(Cpu c, long a) {
    if (isNaN(a, true)) {
      if (isSNaN(a, true)) c.mxcsr |= IE;
      return a >>> 32 & F_SIGN | F_INF | F_QUIET | mantissa(a, true) >>> 29;
    }
    if (isDenormal(a, true)) {
      if ((c.mxcsr & DAZ) != 0) return a >>> 32 & F_SIGN;
      c.mxcsr |= DE;
    }
    if (isInf(a, true)) return a >>> 32 & F_SIGN | F_INF;
    if (isZero(a, true)) return a >>> 32 & F_SIGN;
    return round(c, a < 0, BigInteger.valueOf(significand(a, true)), lsbExponent(a, true), false);
  }

  /** CVTSS2SD/CVTPS2PD: exact except for NaN quieting and the DE/DAZ rules. */
  static long widen(Cpu c, int a) {
    long v = a & 0xffffffffL;
    if (isNaN(v, false)) {
      if (isSNaN(v, false)) c.mxcsr |= IE;
      return (v & F_SIGN) << 32 | D_INF | D_QUIET | mantissa(v, false) << 29;
    }
    if (isDenormal(v, false)) {
      if ((c.mxcsr & DAZ) != 0) return (v & F_SIGN) << 32;
      c.mxcsr |= DE;
    }
    return Double.doubleToRawLongBits(Float.intBitsToFloat(a));
  }

  // ---------------------------------------------------------------- rounding

  /**
   * Rounds (-1)^neg * mag * 2^exp (mag &gt; 0) to the format under MXCSR's rounding
   * mode, flush-to-zero and underflow mask, setting PE, UE and OE as hardware does.
   */
  static long round(Cpu c, boolean neg, BigInteger mag, int exp, boolean dbl) {
    int p = precision(dbl), bias = bias(dbl);
    int emin = 1 - bias, emax = bias;
    int m = c.mxcsr, rc = m >>> SseMxcsr.RC_SHIFT & 3;
    long sign = neg ? sign(dbl) : 0;
    int n = mag.bitLength();
    BigInteger q;
    int e1;
    boolean inexact;
    if (n > p) {
      inexact = mag.getLowestSetBit() < n - p;
      q = roundShift(mag, n - p, neg, rc);
      e1 = exp + n - p;
      if (q.bitLength() > p) {
        q = q.shiftRight(1);
        e1++;
      }
    } else {
      inexact = false;
      q = mag.shiftLeft(p - n);
      e1 = exp - (p - n);
    }
    int top = e1 + p - 1; // exponent of the leading bit after rounding
    if (top > emax) {
      c.mxcsr |= OE | PE;
      long inf = inf(dbl), max = inf - 1;
      boolean toInf = rc == RC_NEAREST || rc == RC_UP && !neg || rc == RC_DOWN && neg;
      return sign | (toInf ? inf : max);
    }
    if (top < emin) {
      if ((m & FZ) != 0 && (m & UM) != 0) {
        c.mxcsr |= UE | PE;
        return sign;
      }
      int sh = emin - (p - 1) - exp;
      BigInteger d;
      boolean dInexact;
      if (sh > 0) {
        dInexact = mag.getLowestSetBit() < sh;
        d = roundShift(mag, sh, neg, rc);
      } else {
        dInexact = false;
        d = mag.shiftLeft(-sh);
      }
      if (dInexact) c.mxcsr |= UE | PE;
      else if ((m & UM) == 0) c.mxcsr |= UE;
      return sign | d.longValue(); // a carry into bit p-1 yields the smallest normal
    }
    if (inexact) c.mxcsr |= PE;
    long frac = q.longValue() & ((1L << (p - 1)) - 1);
    return sign | (long) (top + bias) << (p - 1) | frac;
  }

  /** mag &gt;&gt; sh rounded per rounding control (sh &gt; 0). */
  private static BigInteger roundShift(BigInteger mag, int sh, boolean neg, int rc) {
    BigInteger q = mag.shiftRight(sh);
    int low = mag.getLowestSetBit();
    if (low >= sh) return q;
    boolean up;
    switch (rc) {
      case RC_NEAREST: up = mag.testBit(sh - 1) && (low < sh - 1 || q.testBit(0)); break;
      case RC_DOWN: up = neg; break;
      case RC_UP: up = !neg; break;
      default: up = false;
    }
    return up ? q.add(BigInteger.ONE) : q;
  }
}
