package blink.x86.ops;

import static blink.x86.ops.SseHarness.DATA;
import static blink.x86.ops.SseHarness.insn;
import static org.junit.jupiter.api.Assertions.assertEquals;

import blink.machine.GuestFault;
import blink.x86.Cpu;
import org.junit.jupiter.api.Test;

/** SseMove: data movement between XMM registers, memory and general registers. */
class SseMoveTest {
  static final long A = 0x0123456789abcdefL, B = 0xfedcba9876543210L;

  @Test
  void movdqaLoadsAlignedMemory() {
    // movdqa (%rax), %xmm1
    SseHarness h = insn("66 0f 6f 08").mem(DATA, A, B).step();
    h.assertXmm(1, A, B);
  }

  @Test
  void movdqaMisalignedIsGeneralProtectionAndChangesNothing() {
    SseHarness h = insn("66 0f 6f 08").reg(Cpu.RAX, DATA + 8).xmm(1, 1, 2);
    h.fault(GuestFault.Kind.GENERAL_PROTECTION);
    h.assertXmm(1, 1, 2);
  }

  @Test
  void movdquAcceptsMisalignedMemory() {
    // movdqu (%rax), %xmm1 at DATA+3
    SseHarness h = insn("f3 0f 6f 08").reg(Cpu.RAX, DATA + 3);
    h.mem(DATA, 0x1122334455667788L, 0x99aabbccddeeff00L, 0x0102030405060708L);
    h.step();
    h.assertXmm(1, 0xeeff001122334455L, 0x06070899aabbccddL);
  }

  @Test
  void movdquLoadStraddlingAPage() {
    SseHarness h = insn("f3 0f 6f 08").reg(Cpu.RAX, DATA + 0xff8).mem(DATA + 0xff8, A, B).step();
    h.assertXmm(1, A, B);
  }

  @Test
  void movupsStoreThatFaultsOnItsSecondPageWritesNothing() {
    // movups %xmm1, (%rax) at the last 8 bytes of the mapping
    SseHarness h = insn("0f 11 08").reg(Cpu.RAX, DATA + 0x1ff8).xmm(1, A, B).mem(DATA + 0x1ff8, 77);
    h.fault(GuestFault.Kind.PAGE_NOT_MAPPED);
    assertEquals(77, h.q(DATA + 0x1ff8));
  }

  @Test
  void movdqaWithRexRegisters() {
    // movdqa %xmm9, %xmm8
    SseHarness h = insn("66 45 0f 6f c1").xmm(9, A, B).step();
    h.assertXmm(8, A, B);
  }

  @Test
  void movssFromMemoryZeroesTheRestFromRegisterMerges() {
    SseHarness h = insn("f3 0f 10 08").mem(DATA, 0xaaaaaaaa11223344L).xmm(1, -1, -1).step();
    h.assertXmm(1, 0x11223344L, 0);
    // movss %xmm2, %xmm1
    h = insn("f3 0f 10 ca").xmm(1, -1, -1).xmm(2, 0x5555555566667777L, 9).step();
    h.assertXmm(1, 0xffffffff66667777L, -1);
  }

  @Test
  void movsdFromMemoryZeroesTheHighQuadword() {
    SseHarness h = insn("f2 0f 10 08").mem(DATA, A).xmm(1, -1, -1).step();
    h.assertXmm(1, A, 0);
  }

  @Test
  void movssStoreWritesFourBytes() {
    // movss %xmm1, (%rax)
    SseHarness h = insn("f3 0f 11 08").mem(DATA, -1L).xmm(1, A, B).step();
    assertEquals(0xffffffff89abcdefL, h.q(DATA));
  }

  @Test
  void movdAndMovqToAndFromGeneralRegisters() {
    // movd %ecx, %xmm1
    SseHarness h = insn("66 0f 6e c9").reg(Cpu.RCX, 0xdeadbeefcafef00dL).xmm(1, -1, -1).step();
    h.assertXmm(1, 0xcafef00dL, 0);
    // movq %rcx, %xmm1
    h = insn("66 48 0f 6e c9").reg(Cpu.RCX, A).xmm(1, -1, -1).step();
    h.assertXmm(1, A, 0);
    // movd %xmm1, %ecx zero-extends into RCX
    h = insn("66 0f 7e c9").reg(Cpu.RCX, -1).xmm(1, A, B).step();
    assertEquals(0x89abcdefL, h.cpu.regs[Cpu.RCX]);
    // movq %xmm1, %rcx
    h = insn("66 48 0f 7e c9").xmm(1, A, B).step();
    assertEquals(A, h.cpu.regs[Cpu.RCX]);
  }

  @Test
  void movqBetweenXmmZeroesTheHighQuadword() {
    // movq %xmm2, %xmm1 (F3 0F 7E)
    SseHarness h = insn("f3 0f 7e ca").xmm(1, -1, -1).xmm(2, A, B).step();
    h.assertXmm(1, A, 0);
    // movq %xmm2, %xmm1 via 66 0F D6 /r with mod=3 (destination is r/m = xmm1)
    h = insn("66 0f d6 d1").xmm(1, -1, -1).xmm(2, A, B).step();
    h.assertXmm(1, A, 0);
    // movq %xmm2, (%rax)
    h = insn("66 0f d6 10").xmm(2, A, B).mem(DATA, 0, -1).step();
    assertEquals(A, h.q(DATA));
    assertEquals(-1, h.q(DATA + 8));
  }

