package blink.x86.fp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The soft-float core: results worked out by hand from the IEEE 754 / x87 rules
 * (SDM Vol. 1 §4.8, §4.9, §8.5) and values measured on hardware, each written as
 * sign+exponent and significand in hex.
 */
class Float80Test {
  static final long ONE = 0x8000000000000000L;
  static final int CW = 0x037f;

  static Float80 unit(int cw) {
    Float80 u = new Float80();
    u.setControl(cw);
    u.clear();
    return u;
  }

  static void assertResult(Float80 u, int se, long sig, int flags) {
    assertEquals(String.format("%04x:%016x flags %02x", se, sig, flags),
        String.format("%04x:%016x flags %02x", u.se, u.sig, u.flags));
  }

  @Test
  void oneThirdInEveryRoundingMode() {
    // 1/3 = 0.010101…: the 64-bit significand AAAA…AAAA has a remainder of 2/3 ulp.
    Float80 u = unit(CW);
    u.div(ONE, 0x3fff, 0xC000000000000000L, 0x4000);
    assertResult(u, 0x3ffd, 0xAAAAAAAAAAAAAAABL, Float80.PE);
    assertTrue(u.c1, "rounded up");
    for (int rc = 1; rc <= 3; rc++) {
      u = unit(CW | rc << 10);
      u.div(ONE, 0x3fff, 0xC000000000000000L, 0x4000);
      long expected = rc == Float80.RC_UP ? 0xAAAAAAAAAAAAAAABL : 0xAAAAAAAAAAAAAAAAL;
      assertResult(u, 0x3ffd, expected, Float80.PE);
      assertEquals(rc == Float80.RC_UP, u.c1);
    }
    // −1/3 rounded down grows in magnitude: C1 reports the magnitude.
    u = unit(CW | Float80.RC_DOWN << 10);
    u.div(ONE, 0xbfff, 0xC000000000000000L, 0x4000);
    assertResult(u, 0xbffd, 0xAAAAAAAAAAAAAAABL, Float80.PE);
    assertTrue(u.c1);
  }

  @Test
  void precisionControlNarrowsTheSignificandOnly() {
    Float80 u = unit(0x007f); // PC = 24 bits
    u.div(ONE, 0x3fff, 0xC000000000000000L, 0x4000);
    assertResult(u, 0x3ffd, 0xAAAAAB0000000000L, Float80.PE);
    u = unit(0x027f); // PC = 53 bits: the double 0x3FD5555555555555
    u.div(ONE, 0x3fff, 0xC000000000000000L, 0x4000);
    assertResult(u, 0x3ffd, 0xAAAAAAAAAAAAA800L, Float80.PE);
    u = unit(0x017f); // the reserved PC = 01 behaves as 64 bits
    u.div(ONE, 0x3fff, 0xC000000000000000L, 0x4000);
    assertResult(u, 0x3ffd, 0xAAAAAAAAAAAAAAABL, Float80.PE);
    // The exponent range stays extended: 2^-16000 squared underflows only at 64-bit's limit.
    u = unit(0x007f);
    u.mul(ONE, 0x3fff - 8000, ONE, 0x3fff - 8000);
    assertResult(u, 0x3fff - 16000, ONE, 0);
  }

  @Test
  void additionTiesGoToEven() {
    Float80 u = unit(CW);
    u.add(ONE, 0x3fff, ONE, 0x3fbf, false); // 1 + 2^-64: exactly halfway
    assertResult(u, 0x3fff, ONE, Float80.PE);
    assertFalse(u.c1);
    u = unit(CW);
    u.add(ONE, 0x3fff, ONE | 1, 0x3fbf, false); // just above halfway
    assertResult(u, 0x3fff, ONE | 1, Float80.PE);
    u = unit(CW);
    u.add(ONE | 1, 0x3fff, ONE, 0x3fbf, false); // halfway from an odd significand
    assertResult(u, 0x3fff, ONE | 2, Float80.PE);
  }

  @Test
  void exactZeroSumsAndCancellation() {
    Float80 u = unit(CW);
    u.add(ONE, 0x3fff, ONE, 0x3fff, true);
    assertResult(u, 0x0000, 0, 0);
    u = unit(CW | Float80.RC_DOWN << 10);
    u.add(ONE, 0x3fff, ONE, 0x3fff, true);
    assertResult(u, 0x8000, 0, 0);
    u = unit(CW);
    u.add(0, 0x8000, 0, 0x8000, false); // −0 + −0
    assertResult(u, 0x8000, 0, 0);
    // 1 − (1 − 2^-64): massive cancellation, exact
    u = unit(CW);
    u.add(ONE, 0x3fff, 0xFFFFFFFFFFFFFFFFL, 0x3ffe, true);
    assertResult(u, 0x3fff - 64, ONE, 0);
  }

