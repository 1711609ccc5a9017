package blink.x86.ops;

import static blink.x86.OpcodeTable.*;

import blink.x86.Cpu;
import blink.x86.Flags;
import blink.x86.Insn;
import blink.x86.OpcodeTable;

/**
 * Data movement: MOV in its forms, MOVZX/MOVSX/MOVSXD, LEA, XCHG, the sign
 * extensions CBW…CQO, BSWAP, MOVBE, CMOVcc, SETcc and the NOP forms.
 */
public final class Move {
  private Move() {}

  public static void register(OpcodeTable t) {
    t.op(ONE_BYTE, 0x88).def(MODRM | SZ_B, Move::movRmReg);
    t.op(ONE_BYTE, 0x89).def(MODRM, Move::movRmReg);
    t.op(ONE_BYTE, 0x8A).def(MODRM | SZ_B, Move::movRegRm);
    t.op(ONE_BYTE, 0x8B).def(MODRM, Move::movRegRm);
    t.op(ONE_BYTE, 0xC6).reg(0).def(MODRM | SZ_B | I_B, Move::movRmImm);
    t.op(ONE_BYTE, 0xC7).reg(0).def(MODRM | I_Z, Move::movRmImm);
    for (int r = 0; r < 8; r++) {
      t.op(ONE_BYTE, 0xB0 + r).def(OPREG | SZ_B | I_B, Move::movRegImm8);
      t.op(ONE_BYTE, 0xB8 + r).def(OPREG | I_V, Move::movRegImm);
      t.op(MAP_0F, 0xC8 + r).def(OPREG, Move::bswap);
    }
    t.op(ONE_BYTE, 0xA0).def(SZ_B | I_MOFFS, Move::movAccMem);
    t.op(ONE_BYTE, 0xA1).def(I_MOFFS, Move::movAccMem);
    t.op(ONE_BYTE, 0xA2).def(SZ_B | I_MOFFS, Move::movMemAcc);
    t.op(ONE_BYTE, 0xA3).def(I_MOFFS, Move::movMemAcc);
    t.op(MAP_0F, 0xB6).def(MODRM, 1, Move::movzx);
    t.op(MAP_0F, 0xB7).def(MODRM, 2, Move::movzx);
    t.op(MAP_0F, 0xBE).def(MODRM, 1, Move::movsx);
    t.op(MAP_0F, 0xBF).def(MODRM, 2, Move::movsx);
    t.op(ONE_BYTE, 0x63).def(MODRM, 4, Move::movsx);
    t.op(ONE_BYTE, 0x8D).def(MODRM, Move::lea);
    t.op(ONE_BYTE, 0x86).def(MODRM | SZ_B, Move::xchgRm);
    t.op(ONE_BYTE, 0x87).def(MODRM, Move::xchgRm);
    for (int r = 0; r < 8; r++) t.op(ONE_BYTE, 0x90 + r).def(OPREG, Move::xchgAcc);
    t.op(ONE_BYTE, 0xD7).def(SZ_B, Move::xlat);
    t.op(ONE_BYTE, 0x98).def(0, Move::cbw);
    t.op(ONE_BYTE, 0x99).def(0, Move::cwd);
    for (int cc = 0; cc < 16; cc++) {
      t.op(MAP_0F, 0x40 + cc).def(MODRM, cc, Move::cmov);
      t.op(MAP_0F, 0x90 + cc).def(MODRM | SZ_B, cc, Move::setcc);
    }
    // 0F 19..1F are reserved hint NOPs taking a ModRM operand (NOP r/m, ENDBR64 …).
    for (int op = 0x19; op <= 0x1F; op++) t.op(MAP_0F, op).def(MODRM, Move::nop);
    // 0F 0D /r: PREFETCH (/0) and PREFETCHW (/1; the other /r are aliases on AMD and
    // Intel alike): memory hints with no architectural effect, #UD with a register operand.
    t.op(MAP_0F, 0x0D).def(MODRM, Move::prefetchw);
    t.op(MAP_0F38, 0xF0).pfx(P_NONE).def(MODRM, Move::movbeLoad);
    t.op(MAP_0F38, 0xF0).pfx(P_66).def(MODRM, Move::movbeLoad);
    t.op(MAP_0F38, 0xF1).pfx(P_NONE).def(MODRM, Move::movbeStore);
    t.op(MAP_0F38, 0xF1).pfx(P_66).def(MODRM, Move::movbeStore);
  }

  static void nop(Cpu c, Insn i) {}

  static void prefetchw(Cpu c, Insn i) {
    if (!i.memory) throw blink.machine.GuestFault.of(blink.machine.GuestFault.Kind.INVALID_OPCODE, "prefetchw reg");
  }

  static void movRmReg(Cpu c, Insn i) {
    c.writeRm(i, i.size, c.readReg(i, i.size));
  }

  static void movRegRm(Cpu c, Insn i) {
    c.writeReg(i, i.size, c.readRm(i, i.size));
  }

