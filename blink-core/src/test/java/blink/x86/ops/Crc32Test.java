package blink.x86.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;

import blink.x86.Cpu;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** CRC32 against the CRC-32C check value and the MOVBE forms it shares slots with. */
class Crc32Test {
  /** The CRC-32C check value: CRC of "123456789" with initial value and final XOR ~0. */
  private static final int CHECK = 0xE3069283;

  @Test
  void byteFormsComputeCrc32c() {
    int crc = -1;
    for (byte b : "123456789".getBytes(StandardCharsets.US_ASCII)) {
      // crc32 eax, cl
      SseHarness h = SseHarness.insn("f2 0f 38 f0 c1").reg(Cpu.RAX, crc & 0xffffffffL).reg(Cpu.RCX, b & 0xff).step();
      crc = (int) h.cpu.regs[Cpu.RAX];
    }
    assertEquals(CHECK, ~crc);
  }

  @Test
  void wideFormsAgreeWithBytes() {
    long data = 0x0123456789abcdefL;
    int expect = Crc32.update(-1, data, 8);
    // crc32 rax, rcx: the 64-bit destination is zero-extended from 32 bits
    SseHarness h = SseHarness.insn("f2 48 0f 38 f1 c1").reg(Cpu.RAX, 0xdead0000ffffffffL).reg(Cpu.RCX, data).step();
    assertEquals(expect & 0xffffffffL, h.cpu.regs[Cpu.RAX]);
    // crc32 eax, cx (66 F2)
    h = SseHarness.insn("66 f2 0f 38 f1 c1").reg(Cpu.RAX, 0xffffffffL).reg(Cpu.RCX, data).step();
    assertEquals(Crc32.update(-1, data & 0xffff, 2) & 0xffffffffL, h.cpu.regs[Cpu.RAX]);
    // crc32 eax, dword [rax+0]
    h = SseHarness.insn("f2 0f 38 f1 00").mem(SseHarness.DATA, data).step();
    assertEquals(Crc32.update((int) SseHarness.DATA, data, 4) & 0xffffffffL, h.cpu.regs[Cpu.RAX]);
  }

  @Test
  void movbeStillDecodes() {
    // movbe ecx, [rax]
    SseHarness h = SseHarness.insn("0f 38 f0 08").mem(SseHarness.DATA, 0x11223344L).step();
    assertEquals(0x44332211L, h.cpu.regs[Cpu.RCX]);
  }
}
