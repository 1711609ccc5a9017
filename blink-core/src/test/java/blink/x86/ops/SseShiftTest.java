package blink.x86.ops;

import static blink.x86.ops.SseHarness.DATA;
import static blink.x86.ops.SseHarness.insn;

import org.junit.jupiter.api.Test;

/** SseShift: lane shifts by immediate and by register count, and byte shifts. */
class SseShiftTest {
  @Test
  void arithmeticShiftsFillWithTheSign() {
    // psraw $3: 0x8000 -> 0xf000, 0x7fff -> 0x0fff, 0xfff8 -> 0xffff, 0x0010 -> 0x0002
    insn("66 0f 71 e1 03").xmm(1, 0x0010fff87fff8000L, 0).step().assertXmm(1, 0x0002ffff0fffF000L, 0);
    // psrad $40 clamps to 31
    insn("66 0f 72 e1 28").xmm(1, 0x800000007fffffffL, 1).step().assertXmm(1, 0xffffffff00000000L, 0);
    // psraw %xmm2 with a huge count
    insn("66 0f e1 ca").xmm(1, 0x00008000L, 0x7fff8001L).xmm(2, 0x1_0000_0000L, 0).step()
        .assertXmm(1, 0x0000ffffL, 0x0000ffffL);
  }

  @Test
  void logicalShifts() {
    // psllq $63
    insn("66 0f 73 f1 3f").xmm(1, 3, 2).step().assertXmm(1, 0x8000000000000000L, 0);
    // psrlq %xmm2 by 4 (the high quadword of the count is ignored)
    insn("66 0f d3 ca").xmm(1, 0xf0, 0x100).xmm(2, 4, -1).step().assertXmm(1, 0xf, 0x10);
    // psrlq by 64 clears; a count of 2^32 too
    insn("66 0f d3 ca").xmm(1, -1, -1).xmm(2, 64, 0).step().assertXmm(1, 0, 0);
    insn("66 0f d3 ca").xmm(1, -1, -1).xmm(2, 1L << 32, 0).step().assertXmm(1, 0, 0);
    // pslld %xmm2 by 31
    insn("66 0f f2 ca").xmm(1, 0x0000000300000001L, 0).xmm(2, 31, 0).step().assertXmm(1, 0x8000000080000000L, 0);
    // psrlw $16 clears
    insn("66 0f 71 d1 10").xmm(1, -1, -1).step().assertXmm(1, 0, 0);
    // psllw $4 keeps lanes apart
    insn("66 0f 71 f1 04").xmm(1, 0xf00ff00ff00ff00fL, 0).step().assertXmm(1, 0x00f000f000f000f0L, 0);
    // psrld (%rax), %xmm1 by 8
    insn("66 0f d2 08").mem(DATA, 8, 0).xmm(1, 0x8000000011223344L, 0).step().assertXmm(1, 0x0080000000112233L, 0);
  }

  @Test
  void byteShiftsOfTheWholeRegister() {
    long lo = 0x0706050403020100L, hi = 0x0f0e0d0c0b0a0908L;
    insn("66 0f 73 f9 03").xmm(1, lo, hi).step().assertXmm(1, 0x0403020100000000L, 0x0c0b0a0908070605L);
    insn("66 0f 73 d9 05").xmm(1, lo, hi).step().assertXmm(1, 0x0c0b0a0908070605L, 0x0f0e0dL);
    insn("66 0f 73 f9 08").xmm(1, lo, hi).step().assertXmm(1, 0, lo);
    insn("66 0f 73 d9 09").xmm(1, lo, hi).step().assertXmm(1, 0x0f0e0d0c0b0a09L, 0);
    insn("66 0f 73 f9 10").xmm(1, lo, hi).step().assertXmm(1, 0, 0);
    insn("66 0f 73 d9 c8").xmm(1, lo, hi).step().assertXmm(1, 0, 0);
  }
}
