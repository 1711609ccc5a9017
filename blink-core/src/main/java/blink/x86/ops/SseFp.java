package blink.x86.ops;

import static blink.x86.ops.SseMxcsr.DAZ;
import static blink.x86.ops.SseMxcsr.DE;
import static blink.x86.ops.SseMxcsr.IE;
import static blink.x86.ops.SseMxcsr.PE;
import static blink.x86.ops.SseMxcsr.RC;
import static blink.x86.ops.SseMxcsr.RC_DOWN;
import static blink.x86.ops.SseMxcsr.RC_UP;
import static blink.x86.ops.SseMxcsr.RC_ZERO;

import blink.x86.Cpu;

/**
 * One lane of SSE floating-point arithmetic: binary64 lanes as long bits,
 * binary32 lanes as int bits. Each function returns the result bits and ORs the
 * exceptions it detects into {@code cpu.mxcsr}.
 *
 * <p>The fast path is Java's own arithmetic, which is IEEE round-to-nearest-even:
 * it is taken when the operands are zero or comfortably normal and the result is
 * normal. Binary32 lanes are computed in binary64 and rounded once more, which is
 * exact for +, -, *, / and sqrt (binary64 has more than 2p+2 bits). The rounding
 * error of the binary64 operation (TwoSum, or an FMA residual) tells whether the
 * result is inexact (PE) and which way a directed rounding mode must step. Only
 * when PE is already set and the mode is nearest is that work skipped. Everything
 * else (NaN, infinity, denormal, tiny, huge, zero results) goes to
 * {@link SseSoftFloat}.
 */
final class SseFp {
  private SseFp() {}

  static final int ADD = SseSoftFloat.ADD, SUB = SseSoftFloat.SUB, MUL = SseSoftFloat.MUL, DIV = SseSoftFloat.DIV;
  static final int MIN = 5, MAX = 6;

  private static final long ABS = 0x7fffffffffffffffL;

  /** Zero, or normal with a biased exponent in [64, 2045]: products and residuals stay exact. */
  static boolean plain(long v) {
    int e = (int) (v >>> 52) & 0x7ff;
    return e >= 64 && e <= 2045 || (v & ABS) == 0;
  }

  /** Normal with a biased exponent in [64, 2045]. */
  static boolean normal(long v) {
    int e = (int) (v >>> 52) & 0x7ff;
    return e >= 64 && e <= 2045;
  }

  /** Zero or normal binary32 (neither denormal, infinite nor NaN). */
  static boolean plain(int v) {
    int e = v >>> 23 & 0xff;
    return e >= 1 && e <= 254 || (v & 0x7fffffff) == 0;
  }

  /** Normal binary32 away from the edges of the range (biased exponent in [2, 253]). */
  static boolean normal(int v) {
    int e = v >>> 23 & 0xff;
    return e >= 2 && e <= 253;
  }

  /** Whether the caller must find out if the result is exact: PE clear, or a directed mode. */
  private static boolean wantExactness(Cpu c) {
    return (c.mxcsr & (RC | PE)) != PE;
  }

  /** The error of s = x + y (exact: x + y = s + err), Knuth's TwoSum. */
  static double sumError(double x, double y, double s) {
    double bv = s - x;
    return (x - (s - bv)) + (y - bv);
  }

  /** Finishes a binary64 result q whose exact value is q + err (only err's sign matters). */
  static long finish(Cpu c, double q, double err) {
    if (err != 0) {
      int m = c.mxcsr;
      c.mxcsr = m | PE;
      switch (m >>> SseMxcsr.RC_SHIFT & 3) {
        case RC_DOWN: if (err < 0) q = Math.nextDown(q); break;
        case RC_UP: if (err > 0) q = Math.nextUp(q); break;
        case RC_ZERO: if (q > 0 && err < 0 || q < 0 && err > 0) q = q > 0 ? Math.nextDown(q) : Math.nextUp(q); break;
        default: break;
      }
    }
    return Double.doubleToRawLongBits(q);
  }

  /** Finishes a binary32 result f = (float) d where the exact value is d + err. */
  static int finish(Cpu c, float f, double d, double err) {
    double diff = (double) f != d ? d - f : err;
    if (diff != 0) {
      int m = c.mxcsr;
      c.mxcsr = m | PE;
      switch (m >>> SseMxcsr.RC_SHIFT & 3) {
        case RC_DOWN: if (diff < 0) f = Math.nextDown(f); break;
        case RC_UP: if (diff > 0) f = Math.nextUp(f); break;
        case RC_ZERO: if (f > 0 && diff < 0 || f < 0 && diff > 0) f = f > 0 ? Math.nextDown(f) : Math.nextUp(f); break;
        default: break;
      }
    }
    return Float.floatToRawIntBits(f);
  }

