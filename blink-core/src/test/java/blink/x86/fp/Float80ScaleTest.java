package blink.x86.fp;

import static blink.x86.fp.Float80Test.ONE;
import static blink.x86.fp.Float80Test.assertResult;
import static blink.x86.fp.Float80Test.unit;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** FSCALE, FPREM, FPREM1, and the transcendental values measured on hardware. */
class Float80ScaleTest {
  static final int CW = 0x037f;

  @Test
  void scale() {
    Float80 u = unit(CW);
    Float80Scale.scale(u, 0xC000000000000000L, 0x3fff, 0xC000000000000000L, 0xbfff); // 1.5 × 2^trunc(−1.5)
    assertResult(u, 0x3ffe, 0xC000000000000000L, 0);
    u = unit(CW);
    Float80Scale.scale(u, ONE, 0x3fff, ONE, 0x7fff); // × 2^+∞
    assertResult(u, 0x7fff, ONE, 0);
    u = unit(CW);
    Float80Scale.scale(u, 0, 0, ONE, 0x7fff); // 0 × 2^+∞
    assertResult(u, 0xffff, 0xC000000000000000L, Float80.IE);
    u = unit(0x0977); // unmasked overflow far beyond the bias adjustment: ∞ (measured)
    Float80Scale.scale(u, ONE, 0xffd2, ONE, 0x400f);
    assertResult(u, 0xffff, ONE, Float80.OE | Float80.PE);
  }

  @Test
  void remainders() {
    Float80 u = unit(CW);
    // 7 rem 2: quotient 3 (C3 = Q1, C1 = Q0), remainder 1
    int cc = Float80Scale.remainder(u, 0xE000000000000000L, 0x4001, ONE, 0x4000, false);
    assertResult(u, 0x3fff, ONE, 0);
    assertEquals(Float80Scale.C3 | Float80Scale.C1, cc);
    // FPREM1 7 rem 2: 3.5 rounds to 4 (C0 = Q2), remainder −1
    u = unit(CW);
    cc = Float80Scale.remainder(u, 0xE000000000000000L, 0x4001, ONE, 0x4000, true);
    assertResult(u, 0xbfff, ONE, 0);
    assertEquals(Float80Scale.C0, cc);
    // −4 rem 2 = −0
    u = unit(CW);
    Float80Scale.remainder(u, ONE, 0xc001, ONE, 0x4000, false);
    assertResult(u, 0x8000, 0, 0);
    // Exponent difference 67: a partial remainder, difference reduced to 32 (measured).
    u = unit(CW);
    cc = Float80Scale.remainder(u, 0xC90FDAA22168C235L, 0x3fff + 67, 0xADF85458A2BB4A9BL, 0x3fff, false);
    assertEquals(Float80Scale.C2, cc);
    assertResult(u, 0x401e, 0xC22E893B5CE8FAFEL, 0);
  }

  @Test
  void transcendentalsAsMeasured() {
    Float80 u = unit(CW);
    Float80Trans.sinOrCos(u, 0xC90FDAA22168C235L, 0x4000, 0); // sin of extended π with the 66-bit π
    assertResult(u, 0xbfbf, ONE, Float80.PE);
    u = unit(CW);
    Float80Trans.sinOrCos(u, ONE, 0x3fff, 0);
    assertResult(u, 0x3ffe, 0xD76AA47848677021L, Float80.PE);
    u = unit(CW);
    Float80Trans.atan2(u, ONE, 0x3fff, ONE, 0x3fff); // π/4
    assertResult(u, 0x3ffe, 0xC90FDAA22168C235L, Float80.PE);
    u = unit(CW);
    Float80Trans.ylog2x(u, 0xA000000000000000L, 0x4002, ONE, 0x3fff, false); // log2 10
    assertResult(u, 0x4000, 0xD49A784BCD1B8AFEL, Float80.PE);
    u = unit(CW);
    Float80Trans.exp2m1(u, ONE, 0x3ffe); // 2^0.5 − 1
    assertResult(u, 0x3ffd, 0xD413CCCFE7799211L, Float80.PE);
    u = unit(CW);
    Float80Trans.ylog2x(u, ONE, 0x3ffd, ONE, 0x3fff, true); // log2 1.25
    assertResult(u, 0x3ffd, 0xA4D3C25E68DC57F2L, Float80.PE);
  }
}