  @Test
  void denormalsAndUnderflow() {
    Float80 u = unit(CW);
    u.mul(ONE, 0x0001, ONE, 0x3ffe); // 2^-16382 × 1/2: an exact denormal, no flag
    assertResult(u, 0x0000, 0x4000000000000000L, 0);
    // (1 + 2^-63)(1 − 2^-63) × 2^-16382: tiny before rounding, not after: no UE (measured).
    u = unit(CW);
    u.mul(ONE | 1, 0x3fff, 0x7FFFFFFFFFFFFFFFL, 0x0000);
    assertResult(u, 0x0001, ONE, Float80.PE | Float80.DE);
    assertTrue(u.c1);
    u = unit(CW | Float80.RC_ZERO << 10);
    u.mul(ONE | 1, 0x3fff, 0x7FFFFFFFFFFFFFFFL, 0x0000);
    assertResult(u, 0x0000, 0x7FFFFFFFFFFFFFFFL, Float80.PE | Float80.UE | Float80.DE);
    // PC = 24 rounds a denormal at the same bit position as a normal (bit 40).
    u = unit(0x007f);
    u.mul(0xC000000000000000L, 0x3fff, 0x101, 0x0000);
    assertResult(u, 0x0000, 0, Float80.PE | Float80.UE | Float80.DE);
    // A pseudo-denormal is accepted (DE) and comes out normalised.
    u = unit(CW);
    u.add(ONE, 0x0000, 0, 0, false);
    assertResult(u, 0x0001, ONE, Float80.DE);
  }

  @Test
  void overflowMaskedAndBiasAdjusted() {
    Float80 u = unit(CW);
    u.mul(ONE, 0x7ffe, ONE, 0x4000);
    assertResult(u, 0x7fff, ONE, Float80.OE | Float80.PE);
    assertTrue(u.c1);
    u = unit(CW | Float80.RC_ZERO << 10);
    u.mul(ONE, 0x7ffe, ONE, 0x4000);
    assertResult(u, 0x7ffe, -1L, Float80.OE | Float80.PE);
    u = unit(0x0c7f); // PC 24, toward zero: the largest 24-bit significand
    u.mul(ONE, 0x7ffe, ONE, 0x4000);
    assertResult(u, 0x7ffe, 0xFFFFFF0000000000L, Float80.OE | Float80.PE);
    u = unit(CW | Float80.RC_DOWN << 10);
    u.mul(ONE, 0xfffe, ONE, 0x4000);
    assertResult(u, 0xffff, ONE, Float80.OE | Float80.PE);
    // Unmasked: the exponent wraps by 24576 (SDM Vol. 1 §8.5.4).
    u = unit(0x0377);
    u.mul(ONE, 0x7ffe, ONE, 0x4000);
    assertResult(u, 0x1fff, ONE, Float80.OE);
    u = unit(0x036f);
    u.mul(ONE, 0x0001, ONE, 0x3ffe);
    assertResult(u, 0x6000, ONE, Float80.UE);
  }

  @Test
  void nanPropagationFollowsTheX87Column() {
    long q1 = 0xC000000000000001L, q2 = 0xC000000000000002L, s5 = 0x8000000000000005L;
    Float80 u = unit(CW);
    u.add(q1, 0xffff, q1, 0x7fff, false); // equal significands: the positive one
    assertResult(u, 0x7fff, q1, 0);
    u = unit(CW);
    u.add(q2, 0x7fff, q1, 0xffff, false); // the larger significand
    assertResult(u, 0x7fff, q2, 0);
    u = unit(CW);
    u.add(s5, 0x7fff, q1, 0xffff, false); // a QNaN beats an SNaN
    assertResult(u, 0xffff, q1, Float80.IE);
    u = unit(CW);
    u.add(0x8000000000000001L, 0x7fff, s5, 0xffff, false); // two SNaNs: larger, quieted
    assertResult(u, 0xffff, 0xC000000000000005L, Float80.IE);
    u = unit(CW);
    u.add(ONE, 0x3fff, q1, 0x7fff, true); // subtraction keeps the NaN's sign
    assertResult(u, 0x7fff, q1, 0);
    u = unit(CW);
    u.add(q1, 0xffff, 1, 0x0000, false); // a NaN hides the denormal operand
    assertResult(u, 0xffff, q1, 0);
  }