  @Test
  void halfRegisterMoves() {
    // movhlps %xmm2, %xmm1: low of xmm1 = high of xmm2
    insn("0f 12 ca").xmm(1, 1, 2).xmm(2, 3, 4).step().assertXmm(1, 4, 2);
    // movlhps %xmm2, %xmm1: high of xmm1 = low of xmm2
    insn("0f 16 ca").xmm(1, 1, 2).xmm(2, 3, 4).step().assertXmm(1, 1, 3);
    // movlps (%rax), %xmm1 / movhps (%rax), %xmm1
    insn("0f 12 08").xmm(1, 1, 2).mem(DATA, 9).step().assertXmm(1, 9, 2);
    insn("0f 16 08").xmm(1, 1, 2).mem(DATA, 9).step().assertXmm(1, 1, 9);
    // movhps %xmm1, (%rax) (0F 17)
    SseHarness h = insn("0f 17 08").xmm(1, 1, 2).step();
    assertEquals(2, h.q(DATA));
  }

  @Test
  void movlpdRegisterFormIsUndefined() {
    insn("66 0f 12 ca").fault(GuestFault.Kind.INVALID_OPCODE);
  }

  @Test
  void signMasks() {
    // pmovmskb %xmm1, %eax
    SseHarness h = insn("66 0f d7 c1").reg(Cpu.RAX, -1).xmm(1, 0x80000000000080ffL, 0x7f80000000000001L).step();
    assertEquals(0b0100_0000_1000_0011L, h.cpu.regs[Cpu.RAX]);
    // movmskps %xmm1, %eax: sign bits of singles 0..3
    h = insn("0f 50 c1").xmm(1, 0x80000000_00000000L, 0x00000000_80000000L).step();
    assertEquals(0b0110L, h.cpu.regs[Cpu.RAX]);
    // movmskpd %xmm1, %eax
    h = insn("66 0f 50 c1").xmm(1, 0, -1).step();
    assertEquals(0b10L, h.cpu.regs[Cpu.RAX]);
  }

  @Test
  void maskmovdquStoresSelectedBytesAtRdi() {
    // maskmovdqu %xmm2, %xmm1: store bytes of xmm1 where xmm2's byte has bit 7 set
    SseHarness h = insn("66 0f f7 ca").reg(Cpu.RDI, DATA + 1).mem(DATA, 0, 0, 0);
    h.xmm(1, 0x1122334455667788L, 0x99aabbccddeeff00L).xmm(2, 0x00000000000080ffL, 0x8000000000000000L).step();
    assertEquals(0x778800L, h.q(DATA));
    assertEquals(0x99L, h.q(DATA + 16));
    assertEquals(0, h.q(DATA + 8));
  }

  @Test
  void pextrwAndPinsrw() {
    // pextrw $5, %xmm1, %eax
    SseHarness h = insn("66 0f c5 c1 05").reg(Cpu.RAX, -1).xmm(1, A, B).step();
    assertEquals(0x7654L, h.cpu.regs[Cpu.RAX]);
    // pinsrw $6, %ecx, %xmm1
    h = insn("66 0f c4 c9 06").reg(Cpu.RCX, 0x12345678).xmm(1, A, B).step();
    h.assertXmm(1, A, 0xfedc567876543210L);
    // pinsrw $6, (%rax), %xmm1 reads only a word
    h = insn("66 0f c4 08 06").mem(DATA, 0xffffffffffff4321L).xmm(1, 0, 0).step();
    h.assertXmm(1, 0, 0x0000432100000000L);
  }

  @Test
  void nonTemporalStoresAndHints() {
    // movnti %rcx, (%rax)
    SseHarness h = insn("48 0f c3 08").reg(Cpu.RCX, A).step();
    assertEquals(A, h.q(DATA));
    // movnti %ecx, (%rax)
    h = insn("0f c3 08").reg(Cpu.RCX, A).mem(DATA, -1L).step();
    assertEquals(0xffffffff89abcdefL, h.q(DATA));
    // prefetchnta (%rax) does nothing, even with an unmapped address
    h = insn("0f 18 00").reg(Cpu.RAX, 0x7000_0000L).step();
    assertEquals(SseHarness.CODE + 3, h.cpu.rip);
  }

  @Test
  void sse3DuplicatingMovesAndLddqu() {
    // movddup %xmm2, %xmm1
    insn("f2 0f 12 ca").xmm(2, A, B).step().assertXmm(1, A, A);
    // movsldup %xmm2, %xmm1 (F3 0F 12), movshdup (F3 0F 16)
    insn("f3 0f 12 ca").xmm(2, A, B).step().assertXmm(1, 0x89abcdef89abcdefL, 0x7654321076543210L);
    insn("f3 0f 16 ca").xmm(2, A, B).step().assertXmm(1, 0x0123456701234567L, 0xfedcba98fedcba98L);
    // lddqu (%rax), %xmm1 at a misaligned address
    insn("f2 0f f0 08").reg(Cpu.RAX, DATA + 8).mem(DATA + 8, A, B).step().assertXmm(1, A, B);
  }
}
