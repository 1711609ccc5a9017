package blink.x86.fp;

/**
 * Software x87 double-extended arithmetic (Intel SDM Vol. 1 §4.2, §4.8, §8): the
 * rounding unit every x87 instruction goes through. One instance per FPU; it holds
 * the rounding settings taken from the control word and receives each result and
 * the exceptions it raised, so nothing is allocated per operation.
 *
 * <pre>
 *  79  78        64  63  62                                        0
 * +---+------------+---+--------------------------------------------+
 * | S |  exponent  | J |                 fraction                   |
 * +---+------------+---+--------------------------------------------+
 *   se: sign << 15 | exponent (int)     sig: J at bit 63 (long)
 * </pre>
 *
 * J is the explicit integer bit. Exponent 0 with J clear is a denormal (with J set,
 * a pseudo-denormal: accepted, raises DE); exponent 0x7FFF with J set is an infinity
 * (fraction 0) or a NaN (bit 62 set: quiet); any other encoding without J (unnormal,
 * pseudo-NaN, pseudo-infinity) is unsupported and raises IE (SDM Vol. 1 §8.2.2).
 *
 * <p>Protocol: callers clear {@link #flags} and {@link #c1} (see {@link #clear}),
 * call one operation, then read {@link #sig}/{@link #se} and the flags. Operations
 * are exact up to a final rounding done by {@link #round}, which applies the
 * rounding control (RC), the precision control (PC: 24, 53 or 64 significant bits;
 * PC narrows the significand only, never the exponent range), denormalisation with
 * tininess detected after rounding (as the hardware does), and the masked or
 * bias-adjusted overflow/underflow responses.
 */
public final class Float80 {
  /** Exception flags, at their x87 status word (and MXCSR) bit positions. */
  public static final int IE = 1, DE = 2, ZE = 4, OE = 8, UE = 16, PE = 32;
  public static final int RC_NEAREST = 0, RC_DOWN = 1, RC_UP = 2, RC_ZERO = 3;
  public static final int SIGN = 0x8000, EXP = 0x7fff, BIAS = 16383;
  /** The explicit integer bit and the quiet bit of the significand. */
  public static final long J = Long.MIN_VALUE, QUIET = 1L << 62;
  /** The real indefinite, the default QNaN of invalid operations: 0xFFFF C000000000000000. */
  public static final int INDEFINITE_SE = 0xffff;
  public static final long INDEFINITE_SIG = 0xC000_0000_0000_0000L;
  /** Added to (underflow) or subtracted from (overflow) the exponent of a result whose
   *  exception is unmasked and which goes to a register (SDM Vol. 1 §8.5.4, §8.5.5). */
  static final int BIAS_ADJUST = 24576;

  /** Operand classes (see {@link #classify}). */
  public static final int ZERO = 0, NORMAL = 1, DENORMAL = 2, INFINITY = 3, QNAN = 4, SNAN = 5, UNSUPPORTED = 6;

  /** Rounding control, significand bits kept by PC, exception masks (control word bits 0-5). */
  public int rc = RC_NEAREST, pc = 64, masks = 0x3f;
  /** Exceptions raised by the operations since {@link #clear}. */
  public int flags;
  /** Whether the last rounding incremented the significand (status word C1). */
  public boolean c1;
  /** The result: significand and sign+exponent. */
  public long sig;
  public int se;
  /** Set by a conversion from a memory format whose operand was denormal there; the
   *  next arithmetic operation reports it as DE (unless a NaN or #Z takes precedence). */
  public boolean memDenormal;

  /** Scratch results of the 128-bit helpers (no allocation on the fast paths). */
  long rem;
  /** Exponent of the last {@link #round} result (biased, extended range). */
  int exp;
  boolean inexact;

  /** Applies an x87 control word: RC, PC (00 = 24, 10 = 53, 11 and the reserved 01 = 64 bits), masks. */
  public void setControl(int cw) {
    rc = (cw >> 10) & 3;
    int p = (cw >> 8) & 3;
    pc = p == 0 ? 24 : p == 2 ? 53 : 64;
    masks = cw & 0x3f;
  }

