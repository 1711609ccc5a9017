package blink.x86.ops;

import static blink.x86.ops.SseHarness.d;
import static blink.x86.ops.SseHarness.ff;
import static blink.x86.ops.SseHarness.insn;
import static org.junit.jupiter.api.Assertions.assertEquals;

import blink.x86.Flags;
import org.junit.jupiter.api.Test;

/** SseCompare: CMPcc predicate masks, COMIS/UCOMIS flags and their invalid-operation rules. */
class SseCompareTest {
  static final int MXCSR = 0x1f80;
  static final long QNAN = 0x7ff8000000000000L, SNAN = 0x7ff0000000000001L;

  static SseHarness cmpsd(int pred, long a, long b) {
    return insn(String.format("f2 0f c2 ca %02x", pred)).xmm(1, a, 77).xmm(2, b, 0).step();
  }

  @Test
  void scalarPredicates() {
    long one = d(1.0), two = d(2.0);
    // predicate: 0 EQ, 1 LT, 2 LE, 3 UNORD, 4 NEQ, 5 NLT, 6 NLE, 7 ORD
    boolean[] lessThan = {false, true, true, false, true, false, false, true};
    boolean[] equal = {true, false, true, false, false, true, false, true};
    boolean[] unordered = {false, false, false, true, true, true, true, false};
    for (int p = 0; p < 8; p++) {
      SseHarness h = cmpsd(p, one, two);
      h.assertXmm(1, lessThan[p] ? -1 : 0, 77);
      assertEquals(equal[p] ? -1L : 0, cmpsd(p, two, two).lo(1), "pred " + p);
      assertEquals(unordered[p] ? -1L : 0, cmpsd(p, QNAN, two).lo(1), "pred " + p);
    }
  }

  @Test
  void signalingPredicatesRaiseInvalidOnQuietNaN() {
    assertEquals(MXCSR | SseMxcsr.IE, cmpsd(1, QNAN, 0).cpu.mxcsr); // LT
    assertEquals(MXCSR | SseMxcsr.IE, cmpsd(6, 0, QNAN).cpu.mxcsr); // NLE
    assertEquals(MXCSR, cmpsd(0, QNAN, 0).cpu.mxcsr); // EQ is quiet
    assertEquals(MXCSR, cmpsd(3, QNAN, QNAN).cpu.mxcsr); // UNORD is quiet
    assertEquals(MXCSR | SseMxcsr.IE, cmpsd(0, SNAN, 0).cpu.mxcsr); // but not for an SNaN
  }

  @Test
  void packedPredicates() {
    // cmpltps: 1<2, 2<1 no, NaN<0 no, -0<+0 no
    insn("0f c2 ca 01").xmm(1, ff(1, 2), ff(Float.NaN, -0f)).xmm(2, ff(2, 1), ff(0, 0)).step()
        .assertXmm(1, 0xffffffffL, 0);
    // cmpneqpd: NaN != NaN is true, 3 != 3 false
    insn("66 0f c2 ca 04").xmm(1, QNAN, d(3.0)).xmm(2, QNAN, d(3.0)).step().assertXmm(1, -1, 0);
    // cmpunordss changes only the low lane
    insn("f3 0f c2 ca 03").xmm(1, 0x1234567800000000L | 0x7fc00000L, 9).xmm(2, 0, 0).step()
        .assertXmm(1, 0x12345678ffffffffL, 9);
  }

  static long comisd(String op, long a, long b, long flagsIn) {
    SseHarness h = insn("66 0f " + op + " ca").xmm(1, a, 0).xmm(2, b, 0);
    h.cpu.setFlagsValue(flagsIn);
    return h.step().cpu.getFlags() & Flags.STATUS;
  }

  @Test
  void comisdSetsZfPfCf() {
    long all = Flags.STATUS | 2;
    assertEquals(0, comisd("2f", d(2.0), d(1.0), all));
    assertEquals(Flags.CF, comisd("2f", d(1.0), d(2.0), all));
    assertEquals(Flags.ZF, comisd("2f", d(1.0), d(1.0), all));
    assertEquals(Flags.ZF, comisd("2f", 0, 0x8000000000000000L, 0));
    assertEquals(Flags.ZF | Flags.PF | Flags.CF, comisd("2f", QNAN, d(1.0), all));
    assertEquals(Flags.ZF | Flags.PF | Flags.CF, comisd("2e", d(1.0), QNAN, 0));
  }

  @Test
  void comisSignalsOnQuietNaNButUcomisDoesNot() {
    assertEquals(MXCSR | SseMxcsr.IE, insn("66 0f 2f ca").xmm(1, QNAN, 0).step().cpu.mxcsr);
    assertEquals(MXCSR, insn("66 0f 2e ca").xmm(1, QNAN, 0).step().cpu.mxcsr);
    assertEquals(MXCSR | SseMxcsr.IE, insn("66 0f 2e ca").xmm(1, SNAN, 0).step().cpu.mxcsr);
    // comiss / ucomiss on singles
    SseHarness h = insn("0f 2f ca").xmm(1, ff(-1, 5), 0).xmm(2, ff(-2, 0), 0).step();
    assertEquals(0, h.cpu.getFlags() & Flags.STATUS);
    h = insn("0f 2e ca").xmm(1, ff(Float.NaN, 5), 0).xmm(2, ff(-2, 0), 0).step();
    assertEquals(Flags.ZF | Flags.PF | Flags.CF, h.cpu.getFlags() & Flags.STATUS);
    assertEquals(MXCSR, h.cpu.mxcsr);
  }
}
