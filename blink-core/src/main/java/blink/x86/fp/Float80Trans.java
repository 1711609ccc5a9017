package blink.x86.fp;

import static blink.x86.fp.Float80.*;

import java.math.BigInteger;

/**
 * The x87 transcendental instructions (SDM Vol. 2A FSIN … FYL2XP1): values computed
 * with {@link BigBinary} far beyond 64 bits, then rounded once by RC (PC does not
 * apply). The hardware's own results are within about one ulp of the true value
 * and usually equal to it correctly rounded, which is what this produces; where
 * the hardware's polynomial lands on the other side of a rounding boundary, the
 * last bit differs.
 *
 * <p>FSIN, FCOS, FSINCOS and FPTAN reduce their argument by the hardware's 66-bit
 * approximation of π (0xC90FDAA22168C234C × 2^-66, SDM Vol. 1 §8.3.10), so that
 * e.g. FSIN of the extended π gives −2^-64 as it does on silicon, not the true
 * sine. Arguments of magnitude 2^63 or more are left alone with C2 set.
 */
public final class Float80Trans {
  private Float80Trans() {}

  /** π as the reduction sees it: 66 bits. */
  private static final BigBinary PI66 = new BigBinary(new BigInteger("C90FDAA22168C234C", 16), -66);
  private static final BigBinary HALF_PI66 = PI66.shift(-1);
  private static final BigBinary TWO = BigBinary.of(2);
  /** True π and ln 2 at working precision (Machin's formula; 2·atanh(1/3)). */
  private static final BigBinary PI = atanSeries(BigBinary.ONE.divide(5)).shift(4)
      .subtract(atanSeries(BigBinary.ONE.divide(239)).shift(2));
  private static final BigBinary LN2 = atanhSeries(BigBinary.ONE.divide(3)).shift(1);

  /** Arguments of FSIN/FCOS/FSINCOS/FPTAN at or beyond 2^63 are out of range (C2 = 1). */
  public static boolean outOfRange(long sig, int se) {
    int c = classify(sig, se);
    return (c == NORMAL || c == DENORMAL) && (se & EXP) >= BIAS + 63;
  }

  // ---------------------------------------------------------------- series

  /** Σ (−1)^k t^(2k+1)/(2k+1) for small |t|. */
  private static BigBinary atanSeries(BigBinary t) {
    return oddSeries(t, true);
  }

  /** Σ t^(2k+1)/(2k+1) = atanh t for small |t|. */
  private static BigBinary atanhSeries(BigBinary t) {
    return oddSeries(t, false);
  }

  private static BigBinary oddSeries(BigBinary t, boolean alternate) {
    BigBinary t2 = t.multiply(t);
    BigBinary power = t, sum = t;
    int floor = t.magnitude() - BigBinary.PRECISION - 8;
    for (int k = 1; ; k++) {
      power = power.multiply(t2);
      if (power.isZero()) return sum;
      BigBinary term = power.divide(2 * k + 1);
      sum = alternate && (k & 1) != 0 ? sum.subtract(term) : sum.add(term);
      if (power.magnitude() < floor) return sum; // (the last, negligible term still says which way to round)
    }
  }

  /** sin r and cos r for |r| ≤ π/4 by their Taylor series. */
  private static BigBinary sinSeries(BigBinary r) {
    if (r.isZero()) return r;
    BigBinary r2 = r.multiply(r), term = r, sum = r;
    int floor = r.magnitude() - BigBinary.PRECISION - 8;
    for (int k = 1; ; k++) {
      term = term.multiply(r2).divide((2L * k) * (2L * k + 1)).negate();
      if (term.isZero()) return sum;
      sum = sum.add(term);
      if (term.magnitude() < floor) return sum;
    }
  }