  public void clear() {
    flags = 0;
    c1 = false;
    memDenormal = false;
  }

  public void set(long s, int e) {
    sig = s;
    se = e;
  }

  // ---------------------------------------------------------------- classification

  public static int classify(long sig, int se) {
    int e = se & EXP;
    if (e == 0) return sig == 0 ? ZERO : DENORMAL;
    if (e == EXP) {
      if (sig >= 0) return UNSUPPORTED;
      if ((sig << 1) == 0) return INFINITY;
      return (sig & QUIET) != 0 ? QNAN : SNAN;
    }
    return sig < 0 ? NORMAL : UNSUPPORTED;
  }

  /** Whether (sig, se) is a normal finite number, the fast-path case. */
  static boolean normal(long sig, int se) {
    int e = se & EXP;
    return sig < 0 && e != 0 && e != EXP;
  }

  static boolean isNaN(int cls) {
    return cls == QNAN || cls == SNAN;
  }

  /** The exponent a finite nonzero operand has once its significand is normalised (may be below 1). */
  static int normExp(long sig, int se) {
    int e = se & EXP;
    return e != 0 ? e : 1 - Long.numberOfLeadingZeros(sig);
  }

  /** The significand with J set (finite nonzero operands). */
  static long normSig(long sig) {
    return sig << Long.numberOfLeadingZeros(sig);
  }

  // ---------------------------------------------------------------- special results

  /** Invalid operation: IE and the real indefinite. */
  public void invalid() {
    flags |= IE;
    sig = INDEFINITE_SIG;
    se = INDEFINITE_SE;
  }

  /**
   * The result of an operation with a NaN or unsupported operand (SDM Vol. 1 Table 4-7,
   * x87 column): an unsupported operand gives the indefinite; an SNaN raises IE and is
   * quieted; of two NaNs a QNaN beats an SNaN, else the larger significand wins, and of
   * equal significands the positive one. Returns false if neither operand is special
   * in this way.
   */
  boolean nanOperands(long aSig, int aSe, int ca, long bSig, int bSe, int cb) {
    if (ca == UNSUPPORTED || cb == UNSUPPORTED) {
      invalid();
      return true;
    }
    boolean an = isNaN(ca), bn = isNaN(cb);
    if (!an && !bn) return false;
    if (ca == SNAN || cb == SNAN) flags |= IE;
    boolean pickA;
    if (an && bn) {
      if (ca != cb) pickA = ca == QNAN;
      else if (aSig != bSig) pickA = Long.compareUnsigned(aSig, bSig) > 0;
      else pickA = (aSe & SIGN) == 0;
    } else {
      pickA = an;
    }
    sig = (pickA ? aSig : bSig) | QUIET;
    se = pickA ? aSe : bSe;
    return true;
  }

  /** One-operand NaN/unsupported handling; returns false for other operands. */
  boolean nanOperand(long aSig, int aSe, int ca) {
    if (ca == UNSUPPORTED) {
      invalid();
      return true;
    }
    if (!isNaN(ca)) return false;
    if (ca == SNAN) flags |= IE;
    sig = aSig | QUIET;
    se = aSe;
    return true;
  }

  void zero(boolean neg) {
    sig = 0;
    se = neg ? SIGN : 0;
  }

  void infinity(boolean neg) {
    sig = J;
    se = neg ? SIGN | EXP : EXP;
  }

  // ---------------------------------------------------------------- rounding

  /**
   * Decides the rounding of hi (with lo as the bits below it) at bit position drop
   * (the lowest kept bit of hi is 1 << drop); sets {@link #inexact}. Returns whether to
   * add one unit in the last kept place.
   */
  boolean increment(boolean neg, long hi, long lo, int drop) {
    boolean half, rest, lsb;
    if (drop == 0) {
      half = lo < 0;
      rest = (lo << 1) != 0;
      lsb = (hi & 1) != 0;
    } else {
      long h = 1L << (drop - 1);
      half = (hi & h) != 0;
      rest = (hi & (h - 1)) != 0 || lo != 0;
      lsb = drop < 64 && (hi & (h << 1)) != 0;
    }
    inexact = half | rest;
    switch (rc) {
      case RC_NEAREST: return half && (rest || lsb);
      case RC_DOWN: return neg && inexact;
      case RC_UP: return !neg && inexact;
      default: return false;
    }
  }

