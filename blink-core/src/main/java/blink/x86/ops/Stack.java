package blink.x86.ops;

import static blink.x86.OpcodeTable.*;

import blink.x86.Cpu;
import blink.x86.Flags;
import blink.x86.Insn;
import blink.x86.OpcodeTable;

/** PUSH, POP, PUSHF, POPF, ENTER and LEAVE (64-bit default operand size). */
public final class Stack {
  private Stack() {}

  public static void register(OpcodeTable t) {
    for (int r = 0; r < 8; r++) {
      t.op(ONE_BYTE, 0x50 + r).def(OPREG | SZ_D64, Stack::pushReg);
      t.op(ONE_BYTE, 0x58 + r).def(OPREG | SZ_D64, Stack::popReg);
    }
    t.op(ONE_BYTE, 0x68).def(SZ_D64 | I_Z, Stack::pushImm);
    t.op(ONE_BYTE, 0x6A).def(SZ_D64 | I_B, Stack::pushImm);
    t.op(ONE_BYTE, 0xFF).reg(6).def(MODRM | SZ_D64, Stack::pushRm);
    t.op(ONE_BYTE, 0x8F).reg(0).def(MODRM | SZ_D64, Stack::popRm);
    t.op(ONE_BYTE, 0x9C).def(SZ_D64, Stack::pushf);
    t.op(ONE_BYTE, 0x9D).def(SZ_D64, Stack::popf);
    t.op(ONE_BYTE, 0xC8).def(SZ_D64 | I_WB, Stack::enter);
    t.op(ONE_BYTE, 0xC9).def(SZ_D64, Stack::leave);
  }

  static void pushReg(Cpu c, Insn i) {
    c.push(c.getReg(i.reg, i.size), i.size);
  }

  static void popReg(Cpu c, Insn i) {
    long v = c.pop(i.size);
    c.setReg(i.reg, i.size, v);
  }

  static void pushImm(Cpu c, Insn i) {
    c.push(i.imm, i.size);
  }

  static void pushRm(Cpu c, Insn i) {
    c.push(c.readRm(i, i.size), i.size);
  }

  /** POP r/m: an RSP-based address is computed after RSP is incremented (SDM Vol. 2B "POP"). */
  static void popRm(Cpu c, Insn i) {
    long sp = c.regs[Cpu.RSP];
    long v = c.mmu.read(sp, i.size);
    c.regs[Cpu.RSP] = sp + i.size;
    try {
      c.writeRm(i, i.size, v);
    } catch (RuntimeException e) {
      c.regs[Cpu.RSP] = sp;
      throw e;
    }
  }

  /** PUSHF stores RFLAGS with RF and VM cleared. */
  static void pushf(Cpu c, Insn i) {
    c.push(c.getFlags() & 0xfcffffL, i.size);
  }

  /** POPF at CPL 3 with IOPL 0 changes only the user-writable flags; IF and IOPL stay. */
  static void popf(Cpu c, Insn i) {
    long v = c.pop(i.size);
    long mask = i.size == 2 ? Flags.USER_WRITABLE & 0xffff : Flags.USER_WRITABLE;
    c.setFlagsValue((c.getFlags() & ~mask) | (v & mask));
  }

  static void enter(Cpu c, Insn i) {
    int s = i.size;
    int level = (int) i.imm2 & 31;
    long rbp = c.regs[Cpu.RBP];
    long sp = c.regs[Cpu.RSP] - s;
    c.mmu.write(sp, rbp, s);
    long frame = sp;
    for (int k = 1; k < level; k++) {
      rbp -= s;
      sp -= s;
      c.mmu.write(sp, c.mmu.read(rbp, s), s);
    }
    if (level > 0) {
      sp -= s;
      c.mmu.write(sp, frame, s);
    }
    c.setReg(Cpu.RBP, s, frame);
    c.regs[Cpu.RSP] = sp - i.imm;
  }

  static void leave(Cpu c, Insn i) {
    long v = c.mmu.read(c.regs[Cpu.RBP], i.size);
    c.regs[Cpu.RSP] = c.regs[Cpu.RBP] + i.size;
    c.setReg(Cpu.RBP, i.size, v);
  }
}
