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
 * JCXZ/JECXZ counting with CX or ECX by address size; INTO; and the far transfers
 * (9A/EA ptr16:16/32, FF /3 /5 m16:16/32, RETF): real-mode ones load CS with base
 * selector << 4; in 32-bit code they decode but are not supported. Relative
 * JMP and Jcc need no override: the decoder already wraps their targets.
 */
public final class LegacyBranch {
  private LegacyBranch() {}

  public static void register(OpcodeTable t, Mode mode) {
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
    if (mode == Mode.REAL_16) {
      t.op(ONE_BYTE, 0x9A).def(I_FAR, LegacyBranch::callFar);
      t.op(ONE_BYTE, 0xEA).def(I_FAR, LegacyBranch::jmpFar);
      t.op(ONE_BYTE, 0xFF).reg(3).clear().def(MODRM, LegacyBranch::callFarRm);
      t.op(ONE_BYTE, 0xFF).reg(5).clear().def(MODRM, LegacyBranch::jmpFarRm);
      t.op(ONE_BYTE, 0xCB).def(0, LegacyBranch::retFar);
      t.op(ONE_BYTE, 0xCA).def(I_W, LegacyBranch::retFar);
    } else {
      t.op(ONE_BYTE, 0x9A).def(I_FAR, LegacyBranch::far);
      t.op(ONE_BYTE, 0xEA).def(I_FAR, LegacyBranch::far);
      t.op(ONE_BYTE, 0xFF).reg(3).clear().def(MODRM, LegacyBranch::far);
      t.op(ONE_BYTE, 0xFF).reg(5).clear().def(MODRM, LegacyBranch::far);
    }
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

  /** Far transfers in protected/compatibility mode would need descriptors (and 0x33 means 64-bit code). */
  static void far(Cpu c, Insn i) {
    throw LegacyStack.unsupported("far CALL/JMP to another code segment");
  }

  // ---------------------------------------------------------------- real mode: CS = selector, base = selector << 4

  /** JMP ptr16:16/32 (EA): imm is the offset, imm2 the selector. */
  static void jmpFar(Cpu c, Insn i) {
    LegacyOps.loadSegment(c, Cpu.CS, (int) i.imm2);
    c.rip = i.imm;
  }

  /** CALL ptr16:16/32 (9A): pushes CS, then the return offset, at the operand size. */
  static void callFar(Cpu c, Insn i) {
    LegacyStack.push(c, c.selector[Cpu.CS], i.size);
    LegacyStack.push(c, i.next, i.size);
    LegacyOps.loadSegment(c, Cpu.CS, (int) i.imm2);
    c.rip = i.imm;
  }

  /** JMP m16:16/32 (FF /5): offset then selector in memory; a register operand is #UD. */
  static void jmpFarRm(Cpu c, Insn i) {
    long[] ptr = farPointer(c, i);
    LegacyOps.loadSegment(c, Cpu.CS, (int) ptr[1]);
    c.rip = ptr[0];
  }

  static void callFarRm(Cpu c, Insn i) {
    long[] ptr = farPointer(c, i);
    LegacyStack.push(c, c.selector[Cpu.CS], i.size);
    LegacyStack.push(c, i.next, i.size);
    LegacyOps.loadSegment(c, Cpu.CS, (int) ptr[1]);
    c.rip = ptr[0];
  }

  /** RETF [imm16]: pops the offset, then CS, then releases imm16 bytes. */
  static void retFar(Cpu c, Insn i) {
    long ip = ip(i, LegacyStack.pop(c, i.size));
    int cs = (int) LegacyStack.pop(c, i.size) & 0xffff;
    int w = c.mode.stackSize;
    c.setReg(Cpu.RSP, w, c.getReg(Cpu.RSP, w) + i.imm);
    LegacyOps.loadSegment(c, Cpu.CS, cs);
    c.rip = ip;
  }

  private static long[] farPointer(Cpu c, Insn i) {
    if (!i.memory) throw GuestFault.of(GuestFault.Kind.INVALID_OPCODE, "far jump or call through a register");
    long offset = c.mmu.read(c.ea(i), i.size);
    long sel = c.mmu.read(c.linear(i, c.offset(i) + i.size), 2);
    return new long[] {offset, sel};
  }
}
