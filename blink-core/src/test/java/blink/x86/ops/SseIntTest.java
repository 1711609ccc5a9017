package blink.x86.ops;

import static blink.x86.ops.SseHarness.DATA;
import static blink.x86.ops.SseHarness.insn;

import blink.machine.GuestFault;
import blink.x86.Cpu;
import org.junit.jupiter.api.Test;

/**
 * SseInt: packed integer arithmetic. Expected lanes are worked out by hand from the
 * SDM's per-lane definitions; each test runs "OP %xmm2, %xmm1" (66 0F xx CA).
 */
class SseIntTest {
  private static SseHarness op(int opcode, long lo1, long hi1, long lo2, long hi2) {
    return insn(String.format("66 0f %02x ca", opcode)).xmm(1, lo1, hi1).xmm(2, lo2, hi2).step();
  }

  @Test
  void paddsbSaturatesSigned() {
    // bytes 7f+01, 80+ff, 01+7f, ff+ff, 40+40, c0+c0, 00+00, 10+f0
    op(0xEC, 0x1000c040ff01807fL, 0, 0xf000c040ff7fff01L, 0).assertXmm(1, 0x0000807ffe7f807fL, 0);
  }

  @Test
  void padduswSaturatesUnsigned() {
    op(0xDD, 0x12340001_8000ffffL, 0, 0x1111fffe_80000001L, 0).assertXmm(1, 0x2345ffffffffffffL, 0);
  }

  @Test
  void psubusbClampsAtZeroAndPsubbWraps() {
    op(0xD8, 0x00ff0510L, 0, 0x01010520L, 0).assertXmm(1, 0x00fe0000L, 0);
    op(0xF8, 0x8000L, 0, 0x0101L, 0).assertXmm(1, 0x7fffL, 0);
  }

  @Test
  void paddWrapsPerLane() {
    // paddb: ff+01 = 00 without carrying into the next byte; paddw, paddd likewise
    op(0xFC, 0x00ff00ffL, 0, 0x00010001L, -1).assertXmm(1, 0, -1);
    op(0xFD, 0xffff0000ffffL, 0, 0x000100000001L, 0).assertXmm(1, 0, 0);
    op(0xFE, 0xffffffff_ffffffffL, 0x7fffffffL, 0x00000001_00000001L, 1).assertXmm(1, 0, 0x80000000L);
    // paddq (%rax), %xmm1
    insn("66 0f d4 08").mem(DATA, -1L, 1).xmm(1, 1, Long.MAX_VALUE).step().assertXmm(1, 0, Long.MIN_VALUE);
  }

  @Test
  void packedArithmeticNeedsAlignedMemory() {
    insn("66 0f d4 08").reg(Cpu.RAX, DATA + 4).fault(GuestFault.Kind.GENERAL_PROTECTION);
  }

  @Test
  void compares() {
    op(0x74, 0x1122334455667788L, 0, 0x1100330055007700L, 0).assertXmm(1, 0xff00ff00ff00ff00L, -1);
    // pcmpgtw: 1>0, -32768>32767 no, 32767>-32768, -1>0 no
    op(0x65, 0xffff7fff80000001L, 0, 0x00008000_7fff0000L, 0).assertXmm(1, 0x0000ffff0000ffffL, 0);
    // pcmpeqd, pcmpgtd
    op(0x76, 0x00000005_00000004L, 0, 0x00000005_00000003L, 0).assertXmm(1, 0xffffffff00000000L, -1);
    op(0x66, 0x80000000_00000001L, 0, 0x7fffffff_00000000L, 0).assertXmm(1, 0x00000000ffffffffL, 0);
  }

  @Test
  void multiplies() {
    // pmaddwd: (-32768)*(-32768)*2 wraps to 0x80000000; 2*4 + 3*5 = 23
    op(0xF5, 0x0003000280008000L, 0, 0x0005000480008000L, 0).assertXmm(1, 0x0000001780000000L, 0);
    // pmuludq: only the low doubleword of each quadword, unsigned
    op(0xF4, 0x12345678ffffffffL, 0xdead000000000003L, 0x00009999ffffffffL, 0xbeef000000000005L)
        .assertXmm(1, 0xfffffffe00000001L, 15);
    // pmulhw: 0x8000*0x8000 -> 0x4000, 0x7fff*2 -> 0, -1*1 -> 0xffff, 0x1234*0x100 -> 0x12
    op(0xE5, 0x1234ffff7fff8000L, 0, 0x0100000100028000L, 0).assertXmm(1, 0x0012ffff00004000L, 0);
    // pmulhuw: 0xffff*0xffff -> 0xfffe; pmullw: low halves
    op(0xE4, 0xffffL, 0, 0xffffL, 0).assertXmm(1, 0xfffeL, 0);
    op(0xD5, 0x00030000ffffL, 0, 0x00050000ffffL, 0).assertXmm(1, 0x000f00000001L, 0);
  }

  @Test
  void averagesAndSumOfAbsoluteDifferences() {
    // pavgb rounds up: (ff+ff+1)/2, (0+1+1)/2, (80+7f+1)/2, (2+3+1)/2
    op(0xE0, 0x028000ffL, 0, 0x037f01ffL, 0).assertXmm(1, 0x038001ffL, 0);
    // pavgw
    op(0xE3, 0xffffL, 0, 0xfffeL, 0).assertXmm(1, 0xffffL, 0);
  }

  /** PSADBW: 255+255+16+16 = 542 in the low half; eight |1-3| = 16 in the high half. */
  @Test
  void psadbwSumsEachHalf() {
    long a = 0x20_10_ff_00L, b = 0x10_20_00_ffL;
    op(0xF6, a, 0x0101010101010101L, b, 0x0303030303030303L).assertXmm(1, 542, 16);
  }

  @Test
  void minMax() {
    op(0xDA, 0x00ff7f80L, 0, 0x01fe8070L, 0).assertXmm(1, 0x00fe7f70L, 0);
    op(0xDE, 0x00ff7f80L, 0, 0x01fe8070L, 0).assertXmm(1, 0x01ff8080L, 0);
    op(0xEE, 0x7fffffff00018000L, 0, 0x0000800000027fffL, 0).assertXmm(1, 0x7fffffff00027fffL, 0);
    op(0xEA, 0x7fffffff00018000L, 0, 0x0000800000027fffL, 0).assertXmm(1, 0x0000800000018000L, 0);
  }

  @Test
  void logic() {
    op(0xDF, 0xff00ff00ff00ff00L, -1, 0x0f0f0f0f0f0f0f0fL, -1).assertXmm(1, 0x000f000f000f000fL, 0);
    op(0xEF, 5, 6, 3, 6).assertXmm(1, 6, 0);
    op(0xEB, 5, 0, 3, 8).assertXmm(1, 7, 8);
    op(0xDB, 5, -1, 3, 8).assertXmm(1, 1, 8);
    // xorps %xmm2, %xmm1 and andnpd share the semantics
    insn("0f 57 ca").xmm(1, 5, 6).xmm(2, 3, 6).step().assertXmm(1, 6, 0);
    insn("66 0f 55 ca").xmm(1, 1, 0).xmm(2, 3, 3).step().assertXmm(1, 2, 3);
  }
}
