package blink.x86.ops;

import static blink.x86.ops.SseHarness.DATA;
import static blink.x86.ops.SseHarness.insn;
import static org.junit.jupiter.api.Assertions.assertEquals;

import blink.machine.GuestFault;
import blink.x86.X87;
import org.junit.jupiter.api.Test;

/**
 * The MMX view of the x87 register file (SDM Vol. 1 §9.5): MMn is the significand
 * of physical register n; MMX instructions set TOP to 0 and every tag valid, writes
 * set the sign/exponent field to all ones, and EMMS empties every tag. (Values are
 * checked against the host CPU by {@link SseDifferentialTest}.)
 */
class MmxStateTest {
  @Test
  void aWriteSetsTopZeroTagsValidAndExponentOnes() {
    SseHarness h = insn("0f fc ca"); // paddb %mm2, %mm1
    X87 f = h.cpu.fpu;
    f.top = 5;
    f.sig[1] = 0x0101010101010101L;
    f.sig[2] = 0x02020202020202ffL;
    f.se[1] = 0x3fff;
    f.se[2] = 0x1234;
    h.step();
    assertEquals(0x03030303030303_00L, f.sig[1]);
    assertEquals(0xffff, f.se[1]);
    assertEquals(0x1234, f.se[2]); // a source keeps its exponent
    assertEquals(0, f.top);
    assertEquals(0, f.empty);
    assertEquals(0, f.statusWord() & X87.TOP_MASK);
  }

  @Test
  void registersIgnoreRex() {
    SseHarness h = insn("45 0f 6f c8"); // movq %mm0, %mm1 with REX.RB
    X87 f = h.cpu.fpu;
    f.sig[0] = 42;
    h.step();
    assertEquals(42, f.sig[1]);
  }

  @Test
  void emmsEmptiesEveryTagAndClearsTop() { // TOP as the host CPU leaves it (X87DifferentialTest's emms form)
    SseHarness h = insn("0f 77");
    X87 f = h.cpu.fpu;
    f.empty = 0;
    f.top = 3;
    f.sig[4] = 7;
    h.step();
    assertEquals(0xff, f.empty);
    assertEquals(0, f.top);
    assertEquals(7, f.sig[4]);
  }

  @Test
  void aPendingX87ExceptionIsDeliveredFirst() {
    SseHarness h = insn("0f ef c0"); // pxor %mm0, %mm0
    X87 f = h.cpu.fpu;
    f.setControl(X87.CW_INIT & ~X87.ZE);
    f.setStatusWord(X87.ZE);
    f.sig[0] = 5;
    h.fault(GuestFault.Kind.FLOATING_POINT);
    assertEquals(5, f.sig[0]);
  }

  @Test
  void memoryFormsAndTheXmmMoves() {
    // movq (%rax), %mm3; movq2dq %mm3, %xmm1
    SseHarness h = insn("0f 6f 18").mem(DATA, 0x1122334455667788L).step();
    assertEquals(0x1122334455667788L, h.cpu.fpu.sig[3]);
    insn("f3 0f d6 cb").xmm(1, -1, -1).step().assertXmm(1, 0, 0);
    // movdq2q %xmm2, %mm0
    SseHarness g = insn("f2 0f d6 c2").xmm(2, 99, 100).step();
    assertEquals(99, g.cpu.fpu.sig[0]);
    assertEquals(0xffff, g.cpu.fpu.se[0]);
  }

  @Test
  void cvtpi2psFromMemoryMakesNoTransition() {
    SseHarness h = insn("0f 2a 08").mem(DATA, 0xfffffffe00000003L).xmm(1, 0, 77); // cvtpi2ps (%rax), %xmm1
    h.cpu.fpu.top = 6;
    h.step().assertXmm(1, 0xc000000040400000L, 77);
    assertEquals(6, h.cpu.fpu.top);
    assertEquals(0xff, h.cpu.fpu.empty);
  }
}
