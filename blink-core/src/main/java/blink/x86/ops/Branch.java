package blink.x86.ops;

import static blink.x86.OpcodeTable.*;

import blink.x86.Cpu;
import blink.x86.Insn;
import blink.x86.OpcodeTable;

/** Control transfer: JMP, Jcc, CALL, RET, LOOP/LOOPE/LOOPNE and JRCXZ. */
public final class Branch {
  private Branch() {}

  public static void register(OpcodeTable t) {
    t.op(ONE_BYTE, 0xEB).def(SZ_F64 | I_REL8, Branch::jmp);
    t.op(ONE_BYTE, 0xE9).def(SZ_F64 | I_REL32, Branch::jmp);
    for (int cc = 0; cc < 16; cc++) {
      t.op(ONE_BYTE, 0x70 + cc).def(SZ_F64 | I_REL8, cc, Branch::jcc);
      t.op(MAP_0F, 0x80 + cc).def(SZ_F64 | I_REL32, cc, Branch::jcc);
    }
    t.op(ONE_BYTE, 0xE8).def(SZ_F64 | I_REL32, Branch::call);
    t.op(ONE_BYTE, 0xFF).reg(2).def(MODRM | SZ_F64, Branch::callRm);
    t.op(ONE_BYTE, 0xFF).reg(4).def(MODRM | SZ_F64, Branch::jmpRm);
    t.op(ONE_BYTE, 0xC3).def(SZ_F64, Branch::ret);
    t.op(ONE_BYTE, 0xC2).def(SZ_F64 | I_W, Branch::ret);
    t.op(ONE_BYTE, 0xE0).def(SZ_F64 | I_REL8, 0, Branch::loop);
    t.op(ONE_BYTE, 0xE1).def(SZ_F64 | I_REL8, 1, Branch::loop);
    t.op(ONE_BYTE, 0xE2).def(SZ_F64 | I_REL8, 2, Branch::loop);
    t.op(ONE_BYTE, 0xE3).def(SZ_F64 | I_REL8, Branch::jrcxz);
  }

  static void jmp(Cpu c, Insn i) {
    c.rip = i.target;
  }

  static void jcc(Cpu c, Insn i) {
    if (c.cond(i.sub)) c.rip = i.target;
  }

  static void call(Cpu c, Insn i) {
    c.push(i.next, 8);
    c.rip = i.target;
  }

  static void callRm(Cpu c, Insn i) {
    long target = c.readRm(i, 8);
    c.push(i.next, 8);
    c.rip = target;
  }

  static void jmpRm(Cpu c, Insn i) {
    c.rip = c.readRm(i, 8);
  }

  static void ret(Cpu c, Insn i) {
    long target = c.pop(8);
    c.regs[Cpu.RSP] += i.imm;
    c.rip = target;
  }

  /** LOOPNE (sub 0), LOOPE (1), LOOP (2): decrement rCX (ECX with 67) without touching flags. */
  static void loop(Cpu c, Insn i) {
    long count;
    if (i.addrSize == 4) {
      count = (c.regs[Cpu.RCX] - 1) & 0xffffffffL;
      c.regs[Cpu.RCX] = count;
    } else {
      count = --c.regs[Cpu.RCX];
    }
    boolean go = count != 0;
    if (i.sub == 0) go &= !c.zf();
    else if (i.sub == 1) go &= c.zf();
    if (go) c.rip = i.target;
  }

  static void jrcxz(Cpu c, Insn i) {
    long count = i.addrSize == 4 ? c.regs[Cpu.RCX] & 0xffffffffL : c.regs[Cpu.RCX];
    if (count == 0) c.rip = i.target;
  }
}