  /** The sign of an exact zero sum a + b (b already negated for SUB): -0 only for -0 + -0, or in round-down. */
  private static long zeroSum(Cpu c, long a, long b, long sign) {
    if (((a ^ b) & sign) == 0 && (a & sign) != 0) return a;
    return SseMxcsr.rc(c) == RC_DOWN && (a | b) != 0 ? sign : 0;
  }

  // ---------------------------------------------------------------- binary64

  static long d(Cpu c, int op, long a, long b) {
    switch (op) {
      case ADD: return add(c, a, b, false);
      case SUB: return add(c, a, b, true);
      case MUL: return mul(c, a, b);
      case DIV: return div(c, a, b);
      case MIN: return min(c, a, b);
      default: return max(c, a, b);
    }
  }

  static long add(Cpu c, long a, long b, boolean sub) {
    if (plain(a) && plain(b)) {
      double x = Double.longBitsToDouble(a), y = Double.longBitsToDouble(b);
      if (sub) y = -y;
      double s = x + y;
      long r = Double.doubleToRawLongBits(s);
      if (normal(r)) return wantExactness(c) ? finish(c, s, sumError(x, y, s)) : r;
      if (s == 0) return zeroSum(c, a, sub ? b ^ SseSoftFloat.D_SIGN : b, SseSoftFloat.D_SIGN);
    }
    return SseSoftFloat.arith(c, sub ? SseSoftFloat.SUB : SseSoftFloat.ADD, a, b, true);
  }

  static long mul(Cpu c, long a, long b) {
    if (plain(a) && plain(b)) {
      double x = Double.longBitsToDouble(a), y = Double.longBitsToDouble(b);
      double p = x * y;
      long r = Double.doubleToRawLongBits(p);
      if (normal(r)) return wantExactness(c) ? finish(c, p, Math.fma(x, y, -p)) : r;
      if (x == 0 || y == 0) return r;
    }
    return SseSoftFloat.arith(c, SseSoftFloat.MUL, a, b, true);
  }

  static long div(Cpu c, long a, long b) {
    if (plain(a) && plain(b) && (b & ABS) != 0) {
      double x = Double.longBitsToDouble(a), y = Double.longBitsToDouble(b);
      double q = x / y;
      long r = Double.doubleToRawLongBits(q);
      if (normal(r)) {
        if (!wantExactness(c)) return r;
        double rem = Math.fma(-q, y, x); // x - q*y, exactly
        return finish(c, q, y > 0 ? rem : -rem);
      }
      if (x == 0) return r;
    }
    return SseSoftFloat.arith(c, SseSoftFloat.DIV, a, b, true);
  }

  static long sqrt(Cpu c, long a) {
    if (normal(a) && a > 0) {
      double x = Double.longBitsToDouble(a);
      double q = Math.sqrt(x);
      return wantExactness(c) ? finish(c, q, Math.fma(-q, q, x)) : Double.doubleToRawLongBits(q);
    }
    return SseSoftFloat.arith(c, SseSoftFloat.SQRT, a, 0, true);
  }

  /**
   * MINSD/MINPD lane: the second operand when either is NaN (IE, even for QNaN) or
   * both are zero; denormals signal DE (or read as zero under DAZ, which applies to
   * the second operand even when it is returned because of a NaN).
   */
  static long min(Cpu c, long a, long b) {
    if (SseSoftFloat.isNaN(a, true) || SseSoftFloat.isNaN(b, true)) {
      c.mxcsr |= IE;
      return SseSoftFloat.daz(c, b, true);
    }
    a = denormal(c, a);
    b = denormal(c, b);
    return Double.longBitsToDouble(a) < Double.longBitsToDouble(b) ? a : b;
  }

  static long max(Cpu c, long a, long b) {
    if (SseSoftFloat.isNaN(a, true) || SseSoftFloat.isNaN(b, true)) {
      c.mxcsr |= IE;
      return SseSoftFloat.daz(c, b, true);
    }
    a = denormal(c, a);
    b = denormal(c, b);
    return Double.longBitsToDouble(a) > Double.longBitsToDouble(b) ? a : b;
  }

