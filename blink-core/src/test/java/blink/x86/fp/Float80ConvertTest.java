package blink.x86.fp;

import static blink.x86.fp.Float80Test.ONE;
import static blink.x86.fp.Float80Test.assertResult;
import static blink.x86.fp.Float80Test.unit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Conversions to and from float32, float64, integers and packed BCD, and FRNDINT. */
class Float80ConvertTest {
  static final int CW = 0x037f;
  static final long THIRD = 0xAAAAAAAAAAAAAAABL;

  @Test
  void loadsAreExact() {
    Float80 u = unit(CW);
    Float80Convert.fromFloat32(u, Float.floatToRawIntBits(0.1f));
    assertResult(u, 0x3ffb, 0xCCCCCD0000000000L, 0);
    Float80Convert.fromFloat64(u, Double.doubleToRawLongBits(-0.1));
    assertResult(u, 0xbffb, 0xCCCCCCCCCCCCD000L, 0);
    Float80Convert.fromFloat64(u, 1); // the smallest double denormal, 2^-1074
    assertResult(u, 0x3fff - 1074, ONE, 0);
    assertTrue(u.memDenormal);
    Float80Convert.fromFloat32(u, 0x7f800001); // SNaN stays signalling
    assertResult(u, 0x7fff, ONE | 1L << 40, 0);
    Float80Convert.fromInt(u, Long.MIN_VALUE);
    assertResult(u, 0xc03e, ONE, 0);
    Float80Convert.fromInt(u, -3);
    assertResult(u, 0xc000, 0xC000000000000000L, 0);
  }

  @Test
  void storesRoundByRc() {
    Float80 u = unit(CW);
    assertEquals(0x3eaaaaab, Float80Convert.toFloat32(u, THIRD, 0x3ffd));
    assertEquals(Float80.PE, u.flags);
    assertTrue(u.c1);
    u = unit(CW);
    assertEquals(0x3fd5555555555555L, Float80Convert.toFloat64(u, THIRD, 0x3ffd));
    u = unit(CW | Float80.RC_UP << 10);
    assertEquals(0x3fd5555555555556L, Float80Convert.toFloat64(u, THIRD, 0x3ffd));
    u = unit(CW);
    assertEquals(0x7f800000, Float80Convert.toFloat32(u, ONE, 0x4100)); // overflow
    assertEquals(Float80.OE | Float80.PE, u.flags);
    u = unit(CW);
    assertEquals(0, Float80Convert.toFloat32(u, 1, 0)); // an extended denormal: UE, PE, no DE
    assertEquals(Float80.UE | Float80.PE, u.flags);
    u = unit(CW);
    assertEquals(0x40, Float80Convert.toFloat32(u, ONE, 0x3f70)); // 2^-143: an exact float denormal
    assertEquals(0, u.flags);
    u = unit(CW);
    assertEquals(0xffc00000, Float80Convert.toFloat32(u, ONE | 1, 0xffff)); // SNaN quieted, truncated
    assertEquals(Float80.IE, u.flags);
    u = unit(CW);
    assertEquals(0xfff8000000000000L, Float80Convert.toFloat64(u, 1, 0x4000)); // unnormal
    assertEquals(Float80.IE, u.flags);
  }

  @Test
  void integerStores() {
    Float80 u = unit(CW);
    assertEquals(2, Float80Convert.toInt(u, 0xA000000000000000L, 0x4000, 0x7fffffff, true, false)); // 2.5 → 2
    assertEquals(Float80.PE, u.flags);
    u = unit(CW);
    assertEquals(-2, Float80Convert.toInt(u, 0xB000000000000000L, 0xc000, 0x7fffffff, true, true)); // FISTTP −2.75
    u = unit(CW | Float80.RC_UP << 10);
    assertEquals(1, Float80Convert.toInt(u, 1, 0, 0x7fffffff, true, false)); // a denormal rounded up
    assertTrue(u.c1);
    u = unit(CW);
    Float80Convert.toInt(u, ONE, 0x401e, 0x7fffffff, true, false); // 2^31 does not fit
    assertEquals(Float80.IE, u.flags);
    u = unit(CW);
    assertEquals(-0x80000000L, Float80Convert.toInt(u, ONE, 0xc01e, 0x7fffffff, true, false));
    assertEquals(0, u.flags);
    u = unit(CW);
    assertEquals(Long.MIN_VALUE, Float80Convert.toInt(u, ONE, 0xc03e, Long.MAX_VALUE, true, false));
    assertEquals(0, u.flags);
  }

  @Test
  void packedBcd() {
    Float80 u = unit(CW);
    Float80Convert.fromBcd(u, 0x0987654321L, 0x8000); // −987654321
    Float80 v = unit(CW);
    Float80Convert.fromInt(v, -987654321);
    assertResult(u, v.se, v.sig, 0);
    assertEquals(0x0000009876543210L, Float80Convert.toBcdLow(9876543210L));
    assertEquals(0x8099, Float80Convert.bcdHigh(Float80Convert.BCD_MAX, true));
    // Non-decimal nibbles weigh like digits (as measured): 0xab in byte 8 is 10·10^17 +
    // 11·10^16, 0xff in byte 5 is 165·10^10; the sign is bit 7 of byte 9 alone.
    Float80Convert.fromBcd(u, 0x0000ff0987654321L, 0x7fab);
    Float80Convert.fromInt(v, 1_110_001_650_987_654_321L);
    assertResult(u, v.se, v.sig, 0);
  }

  @Test
  void roundToIntegral() {
    Float80 u = unit(CW);
    Float80Convert.roundToIntegral(u, 0xA000000000000000L, 0x4000); // 2.5 → 2
    assertResult(u, 0x4000, ONE, Float80.PE);
    u = unit(CW | Float80.RC_UP << 10);
    Float80Convert.roundToIntegral(u, 0xA000000000000000L, 0xc000); // −2.5 up → −2
    assertResult(u, 0xc000, ONE, Float80.PE);
    u = unit(CW | Float80.RC_UP << 10);
    Float80Convert.roundToIntegral(u, 0x9999999999999999L, 0xbffd); // −0.3 up → −0
    assertResult(u, 0x8000, 0, Float80.PE);
    u = unit(CW | Float80.RC_UP << 10);
    Float80Convert.roundToIntegral(u, 1, 0); // a denormal up → 1
    assertResult(u, 0x3fff, ONE, Float80.PE | Float80.DE);
    assertTrue(u.c1);
    u = unit(CW);
    Float80Convert.roundToIntegral(u, -1L, 0x403d); // 2^63 − 1/2 → 2^63
    assertResult(u, 0x403e, ONE, Float80.PE);
  }
}
