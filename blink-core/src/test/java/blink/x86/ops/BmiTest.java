package blink.x86.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;

import blink.machine.GuestFault;
import blink.x86.Cpu;
import blink.x86.Flags;
import org.junit.jupiter.api.Test;

/** BMI1 and BMI2 on fixed values (the host comparison is {@link BmiDifferentialTest}). */
class BmiTest {
  private static long flags(SseHarness h) {
    return h.cpu.getFlags() & (Flags.CF | Flags.ZF | Flags.SF | Flags.OF);
  }

  @Test
  void andnComplementsTheVvvvOperand() {
    // andn eax, ecx, edx: eax = ~ecx & edx
    SseHarness h = SseHarness.insn("c4 e2 70 f2 c2").reg(Cpu.RCX, 0xff00ff00L).reg(Cpu.RDX, 0xfffff0f0L).reg(Cpu.RAX, -1);
    h.cpu.setFlagsValue(Flags.CF | Flags.OF);
    h.step();
    assertEquals(0x00ff00f0L, h.cpu.regs[Cpu.RAX]);
    assertEquals(0, flags(h));
  }

  @Test
  void blsFamily() {
    // blsr / blsmsk / blsi rcx(vvvv), rdx
    SseHarness h = SseHarness.insn("c4 e2 f0 f3 ca").reg(Cpu.RDX, 0b101000).step();
    assertEquals(0b100000, h.cpu.regs[Cpu.RCX]);
    assertEquals(0, flags(h));
    h = SseHarness.insn("c4 e2 f0 f3 d2").reg(Cpu.RDX, 0b101000).step();
    assertEquals(0b1111, h.cpu.regs[Cpu.RCX]);
    h = SseHarness.insn("c4 e2 f0 f3 da").reg(Cpu.RDX, 0b101000).step();
    assertEquals(0b1000, h.cpu.regs[Cpu.RCX]);
    assertEquals(Flags.CF, flags(h)); // BLSI: CF = source is not zero
    h = SseHarness.insn("c4 e2 f0 f3 ca").reg(Cpu.RDX, 0).step();
    assertEquals(Flags.CF | Flags.ZF, flags(h)); // BLSR: CF = source is zero
  }

  @Test
  void bextrAndBzhi() {
    // bextr eax, edx, ecx: start 4, length 8
    SseHarness h = SseHarness.insn("c4 e2 70 f7 c2").reg(Cpu.RCX, 0x0804).reg(Cpu.RDX, 0x12345678).step();
    assertEquals(0x67, h.cpu.regs[Cpu.RAX]);
    // bzhi eax, edx, ecx: index 12 keeps bits 11..0; index 40 > 31 keeps all and sets CF
    h = SseHarness.insn("c4 e2 70 f5 c2").reg(Cpu.RCX, 12).reg(Cpu.RDX, 0x12345678).step();
    assertEquals(0x678, h.cpu.regs[Cpu.RAX]);
    assertEquals(0, flags(h));
    h = SseHarness.insn("c4 e2 70 f5 c2").reg(Cpu.RCX, 40).reg(Cpu.RDX, 0x92345678L).step();
    assertEquals(0x92345678L, h.cpu.regs[Cpu.RAX]);
    assertEquals(Flags.CF | Flags.SF, flags(h));
  }

  @Test
  void pdepAndPext() {
    SseHarness h = SseHarness.insn("c4 e2 f3 f5 c2").reg(Cpu.RCX, 0b101).reg(Cpu.RDX, 0xf0).step();
    assertEquals(0x50, h.cpu.regs[Cpu.RAX]);
    h = SseHarness.insn("c4 e2 f2 f5 c2").reg(Cpu.RCX, 0xabcdL << 48).reg(Cpu.RDX, 0xff00L << 48).step();
    assertEquals(0xab, h.cpu.regs[Cpu.RAX]);
  }

  @Test
  void mulxLeavesFlagsAndWritesHighLast() {
    // mulx rax(high), rcx(low), rbx; rdx implied
    SseHarness h = SseHarness.insn("c4 e2 f3 f6 c3").reg(Cpu.RDX, -1).reg(Cpu.RBX, 3);
    h.cpu.setFlagsValue(Flags.ZF);
    h.step();
    assertEquals(2, h.cpu.regs[Cpu.RAX]);
    assertEquals(-3, h.cpu.regs[Cpu.RCX]);
    assertEquals(Flags.ZF, flags(h));
    // mulx rax, rax, rbx: the shared destination gets the high half
    h = SseHarness.insn("c4 e2 fb f6 c3").reg(Cpu.RDX, -1).reg(Cpu.RBX, 3).step();
    assertEquals(2, h.cpu.regs[Cpu.RAX]);
  }

  @Test
  void shiftsAndRotateMaskTheirCounts() {
    // shlx eax, edx, ecx with count 33 -> 1; sarx rax, rdx, rcx; shrx; rorx eax, edx, 4
    SseHarness h = SseHarness.insn("c4 e2 71 f7 c2").reg(Cpu.RCX, 33).reg(Cpu.RDX, 0x80000001L).step();
    assertEquals(2, h.cpu.regs[Cpu.RAX]);
    h = SseHarness.insn("c4 e2 f2 f7 c2").reg(Cpu.RCX, 68).reg(Cpu.RDX, Long.MIN_VALUE).step();
    assertEquals(0xf800000000000000L, h.cpu.regs[Cpu.RAX]);
    h = SseHarness.insn("c4 e2 73 f7 c2").reg(Cpu.RCX, 4).reg(Cpu.RDX, 0xfffffff0L).step();
    assertEquals(0x0fffffffL, h.cpu.regs[Cpu.RAX]);
    h = SseHarness.insn("c4 e3 7b f0 c2 04").reg(Cpu.RDX, 0x12345678).step();
    assertEquals(0x81234567L, h.cpu.regs[Cpu.RAX]);
  }

  @Test
  void vexLOneAndReservedVvvvAreUndefined() {
    SseHarness.insn("c4 e2 74 f2 c2").fault(GuestFault.Kind.INVALID_OPCODE);
    SseHarness.insn("c4 e3 73 f0 c2 04").fault(GuestFault.Kind.INVALID_OPCODE); // RORX with vvvv != 1111b
    SseHarness.insn("c4 e2 f0 f3 e2").fault(GuestFault.Kind.INVALID_OPCODE); // group 17 /4
  }
}