  /**
   * Rounds (hi:lo) × 2^(e − BIAS − 63), hi normalised (J set), to p significant bits
   * within the biased exponent range [eMin, eMax]. The result goes to {@link #sig}
   * (J clear for a denormal, whose exponent is eMin) and {@link #exp} (EXP for an
   * infinity). Raises PE, UE (masked: tiny and inexact; tininess after rounding, SDM
   * Vol. 1 §4.9.1.5) and OE. With adjust (a register destination), an unmasked
   * overflow or underflow delivers the rounded significand with the exponent wrapped
   * by {@link #BIAS_ADJUST} instead (SDM Vol. 1 §8.5.4-5).
   */
  void round(boolean neg, int e, long hi, long lo, int p, int eMin, int eMax, boolean adjust) {
    int drop = 64 - p;
    boolean tiny = false;
    if (e < eMin) {
      // Tiny unless rounding to p bits with an unbounded exponent carries up to eMin.
      tiny = e < eMin - 1 || (hi | lowMask(drop)) != -1L || !increment(neg, hi, lo, drop);
      if (tiny && (masks & UE) == 0) {
        // Unmasked, underflow is signalled on tininess alone (SDM Vol. 1 §4.9.1.5).
        flags |= UE;
        if (adjust) {
          if (e + BIAS_ADJUST < eMin) {
            // Too tiny even for the bias adjustment (only FSCALE gets there): a zero.
            flags |= PE;
            c1 = false;
            sig = 0;
            exp = 0;
            return;
          }
          roundAt(neg, e, hi, lo, drop);
          exp += BIAS_ADJUST;
          if (inexact) flags |= PE;
          return;
        }
      }
      int n = eMin - e;
      if (n < 64) {
        lo = hi << (64 - n) | lo >>> n | ((lo << (64 - n)) != 0 ? 1 : 0);
        hi >>>= n;
      } else if (n == 64) {
        lo = hi | (lo != 0 ? 1 : 0);
        hi = 0;
      } else if (n < 128) {
        lo = hi >>> (n - 64) | (((hi << (128 - n)) | lo) != 0 ? 1 : 0);
        hi = 0;
      } else {
        lo = (hi | lo) != 0 ? 1 : 0;
        hi = 0;
      }
      e = eMin;
    }
    roundAt(neg, e, hi, lo, drop);
    if (inexact) flags |= tiny ? UE | PE : PE;
    if (exp > eMax) {
      if (adjust && (masks & OE) == 0) {
        if (exp - BIAS_ADJUST > eMax) {
          // Too large even for the bias adjustment (only FSCALE gets there): an infinity.
          flags |= OE | PE;
          c1 = true;
          sig = J;
          exp = EXP;
          return;
        }
        exp -= BIAS_ADJUST;
        flags |= inexact ? OE | PE : OE;
        return;
      }
      // Masked overflow (SDM Vol. 1 §4.9.1.4): infinity, or the largest finite
      // number when rounding toward zero or away from the result's sign.
      flags |= OE | PE;
      boolean toInfinity = rc == RC_NEAREST || (rc == RC_UP && !neg) || (rc == RC_DOWN && neg);
      c1 = toInfinity;
      if (toInfinity) {
        sig = J;
        exp = EXP;
      } else {
        sig = ~lowMask(drop);
        exp = eMax;
      }
    }
  }

  private static long lowMask(int drop) {
    return drop == 0 ? 0 : drop >= 64 ? -1L : (1L << drop) - 1;
  }

  /** Rounds hi at bit drop into {@link #sig}/{@link #exp}, carrying into the exponent; sets {@link #c1}. */
  private void roundAt(boolean neg, int e, long hi, long lo, int drop) {
    boolean inc = increment(neg, hi, lo, drop);
    hi &= ~lowMask(drop);
    if (inc) {
      hi += 1L << drop;
      if (hi == 0) { // carried out of bit 63: 1.111…1 became 10.000…0
        hi = J;
        e++;
      }
    }
    c1 = inc;
    sig = hi;
    exp = e;
  }