  /** Signals DE for a denormal operand, or flushes it to zero under DAZ. */
  static long denormal(Cpu c, long v) {
    if ((v & 0x7ff0000000000000L) != 0 || (v & ABS) == 0) return v;
    if ((c.mxcsr & DAZ) != 0) return v & SseSoftFloat.D_SIGN;
    c.mxcsr |= DE;
    return v;
  }

  // ---------------------------------------------------------------- binary32

  static int f(Cpu c, int op, int a, int b) {
    switch (op) {
      case ADD: return add(c, a, b, false);
      case SUB: return add(c, a, b, true);
      case MUL: return mul(c, a, b);
      case DIV: return div(c, a, b);
      case MIN: return min(c, a, b);
      default: return max(c, a, b);
    }
  }

  private static int slow(Cpu c, int op, int a, int b) {
    return (int) SseSoftFloat.arith(c, op, a & 0xffffffffL, b & 0xffffffffL, false);
  }

  static int add(Cpu c, int a, int b, boolean sub) {
    if (plain(a) && plain(b)) {
      double x = Float.intBitsToFloat(a), y = Float.intBitsToFloat(b);
      if (sub) y = -y;
      double d = x + y;
      float f = (float) d;
      int r = Float.floatToRawIntBits(f);
      if (normal(r)) return wantExactness(c) ? finish(c, f, d, sumError(x, y, d)) : r;
      if (d == 0) return (int) zeroSum(c, a & 0xffffffffL, (sub ? b ^ 0x80000000 : b) & 0xffffffffL, SseSoftFloat.F_SIGN);
    }
    return slow(c, sub ? SseSoftFloat.SUB : SseSoftFloat.ADD, a, b);
  }

  static int mul(Cpu c, int a, int b) {
    if (plain(a) && plain(b)) {
      double x = Float.intBitsToFloat(a), y = Float.intBitsToFloat(b);
      double d = x * y; // exact: 24 + 24 bits
      float f = (float) d;
      int r = Float.floatToRawIntBits(f);
      if (normal(r)) return wantExactness(c) ? finish(c, f, d, 0) : r;
      if (d == 0) return r;
    }
    return slow(c, SseSoftFloat.MUL, a, b);
  }

  static int div(Cpu c, int a, int b) {
    if (plain(a) && plain(b) && (b & 0x7fffffff) != 0) {
      double x = Float.intBitsToFloat(a), y = Float.intBitsToFloat(b);
      double d = x / y;
      float f = (float) d;
      int r = Float.floatToRawIntBits(f);
      if (normal(r)) {
        if (!wantExactness(c)) return r;
        double rem = Math.fma(-d, y, x);
        return finish(c, f, d, y > 0 ? rem : -rem);
      }
      if (x == 0) return r;
    }
    return slow(c, SseSoftFloat.DIV, a, b);
  }

  static int sqrt(Cpu c, int a) {
    if (normal(a) && a > 0) {
      double x = Float.intBitsToFloat(a);
      double d = Math.sqrt(x);
      float f = (float) d;
      return wantExactness(c) ? finish(c, f, d, Math.fma(-d, d, x)) : Float.floatToRawIntBits(f);
    }
    return slow(c, SseSoftFloat.SQRT, a, 0);
  }

  static int min(Cpu c, int a, int b) {
    if ((a & 0x7fffffff) > 0x7f800000 || (b & 0x7fffffff) > 0x7f800000) {
      c.mxcsr |= IE;
      return (int) SseSoftFloat.daz(c, b & 0xffffffffL, false);
    }
    a = denormal(c, a);
    b = denormal(c, b);
    return Float.intBitsToFloat(a) < Float.intBitsToFloat(b) ? a : b;
  }

  static int max(Cpu c, int a, int b) {
    if ((a & 0x7fffffff) > 0x7f800000 || (b & 0x7fffffff) > 0x7f800000) {
      c.mxcsr |= IE;
      return (int) SseSoftFloat.daz(c, b & 0xffffffffL, false);
    }
    a = denormal(c, a);
    b = denormal(c, b);
    return Float.intBitsToFloat(a) > Float.intBitsToFloat(b) ? a : b;
  }

  static int denormal(Cpu c, int v) {
    if ((v & 0x7f800000) != 0 || (v & 0x7fffffff) == 0) return v;
    if ((c.mxcsr & DAZ) != 0) return v & 0x80000000;
    c.mxcsr |= DE;
    return v;
  }
}
