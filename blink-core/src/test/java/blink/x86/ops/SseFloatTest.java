package blink.x86.ops;

import static blink.x86.ops.SseHarness.DATA;
import static blink.x86.ops.SseHarness.d;
import static blink.x86.ops.SseHarness.ff;
import static blink.x86.ops.SseHarness.insn;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import blink.machine.GuestFault;
import org.junit.jupiter.api.Test;

/**
 * SseFloat: arithmetic results, NaN rules, MXCSR flags and rounding modes. Plain
 * results come from Java's IEEE arithmetic; the special cases from the SDM
 * (Vol. 1 §4.8.3.5 NaN propagation, §11.5.2 exceptions) worked out by hand.
 */
class SseFloatTest {
  static final int MXCSR = 0x1f80;
  static final long QNAN1 = 0x7ff8000000000001L, SNAN2 = 0x7ff0000000000002L, DEFAULT_NAN = 0xfff8000000000000L;
  static final long INF = 0x7ff0000000000000L;

  /** Runs OP %xmm2, %xmm1 on scalar doubles and returns the harness. */
  static SseHarness sd(String op, long a, long b, int mxcsr) {
    return insn("f2 0f " + op + " ca").xmm(1, a, 0x1234).xmm(2, b, 0x5678).mxcsr(mxcsr).step();
  }

  @Test
  void scalarDoubleArithmetic() {
    SseHarness h = sd("58", d(1.5), d(2.25), MXCSR);
    h.assertXmm(1, d(3.75), 0x1234);
    assertEquals(MXCSR, h.cpu.mxcsr, "exact: no flag");
    assertEquals(d(-0.75), sd("5c", d(1.5), d(2.25), MXCSR).lo(1));
    assertEquals(d(3.375), sd("59", d(1.5), d(2.25), MXCSR).lo(1));
    assertEquals(d(1.5 / 2.25), sd("5e", d(1.5), d(2.25), MXCSR).lo(1));
    // addsd (%rax), %xmm1
    assertEquals(d(4.0), insn("f2 0f 58 08").mem(DATA, d(3.0)).xmm(1, d(1.0), 0).step().lo(1));
  }

  @Test
  void packedArithmetic() {
    // addps, subps, mulpd
    insn("0f 58 ca").xmm(1, ff(1, 2), ff(3, 4)).xmm(2, ff(0.5f, 0.5f), ff(0.5f, -8)).step()
        .assertXmm(1, ff(1.5f, 2.5f), ff(3.5f, -4));
    insn("0f 5c ca").xmm(1, ff(1, 2), ff(3, 4)).xmm(2, ff(1, 1), ff(1, 1)).step()
        .assertXmm(1, ff(0, 1), ff(2, 3));
    insn("66 0f 59 ca").xmm(1, d(3.0), d(-2.0)).xmm(2, d(0.5), d(8.0)).step().assertXmm(1, d(1.5), d(-16.0));
    // addss leaves bits 127..32 alone
    insn("f3 0f 58 ca").xmm(1, 0xaaaaaaaa00000000L | Float.floatToRawIntBits(1), -1).xmm(2, ff(2, 99), 0).step()
        .assertXmm(1, 0xaaaaaaaa00000000L | Float.floatToRawIntBits(3), -1);
  }

  @Test
  void inexactResultSetsPrecisionFlag() {
    SseHarness h = sd("5e", d(1.0), d(3.0), MXCSR);
    assertEquals(0x3fd5555555555555L, h.lo(1));
    assertEquals(MXCSR | SseMxcsr.PE, h.cpu.mxcsr);
  }

  @Test
  void directedRounding() {
    // 1/3 = 0x3fd5555555555555 rounded to nearest (the next bit is 0)
    assertEquals(0x3fd5555555555555L, sd("5e", d(1.0), d(3.0), MXCSR | 1 << 13).lo(1)); // down
    assertEquals(0x3fd5555555555556L, sd("5e", d(1.0), d(3.0), MXCSR | 2 << 13).lo(1)); // up
    assertEquals(0x3fd5555555555555L, sd("5e", d(1.0), d(3.0), MXCSR | 3 << 13).lo(1)); // toward zero
    assertEquals(0xbfd5555555555556L, sd("5e", d(-1.0), d(3.0), MXCSR | 1 << 13).lo(1));
    assertEquals(0xbfd5555555555555L, sd("5e", d(-1.0), d(3.0), MXCSR | 3 << 13).lo(1));
    // 1 + 2^-60 is 1 to nearest and down, the next double up
    assertEquals(d(1.0), sd("58", d(1.0), d(0x1p-60), MXCSR | 1 << 13).lo(1));
    assertEquals(d(Math.nextUp(1.0)), sd("58", d(1.0), d(0x1p-60), MXCSR | 2 << 13).lo(1));
    // x - x is -0 when rounding down, +0 otherwise
    assertEquals(0x8000000000000000L, sd("5c", d(5.0), d(5.0), MXCSR | 1 << 13).lo(1));
    assertEquals(0L, sd("5c", d(5.0), d(5.0), MXCSR).lo(1));
    // sqrt(2) up and down differ by one ulp
    long down = sd("51", 0, d(2.0), MXCSR | 1 << 13).lo(1), up = sd("51", 0, d(2.0), MXCSR | 2 << 13).lo(1);
    assertEquals(down + 1, up);
    assertTrue(d(down) * d(down) < 2 && d(up) * d(up) > 2);
  }

