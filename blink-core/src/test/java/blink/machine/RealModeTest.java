package blink.machine;

import static org.junit.jupiter.api.Assertions.*;

import blink.memory.Prot;
import blink.x86.Cpu;
import blink.x86.Flags;
import blink.x86.Mode;
import org.junit.jupiter.api.Test;

/**
 * Real-mode segmentation (SDM Vol. 3 §20.1.1): linear address = selector << 4 +
 * offset for code, data, stack and string destinations, IP wrapping inside its
 * 64 KiB segment, far JMP/CALL/RETF. No host CPU can run real-mode code for a
 * user process, so the expected addresses here are worked out from the manual's
 * rule; the 16-bit instruction semantics themselves are compared with the host by
 * {@code CompatDifferentialTest}.
 */
class RealModeTest {
  private static Machine machine() {
    Machine m = Machine.create();
    m.space.mapAnonymous(0, 0x30000, Prot.READ | Prot.WRITE | Prot.EXEC, false, "low 192 KiB");
    m.setMode(Mode.REAL_16);
    for (int r = 0; r < 6; r++) m.cpu.selector[r] = 0;
    return m;
  }

  private static void poke(Machine m, long linear, int... bytes) {
    byte[] b = new byte[bytes.length];
    for (int k = 0; k < b.length; k++) b[k] = (byte) bytes[k];
    m.space.poke(linear, b, 0, b.length);
  }

  private static int peek16(Machine m, long linear) {
    return (int) m.cpu.mmu.read(linear, 2);
  }

  @Test
  void dataCodeStackAndStringSegments() {
    Machine m = machine();
    Cpu c = m.cpu;
    poke(m, 0x7c00,
        0xb8, 0x00, 0x10, //             mov ax, 0x1000
        0x8e, 0xd8, //                   mov ds, ax            DS base 0x10000
        0xc7, 0x06, 0x34, 0x12, 0xcd, 0xab, // mov word [0x1234], 0xabcd  -> 0x11234
        0xb8, 0x00, 0x20, //             mov ax, 0x2000
        0x8e, 0xd0, //                   mov ss, ax            SS base 0x20000
        0xbc, 0x00, 0x01, //             mov sp, 0x100
        0xea, 0x00, 0x00, 0xd0, 0x07); // jmp 0x07d0:0x0000    -> 0x7d00
    poke(m, 0x7d00,
        0x8c, 0xc8, //                   mov ax, cs            0x07d0
        0x8e, 0xc0, //                   mov es, ax            ES base 0x7d00
        0xbf, 0x40, 0x00, //             mov di, 0x40
        0xb8, 0x11, 0x22, //             mov ax, 0x2211
        0xab, //                         stosw                 -> 0x7d40
        0x9a, 0x00, 0x00, 0x00, 0x08, // call 0x0800:0x0000   pushes 0x07d0, 0x0010 at 0x200fe, 0x200fc
        0x90); //                        (return lands here, IP 0x0010)
    poke(m, 0x8000,
        0x8b, 0x1e, 0x34, 0x12, //       mov bx, [0x1234]      DS still 0x1000
        0xcb); //                        retf
    c.rip = 0x7c00;
    c.regs[Cpu.RSP] = 0;
    for (int k = 0; k < 15; k++) m.step();
    assertEquals(0xabcd, peek16(m, 0x11234), "DS base = 0x1000 << 4");
    assertEquals(0x2211, peek16(m, 0x7d40), "STOSW writes ES:DI");
    assertEquals(0x07d0, peek16(m, 0x200fe), "far CALL pushes CS at SS:SP");
    assertEquals(0x0010, peek16(m, 0x200fc), "then the return IP");
    assertEquals(0xabcd, c.regs[Cpu.RBX] & 0xffff);
    assertEquals(0x07d0, c.selector[Cpu.CS]);
    assertEquals(0x7d00, c.csBase);
    assertEquals(0x0010, c.rip, "RETF returns to IP 0x10 in CS 0x07d0");
    assertEquals(0x100, c.regs[Cpu.RSP] & 0xffff);
  }

