package blink.x86.fp;

import static blink.x86.fp.Float80.*;

/** Ordered and unordered comparison of double-extended values (SDM Vol. 1 §8.1.4, §4.9.1.1). */
public final class Float80Compare {
  private Float80Compare() {}

  public static final int LESS = 0, EQUAL = 1, GREATER = 2, UNORDERED = 3;

  /**
   * Compares a with b (FCOM, FUCOM, FCOMI, FTST …). An SNaN or unsupported operand
   * raises IE; a QNaN raises IE only when quietSignals is false (the ordered
   * compares). Denormals raise DE. ±0 compare equal.
   */
  public static int compare(Float80 u, long aSig, int aSe, long bSig, int bSe, boolean quietSignals) {
    int ca = classify(aSig, aSe), cb = classify(bSig, bSe);
    if (ca == UNSUPPORTED || cb == UNSUPPORTED || ca == SNAN || cb == SNAN) {
      u.flags |= IE;
      return UNORDERED;
    }
    if (ca == QNAN || cb == QNAN) {
      if (!quietSignals) u.flags |= IE;
      return UNORDERED;
    }
    if (ca == DENORMAL || cb == DENORMAL || u.memDenormal) u.flags |= DE;
    boolean na = (aSe & SIGN) != 0, nb = (bSe & SIGN) != 0;
    if (ca == ZERO && cb == ZERO) return EQUAL;
    if (ca == ZERO) return nb ? GREATER : LESS;
    if (cb == ZERO) return na ? LESS : GREATER;
    if (na != nb) return na ? LESS : GREATER;
    int mag;
    if (ca == INFINITY || cb == INFINITY) {
      mag = ca == cb ? 0 : ca == INFINITY ? 1 : -1;
    } else {
      int ea = normExp(aSig, aSe), eb = normExp(bSig, bSe);
      mag = ea != eb ? Integer.compare(ea, eb) : Long.compareUnsigned(normSig(aSig), normSig(bSig));
    }
    if (mag == 0) return EQUAL;
    return (mag > 0) != na ? GREATER : LESS;
  }
}
