package blink.x86.fp;

import static blink.x86.fp.Float80.*;

/**
 * The x87 operations on exponents and exact remainders: FSCALE, FXTRACT's parts,
 * FPREM and FPREM1 (SDM Vol. 2A). None of them is affected by PC; FSCALE rounds
 * only when its result leaves the normal range, and remainders are always exact.
 */
public final class Float80Scale {
  private Float80Scale() {}

  /** Condition code bits as they sit in the x87 status word. */
  public static final int C0 = 0x100, C1 = 0x200, C2 = 0x400, C3 = 0x4000;
  /** {@link #remainder}'s answer for a NaN or invalid operand: C0 and C3 stay, C1 and C2 clear (measured). */
  public static final int KEEP_C0_C3 = -1;

  /** FSCALE: a × 2^trunc(b) into the unit (SDM Vol. 2A "FSCALE", Table 3-44). */
  public static void scale(Float80 u, long aSig, int aSe, long bSig, int bSe) {
    int ca = classify(aSig, aSe), cb = classify(bSig, bSe);
    if (u.nanOperands(aSig, aSe, ca, bSig, bSe, cb)) return;
    boolean na = (aSe & SIGN) != 0, nb = (bSe & SIGN) != 0;
    if (cb == INFINITY) {
      // 0 × 2^+∞ and ∞ × 2^-∞ are invalid; otherwise the result is ∞ or 0.
      if (!nb ? ca == ZERO : ca == INFINITY) {
        u.invalid();
        return;
      }
      if (ca == DENORMAL) u.flags |= DE;
      if (!nb) u.infinity(na);
      else u.zero(na);
      return;
    }
    if (ca == DENORMAL || cb == DENORMAL) u.flags |= DE;
    if (ca == ZERO || ca == INFINITY) {
      u.set(aSig, aSe);
      return;
    }
    int n = 0;
    if (cb != ZERO) {
      int k = normExp(bSig, bSe) - BIAS;
      if (k >= 30) n = 1 << 30; // far beyond any exponent: saturate (no int overflow), the rounding does the rest
      else if (k >= 0) n = (int) (normSig(bSig) >>> (63 - k));
      if (nb) n = -n;
    }
    u.roundExtended(na, normExp(aSig, aSe) + n, normSig(aSig), 0, 64);
  }

  /**
   * FPREM (ieee false: quotient truncated) and FPREM1 (ieee true: quotient rounded to
   * nearest even): the remainder of a ÷ b into the unit. Returns the condition codes:
   * C2 set for a partial remainder (exponent difference 64 or more; the difference is
   * reduced to a multiple of 32 with a truncated quotient, as the hardware this was
   * measured on does, and the caller repeats), else C0, C3, C1 = quotient bits 2, 1, 0;
   * {@link #KEEP_C0_C3} when there is no quotient (a NaN or invalid operand).
   */
  public static int remainder(Float80 u, long aSig, int aSe, long bSig, int bSe, boolean ieee) {
    int ca = classify(aSig, aSe), cb = classify(bSig, bSe);
    if (u.nanOperands(aSig, aSe, ca, bSig, bSe, cb)) return KEEP_C0_C3;
    if (ca == INFINITY || cb == ZERO) {
      u.invalid();
      return KEEP_C0_C3;
    }
    if (ca == DENORMAL || cb == DENORMAL) u.flags |= DE;
    if (ca == ZERO || cb == INFINITY) {
      // a itself; a pseudo-denormal comes back in its normal encoding (exponent 1)
      u.set(aSig, aSig < 0 && (aSe & EXP) == 0 ? aSe | 1 : aSe);
      return 0;
    }
    boolean na = (aSe & SIGN) != 0;
    int ea = normExp(aSig, aSe), eb = normExp(bSig, bSe);
    long ma = normSig(aSig), mb = normSig(bSig);
    int d = ea - eb;
    if (d < 0) {
      // |a| < |b|: the truncated quotient is 0; the rounded one is 1 when |a| > |b|/2.
      if (ieee && d == -1 && Long.compareUnsigned(ma, mb) > 0) {
        // |b| − |a| in units of a's last place: below mb, so 64 bits hold it exactly.
        long r = (mb << 1) - ma;
        int s = Long.numberOfLeadingZeros(r);
        u.roundExtended(!na, ea - s, r << s, 0, 64);
        return C1; // quotient 1
      }
      u.roundExtended(na, ea, ma, 0, 64);
      return 0;
    }
    boolean partial = d >= 64;
    int steps = partial ? 32 + ((d - 32) & 31) : d;
    // Long division of ma × 2^steps by mb, one quotient bit at a time.
    long r = ma, q = 0;
    for (int k = 0; k <= steps; k++) {
      boolean carry = false;
      if (k > 0) {
        carry = r < 0;
        r <<= 1;
      }
      if (carry || Long.compareUnsigned(r, mb) >= 0) {
        r -= mb;
        q = q << 1 | 1;
      } else {
        q <<= 1;
      }
    }
    int rexp = eb + (d - steps); // r is in units of the last place of b × 2^(d − steps)
    boolean neg = na;
    if (ieee && !partial && r != 0) {
      long other = mb - r; // the remainder taken from the next quotient up
      int c = Long.compareUnsigned(r, other);
      if (c > 0 || (c == 0 && (q & 1) != 0)) {
        r = other;
        q++;
        neg = !neg;
      }
    }
    if (r == 0) {
      u.zero(na);
    } else {
      int s = Long.numberOfLeadingZeros(r);
      u.roundExtended(neg, rexp - s, r << s, 0, 64);
    }
    if (partial) return C2;
    return ((q & 4) != 0 ? C0 : 0) | ((q & 2) != 0 ? C3 : 0) | ((q & 1) != 0 ? C1 : 0);
  }
}
