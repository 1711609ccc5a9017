package blink.x86.ops;

import static blink.x86.OpcodeTable.*;

import blink.machine.GuestFault;
import blink.x86.Cpu;
import blink.x86.Insn;
import blink.x86.Mode;
import blink.x86.OpcodeTable;

/**
 * Near CALL, RET and indirect JMP outside 64-bit mode, where return addresses and
 * targets have the operand size (16 or 32) and EIP/IP wraps at it; LOOP and
 * JCXZ/JECXZ counting with CX or ECX by address size; INTO; and the far transfers,
 * which decode (9A/EA ptr16:32, FF /3 /5 m16:32) but are not supported. Relative
 * JMP and Jcc need no override: the decoder already wraps their targets.
 */
public final class LegacyBranch {
  private LegacyBranch() {}

  public static void register(OpcodeTable t) {
    t.op(ONE_BYTE, 0xE8).clear().def(I_REL32, LegacyBranch::call);
    t.op(ONE_BYTE, 0xFF).reg(2).clear().def(MODRM, LegacyBranch::callRm);
    t.op(ONE_BYTE, 0xFF).reg(4).clear().def(MODRM, LegacyBranch::jmpRm);
    t.op(ONE_BYTE, 0xC3).clear().def(0, LegacyBranch::ret);
    t.op(ONE_BYTE, 0xC2).clear().def(I_W, LegacyBranch::ret);
    t.op(ONE_BYTE, 0xE0).clear().def(I_REL8, 0, LegacyBranch::loop);
    t.op(ONE_BYTE, 0xE1).clear().def(I_REL8, 1, LegacyBranch::loop);
    t.op(ONE_BYTE, 0xE2).clear().def(I_REL8, 2, LegacyBranch::loop);
    t.op(ONE_BYTE, 0xE3).clear().def(I_REL8, LegacyBranch::jcxz);
    t.op(ONE_BYTE, 0xCE).def(0, LegacyBranch::into);
    t.op(ONE_BYTE, 0x9A).def(I_FAR, LegacyBranch::far);
    t.op(ONE_BYTE, 0xEA).def(I_FAR, LegacyBranch::far);
    t.op(ONE_BYTE, 0xFF).reg(3).clear().def(MODRM, LegacyBranch::far);
    t.op(ONE_BYTE, 0xFF).reg(5).clear().def(MODRM, LegacyBranch::far);
  }

  private static long ip(Insn i, long target) {
    return target & Mode.mask(i.size);
  }

  static void call(Cpu c, Insn i) {
    LegacyStack.push(c, i.next, i.size);
    c.rip = i.target;
  }

  static void callRm(Cpu c, Insn i) {
    long target = c.readRm(i, i.size);
    LegacyStack.push(c, i.next, i.size);
    c.rip = target;
  }

  static void jmpRm(Cpu c, Insn i) {
    c.rip = c.readRm(i, i.size);
  }

  /** RET [imm16]: pops the operand-size return address, then releases imm16 bytes. */
  static void ret(Cpu c, Insn i) {
    long target = ip(i, LegacyStack.pop(c, i.size));
    int w = c.mode.stackSize;
    c.setReg(Cpu.RSP, w, c.getReg(Cpu.RSP, w) + i.imm);
    c.rip = target;
  }

  /** LOOPNE (sub 0), LOOPE (1), LOOP (2): the counter is CX or ECX by address size. */
  static void loop(Cpu c, Insn i) {
    long count = (c.getReg(Cpu.RCX, i.addrSize) - 1) & Mode.mask(i.addrSize);
    c.setReg(Cpu.RCX, i.addrSize, count);
    boolean go = count != 0;
    if (i.sub == 0) go &= !c.zf();
    else if (i.sub == 1) go &= c.zf();
    if (go) c.rip = i.target;
  }

  static void jcxz(Cpu c, Insn i) {
    if (c.getReg(Cpu.RCX, i.addrSize) == 0) c.rip = i.target;
  }

  /** INTO: #OF when OF is set, a trap reported after the instruction (Linux: SIGSEGV). */
  static void into(Cpu c, Insn i) {
    if (c.of()) throw GuestFault.trap(GuestFault.Kind.GENERAL_PROTECTION, "into with OF set (#OF)");
  }

  static void far(Cpu c, Insn i) {
    throw LegacyStack.unsupported("far CALL/JMP to another code segment");
  }
}
