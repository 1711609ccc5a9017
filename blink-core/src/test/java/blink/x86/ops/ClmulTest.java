package blink.x86.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;

import blink.machine.GuestFault;
import org.junit.jupiter.api.Test;

/** PCLMULQDQ: quadword selection, the product's high half, and m128 alignment. */
class ClmulTest {
  @Test
  void carryLessProducts() {
    assertEquals(5, Clmul.clmulLow(3, 3)); // (x + 1)^2 = x^2 + 1
    assertEquals(1, Clmul.clmulHigh(Long.MIN_VALUE, 2));
    assertEquals(0, Clmul.clmulLow(Long.MIN_VALUE, 2));
    assertEquals(1, Clmul.clmulLow(-1L, 3)); // all ones times (x + 1): the terms cancel but x^0 and x^64
    assertEquals(1, Clmul.clmulHigh(-1L, 3));
  }

  @Test
  void immediateSelectsQuadwords() {
    // pclmulqdq xmm0, xmm1, 0x11: high of xmm0 times high of xmm1
    SseHarness h = SseHarness.insn("66 0f 3a 44 c1 11").xmm(0, 7, 3).xmm(1, 9, 3).step();
    h.assertXmm(0, 5, 0);
    // imm 0x10: low of xmm0 times high of xmm1
    h = SseHarness.insn("66 0f 3a 44 c1 10").xmm(0, Long.MIN_VALUE, 3).xmm(1, 9, 4).step();
    h.assertXmm(0, 0, 2);
  }

  @Test
  void memoryOperandMustBeAligned() {
    SseHarness h = SseHarness.insn("66 0f 3a 44 00 11").xmm(0, 1, 3).mem(SseHarness.DATA, 0, 3).step();
    h.assertXmm(0, 5, 0);
    SseHarness.insn("66 0f 3a 44 40 08 00").fault(GuestFault.Kind.GENERAL_PROTECTION);
  }
}