  /** Rounds to the extended format with precision p into {@link #sig}/{@link #se}. */
  void roundExtended(boolean neg, int e, long hi, long lo, int p) {
    round(neg, e, hi, lo, p, 1, EXP - 1, true);
    int field = sig < 0 ? exp & EXP : 0; // a denormal or zero result has exponent field 0
    se = (neg ? SIGN : 0) | field;
  }

  // ---------------------------------------------------------------- arithmetic

  /** a + b, or a − b when subtract (FADD, FSUB, FSUBR, FIADD …), rounded to PC. */
  public void add(long aSig, int aSe, long bSig, int bSe, boolean subtract) {
    boolean na = (aSe & SIGN) != 0, nb = ((bSe & SIGN) != 0) ^ subtract;
    int ea, eb;
    long ma, mb;
    if (normal(aSig, aSe) && normal(bSig, bSe) && !memDenormal) {
      ea = aSe & EXP;
      eb = bSe & EXP;
      ma = aSig;
      mb = bSig;
    } else {
      int ca = classify(aSig, aSe), cb = classify(bSig, bSe);
      if (nanOperands(aSig, aSe, ca, bSig, bSe, cb)) return;
      if (ca == INFINITY || cb == INFINITY) {
        if (ca == INFINITY && cb == INFINITY && na != nb) {
          invalid();
          return;
        }
        if (ca == DENORMAL || cb == DENORMAL || memDenormal) flags |= DE;
        infinity(ca == INFINITY ? na : nb);
        return;
      }
      if (ca == DENORMAL || cb == DENORMAL || memDenormal) flags |= DE;
      if (ca == ZERO && cb == ZERO) {
        // Exact zero sums: +0 unless both are -0, or -0 when rounding down (IEEE 754 §6.3).
        zero(na == nb ? na : rc == RC_DOWN);
        return;
      }
      if (ca == ZERO) {
        roundExtended(nb, normExp(bSig, bSe), normSig(bSig), 0, pc);
        return;
      }
      if (cb == ZERO) {
        roundExtended(na, normExp(aSig, aSe), normSig(aSig), 0, pc);
        return;
      }
      ea = normExp(aSig, aSe);
      eb = normExp(bSig, bSe);
      ma = normSig(aSig);
      mb = normSig(bSig);
    }
    if (ea < eb || (ea == eb && Long.compareUnsigned(ma, mb) < 0)) {
      int te = ea; ea = eb; eb = te;
      long tm = ma; ma = mb; mb = tm;
      boolean tn = na; na = nb; nb = tn;
    }
    // Align b to a in 128 bits, jamming what falls off into the lowest bit.
    int d = ea - eb;
    long bh, bl;
    if (d == 0) {
      bh = mb;
      bl = 0;
    } else if (d < 64) {
      bh = mb >>> d;
      bl = mb << (64 - d);
    } else if (d < 128) {
      bh = 0;
      bl = (d == 64 ? mb : mb >>> (d - 64)) | (d > 64 && (mb << (128 - d)) != 0 ? 1 : 0);
    } else {
      bh = 0;
      bl = 1;
    }
    if (na == nb) {
      long h = ma + bh;
      long l = bl;
      if (Long.compareUnsigned(h, ma) < 0) { // carry: shift right one, keeping the lost bit sticky
        l = h << 63 | l >>> 1 | (l & 1);
        h = h >>> 1 | J;
        ea++;
      }
      roundExtended(na, ea, h, l, pc);
    } else {
      long l = -bl;
      long h = ma - bh - (bl != 0 ? 1 : 0);
      if (h == 0 && l == 0) {
        zero(rc == RC_DOWN);
        return;
      }
      int s = h != 0 ? Long.numberOfLeadingZeros(h) : 64 + Long.numberOfLeadingZeros(l);
      if (s >= 64) {
        h = l << (s - 64);
        l = 0;
      } else if (s > 0) {
        h = h << s | l >>> (64 - s);
        l <<= s;
      }
      roundExtended(na, ea - s, h, l, pc);
    }
  }

