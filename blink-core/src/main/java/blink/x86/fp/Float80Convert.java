package blink.x86.fp;

import static blink.x86.fp.Float80.*;

/**
 * Conversions between double extended and the other formats the x87 reads and
 * writes (SDM Vol. 1 §4.2, §4.7, §8.2): single and double precision, two's
 * complement integers of 16, 32 and 64 bits, 18-digit packed BCD; and rounding to
 * an integral value (FRNDINT). Results and exceptions go to the {@link Float80} unit.
 *
 * <p>Loads are exact. Stores round by RC (never PC) into the destination's own
 * precision and exponent range; stores do not report DE (only the arithmetic does).
 */
public final class Float80Convert {
  private Float80Convert() {}

  // ---------------------------------------------------------------- loads

  /**
   * float32 to extended into u.sig/u.se, exactly. An SNaN stays signalling (whoever
   * consumes it raises IE); a denormal sets {@link Float80#memDenormal}.
   */
  public static void fromFloat32(Float80 u, int bits) {
    int sign = (bits >>> 31) << 15;
    int e = (bits >>> 23) & 0xff;
    long f = bits & 0x7fffffL;
    if (e == 0) {
      if (f == 0) {
        u.set(0, sign);
        return;
      }
      // f × 2^-149 = (f << s) × 2^(E − BIAS − 63) with E = BIAS + 63 − 149 − s
      int s = Long.numberOfLeadingZeros(f);
      u.memDenormal = true;
      u.set(f << s, sign | (BIAS + 63 - 149 - s));
    } else if (e == 0xff) {
      u.set(J | f << 40, sign | EXP);
    } else {
      u.set(J | f << 40, sign | (e - 127 + BIAS));
    }
  }

  /** float64 to extended into u.sig/u.se, exactly (as {@link #fromFloat32}). */
  public static void fromFloat64(Float80 u, long bits) {
    int sign = (int) (bits >>> 63) << 15;
    int e = (int) (bits >>> 52) & 0x7ff;
    long f = bits & 0xfffffffffffffL;
    if (e == 0) {
      if (f == 0) {
        u.set(0, sign);
        return;
      }
      int s = Long.numberOfLeadingZeros(f);
      u.memDenormal = true;
      u.set(f << s, sign | (BIAS + 63 - 1074 - s));
    } else if (e == 0x7ff) {
      u.set(J | f << 11, sign | EXP);
    } else {
      u.set(J | f << 11, sign | (e - 1023 + BIAS));
    }
  }

  /** A signed integer to extended (FILD, FIADD …), exactly. */
  public static void fromInt(Float80 u, long v) {
    if (v == 0) {
      u.set(0, 0);
      return;
    }
    int sign = v < 0 ? SIGN : 0;
    long m = v < 0 ? -v : v; // Long.MIN_VALUE stays 2^63 read unsigned
    int s = Long.numberOfLeadingZeros(m);
    u.set(m << s, sign | (BIAS + 63 - s));
  }

  /**
   * Packed BCD to extended (FBLD): bytes 0-8 hold 18 digits, two per byte, low nibble
   * less significant; bit 7 of byte 9 is the sign. Nibbles above 9 (undefined
   * encodings) are weighted like digits.
   */
  public static void fromBcd(Float80 u, long low8, int high2) {
    long v = 0;
    for (int k = 8; k >= 0; k--) {
      int b = k == 8 ? high2 & 0xff : (int) (low8 >>> (8 * k)) & 0xff;
      v = v * 100 + (b >>> 4) * 10 + (b & 15);
    }
    fromInt(u, v);
    if ((high2 & 0x8000) != 0) u.se |= SIGN;
  }

  // ---------------------------------------------------------------- stores

  /** Extended to float32 (FST m32): rounds by RC to 24 bits, single exponent range. */
  public static int toFloat32(Float80 u, long sig, int se) {
    int sign = (se & SIGN) << 16;
    switch (classify(sig, se)) {
      case ZERO: return sign;
      case INFINITY: return sign | 0x7f800000;
      case SNAN:
        u.flags |= IE;
        // fall through: the NaN is quieted and its fraction truncated
      case QNAN: return sign | 0x7fc00000 | (int) (sig >>> 40) & 0x7fffff;
      case UNSUPPORTED:
        u.flags |= IE;
        return 0xffc00000;
      default:
        break;
    }
    u.round(sign != 0, normExp(sig, se), normSig(sig), 0, 24, BIAS - 126, BIAS + 127, false);
    if (u.exp == EXP) return sign | 0x7f800000;
    if (u.sig >= 0) return sign | (int) (u.sig >>> 40); // denormal or zero
    return sign | (u.exp - BIAS + 127) << 23 | (int) (u.sig >>> 40) & 0x7fffff;
  }