  @Test
  void nanOperandsFollowTheFirstSourceRule() {
    // QNaN in the destination wins over an SNaN source; the SNaN still signals invalid
    SseHarness h = sd("58", QNAN1, SNAN2, MXCSR);
    assertEquals(QNAN1, h.lo(1));
    assertEquals(MXCSR | SseMxcsr.IE, h.cpu.mxcsr);
    // an SNaN is returned quieted
    assertEquals(SNAN2 | 1L << 51, sd("59", d(1.0), SNAN2, MXCSR).lo(1));
    // a QNaN alone signals nothing, and its sign and payload survive a subtraction
    h = sd("5c", d(1.0), QNAN1 | Long.MIN_VALUE, MXCSR);
    assertEquals(QNAN1 | Long.MIN_VALUE, h.lo(1));
    assertEquals(MXCSR, h.cpu.mxcsr);
  }

  @Test
  void invalidOperationsGiveTheDefaultNaN() {
    SseHarness h = sd("5c", INF, INF, MXCSR);
    assertEquals(DEFAULT_NAN, h.lo(1));
    assertEquals(MXCSR | SseMxcsr.IE, h.cpu.mxcsr);
    assertEquals(DEFAULT_NAN, sd("59", 0, INF, MXCSR).lo(1));
    assertEquals(DEFAULT_NAN, sd("5e", 0, 0, MXCSR).lo(1));
    assertEquals(DEFAULT_NAN, sd("51", 0, d(-1.0), MXCSR).lo(1));
    assertEquals(0x8000000000000000L, sd("51", 0, 0x8000000000000000L, MXCSR).lo(1));
    // single precision default NaN is 0xffc00000
    assertEquals(0xffc00000L, insn("f3 0f 51 ca").xmm(2, ff(-4, 0), 0).step().lo(1) & 0xffffffffL);
  }

  @Test
  void divideByZero() {
    SseHarness h = sd("5e", d(-3.0), 0, MXCSR);
    assertEquals(0xfff0000000000000L, h.lo(1));
    assertEquals(MXCSR | SseMxcsr.ZE, h.cpu.mxcsr);
  }

  @Test
  void unmaskedExceptionFaultsWithoutWritingTheDestination() {
    int zeroDivideUnmasked = MXCSR & ~SseMxcsr.ZM;
    SseHarness h = insn("f2 0f 5e ca").xmm(1, d(1.0), 7).xmm(2, 0, 0).mxcsr(zeroDivideUnmasked);
    h.fault(GuestFault.Kind.FLOATING_POINT);
    h.assertXmm(1, d(1.0), 7);
    assertEquals(zeroDivideUnmasked | SseMxcsr.ZE, h.cpu.mxcsr);
    // a masked exception under a partly unmasked MXCSR does not fault, and keeps older flags
    h = sd("5e", d(1.0), d(3.0), zeroDivideUnmasked | SseMxcsr.OE);
    assertEquals(zeroDivideUnmasked | SseMxcsr.OE | SseMxcsr.PE, h.cpu.mxcsr);
  }

  @Test
  void overflowAndUnderflow() {
    SseHarness h = sd("59", d(Double.MAX_VALUE), d(2.0), MXCSR);
    assertEquals(INF, h.lo(1));
    assertEquals(MXCSR | SseMxcsr.OE | SseMxcsr.PE, h.cpu.mxcsr);
    // toward zero, overflow gives the largest finite value
    assertEquals(d(Double.MAX_VALUE), sd("59", d(Double.MAX_VALUE), d(2.0), MXCSR | 3 << 13).lo(1));
    // an exact denormal result raises nothing while underflow is masked
    h = sd("59", d(Double.MIN_NORMAL), d(0.5), MXCSR);
    assertEquals(0x0008000000000000L, h.lo(1));
    assertEquals(MXCSR, h.cpu.mxcsr);
    // an inexact one raises UE and PE: 0x0010000000000001 / 2 ties to even
    h = sd("59", 0x0010000000000001L, d(0.5), MXCSR);
    assertEquals(0x0008000000000000L, h.lo(1));
    assertEquals(MXCSR | SseMxcsr.UE | SseMxcsr.PE, h.cpu.mxcsr);
    // flush-to-zero turns the tiny result into zero with UE and PE
    h = sd("59", d(-Double.MIN_NORMAL), d(0.5), MXCSR | SseMxcsr.FZ);
    assertEquals(0x8000000000000000L, h.lo(1));
    assertEquals(MXCSR | SseMxcsr.FZ | SseMxcsr.UE | SseMxcsr.PE, h.cpu.mxcsr);
  }

