package blink.x86.ops;

import static blink.x86.OpcodeTable.*;

import blink.machine.GuestFault;
import blink.x86.Cpu;
import blink.x86.Flags;
import blink.x86.Insn;
import blink.x86.Mode;
import blink.x86.OpcodeTable;

/**
 * The stack outside 64-bit mode: pushes and pops of the operand size (16 or 32)
 * through SS:ESP (or SS:SP in 16-bit code), wrapping at the stack width; PUSHA and
 * POPA; PUSH/POP of segment registers (SDM Vol. 2B "PUSH", "POP", "PUSHA", "POPA").
 */
public final class LegacyStack {
  private LegacyStack() {}

  public static void register(OpcodeTable t) {
    for (int r = 0; r < 8; r++) {
      t.op(ONE_BYTE, 0x50 + r).clear().def(OPREG, LegacyStack::pushReg);
      t.op(ONE_BYTE, 0x58 + r).clear().def(OPREG, LegacyStack::popReg);
    }
    t.op(ONE_BYTE, 0x68).clear().def(I_Z, LegacyStack::pushImm);
    t.op(ONE_BYTE, 0x6A).clear().def(I_B, LegacyStack::pushImm);
    t.op(ONE_BYTE, 0xFF).reg(6).clear().def(MODRM, LegacyStack::pushRm);
    t.op(ONE_BYTE, 0x8F).reg(0).clear().def(MODRM, LegacyStack::popRm);
    t.op(ONE_BYTE, 0x9C).clear().def(0, LegacyStack::pushf);
    t.op(ONE_BYTE, 0x9D).clear().def(0, LegacyStack::popf);
    t.op(ONE_BYTE, 0xC8).clear().def(I_WB, LegacyStack::enter);
    t.op(ONE_BYTE, 0xC9).clear().def(0, LegacyStack::leave);
    t.op(ONE_BYTE, 0x60).clear().def(0, LegacyStack::pusha);
    t.op(ONE_BYTE, 0x61).clear().def(0, LegacyStack::popa);
    // PUSH/POP ES CS SS DS (06 0E 16 1E / 07 17 1F; POP CS does not exist), FS GS (0F A0/A8, 0F A1/A9).
    int[][] segs = {{0x06, 0x07, Cpu.ES}, {0x0E, -1, Cpu.CS}, {0x16, 0x17, Cpu.SS}, {0x1E, 0x1F, Cpu.DS}};
    for (int[] s : segs) {
      t.op(ONE_BYTE, s[0]).clear().def(0, s[2], LegacyStack::pushSeg);
      if (s[1] >= 0) t.op(ONE_BYTE, s[1]).clear().def(0, s[2], LegacyStack::popSeg);
    }
    t.op(MAP_0F, 0xA0).clear().def(0, Cpu.FS, LegacyStack::pushSeg);
    t.op(MAP_0F, 0xA8).clear().def(0, Cpu.GS, LegacyStack::pushSeg);
    t.op(MAP_0F, 0xA1).clear().def(0, Cpu.FS, LegacyStack::popSeg);
    t.op(MAP_0F, 0xA9).clear().def(0, Cpu.GS, LegacyStack::popSeg);
  }

  // ---------------------------------------------------------------- SS:rSP

  /** The stack pointer's width in bytes (SS.B): 4 for ESP, 2 for SP. */
  private static int width(Cpu c) {
    return c.mode.stackSize;
  }

  /** The linear address of a stack offset. */
  static long at(Cpu c, long sp) {
    return (c.ssBase + (sp & Mode.mask(width(c)))) & 0xffffffffL;
  }

  /** Pushes size bytes; rSP changes only once the write succeeded. */
  public static void push(Cpu c, long v, int size) {
    int w = width(c);
    long sp = c.getReg(Cpu.RSP, w) - size;
    c.mmu.write(at(c, sp), v, size);
    c.setReg(Cpu.RSP, w, sp);
  }

  public static long pop(Cpu c, int size) {
    int w = width(c);
    long sp = c.getReg(Cpu.RSP, w);
    long v = c.mmu.read(at(c, sp), size);
    c.setReg(Cpu.RSP, w, sp + size);
    return v;
  }

  /** Reads the stack slot k bytes above rSP without popping. */
  static long peek(Cpu c, long k, int size) {
    return c.mmu.read(at(c, c.getReg(Cpu.RSP, width(c)) + k), size);
  }

  // ---------------------------------------------------------------- handlers

  static void pushReg(Cpu c, Insn i) {
    push(c, c.getReg(i.reg, i.size), i.size);
  }

  static void popReg(Cpu c, Insn i) {
    long v = pop(c, i.size);
    c.setReg(i.reg, i.size, v);
  }

  static void pushImm(Cpu c, Insn i) {
    push(c, i.imm, i.size);
  }

