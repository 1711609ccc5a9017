package blink.x86.fp;

import java.math.BigInteger;

/**
 * A binary floating-point number of arbitrary precision, m × 2^e with a signed
 * BigInteger m, for the slow paths of the transcendental instructions. Products
 * and quotients keep {@link #PRECISION} bits, truncating magnitudes; sums are
 * exact. Immutable.
 */
final class BigBinary {
  /** Working precision in bits: far beyond the 64 the results are rounded to. */
  static final int PRECISION = 224;

  final BigInteger m;
  final int e;

  static final BigBinary ZERO = new BigBinary(BigInteger.ZERO, 0);
  static final BigBinary ONE = new BigBinary(BigInteger.ONE, 0);

  BigBinary(BigInteger m, int e) {
    this.m = m;
    this.e = e;
  }

  static BigBinary of(long v) {
    return new BigBinary(BigInteger.valueOf(v), 0);
  }

  /** The exact value of an extended (finite) number. */
  static BigBinary ofFloat80(long sig, int se) {
    BigInteger m = new BigInteger(Long.toUnsignedString(sig));
    if ((se & Float80.SIGN) != 0) m = m.negate();
    int field = se & Float80.EXP;
    return new BigBinary(m, (field == 0 ? 1 : field) - Float80.BIAS - 63);
  }

  int signum() {
    return m.signum();
  }

  boolean isZero() {
    return m.signum() == 0;
  }

  /** floor(log2 |x|) for x ≠ 0. */
  int magnitude() {
    return m.abs().bitLength() - 1 + e;
  }

  /** Truncates the magnitude to PRECISION bits. */
  private static BigBinary trim(BigInteger m, int e) {
    int excess = m.abs().bitLength() - PRECISION;
    if (excess <= 0) return new BigBinary(m, e);
    BigInteger t = m.signum() < 0 ? m.negate().shiftRight(excess).negate() : m.shiftRight(excess);
    return new BigBinary(t, e + excess);
  }

  BigBinary negate() {
    return new BigBinary(m.negate(), e);
  }

  BigBinary abs() {
    return m.signum() < 0 ? negate() : this;
  }

  BigBinary shift(int n) {
    return new BigBinary(m, e + n);
  }

  BigBinary add(BigBinary o) {
    if (o.isZero()) return this;
    if (isZero()) return o;
    // Far below the precision of the larger term, the smaller only matters as a
    // nudge: keep it as one unit a long way down (but within the working precision,
    // so that it survives and says which way the sum leans) instead of aligning exactly.
    int gap = PRECISION - 16;
    if (o.magnitude() < magnitude() - gap) return add(new BigBinary(BigInteger.valueOf(o.signum()), magnitude() - gap));
    if (magnitude() < o.magnitude() - gap) return o.add(this);
    int k = Math.min(e, o.e);
    BigInteger sum = m.shiftLeft(e - k).add(o.m.shiftLeft(o.e - k));
    return trim(sum, k);
  }

  BigBinary subtract(BigBinary o) {
    return add(o.negate());
  }

  BigBinary multiply(BigBinary o) {
    return trim(m.multiply(o.m), e + o.e);
  }

  BigBinary divide(BigBinary o) {
    int s = PRECISION + o.m.bitLength() - m.bitLength() + 2;
    BigInteger q = (s >= 0 ? m.shiftLeft(s) : m.shiftRight(-s)).divide(o.m);
    return trim(q, e - s - o.e);
  }

  BigBinary divide(long v) {
    return divide(of(v));
  }

  BigBinary sqrt() {
    int s = 2 * PRECISION - m.bitLength() + 2;
    if (((e - s) & 1) != 0) s++;
    return trim(m.shiftLeft(s).sqrt(), (e - s) / 2);
  }

  /** The integer nearest x (ties away from zero), exactly. */
  BigInteger roundToInteger() {
    if (e >= 0) return m.shiftLeft(e);
    BigInteger half = BigInteger.ONE.shiftLeft(-e - 1);
    BigInteger a = m.abs().add(half).shiftRight(-e);
    return m.signum() < 0 ? a.negate() : a;
  }

  /**
   * Rounds to extended into the unit (RC applies, PC does not): the result is taken
   * as inexact, as every transcendental value but the special cases is irrational.
   */
  void round(Float80 u) {
    round(u, true);
  }

  /** Rounds to extended; approximate says the true value lies a little beyond these bits. */
  void round(Float80 u, boolean approximate) {
    if (isZero()) {
      u.set(0, 0);
      return;
    }
    BigInteger a = m.abs();
    int len = a.bitLength();
    BigInteger top = len >= 128 ? a.shiftRight(len - 128) : a.shiftLeft(128 - len);
    long hi = top.shiftRight(64).longValue();
    long lo = top.longValue();
    if (approximate || (len > 128 && a.getLowestSetBit() < len - 128)) lo |= 1; // sticky
    u.roundExtended(m.signum() < 0, e + len - 1 + Float80.BIAS, hi, lo, 64);
  }
}