  @Test
  void invalidOperationsGiveTheRealIndefinite() {
    Float80 u = unit(CW);
    u.mul(0, 0, ONE, 0x7fff);
    assertResult(u, 0xffff, 0xC000000000000000L, Float80.IE);
    u = unit(CW);
    u.add(ONE, 0x7fff, ONE, 0x7fff, true);
    assertResult(u, 0xffff, 0xC000000000000000L, Float80.IE);
    u = unit(CW);
    u.add(0x4000000000000000L, 0x3fff, ONE, 0x3fff, false); // an unnormal is unsupported
    assertResult(u, 0xffff, 0xC000000000000000L, Float80.IE);
    u = unit(CW);
    u.sqrt(ONE, 0xbfff);
    assertResult(u, 0xffff, 0xC000000000000000L, Float80.IE);
    u = unit(CW);
    u.div(0, 0, 0, 0x8000);
    assertResult(u, 0xffff, 0xC000000000000000L, Float80.IE);
  }

  @Test
  void divisionByZero() {
    Float80 u = unit(CW);
    u.div(ONE, 0xbfff, 0, 0);
    assertResult(u, 0xffff, ONE, Float80.ZE);
    u = unit(CW); // a denormal dividend: ZE alone (measured)
    u.div(1, 0, 0, 0);
    assertResult(u, 0x7fff, ONE, Float80.ZE);
    u = unit(CW); // ∞ ÷ 0 is ∞ without ZE
    u.div(ONE, 0x7fff, 0, 0x8000);
    assertResult(u, 0xffff, ONE, 0);
  }

  @Test
  void squareRoots() {
    Float80 u = unit(CW);
    u.sqrt(ONE, 0x4000);
    assertResult(u, 0x3fff, 0xB504F333F9DE6484L, Float80.PE);
    u = unit(CW);
    u.sqrt(0x9000000000000000L, 0x4002); // √9 = 3
    assertResult(u, 0x4000, 0xC000000000000000L, 0);
    u = unit(CW);
    u.sqrt(0, 0x8000);
    assertResult(u, 0x8000, 0, 0);
    u = unit(CW);
    u.sqrt(1, 0); // √(2^-16445) = 2^-8222.5
    assertEquals(0x3fff - 8223, u.se);
    assertEquals(0xB504F333F9DE6484L, u.sig);
    assertEquals(Float80.DE | Float80.PE, u.flags);
    // √(4 − 2^-62) = 2 − 2^-63 − ε: just below a midpoint, rounds down to all ones.
    u = unit(CW);
    u.sqrt(-1L, 0x4000);
    assertResult(u, 0x3fff, -1L, Float80.PE);
    // √(1 + 2^-63) = 1 + 2^-64 − ε: just below the midpoint, rounds to 1.
    u = unit(CW);
    u.sqrt(ONE | 1, 0x3fff);
    assertResult(u, 0x3fff, ONE, Float80.PE);
    u = unit(CW | Float80.RC_UP << 10);
    u.sqrt(ONE | 1, 0x3fff);
    assertResult(u, 0x3fff, ONE | 1, Float80.PE);
  }

  @Test
  void comparisons() {
    Float80 u = unit(CW);
    assertEquals(Float80Compare.EQUAL, Float80Compare.compare(u, 0, 0, 0, 0x8000, false));
    assertEquals(Float80Compare.LESS, Float80Compare.compare(u, ONE, 0xbfff, 0, 0, false));
    assertEquals(Float80Compare.GREATER, Float80Compare.compare(u, ONE, 0x7fff, ONE, 0x7ffe, false));
    assertEquals(0, u.flags);
    assertEquals(Float80Compare.EQUAL, Float80Compare.compare(u, ONE, 0x0000, ONE, 0x0001, false)); // pseudo-denormal = 2^-16382
    assertEquals(Float80.DE, u.flags);
    u.clear();
    assertEquals(Float80Compare.UNORDERED, Float80Compare.compare(u, 0xC000000000000000L, 0x7fff, 0, 0, true));
    assertEquals(0, u.flags, "FUCOM: a QNaN is quiet");
    assertEquals(Float80Compare.UNORDERED, Float80Compare.compare(u, 0xC000000000000000L, 0x7fff, 0, 0, false));
    assertEquals(Float80.IE, u.flags, "FCOM: any NaN signals");
  }

  @Test
  void classification() {
    assertEquals(Float80.NORMAL, Float80.classify(ONE, 0x3fff));
    assertEquals(Float80.DENORMAL, Float80.classify(1, 0));
    assertEquals(Float80.DENORMAL, Float80.classify(ONE, 0), "pseudo-denormal");
    assertEquals(Float80.UNSUPPORTED, Float80.classify(1, 0x3fff), "unnormal");
    assertEquals(Float80.UNSUPPORTED, Float80.classify(0, 0x7fff), "pseudo-infinity");
    assertEquals(Float80.INFINITY, Float80.classify(ONE, 0xffff));
    assertEquals(Float80.SNAN, Float80.classify(ONE | 1, 0x7fff));
    assertEquals(Float80.QNAN, Float80.classify(0xC000000000000000L, 0xffff));
  }
}
