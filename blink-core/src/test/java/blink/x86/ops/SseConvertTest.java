package blink.x86.ops;

import static blink.x86.ops.SseHarness.d;
import static blink.x86.ops.SseHarness.dd;
import static blink.x86.ops.SseHarness.ff;
import static blink.x86.ops.SseHarness.insn;
import static org.junit.jupiter.api.Assertions.assertEquals;

import blink.x86.Cpu;
import org.junit.jupiter.api.Test;

/** SseConvert: conversions, rounding control, integer indefinite and NaN conversion. */
class SseConvertTest {
  static final int MXCSR = 0x1f80, DOWN = MXCSR | 1 << 13, UP = MXCSR | 2 << 13, ZERO = MXCSR | 3 << 13;

  /** cvtsd2si %xmm1, %rax (or %eax without REX.W). */
  static long cvtsd2si(double v, int mxcsr, boolean wide) {
    return insn(wide ? "f2 48 0f 2d c1" : "f2 0f 2d c1").reg(Cpu.RAX, -1).xmm(1, d(v), 0).mxcsr(mxcsr).step().cpu.regs[Cpu.RAX];
  }

  @Test
  void roundingControlSelectsTheIntegerResult() {
    assertEquals(2, cvtsd2si(2.5, MXCSR, true));
    assertEquals(2, cvtsd2si(2.5, DOWN, true));
    assertEquals(3, cvtsd2si(2.5, UP, true));
    assertEquals(2, cvtsd2si(2.5, ZERO, true));
    assertEquals(4, cvtsd2si(3.5, MXCSR, true));
    assertEquals(-2, cvtsd2si(-2.5, MXCSR, true));
    assertEquals(-3, cvtsd2si(-2.5, DOWN, true));
    assertEquals(-2, cvtsd2si(-2.5, UP, true));
    assertEquals(-2, cvtsd2si(-2.5, ZERO, true));
    // 32-bit results are zero-extended into the 64-bit register
    assertEquals(0xfffffffeL, cvtsd2si(-2.0, MXCSR, false));
  }

  @Test
  void truncatingConversionIgnoresRoundingControl() {
    // cvttsd2si %xmm1, %rax
    assertEquals(-2, insn("f2 48 0f 2c c1").xmm(1, d(-2.9), 0).mxcsr(DOWN).step().cpu.regs[Cpu.RAX]);
    // cvttss2si %xmm1, %rax
    assertEquals(7, insn("f3 48 0f 2c c1").xmm(1, ff(7.99f, 0), 0).step().cpu.regs[Cpu.RAX]);
  }

  @Test
  void outOfRangeGivesIntegerIndefinite() {
    SseHarness h = insn("f2 48 0f 2c c1").xmm(1, d(1e20), 0).step();
    assertEquals(Long.MIN_VALUE, h.cpu.regs[Cpu.RAX]);
    assertEquals(MXCSR | SseMxcsr.IE, h.cpu.mxcsr);
    assertEquals(0x80000000L, cvtsd2si(3e9, MXCSR, false));
    assertEquals(0x80000000L, cvtsd2si(Double.NaN, MXCSR, false));
    assertEquals(0x7fffffffL, cvtsd2si(2147483647.4, MXCSR, false));
    assertEquals(0x80000000L, cvtsd2si(-2147483648.0, MXCSR, false));
    // -2^63 fits, 2^63 does not
    assertEquals(Long.MIN_VALUE, cvtsd2si(-0x1p63, MXCSR, true));
    assertEquals(MXCSR, insn("f2 48 0f 2d c1").xmm(1, d(-0x1p63), 0).step().cpu.mxcsr);
    assertEquals(MXCSR | SseMxcsr.IE, insn("f2 48 0f 2d c1").xmm(1, d(0x1p63), 0).step().cpu.mxcsr);
  }

  @Test
  void inexactConversionSetsPrecision() {
    assertEquals(MXCSR | SseMxcsr.PE, insn("f2 0f 2d c1").xmm(1, d(0.5), 0).step().cpu.mxcsr);
    assertEquals(MXCSR, insn("f2 0f 2d c1").xmm(1, d(-7.0), 0).step().cpu.mxcsr);
  }

