package blink.x86.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import blink.machine.GuestFault;
import blink.x86.Cpu;
import blink.x86.Flags;
import org.junit.jupiter.api.Test;

/** RDRAND, RDSEED, and the TSC_AUX readers RDTSCP and RDPID that share their decoding slots. */
class RandomOpsTest {
  @Test
  void rdrandSetsCfAndClearsTheOtherFlags() {
    // rdrand rax; rdrand rax
    SseHarness h = SseHarness.insn("48 0f c7 f0 48 0f c7 f0");
    h.cpu.setFlagsValue(Flags.STATUS);
    h.step();
    long first = h.cpu.regs[Cpu.RAX];
    assertEquals(Flags.CF, h.cpu.getFlags() & Flags.STATUS);
    h.step();
    assertNotEquals(first, h.cpu.regs[Cpu.RAX]);
  }

  @Test
  void rdseedSizes() {
    // rdseed ecx zero-extends; 66: rdseed cx merges
    SseHarness h = SseHarness.insn("0f c7 f9").reg(Cpu.RCX, -1).step();
    assertEquals(0, h.cpu.regs[Cpu.RCX] >>> 32);
    assertEquals(Flags.CF, h.cpu.getFlags() & Flags.STATUS);
    h = SseHarness.insn("66 0f c7 f9").reg(Cpu.RCX, -1L << 16).step();
    assertEquals(-1L << 16, h.cpu.regs[Cpu.RCX] & (-1L << 16));
  }

  @Test
  void memoryFormsStayCmpxchg8bOrUndefined() {
    SseHarness.insn("0f c7 30").fault(GuestFault.Kind.INVALID_OPCODE); // 0F C7 /6 with memory
    SseHarness.insn("0f c7 c8").fault(GuestFault.Kind.INVALID_OPCODE); // cmpxchg8b has no register form
    // cmpxchg8b [rax] with equal values: ZF = 1
    SseHarness h = SseHarness.insn("0f c7 08").mem(SseHarness.DATA, 0).reg(Cpu.RDX, 0);
    h.cpu.regs[Cpu.RAX] = SseHarness.DATA;
    h.cpu.mmu.write64(SseHarness.DATA, SseHarness.DATA & 0xffffffffL);
    h.step();
    assertTrue(h.cpu.zf());
  }

  @Test
  void rdtscpAndRdpidReadTscAux() {
    SseHarness h = SseHarness.insn("0f 31 0f 01 f9").reg(Cpu.RCX, -1).step();
    long t0 = h.cpu.regs[Cpu.RDX] << 32 | h.cpu.regs[Cpu.RAX];
    h.step();
    long t1 = h.cpu.regs[Cpu.RDX] << 32 | h.cpu.regs[Cpu.RAX];
    assertTrue(t1 >= t0);
    assertEquals(0, h.cpu.regs[Cpu.RCX]);
    // rdpid rax
    h = SseHarness.insn("f3 0f c7 f8").reg(Cpu.RAX, -1).step();
    assertEquals(0, h.cpu.regs[Cpu.RAX]);
  }
}
