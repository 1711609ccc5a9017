package blink.x86.ops;

import static blink.x86.ops.SseHarness.DATA;
import static blink.x86.ops.SseHarness.insn;
import static org.junit.jupiter.api.Assertions.assertEquals;

import blink.machine.GuestFault;
import org.junit.jupiter.api.Test;

/** SseMxcsr: LDMXCSR/STMXCSR and their faults. */
class SseMxcsrTest {
  @Test
  void stmxcsrStoresTheInitialValue() {
    // stmxcsr (%rax)
    SseHarness h = insn("0f ae 18").mem(DATA, -1L).step();
    assertEquals(0xffffffff00001f80L, h.q(DATA));
  }

  @Test
  void ldmxcsrLoadsFromMemory() {
    // ldmxcsr (%rax): FZ, round toward zero, all masked, DAZ, PE; only 4 bytes are read
    SseHarness h = insn("0f ae 10").mem(DATA, 0xdead0000_0000ffe0L).step();
    assertEquals(0xffe0, h.cpu.mxcsr);
  }

  @Test
  void reservedBitsRaiseGeneralProtection() {
    SseHarness h = insn("0f ae 10").mem(DATA, 0x11f80L);
    h.fault(GuestFault.Kind.GENERAL_PROTECTION);
    assertEquals(0x1f80, h.cpu.mxcsr);
  }

  @Test
  void registerFormsAreUndefined() {
    // 0f ae d0 is ldmxcsr's encoding with mod = 3
    insn("0f ae d0").fault(GuestFault.Kind.INVALID_OPCODE);
    insn("0f ae d8").fault(GuestFault.Kind.INVALID_OPCODE);
  }
}