  private static BigBinary cosSeries(BigBinary r) {
    BigBinary r2 = r.multiply(r), term = BigBinary.ONE, sum = BigBinary.ONE;
    for (int k = 1; ; k++) {
      term = term.multiply(r2).divide((2L * k - 1) * (2L * k)).negate();
      if (term.isZero()) return sum;
      sum = sum.add(term);
      if (term.magnitude() < -BigBinary.PRECISION - 8) return sum;
    }
  }

  /** e^y − 1 for |y| ≤ 1, relatively exact for tiny y. */
  private static BigBinary expm1Series(BigBinary y) {
    if (y.isZero()) return y;
    BigBinary term = y, sum = y;
    int floor = y.magnitude() - BigBinary.PRECISION - 8;
    for (int k = 2; ; k++) {
      term = term.multiply(y).divide(k);
      if (term.isZero()) return sum;
      sum = sum.add(term);
      if (term.magnitude() < floor) return sum;
    }
  }

  /** atan t for any finite t: t > 1 by π/2 − atan(1/t), then three argument halvings. */
  private static BigBinary atan(BigBinary t) {
    if (t.isZero()) return t;
    if (t.abs().subtract(BigBinary.ONE).signum() > 0) {
      BigBinary r = PI.shift(-1).subtract(atan(BigBinary.ONE.divide(t.abs())));
      return t.signum() < 0 ? r.negate() : r;
    }
    // atan t = 2 atan(t / (1 + √(1 + t²)))
    for (int k = 0; k < 3; k++) t = t.divide(BigBinary.ONE.add(BigBinary.ONE.add(t.multiply(t)).sqrt()));
    return atanSeries(t).shift(3);
  }

  /** ln x for x > 0: x = m × 2^k with m in [1, 2), ln m = 2 atanh((m − 1)/(m + 1)). */
  private static BigBinary ln(BigBinary x) {
    int k = x.magnitude();
    BigBinary m = x.shift(-k);
    BigBinary z = m.subtract(BigBinary.ONE).divide(m.add(BigBinary.ONE));
    return LN2.multiply(BigBinary.of(k)).add(atanhSeries(z).shift(1));
  }

  /** ln(1 + x) for x > −1, as 2 atanh(x / (2 + x)) near 0 (no cancellation for tiny x). */
  private static BigBinary ln1p(BigBinary x) {
    if (x.abs().magnitude() >= -1) return ln(BigBinary.ONE.add(x));
    return atanhSeries(x.divide(TWO.add(x))).shift(1);
  }

  // ---------------------------------------------------------------- FSIN FCOS FSINCOS FPTAN

  /** The quadrant k and remainder r of x = k × (π66/2) + r, |r| ≤ π66/4, exactly. */
  private static BigBinary reduce(BigBinary x, int[] quadrant) {
    BigInteger k = x.divide(HALF_PI66).roundToInteger();
    quadrant[0] = k.intValue() & 3;
    if (k.signum() == 0) return x;
    int e = Math.min(x.e, HALF_PI66.e);
    BigInteger rx = x.m.shiftLeft(x.e - e);
    BigInteger rp = HALF_PI66.m.multiply(k).shiftLeft(HALF_PI66.e - e);
    return new BigBinary(rx.subtract(rp), e);
  }

  /** sin (which 0) or cos (which 1) of a finite, in-range, nonzero x into the unit. */
  private static void sinCos(Float80 u, long sig, int se, int which) {
    int[] q = new int[1];
    BigBinary r = reduce(BigBinary.ofFloat80(sig, se), q);
    int k = (q[0] + which) & 3; // cos x = sin(x + π/2)
    BigBinary v = (k & 1) == 0 ? sinSeries(r) : cosSeries(r);
    if ((k & 2) != 0) v = v.negate();
    v.round(u);
  }