  @Test
  void ipWrapsInsideItsSegment() {
    Machine m = machine();
    Cpu c = m.cpu;
    // CS = 0x1000: IP 0xffff is linear 0x1ffff; the immediate of "mov al, imm8" is at IP 0, linear 0x10000.
    poke(m, 0x1ffff, 0xb0);
    poke(m, 0x10000, 0x5a, 0x40); // imm8, then "inc ax" at IP 1
    c.selector[Cpu.CS] = 0x1000;
    c.csBase = 0x10000;
    c.rip = 0xffff;
    m.step();
    assertEquals(0x5a, c.regs[Cpu.RAX] & 0xff);
    assertEquals(1, c.rip);
    m.step();
    assertEquals(0x5b, c.regs[Cpu.RAX] & 0xffff);
    assertEquals(2, c.rip);
  }

  @Test
  void sameBytesUnderAnotherCodeSegmentAreDecodedAgain() {
    Machine m = machine();
    Cpu c = m.cpu;
    // "jmp short +0" at linear 0x500 is IP 0x500 under CS 0 and IP 0 under CS 0x50: targets differ.
    poke(m, 0x500, 0xeb, 0x00);
    c.rip = 0x500;
    m.step();
    assertEquals(0x502, c.rip);
    c.selector[Cpu.CS] = 0x50;
    c.csBase = 0x500;
    c.rip = 0;
    m.step();
    assertEquals(2, c.rip);
  }

  @Test
  void intVectorsThroughTheTableAtZeroAndIretReturns() {
    Machine m = machine();
    Cpu c = m.cpu;
    poke(m, 0x21 * 4, 0x34, 0x12, 0x00, 0x20); // vector 21h: 2000:1234 -> linear 0x21234
    poke(m, 0x21234,
        0xb8, 0x42, 0x42, //             mov ax, 0x4242
        0xcf); //                        iret
    poke(m, 0x600,
        0xfb, //                         sti
        0xf9, //                         stc
        0xcd, 0x21, //                   int 21h   pushes FLAGS, CS 0, IP 4 at SS:SP
        0xf4); //                        hlt
    c.rip = 0x600;
    c.selector[Cpu.SS] = 0x3000 >> 4;
    c.ssBase = 0x3000;
    c.regs[Cpu.RSP] = 0x200;
    for (int k = 0; k < 3; k++) m.step();
    assertEquals(0x2000, c.selector[Cpu.CS]);
    assertEquals(0x1234, c.rip);
    assertEquals(0, c.getFlags() & Flags.IF, "INT clears IF");
    assertEquals(0x604, peek16(m, 0x3000 + 0x1fa), "return IP");
    assertEquals(0, peek16(m, 0x3000 + 0x1fc), "return CS");
    long pushed = peek16(m, 0x3000 + 0x1fe);
    assertEquals(Flags.IF | Flags.CF, pushed & (Flags.IF | Flags.CF), "FLAGS as they were, IF and CF set");
    m.step();
    m.step();
    assertEquals(0x4242, c.regs[Cpu.RAX] & 0xffff);
    assertEquals(0, c.selector[Cpu.CS]);
    assertEquals(0x604, c.rip);
    assertEquals(0x200, c.regs[Cpu.RSP] & 0xffff);
    assertTrue((c.getFlags() & Flags.IF) != 0 && (c.getFlags() & Flags.CF) != 0, "IRET restores FLAGS");
    m.run();
    assertTrue(c.halted, "HLT stops the run loop");
    assertEquals(0x605, c.rip);
  }

  @Test
  void bpBasedAddressesUseStackSegmentOthersDataSegment() {
    Machine m = machine();
    Cpu c = m.cpu;
    poke(m, 0x700,
        0xc7, 0x03, 0x77, 0x77, //       mov word [bp+di], 0x7777   SS: 0x20000 + 0x10 + 0x4
        0xc7, 0x07, 0x88, 0x88, //       mov word [bx], 0x8888      DS: 0x10000 + 0x20
        0x26, 0xc7, 0x46, 0x00, 0x99, 0x99); // mov word es:[bp+0], 0x9999  override: 0x28000 + 0x10
    c.rip = 0x700;
    c.selector[Cpu.SS] = 0x2000;
    c.ssBase = 0x20000;
    c.selector[Cpu.DS] = 0x1000;
    c.dsBase = 0x10000;
    c.selector[Cpu.ES] = 0x2800;
    c.esBase = 0x28000;
    c.regs[Cpu.RBP] = 0x10;
    c.regs[Cpu.RDI] = 0x4;
    c.regs[Cpu.RBX] = 0x20;
    for (int k = 0; k < 3; k++) m.step();
    assertEquals(0x7777, peek16(m, 0x20014));
    assertEquals(0x8888, peek16(m, 0x10020));
    assertEquals(0x9999, peek16(m, 0x28010));
  }
}