  @Test
  void integerToFloatRoundsUnderRoundingControl() {
    long big = (1L << 53) + 1;
    // cvtsi2sd %rcx, %xmm1
    SseHarness h = insn("f2 48 0f 2a c9").reg(Cpu.RCX, big).xmm(1, 0, 5).step();
    h.assertXmm(1, d(0x1p53), 5);
    assertEquals(MXCSR | SseMxcsr.PE, h.cpu.mxcsr);
    assertEquals(d(0x1p53 + 2), insn("f2 48 0f 2a c9").reg(Cpu.RCX, big).mxcsr(UP).step().lo(1));
    assertEquals(d(-0x1p53 - 2), insn("f2 48 0f 2a c9").reg(Cpu.RCX, -big).mxcsr(DOWN).step().lo(1));
    assertEquals(d(0x1p63), insn("f2 48 0f 2a c9").reg(Cpu.RCX, Long.MAX_VALUE).step().lo(1));
    assertEquals(d(Math.nextDown(0x1p63)), insn("f2 48 0f 2a c9").reg(Cpu.RCX, Long.MAX_VALUE).mxcsr(ZERO).step().lo(1));
    // cvtsi2sd %ecx, %xmm1 takes the low 32 bits as signed
    assertEquals(d(-5.0), insn("f2 0f 2a c9").reg(Cpu.RCX, 0xfffffffbL).step().lo(1));
    // cvtsi2ss %ecx, %xmm1: 2^24 + 1 rounds to even
    h = insn("f3 0f 2a c9").reg(Cpu.RCX, (1 << 24) + 1).xmm(1, -1L, 0).step();
    assertEquals(0xffffffff00000000L | Float.floatToRawIntBits(0x1p24f), h.lo(1));
    assertEquals(MXCSR | SseMxcsr.PE, h.cpu.mxcsr);
    assertEquals(Float.floatToRawIntBits(0x1p24f + 2), (int) insn("f3 0f 2a c9").reg(Cpu.RCX, (1 << 24) + 1).mxcsr(UP).step().lo(1));
    // cvtsi2ss %rcx, %xmm1
    assertEquals(Float.floatToRawIntBits(-0x1p63f), (int) insn("f3 48 0f 2a c9").reg(Cpu.RCX, Long.MIN_VALUE).step().lo(1));
  }

  @Test
  void doubleToSingle() {
    // cvtsd2ss %xmm2, %xmm1
    SseHarness h = insn("f2 0f 5a ca").xmm(1, 0xabcdef0000000000L, 1).xmm(2, d(0.1), 0).step();
    h.assertXmm(1, 0xabcdef0000000000L | 0x3dcccccdL, 1);
    assertEquals(MXCSR | SseMxcsr.PE, h.cpu.mxcsr);
    assertEquals(0x3dccccccL, insn("f2 0f 5a ca").xmm(2, d(0.1), 0).mxcsr(DOWN).step().lo(1));
    h = insn("f2 0f 5a ca").xmm(2, d(1e300), 0).step();
    assertEquals(0x7f800000L, h.lo(1));
    assertEquals(MXCSR | SseMxcsr.OE | SseMxcsr.PE, h.cpu.mxcsr);
    assertEquals(0x7f7fffffL, insn("f2 0f 5a ca").xmm(2, d(1e300), 0).mxcsr(ZERO).step().lo(1));
    // a NaN keeps its sign and the top of its payload, quieted
    assertEquals(0xffc12345L, insn("f2 0f 5a ca").xmm(2, 0xfff0_2468_a000_0000L, 0).step().lo(1));
    // cvtpd2ps zeroes the high quadword
    insn("66 0f 5a ca").xmm(1, -1, -1).xmm(2, d(1.5), d(-2.0)).step().assertXmm(1, ff(1.5f, -2), 0);
  }

  @Test
  void singleToDouble() {
    // cvtss2sd of an SNaN: quieted, payload moved up, IE
    SseHarness h = insn("f3 0f 5a ca").xmm(1, 0, 3).xmm(2, 0x7fa00001L, 0).step();
    h.assertXmm(1, 0x7ffc000020000000L, 3);
    assertEquals(MXCSR | SseMxcsr.IE, h.cpu.mxcsr);
    // cvtps2pd converts the two low singles exactly
    insn("0f 5a ca").xmm(2, ff(0.1f, -3), -1).step().assertXmm(1, d((double) 0.1f), d(-3.0));
  }

  @Test
  void packedIntegerConversions() {
    // cvtdq2ps
    insn("0f 5b ca").xmm(2, dd(1, -2), dd(16777217, 0)).step().assertXmm(1, ff(1, -2), ff(16777216, 0));
    // cvtps2dq rounds to nearest even, cvttps2dq truncates; NaN gives the indefinite
    insn("66 0f 5b ca").xmm(2, ff(2.5f, -1.5f), ff(Float.NaN, 3e9f)).step()
        .assertXmm(1, dd(2, -2), dd(0x80000000, 0x80000000));
    insn("f3 0f 5b ca").xmm(2, ff(2.5f, -1.5f), ff(0.99f, -0.99f)).step().assertXmm(1, dd(2, -1), 0);
    // cvtdq2pd uses the two low doublewords
    insn("f3 0f e6 ca").xmm(2, dd(-7, 9), -1).step().assertXmm(1, d(-7.0), d(9.0));
    // cvtpd2dq and cvttpd2dq write the low quadword and zero the high one
    insn("f2 0f e6 ca").xmm(1, -1, -1).xmm(2, d(1.5), d(-0.5)).step().assertXmm(1, dd(2, 0), 0);
    insn("66 0f e6 ca").xmm(1, -1, -1).xmm(2, d(1.5), d(-1.5)).step().assertXmm(1, dd(1, -1), 0);
  }
}
