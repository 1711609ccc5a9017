package blink.x86.ops;

import static blink.x86.OpcodeTable.*;

import blink.x86.Cpu;
import blink.x86.Flags;
import blink.x86.Insn;
import blink.x86.OpcodeTable;

/**
 * What real mode runs at privilege level 0 (SDM Vol. 3 §20.1): INT n through the
 * interrupt vector table at linear 0 (4 bytes a vector: offset, then segment),
 * IRET, CLI/STI, HLT, and POPF changing IF, IOPL and NT too. INT3 stays a
 * breakpoint trap for the debugger rather than vectoring.
 */
public final class RealModeOps {
  private RealModeOps() {}

  /** EFLAGS bits POPF and IRET may change at CPL 0 in real mode: status, TF IF DF, IOPL, NT, AC, ID. */
  private static final long WRITABLE = Flags.USER_WRITABLE | Flags.IF | 0x3000L | 0x4000L;

  public static void register(OpcodeTable t) {
    t.op(ONE_BYTE, 0xCD).clear().def(I_UB, RealModeOps::intN);
    t.op(ONE_BYTE, 0xCF).clear().def(0, RealModeOps::iret);
    t.op(ONE_BYTE, 0xFA).clear().def(0, (c, i) -> c.eflags &= ~Flags.IF);
    t.op(ONE_BYTE, 0xFB).clear().def(0, (c, i) -> c.eflags |= Flags.IF);
    t.op(ONE_BYTE, 0xF4).clear().def(0, RealModeOps::hlt);
    t.op(ONE_BYTE, 0x9D).clear().def(0, RealModeOps::popf);
  }

  /** INT n: push FLAGS, CS, IP; clear IF, TF and AC; CS:IP = the vector at n * 4. */
  static void intN(Cpu c, Insn i) {
    long vector = (i.imm & 0xff) * 4;
    int ip = (int) c.mmu.read(vector, 2), cs = (int) c.mmu.read(vector + 2, 2);
    LegacyStack.push(c, c.getFlags(), 2);
    LegacyStack.push(c, c.selector[Cpu.CS], 2);
    LegacyStack.push(c, i.next, 2);
    c.setFlagsValue(c.getFlags() & ~(Flags.IF | Flags.TF | Flags.AC));
    LegacyOps.loadSegment(c, Cpu.CS, cs);
    c.rip = ip;
  }

  /** IRET/IRETD: pop IP, CS and FLAGS of the operand size. */
  static void iret(Cpu c, Insn i) {
    int s = i.size;
    long ip = LegacyStack.pop(c, s);
    int cs = (int) LegacyStack.pop(c, s) & 0xffff;
    long flags = LegacyStack.pop(c, s);
    long mask = s == 2 ? WRITABLE & 0xffff : WRITABLE;
    c.setFlagsValue(c.getFlags() & ~mask | flags & mask);
    LegacyOps.loadSegment(c, Cpu.CS, cs);
    c.rip = ip & (s == 2 ? 0xffff : 0xffffffffL);
  }

  static void popf(Cpu c, Insn i) {
    long v = LegacyStack.pop(c, i.size);
    long mask = i.size == 2 ? WRITABLE & 0xffff : WRITABLE;
    c.setFlagsValue(c.getFlags() & ~mask | v & mask);
  }

  /** HLT stops the processor until something (the debugger, an interrupt source) wakes it. */
  static void hlt(Cpu c, Insn i) {
    c.halted = true;
    c.attention = true;
  }
}
