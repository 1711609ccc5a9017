package blink.x86.ops;

import static blink.x86.ops.SseHarness.DATA;
import static blink.x86.ops.SseHarness.insn;

import org.junit.jupiter.api.Test;

/** SseShuffle: shuffles, unpacks and packs, with lanes worked out by hand. */
class SseShuffleTest {
  static final long BYTES_LO = 0x0706050403020100L, BYTES_HI = 0x0f0e0d0c0b0a0908L;

  @Test
  void punpcklbwInterleavesLowBytes() {
    insn("66 0f 60 ca").xmm(1, BYTES_LO, -1).xmm(2, 0x1716151413121110L, -1).step()
        .assertXmm(1, 0x1303120211011000L, 0x1707160615051404L);
  }

  @Test
  void punpckhwdInterleavesHighWords() {
    insn("66 0f 69 ca").xmm(1, -1, 0x000b000a00090008L).xmm(2, -1, 0x001b001a00190018L).step()
        .assertXmm(1, 0x0019000900180008L, 0x001b000b001a000aL);
  }

  @Test
  void punpckQuadwordsAndDoublewords() {
    // punpckhqdq (%rax), %xmm1
    insn("66 0f 6d 08").mem(DATA, 3, 4).xmm(1, 1, 2).step().assertXmm(1, 2, 4);
    // punpcklqdq %xmm2, %xmm1
    insn("66 0f 6c ca").xmm(1, 1, 2).xmm(2, 3, 4).step().assertXmm(1, 1, 3);
    // unpcklps %xmm2, %xmm1: a0 b0 a1 b1
    insn("0f 14 ca").xmm(1, 0x000000a1000000a0L, 0).xmm(2, 0x000000b1000000b0L, 0).step()
        .assertXmm(1, 0x000000b0000000a0L, 0x000000b1000000a1L);
    // unpckhpd %xmm2, %xmm1
    insn("66 0f 15 ca").xmm(1, 1, 2).xmm(2, 3, 4).step().assertXmm(1, 2, 4);
  }

  @Test
  void packsswbAndPackuswbSaturate() {
    // words 1, 128, -129, 32767 | -32768, -1, 127, -128
    long lo = 0x7fffff7f00800001L, hi = 0xff80007fffff8000L;
    insn("66 0f 63 ca").xmm(1, lo, hi).xmm(2, 0, 0).step().assertXmm(1, 0x807fff807f807f01L, 0);
    insn("66 0f 67 ca").xmm(1, lo, hi).xmm(2, 0, 0).step().assertXmm(1, 0x007f0000ff008001L, 0);
    // the source's words fill the high half
    insn("66 0f 67 ca").xmm(1, 0, 0).xmm(2, lo, hi).step().assertXmm(1, 0, 0x007f0000ff008001L);
  }

  @Test
  void packssdwSaturates() {
    // dwords 0x10000, -0x10000, 0x7fff, 0x80000000 | 1, -1, 0x8000, -0x8001
    insn("66 0f 6b ca").xmm(1, 0xffff000000010000L, 0x8000000000007fffL)
        .xmm(2, 0xffffffff00000001L, 0xffff7fff00008000L).step()
        .assertXmm(1, 0x80007fff80007fffL, 0x80007fffffff0001L);
  }

  @Test
  void shufpsAndShufpd() {
    long a = 0x000000a1000000a0L, a2 = 0x000000a3000000a2L, b = 0x000000b1000000b0L, b2 = 0x000000b3000000b2L;
    // imm 0x4e = 01 00 11 10: d[2], d[3], s[0], s[1]
    insn("0f c6 ca 4e").xmm(1, a, a2).xmm(2, b, b2).step().assertXmm(1, a2, b);
    // imm 0x1b = 00 01 10 11: d[3], d[2], s[1], s[0]
    insn("0f c6 ca 1b").xmm(1, a, a2).xmm(2, b, b2).step().assertXmm(1, 0x000000a2000000a3L, 0x000000b0000000b1L);
    insn("66 0f c6 ca 01").xmm(1, 1, 2).xmm(2, 3, 4).step().assertXmm(1, 2, 3);
    insn("66 0f c6 ca 02").xmm(1, 1, 2).xmm(2, 3, 4).step().assertXmm(1, 1, 4);
  }

  @Test
  void pshufdPshuflwPshufhw() {
    long lo = 0x0003000200010000L, hi = 0x0007000600050004L;
    insn("66 0f 70 ca 1b").xmm(2, lo, hi).step().assertXmm(1, 0x0005000400070006L, 0x0001000000030002L);
    insn("f2 0f 70 ca 1b").xmm(2, lo, hi).step().assertXmm(1, 0x0000000100020003L, hi);
    insn("f3 0f 70 ca 1b").xmm(2, lo, hi).step().assertXmm(1, lo, 0x0004000500060007L);
    // broadcast word 2 of the low half
    insn("f2 0f 70 ca aa").xmm(2, lo, hi).step().assertXmm(1, 0x0002000200020002L, hi);
  }
}