  /**
   * FSIN (which 0) / FCOS (which 1) of ST(0) into the unit; the caller has excluded
   * empty registers and out-of-range arguments.
   */
  public static void sinOrCos(Float80 u, long sig, int se, int which) {
    int c = classify(sig, se);
    if (u.nanOperand(sig, se, c)) return;
    if (c == INFINITY) {
      u.invalid();
      return;
    }
    if (c == ZERO) {
      if (which == 0) u.set(sig, se);
      else u.set(J, BIAS);
      return;
    }
    if (c == DENORMAL) u.flags |= DE;
    sinCos(u, sig, se, which);
  }

  /** FPTAN: tan ST(0) into the unit (the caller pushes 1.0). */
  public static void tan(Float80 u, long sig, int se) {
    int c = classify(sig, se);
    if (u.nanOperand(sig, se, c)) return;
    if (c == INFINITY) {
      u.invalid();
      return;
    }
    if (c == ZERO) {
      u.set(sig, se);
      return;
    }
    if (c == DENORMAL) u.flags |= DE;
    int[] q = new int[1];
    BigBinary r = reduce(BigBinary.ofFloat80(sig, se), q);
    BigBinary s = sinSeries(r), co = cosSeries(r);
    BigBinary v = (q[0] & 1) == 0 ? s.divide(co) : co.divide(s).negate();
    v.round(u);
  }

  // ---------------------------------------------------------------- F2XM1 FYL2X FYL2XP1 FPATAN

  /**
   * F2XM1: 2^x − 1, defined for |x| ≤ 1. Beyond that the hardware this was measured
   * on returns x itself; at ±1 it returns the exact 1 or −1/2 yet reports PE (and C1
   * for 1). PE is reported for every finite nonzero argument.
   */
  public static void exp2m1(Float80 u, long sig, int se) {
    int c = classify(sig, se);
    if (u.nanOperand(sig, se, c)) return;
    if (c == ZERO) {
      u.set(sig, se);
      return;
    }
    if (c == INFINITY) {
      if ((se & SIGN) != 0) u.set(J, SIGN | BIAS); // 2^-∞ − 1 = −1
      else u.set(sig, se);
      return;
    }
    if (c == DENORMAL) u.flags |= DE;
    u.flags |= PE;
    BigBinary x = BigBinary.ofFloat80(sig, se);
    int vsOne = x.abs().subtract(BigBinary.ONE).signum();
    if (vsOne > 0) {
      u.set(sig, se);
    } else if (vsOne == 0) {
      if ((se & SIGN) == 0) {
        u.set(J, BIAS);
        u.c1 = true;
      } else {
        u.set(J, SIGN | (BIAS - 1));
      }
    } else {
      expm1Series(x.multiply(LN2)).round(u);
    }
  }