  static void movRmImm(Cpu c, Insn i) {
    c.writeRm(i, i.size, i.imm);
  }

  static void movRegImm8(Cpu c, Insn i) {
    c.setReg(i.reg8, 1, i.imm);
  }

  static void movRegImm(Cpu c, Insn i) {
    c.setReg(i.reg, i.size, i.imm);
  }

  static void movAccMem(Cpu c, Insn i) {
    c.setReg(Cpu.RAX, i.size, c.mmu.read(c.ea(i), i.size));
  }

  static void movMemAcc(Cpu c, Insn i) {
    c.mmu.write(c.ea(i), c.getReg(Cpu.RAX, i.size), i.size);
  }

  static void movzx(Cpu c, Insn i) {
    c.writeReg(i, i.size, c.readRm(i, i.sub));
  }

  static void movsx(Cpu c, Insn i) {
    c.writeReg(i, i.size, Flags.signExtend(c.readRm(i, i.sub), i.sub));
  }

  /** LEA stores the offset only: no segment base (SDM Vol. 2A "LEA"). */
  static void lea(Cpu c, Insn i) {
    c.writeReg(i, i.size, c.offset(i));
  }

  static void xchgRm(Cpu c, Insn i) {
    int s = i.size;
    long r = c.readReg(i, s);
    if (i.memory) {
      // XCHG with memory is always locked (SDM Vol. 2B "XCHG").
      c.writeReg(i, s, c.mmu.atomicUpdate(c.ea(i), s, old -> r));
    } else {
      long m = c.readRm(i, s);
      c.writeRm(i, s, r);
      c.writeReg(i, s, m);
    }
  }

  /** 90+r: XCHG rAX, r; plain 90 is NOP (it does not zero-extend EAX), F3 90 is PAUSE. */
  static void xchgAcc(Cpu c, Insn i) {
    if (i.reg == Cpu.RAX) return;
    int s = i.size;
    long a = c.getReg(Cpu.RAX, s);
    c.setReg(Cpu.RAX, s, c.getReg(i.reg, s));
    c.setReg(i.reg, s, a);
  }

  /** XLAT: AL = [rBX + zero-extended AL], segment overrides apply. */
  static void xlat(Cpu c, Insn i) {
    c.setReg(Cpu.RAX, 1, c.mmu.read8(c.linear(i, c.regs[Cpu.RBX] + (c.regs[Cpu.RAX] & 0xff))));
  }

  /** CBW/CWDE/CDQE: sign-extend the lower half of rAX into rAX. */
  static void cbw(Cpu c, Insn i) {
    int s = i.size;
    c.setReg(Cpu.RAX, s, Flags.signExtend(c.regs[Cpu.RAX], s / 2));
  }

  /** CWD/CDQ/CQO: fill rDX with the sign of rAX. */
  static void cwd(Cpu c, Insn i) {
    int s = i.size;
    long sign = (c.getReg(Cpu.RAX, s) & Flags.signBit(s)) != 0 ? -1L : 0;
    c.setReg(Cpu.RDX, s, sign);
  }

  /** BSWAP; with a 16-bit operand the result is undefined (hardware gives zero). */
  static void bswap(Cpu c, Insn i) {
    switch (i.size) {
      case 8: c.regs[i.reg] = Long.reverseBytes(c.regs[i.reg]); break;
      case 4: c.setReg(i.reg, 4, Integer.reverseBytes((int) c.regs[i.reg])); break;
      default: c.setReg(i.reg, 2, 0);
    }
  }

  /** CMOVcc reads its source even when false, and a 32-bit CMOV always zero-extends. */
  static void cmov(Cpu c, Insn i) {
    long v = c.readRm(i, i.size);
    if (c.cond(i.sub)) c.writeReg(i, i.size, v);
    else if (i.size == 4) c.regs[i.reg] &= 0xffffffffL;
  }

  static void setcc(Cpu c, Insn i) {
    c.writeRm(i, 1, c.cond(i.sub) ? 1 : 0);
  }

  private static void requireMemory(Insn i) {
    if (!i.memory) throw blink.machine.GuestFault.of(blink.machine.GuestFault.Kind.INVALID_OPCODE, "movbe with a register operand");
  }

  static void movbeLoad(Cpu c, Insn i) {
    requireMemory(i);
    c.writeReg(i, i.size, swap(c.mmu.read(c.ea(i), i.size), i.size));
  }

  static void movbeStore(Cpu c, Insn i) {
    requireMemory(i);
    c.mmu.write(c.ea(i), swap(c.readReg(i, i.size), i.size), i.size);
  }

  private static long swap(long v, int size) {
    switch (size) {
      case 2: return Short.reverseBytes((short) v) & 0xffff;
      case 4: return Integer.reverseBytes((int) v) & 0xffffffffL;
      default: return Long.reverseBytes(v);
    }
  }
}
