package blink.x86.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;

import blink.x86.Cpu;
import blink.x86.Flags;
import org.junit.jupiter.api.Test;

/** ADCX and ADOX: each carries through its own flag and leaves every other flag alone. */
class BmiAdxTest {
  @Test
  void adcxCarriesThroughCfOnly() {
    // adcx eax, ecx
    SseHarness h = SseHarness.insn("66 0f 38 f6 c1").reg(Cpu.RAX, 0xffffffffL).reg(Cpu.RCX, 0);
    h.cpu.setFlagsValue(Flags.CF | Flags.ZF);
    h.step();
    assertEquals(0, h.cpu.regs[Cpu.RAX]);
    assertEquals(Flags.CF | Flags.ZF, h.cpu.getFlags() & Flags.STATUS);
  }

  @Test
  void adoxCarriesThroughOfOnly() {
    // adox rax, rcx
    SseHarness h = SseHarness.insn("f3 48 0f 38 f6 c1").reg(Cpu.RAX, -1).reg(Cpu.RCX, 1);
    h.cpu.setFlagsValue(Flags.CF);
    h.step();
    assertEquals(0, h.cpu.regs[Cpu.RAX]);
    assertEquals(Flags.CF | Flags.OF, h.cpu.getFlags() & Flags.STATUS);
  }
}