  /**
   * FYL2X (plusOne false): y × log2 x; FYL2XP1 (plusOne true): y × log2(x + 1). Here
   * a is x = ST(0) and b is y = ST(1). Exact logarithms (of powers of two) still
   * report PE, as the hardware does. FYL2XP1 is defined for |x| &lt; 1 − √2/2; for
   * x ≤ −1 the measured hardware returns x (0 or ∞ with x's sign for y = 0 or ∞).
   */
  public static void ylog2x(Float80 u, long aSig, int aSe, long bSig, int bSe, boolean plusOne) {
    int ca = classify(aSig, aSe), cb = classify(bSig, bSe);
    if (u.nanOperands(aSig, aSe, ca, bSig, bSe, cb)) return;
    boolean na = (aSe & SIGN) != 0, nb = (bSe & SIGN) != 0;
    if (!plusOne && na && ca != ZERO) { // the logarithm of a negative number
      u.invalid();
      return;
    }
    if (ca == INFINITY && na) { // FYL2XP1 of −∞
      u.invalid();
      return;
    }
    if (plusOne && ca == ZERO) { // y × log2(1 ± 0) = ±0 with the sign of x·y
      if (cb == INFINITY) {
        u.invalid();
      } else {
        if (cb == DENORMAL) u.flags |= DE;
        u.zero(na != nb);
      }
      return;
    }
    // A denormal y is not reported when x = 0 makes the result infinite (measured).
    if (ca == DENORMAL || cb == DENORMAL && ca != ZERO) u.flags |= DE;
    BigBinary x = ca == INFINITY ? null : BigBinary.ofFloat80(aSig, aSe);
    BigBinary arg = x == null || !plusOne ? x : x.add(BigBinary.ONE); // the logarithm's argument
    if (plusOne && arg != null && arg.signum() <= 0) {
      if (cb == ZERO) u.zero(!nb); // the sign of −y (measured)
      else if (cb == INFINITY) u.infinity(!nb);
      else {
        u.set(aSig, aSe);
        u.flags |= PE;
      }
      return;
    }
    // The sign of log2(arg), and whether it is infinite (arg = 0 or ∞).
    boolean logInfinite = ca == INFINITY || ca == ZERO;
    int logSign = ca == ZERO ? -1 : ca == INFINITY ? 1 : arg.subtract(BigBinary.ONE).signum();
    if (logInfinite) {
      if (cb == ZERO) {
        u.invalid(); // 0 × ∞
        return;
      }
      if (ca == ZERO && cb != INFINITY) u.flags |= ZE; // log2 0: divide by zero
      u.infinity(nb != (logSign < 0));
      return;
    }
    if (logSign == 0 || cb == ZERO) {
      if (cb == INFINITY) {
        u.invalid(); // ∞ × 0
        return;
      }
      u.zero(nb != (logSign < 0));
      return;
    }
    if (cb == INFINITY) {
      u.infinity(nb != (logSign < 0));
      return;
    }
    if (arg.abs().m.bitCount() == 1) {
      // log2 of a power of two is an integer k: y × k is an ordinary rounded product.
      // Not affected by PC (SDM Vol. 1 §8.1.5.2), and reported inexact as the general
      // path is: a tiny result is then an underflow too (measured).
      Float80Convert.fromInt(u, arg.magnitude());
      int pc = u.pc;
      u.pc = 64;
      u.mul(bSig, bSe, u.sig, u.se);
      u.pc = pc;
      u.flags |= PE;
      if ((u.se & EXP) == 0 && u.sig != 0) u.flags |= UE;
      return;
    }
    BigBinary y = BigBinary.ofFloat80(bSig, bSe);
    BigBinary l = plusOne ? ln1p(x) : ln(x);
    y.multiply(l).divide(LN2).round(u);
  }

  /** FPATAN: atan(y / x) with the quadrant of (x, y); a is x = ST(0), b is y = ST(1). */
  public static void atan2(Float80 u, long aSig, int aSe, long bSig, int bSe) {
    int ca = classify(aSig, aSe), cb = classify(bSig, bSe);
    if (u.nanOperands(aSig, aSe, ca, bSig, bSe, cb)) return;
    if (ca == DENORMAL || cb == DENORMAL) u.flags |= DE;
    boolean nx = (aSe & SIGN) != 0, ny = (bSe & SIGN) != 0;
    BigBinary v;
    if (cb == ZERO) {
      if (!nx) { // atan2(±0, +x) = ±0
        u.set(0, bSe & SIGN);
        return;
      }
      v = PI;
    } else if (cb == INFINITY) {
      if (ca == INFINITY) v = nx ? PI.multiply(BigBinary.of(3)).shift(-2) : PI.shift(-2);
      else v = PI.shift(-1);
    } else if (ca == ZERO) {
      v = PI.shift(-1);
    } else if (ca == INFINITY) {
      if (!nx) {
        u.set(0, bSe & SIGN);
        return;
      }
      v = PI;
    } else {
      BigBinary x = BigBinary.ofFloat80(aSig, aSe), y = BigBinary.ofFloat80(bSig, bSe);
      v = atan(y.abs().divide(x.abs()));
      if (nx) v = PI.subtract(v);
    }
    if (ny) v = v.negate();
    v.round(u);
  }
}