  /** a × b (FMUL, FIMUL), rounded to PC. */
  public void mul(long aSig, int aSe, long bSig, int bSe) {
    boolean neg = ((aSe ^ bSe) & SIGN) != 0;
    int ea, eb;
    long ma, mb;
    if (normal(aSig, aSe) && normal(bSig, bSe) && !memDenormal) {
      ea = aSe & EXP;
      eb = bSe & EXP;
      ma = aSig;
      mb = bSig;
    } else {
      int ca = classify(aSig, aSe), cb = classify(bSig, bSe);
      if (nanOperands(aSig, aSe, ca, bSig, bSe, cb)) return;
      if ((ca == INFINITY && cb == ZERO) || (ca == ZERO && cb == INFINITY)) {
        invalid();
        return;
      }
      if (ca == DENORMAL || cb == DENORMAL || memDenormal) flags |= DE;
      if (ca == INFINITY || cb == INFINITY) {
        infinity(neg);
        return;
      }
      if (ca == ZERO || cb == ZERO) {
        zero(neg);
        return;
      }
      ea = normExp(aSig, aSe);
      eb = normExp(bSig, bSe);
      ma = normSig(aSig);
      mb = normSig(bSig);
    }
    long hi = Math.unsignedMultiplyHigh(ma, mb);
    long lo = ma * mb;
    int e = ea + eb - BIAS + 1;
    if (hi >= 0) { // product in [2^126, 2^127): normalise
      hi = hi << 1 | lo >>> 63;
      lo <<= 1;
      e--;
    }
    roundExtended(neg, e, hi, lo, pc);
  }

  /** a ÷ b (FDIV, FDIVR, FIDIV …), rounded to PC. */
  public void div(long aSig, int aSe, long bSig, int bSe) {
    boolean neg = ((aSe ^ bSe) & SIGN) != 0;
    int ea, eb;
    long ma, mb;
    if (normal(aSig, aSe) && normal(bSig, bSe) && !memDenormal) {
      ea = aSe & EXP;
      eb = bSe & EXP;
      ma = aSig;
      mb = bSig;
    } else {
      int ca = classify(aSig, aSe), cb = classify(bSig, bSe);
      if (nanOperands(aSig, aSe, ca, bSig, bSe, cb)) return;
      if ((ca == INFINITY && cb == INFINITY) || (ca == ZERO && cb == ZERO)) {
        invalid();
        return;
      }
      if (ca == INFINITY) { // ∞ ÷ 0 is just ∞: #Z is for finite dividends
        if (cb == DENORMAL || memDenormal) flags |= DE;
        infinity(neg);
        return;
      }
      if (cb == ZERO) { // #Z outranks the denormal-operand exception (SDM Vol. 1 §4.9.2)
        flags |= ZE;
        infinity(neg);
        return;
      }
      if (ca == DENORMAL || cb == DENORMAL || memDenormal) flags |= DE;
      if (ca == ZERO || cb == INFINITY) {
        zero(neg);
        return;
      }
      ea = normExp(aSig, aSe);
      eb = normExp(bSig, bSe);
      ma = normSig(aSig);
      mb = normSig(bSig);
    }
    // Quotient of the significands as 64 bits with J set, then 64 more for rounding.
    int e;
    long q;
    if (Long.compareUnsigned(ma, mb) >= 0) {
      q = divlu(ma >>> 1, ma << 63, mb);
      e = ea - eb + BIAS;
    } else {
      q = divlu(ma, 0, mb);
      e = ea - eb + BIAS - 1;
    }
    long r = rem;
    long lo = r == 0 ? 0 : divlu(r, 0, mb) | (rem != 0 ? 1 : 0);
    roundExtended(neg, e, q, lo, pc);
  }