  static void pushRm(Cpu c, Insn i) {
    push(c, c.readRm(i, i.size), i.size);
  }

  /** POP r/m: an ESP-based address is computed after ESP is incremented (SDM Vol. 2B "POP"). */
  static void popRm(Cpu c, Insn i) {
    long old = c.regs[Cpu.RSP];
    long v = pop(c, i.size);
    try {
      c.writeRm(i, i.size, v);
    } catch (RuntimeException e) {
      c.regs[Cpu.RSP] = old;
      throw e;
    }
  }

  /** PUSHF/PUSHFD store EFLAGS with RF and VM cleared. */
  static void pushf(Cpu c, Insn i) {
    push(c, c.getFlags() & 0xfcffffL, i.size);
  }

  /** POPF at CPL 3 with IOPL 0 changes only the user-writable flags. */
  static void popf(Cpu c, Insn i) {
    long v = pop(c, i.size);
    long mask = i.size == 2 ? Flags.USER_WRITABLE & 0xffff : Flags.USER_WRITABLE;
    c.setFlagsValue((c.getFlags() & ~mask) | (v & mask));
  }

  /**
   * ENTER imm16, imm8 with a 16/32-bit frame (SDM Vol. 2A "ENTER"). The frame
   * pointer is ESP after the first push: with a 16-bit stack and a 32-bit operand
   * size its upper half is ESP's, unchanged (as measured).
   */
  static void enter(Cpu c, Insn i) {
    int s = i.size, w = width(c);
    int level = (int) i.imm2 & 31;
    long bp = c.getReg(Cpu.RBP, w);
    long sp = c.getReg(Cpu.RSP, w) - s;
    c.mmu.write(at(c, sp), c.getReg(Cpu.RBP, s), s);
    long frame = (c.regs[Cpu.RSP] & ~Mode.mask(w) | sp & Mode.mask(w)) & 0xffffffffL;
    for (int k = 1; k < level; k++) {
      bp -= s;
      sp -= s;
      c.mmu.write(at(c, sp), c.mmu.read(at(c, bp), s), s);
    }
    if (level > 0) {
      sp -= s;
      c.mmu.write(at(c, sp), frame, s);
    }
    c.setReg(Cpu.RBP, s, frame);
    c.setReg(Cpu.RSP, w, sp - i.imm);
  }

  /** LEAVE: rSP = rBP, then pop rBP. */
  static void leave(Cpu c, Insn i) {
    int w = width(c);
    long bp = c.getReg(Cpu.RBP, w);
    long v = c.mmu.read(at(c, bp), i.size);
    c.setReg(Cpu.RSP, w, bp + i.size);
    c.setReg(Cpu.RBP, i.size, v);
  }

  /** PUSHA/PUSHAD: EAX ECX EDX EBX, ESP as it was before, EBP ESI EDI. */
  static void pusha(Cpu c, Insn i) {
    int s = i.size, w = width(c);
    long sp = c.getReg(Cpu.RSP, w);
    for (int r = 0; r < 8; r++) {
      c.mmu.write(at(c, sp - s * (r + 1)), c.getReg(r, s), s);
    }
    c.setReg(Cpu.RSP, w, sp - 8L * s);
  }

  /** POPA/POPAD: EDI ESI EBP, the saved ESP is skipped, EBX EDX ECX EAX. */
  static void popa(Cpu c, Insn i) {
    int s = i.size, w = width(c);
    long sp = c.getReg(Cpu.RSP, w);
    long[] v = new long[8];
    for (int r = 0; r < 8; r++) v[r] = c.mmu.read(at(c, sp + s * (7 - r)), s);
    for (int r = 0; r < 8; r++) if (r != Cpu.RSP) c.setReg(r, s, v[r]);
    c.setReg(Cpu.RSP, w, sp + 8L * s);
  }

  /**
   * PUSH Sreg with a 32-bit operand size: the SDM (Vol. 2B "PUSH") allows either a
   * zero-extended doubleword or a 16-bit write (recent Intel cores); this does the
   * former, as the AMD processor the differential test measured does.
   */
  static void pushSeg(Cpu c, Insn i) {
    push(c, c.selector[i.sub], i.size);
  }

  /** POP Sreg: the selector must be loadable (see {@link LegacyOps#loadSegment}). */
  static void popSeg(Cpu c, Insn i) {
    int sel = (int) peek(c, 0, 2);
    LegacyOps.loadSegment(c, i.sub, sel);
    c.setReg(Cpu.RSP, width(c), c.getReg(Cpu.RSP, width(c)) + i.size);
  }

  static GuestFault unsupported(String what) {
    return GuestFault.of(GuestFault.Kind.INVALID_OPCODE, what + " is not supported");
  }
}