  /** Extended to float64 (FST m64): rounds by RC to 53 bits, double exponent range. */
  public static long toFloat64(Float80 u, long sig, int se) {
    long sign = (long) (se & SIGN) << 48;
    switch (classify(sig, se)) {
      case ZERO: return sign;
      case INFINITY: return sign | 0x7ff0000000000000L;
      case SNAN:
        u.flags |= IE;
        // fall through
      case QNAN: return sign | 0x7ff8000000000000L | (sig >>> 11) & 0xfffffffffffffL;
      case UNSUPPORTED:
        u.flags |= IE;
        return 0xfff8000000000000L;
      default:
        break;
    }
    u.round(sign != 0, normExp(sig, se), normSig(sig), 0, 53, BIAS - 1022, BIAS + 1023, false);
    if (u.exp == EXP) return sign | 0x7ff0000000000000L;
    if (u.sig >= 0) return sign | u.sig >>> 11;
    return sign | (long) (u.exp - BIAS + 1023) << 52 | (u.sig >>> 11) & 0xfffffffffffffL;
  }

  /**
   * Extended to a signed integer whose magnitude may reach maxPositive (or
   * maxPositive + 1 when negative, as two's complement allows when wrap is set)
   * (FIST, FISTP, FISTTP, FBSTP). Rounds by RC, or toward zero when truncate
   * (FISTTP). A NaN, an infinity or a value out of range raises IE (and nothing
   * else) and returns Long.MIN_VALUE; the caller stores its own indefinite.
   */
  public static long toInt(Float80 u, long sig, int se, long maxPositive, boolean wrap, boolean truncate) {
    int c = classify(sig, se);
    if (c == ZERO) return 0;
    if (c != NORMAL && c != DENORMAL) {
      u.flags |= IE;
      return Long.MIN_VALUE;
    }
    boolean neg = (se & SIGN) != 0;
    int k = normExp(sig, se) - BIAS; // value = m × 2^(k − 63)
    long m = normSig(sig);
    if (k >= 64) {
      u.flags |= IE;
      return Long.MIN_VALUE;
    }
    int savedRc = u.rc;
    if (truncate) u.rc = RC_ZERO;
    long mag;
    boolean inc;
    if (k < 0) {
      // |value| < 1: the whole significand is fraction; scale it so bit 63 weighs 1/2.
      int n = -k - 1;
      long frac = n == 0 ? m : n < 64 ? m >>> n | ((m << (64 - n)) != 0 ? 1 : 0) : 1;
      inc = u.increment(neg, 0, frac, 0);
      mag = inc ? 1 : 0;
    } else {
      int drop = 63 - k;
      inc = u.increment(neg, m, 0, drop);
      mag = drop == 0 ? m : m >>> drop;
      if (inc) mag++;
    }
    u.rc = savedRc;
    boolean overflow = (inc && mag == 0)
        || Long.compareUnsigned(mag, maxPositive) > 0 && !(neg && wrap && mag == maxPositive + 1);
    if (overflow) {
      u.flags |= IE;
      return Long.MIN_VALUE;
    }
    if (u.inexact) u.flags |= PE;
    u.c1 = inc;
    return neg ? -mag : mag;
  }

  /** The largest magnitude FBSTP accepts: 18 nines. */
  public static final long BCD_MAX = 999_999_999_999_999_999L;

  /** Extended to packed BCD (FBSTP): the low 8 bytes; the sign byte is {@link #bcdSignByte}. */
  public static long toBcdLow(long magnitude) {
    long r = 0;
    for (int k = 0; k < 16; k++) {
      r |= (magnitude % 10) << (4 * k);
      magnitude /= 10;
    }
    return r;
  }

  /** Byte 8 (digits 17 and 16) and byte 9 (sign) of a BCD value, as a 16-bit word. */
  public static int bcdHigh(long magnitude, boolean negative) {
    long top = magnitude / 10_000_000_000_000_000L; // digits 16 and 17
    int b8 = (int) ((top / 10) << 4 | top % 10);
    return (negative ? 0x8000 : 0) | b8;
  }

  // ---------------------------------------------------------------- FRNDINT

  /** Rounds to an integral value by RC (FRNDINT; PC does not apply): PE if inexact, C1 if rounded up. */
  public static void roundToIntegral(Float80 u, long sig, int se) {
    int c = classify(sig, se);
    if (u.nanOperand(sig, se, c)) return;
    if (c == ZERO || c == INFINITY) {
      u.set(sig, se);
      return;
    }
    if (c == DENORMAL) u.flags |= DE;
    boolean neg = (se & SIGN) != 0;
    int e = normExp(sig, se);
    long m = normSig(sig);
    int k = e - BIAS;
    if (k >= 63) {
      u.set(m, se);
      return;
    }
    boolean inc;
    if (k < 0) {
      int n = -k - 1;
      long frac = n == 0 ? m : n < 64 ? m >>> n | ((m << (64 - n)) != 0 ? 1 : 0) : 1;
      inc = u.increment(neg, 0, frac, 0);
      if (inc) u.set(J, (se & SIGN) | BIAS);
      else u.set(0, se & SIGN);
    } else {
      int drop = 63 - k;
      inc = u.increment(neg, m, 0, drop);
      long r = m & (-1L << drop);
      if (inc) {
        r += 1L << drop;
        if (r == 0) {
          r = J;
          e++;
        }
      }
      u.set(r, (se & SIGN) | e);
    }
    if (u.inexact) u.flags |= PE;
    u.c1 = inc;
  }
}