  /**
   * (u1:u0) ÷ v for u1 &lt; v with v normalised (bit 63 set): schoolbook division in
   * two 32-bit digits, each estimated from the top digits and corrected at most twice
   * (Knuth, TAOCP Vol. 2 §4.3.1, algorithm D). The remainder goes to {@link #rem}.
   */
  long divlu(long u1, long u0, long v) {
    long v1 = v >>> 32, v0 = v & 0xffffffffL;
    long u0h = u0 >>> 32, u0l = u0 & 0xffffffffL;
    long q1 = Long.divideUnsigned(u1, v1);
    long r = u1 - q1 * v1;
    while ((q1 >>> 32) != 0 || Long.compareUnsigned(q1 * v0, r << 32 | u0h) > 0) {
      q1--;
      r += v1;
      if ((r >>> 32) != 0) break;
    }
    long u21 = (u1 << 32 | u0h) - q1 * v; // exact: the true difference is below v
    long q0 = Long.divideUnsigned(u21, v1);
    r = u21 - q0 * v1;
    while ((q0 >>> 32) != 0 || Long.compareUnsigned(q0 * v0, r << 32 | u0l) > 0) {
      q0--;
      r += v1;
      if ((r >>> 32) != 0) break;
    }
    rem = (u21 << 32 | u0l) - q0 * v;
    return q1 << 32 | q0;
  }

  /** √a (FSQRT), rounded to PC. */
  public void sqrt(long aSig, int aSe) {
    boolean neg = (aSe & SIGN) != 0;
    int ea;
    long ma;
    if (normal(aSig, aSe) && !neg) {
      ea = aSe & EXP;
      ma = aSig;
    } else {
      int ca = classify(aSig, aSe);
      if (nanOperand(aSig, aSe, ca)) return;
      if (ca == ZERO) {
        zero(neg);
        return;
      }
      if (neg) {
        invalid();
        return;
      }
      if (ca == INFINITY) {
        infinity(false);
        return;
      }
      flags |= DE;
      ea = normExp(aSig, aSe);
      ma = normSig(aSig);
    }
    // a = ma × 2^(k−63); with N = ma × 2^63 (k even) or ma × 2^64 (k odd),
    // √a = √N × 2^((k >> 1) − 63) and √N lies in [2^63, 2^64).
    int k = ea - BIAS;
    long nh, nl;
    if ((k & 1) != 0) {
      nh = ma;
      nl = 0;
    } else {
      nh = ma >>> 1;
      nl = ma << 63;
    }
    long s = isqrt(nh, nl);
    long sh = Math.unsignedMultiplyHigh(s, s), sl = s * s;
    long rl = nl - sl;
    long rh = nh - sh - (Long.compareUnsigned(nl, sl) < 0 ? 1 : 0);
    // The root's next bit is 1 iff N − s² > s; a root is never exactly halfway.
    boolean half = rh != 0 || Long.compareUnsigned(rl, s) > 0;
    long lo = half ? J | 1 : (rh | rl) != 0 ? 1 : 0;
    roundExtended(false, (k >> 1) + BIAS, s, lo, pc);
  }

  /** ⌊√N⌋ for N = (nh:nl) in [2^126, 2^128): a double estimate above the root, one Newton step, a final check. */
  long isqrt(long nh, long nl) {
    if (nh == -1L) return -1L; // N ≥ (2^64 − 1) × 2^64: the root is 2^64 − 1, and the division below would overflow
    double root = Math.sqrt((double) (nh >>> 1) * 0x1p65);
    long x;
    if (root >= 0x1p64) {
      x = -1L;
    } else {
      x = (long) (root * 0.5) << 1;
      x += 1L << 16; // the estimate is within 2^12: now it is above the root
      if (Long.compareUnsigned(x, 1L << 16) < 0) x = -1L;
    }
    long q = divlu(nh, nl, x); // nh < x because N < x² ≤ x × 2^64
    long y = (x >>> 1) + (q >>> 1) + (x & q & 1);
    for (;;) {
      long yh = Math.unsignedMultiplyHigh(y, y), yl = y * y;
      int c = Long.compareUnsigned(yh, nh);
      if (c < 0 || (c == 0 && Long.compareUnsigned(yl, nl) <= 0)) return y;
      y--;
    }
  }
}