  @Test
  void denormalOperands() {
    SseHarness h = sd("58", 1, 0, MXCSR);
    assertEquals(1, h.lo(1));
    assertEquals(MXCSR | SseMxcsr.DE, h.cpu.mxcsr);
    h = sd("58", 1, 0, MXCSR | SseMxcsr.DAZ);
    assertEquals(0, h.lo(1));
    assertEquals(MXCSR | SseMxcsr.DAZ, h.cpu.mxcsr);
  }

  @Test
  void minAndMaxReturnTheSecondOperandForNaNAndZeros() {
    assertEquals(d(1.0), sd("5d", QNAN1, d(1.0), MXCSR).lo(1));
    assertEquals(QNAN1, sd("5f", d(1.0), QNAN1, MXCSR).lo(1));
    assertEquals(MXCSR | SseMxcsr.IE, sd("5d", QNAN1, d(1.0), MXCSR).cpu.mxcsr);
    assertEquals(0x8000000000000000L, sd("5d", 0, 0x8000000000000000L, MXCSR).lo(1));
    assertEquals(0L, sd("5d", 0x8000000000000000L, 0, MXCSR).lo(1));
    assertEquals(0L, sd("5f", 0x8000000000000000L, 0, MXCSR).lo(1));
    assertEquals(d(-2.0), sd("5d", d(-2.0), d(1.0), MXCSR).lo(1));
    assertEquals(d(1.0), sd("5f", d(-2.0), d(1.0), MXCSR).lo(1));
    // maxps lane by lane
    insn("0f 5f ca").xmm(1, ff(1, -1), ff(Float.NaN, 0)).xmm(2, ff(2, -2), ff(3, -0f)).step()
        .assertXmm(1, ff(2, -1), ff(3, -0f));
  }

  @Test
  void squareRoots() {
    insn("66 0f 51 ca").xmm(2, d(16.0), d(2.25)).step().assertXmm(1, d(4.0), d(1.5));
    insn("0f 51 ca").xmm(2, ff(4, 9), ff(0.25f, 1)).step().assertXmm(1, ff(2, 3), ff(0.5f, 1));
    // sqrtss takes the low lane of the source and keeps the destination's upper lanes
    insn("f3 0f 51 ca").xmm(1, ff(7, 8), 9).xmm(2, ff(64, 1), 0).step().assertXmm(1, ff(8, 8), 9);
  }

  @Test
  void reciprocalApproximationsStayWithinTheDocumentedError() {
    float[] xs = {1, 3, 0.1f, 7e-3f, 123456.7f, -2.5f, 1e30f, 3e-37f};
    for (float x : xs) {
      long lo = insn("f3 0f 53 ca").xmm(2, ff(x, 0), 0).step().lo(1);
      float r = Float.intBitsToFloat((int) lo);
      assertTrue(Math.abs(r * (double) x - 1) <= 1.5 * 0x1p-12, "rcp " + x + " -> " + r);
      if (x > 0) {
        lo = insn("f3 0f 52 ca").xmm(2, ff(x, 0), 0).step().lo(1);
        r = Float.intBitsToFloat((int) lo);
        assertTrue(Math.abs(r * Math.sqrt(x) - 1) <= 1.5 * 0x1p-12, "rsqrt " + x + " -> " + r);
      }
    }
    // rcpps: 1/0 = inf, 1/inf = 0; rsqrtps: 1/sqrt(-1) = default NaN, 1/sqrt(-0) = -inf
    insn("0f 53 ca").xmm(2, ff(0, Float.POSITIVE_INFINITY), ff(4, -0.5f)).step()
        .assertXmm(1, ff(Float.POSITIVE_INFINITY, 0), ff(0.25f, -2));
    insn("0f 52 ca").xmm(2, ff(-1, -0f), ff(4, 0.25f)).step()
        .assertXmm(1, 0xffc00000L | (long) Float.floatToRawIntBits(Float.NEGATIVE_INFINITY) << 32, ff(0.5f, 2));
  }

  @Test
  void sse3HorizontalAndAlternating() {
    insn("66 0f 7c ca").xmm(1, d(1.0), d(2.0)).xmm(2, d(3.0), d(4.0)).step().assertXmm(1, d(3.0), d(7.0));
    insn("66 0f 7d ca").xmm(1, d(1.0), d(2.0)).xmm(2, d(3.0), d(5.0)).step().assertXmm(1, d(-1.0), d(-2.0));
    insn("66 0f d0 ca").xmm(1, d(1.0), d(2.0)).xmm(2, d(10.0), d(20.0)).step().assertXmm(1, d(-9.0), d(22.0));
    insn("f2 0f 7c ca").xmm(1, ff(1, 2), ff(3, 4)).xmm(2, ff(5, 6), ff(7, 8)).step()
        .assertXmm(1, ff(3, 7), ff(11, 15));
    insn("f2 0f d0 ca").xmm(1, ff(1, 2), ff(3, 4)).xmm(2, ff(10, 10), ff(10, 10)).step()
        .assertXmm(1, ff(-9, 12), ff(-7, 14));
  }
}
