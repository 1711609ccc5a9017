package blink.x86.ops;

import static blink.x86.ops.SseHarness.DATA;
import static blink.x86.ops.SseHarness.insn;
import static org.junit.jupiter.api.Assertions.assertEquals;

import blink.machine.GuestFault;
import org.junit.jupiter.api.Test;

/** Ssse3: edge cases of each family, XMM and MMX forms (the host CPU checks the rest in SseDifferentialTest). */
class Ssse3Test {
  @Test
  void pshufbZeroesOnTheSignBitAndMasksTheIndex() {
    // pshufb %xmm2, %xmm1: control bytes 0x80 (zero), 0x0f, 0x1f (index 15), 0x00
    insn("66 0f 38 00 ca").xmm(1, 0x0706050403020100L, 0x0f0e0d0c0b0a0908L).xmm(2, 0x00000000001f0f80L, 0)
        .step().assertXmm(1, 0x0f0f00L, 0);
    // MMX: the index is masked to 3 bits
    SseHarness h = insn("0f 38 00 ca");
    h.cpu.fpu.sig[1] = 0x0706050403020100L;
    h.cpu.fpu.sig[2] = 0x0f0e0d0c0b0a0980L;
    h.step();
    assertEquals(0x0706050403020100L, h.cpu.fpu.sig[1]);
  }

  @Test
  void absAndSignKeepTheMostNegativeValue() {
    // pabsb: 0x80 stays 0x80, 0xff -> 1; pabsw: 0x8000 stays
    insn("66 0f 38 1c ca").xmm(2, 0x01ff80L, 0).step().assertXmm(1, 0x010180L, 0);
    insn("66 0f 38 1d ca").xmm(2, 0x8000L, 0xfffeL).step().assertXmm(1, 0x8000L, 2);
    // psignw: negate, zero, keep
    insn("66 0f 38 09 ca").xmm(1, 0x0003_0002_0001_8000L, 0).xmm(2, 0x0001_0000_ffff_ffffL, 0).step()
        .assertXmm(1, 0x0003_0000_ffff_8000L, 0);
  }

  @Test
  void horizontalAddsTakeDestinationPairsFirst() {
    // phaddw %xmm2, %xmm1 and phsubsw with saturation
    insn("66 0f 38 01 ca").xmm(1, 0x0004_0003_0002_0001L, 0x0008_0007_0006_0005L).xmm(2, 0x0001_0001_0001_0001L, 0)
        .step().assertXmm(1, 0x000f_000b_0007_0003L, 0x0000_0000_0002_0002L);
    insn("66 0f 38 07 ca").xmm(1, 0x0000_0000_0001_8000L, 0).xmm(2, 0, 0).step().assertXmm(1, 0x8000L, 0);
    // phaddd on MM registers: (m1[0]+m1[1]) | (m2[0]+m2[1]) << 32
    SseHarness h = insn("0f 38 02 ca");
    h.cpu.fpu.sig[1] = 0x0000000500000007L;
    h.cpu.fpu.sig[2] = 0xffffffff00000001L;
    h.step();
    assertEquals(0x000000000000000cL, h.cpu.fpu.sig[1]);
  }

  @Test
  void multiplies() {
    // pmulhrsw: 0x8000 * 0x8000 -> 0x8000 (the one overflow), 0x4000 * 0x4000 -> 0x2000
    insn("66 0f 38 0b ca").xmm(1, 0x4000_8000L, 0).xmm(2, 0x4000_8000L, 0).step().assertXmm(1, 0x2000_8000L, 0);
    // pmaddubsw: 255*127 + 255*127 saturates to 0x7fff; 255*-128 * 2 to 0x8000
    insn("66 0f 38 04 ca").xmm(1, 0xffff_ffffL, 0).xmm(2, 0x8080_7f7fL, 0).step().assertXmm(1, 0x8000_7fffL, 0);
  }

  @Test
  void palignrShiftsTheConcatenation() {
    // palignr $4, %xmm2, %xmm1: bytes 4..19 of xmm2:xmm1 (xmm1 high)
    insn("66 0f 3a 0f ca 04").xmm(1, 0x1111111111111111L, 0x2222222222222222L)
        .xmm(2, 0x3333333344444444L, 0x5555555566666666L).step()
        .assertXmm(1, 0x6666666633333333L, 0x1111111155555555L);
    // imm8 >= 32 gives zero
    insn("66 0f 3a 0f ca 20").xmm(1, -1, -1).xmm(2, -1, -1).step().assertXmm(1, 0, 0);
    // palignr $9, %mm2, %mm1: byte 9 onwards of mm1:mm2
    SseHarness h = insn("0f 3a 0f ca 09");
    h.cpu.fpu.sig[1] = 0x0807060504030201L;
    h.cpu.fpu.sig[2] = 0;
    h.step();
    assertEquals(0x0008070605040302L, h.cpu.fpu.sig[1]);
  }

  @Test
  void xmmMemoryOperandsMustBeAligned() {
    insn("66 0f 38 00 48 01").fault(GuestFault.Kind.GENERAL_PROTECTION); // pshufb 1(%rax), %xmm1
    insn("0f 38 00 48 01").mem(DATA, 0, 0).step(); // the MMX form has no alignment rule
  }
}
