package blink.x86.ops;

import static blink.x86.OpcodeTable.*;

import blink.x86.Cpu;
import blink.x86.Flags;
import blink.x86.Insn;
import blink.x86.OpcodeTable;

/**
 * The eight classic ALU operations (ADD OR ADC SBB AND SUB XOR CMP) in all their
 * encodings, TEST, INC, DEC, NEG and NOT. {@link Insn#sub} holds the operation
 * number, which is also ModRM.reg in the 80-83 group and opcode bits 5:3.
 */
public final class Alu {
  private Alu() {}

  public static final int ADD = 0, OR = 1, ADC = 2, SBB = 3, AND = 4, SUB = 5, XOR = 6, CMP = 7;

  public static void register(OpcodeTable t) {
    for (int op = 0; op < 8; op++) {
      int base = op << 3;
      t.op(ONE_BYTE, base).def(MODRM | SZ_B, op, Alu::rmReg);
      t.op(ONE_BYTE, base + 1).def(MODRM, op, Alu::rmReg);
      t.op(ONE_BYTE, base + 2).def(MODRM | SZ_B, op, Alu::regRm);
      t.op(ONE_BYTE, base + 3).def(MODRM, op, Alu::regRm);
      t.op(ONE_BYTE, base + 4).def(SZ_B | I_B, op, Alu::accImm);
      t.op(ONE_BYTE, base + 5).def(I_Z, op, Alu::accImm);
      t.op(ONE_BYTE, 0x80).reg(op).def(MODRM | SZ_B | I_B, op, Alu::rmImm);
      t.op(ONE_BYTE, 0x81).reg(op).def(MODRM | I_Z, op, Alu::rmImm);
      t.op(ONE_BYTE, 0x83).reg(op).def(MODRM | I_B, op, Alu::rmImm);
    }
    t.op(ONE_BYTE, 0x84).def(MODRM | SZ_B, Alu::testRmReg);
    t.op(ONE_BYTE, 0x85).def(MODRM, Alu::testRmReg);
    t.op(ONE_BYTE, 0xA8).def(SZ_B | I_B, Alu::testAccImm);
    t.op(ONE_BYTE, 0xA9).def(I_Z, Alu::testAccImm);
    for (int g : new int[] {0xF6, 0xF7}) {
      int sz = g == 0xF6 ? SZ_B : SZ_V;
      int imm = g == 0xF6 ? I_B : I_Z;
      t.op(ONE_BYTE, g).reg(0).def(MODRM | sz | imm, Alu::testRmImm);
      t.op(ONE_BYTE, g).reg(1).def(MODRM | sz | imm, Alu::testRmImm);
      t.op(ONE_BYTE, g).reg(2).def(MODRM | sz, Alu::not);
      t.op(ONE_BYTE, g).reg(3).def(MODRM | sz, Alu::neg);
    }
    t.op(ONE_BYTE, 0xFE).reg(0).def(MODRM | SZ_B, Alu::inc);
    t.op(ONE_BYTE, 0xFE).reg(1).def(MODRM | SZ_B, Alu::dec);
    t.op(ONE_BYTE, 0xFF).reg(0).def(MODRM, Alu::inc);
    t.op(ONE_BYTE, 0xFF).reg(1).def(MODRM, Alu::dec);
  }

  /** Computes dst OP src for size bytes, records flags, returns the masked result. */
  public static long compute(Cpu c, int op, int size, long dst, long src) {
    long mask = Flags.mask(size);
    long res;
    switch (op) {
      case ADD:
        res = (dst + src) & mask;
        c.setFlags(Flags.ADD, size, res, dst, src);
        return res;
      case OR:
        res = dst | src;
        c.setFlags(Flags.LOGIC, size, res, dst, src);
        return res;
      case ADC: {
        long carry = c.cf() ? 1 : 0;
        res = (dst + src + carry) & mask;
        c.setFlagsCarry(Flags.ADC, size, res, dst, src, carry);
        return res;
      }
      case SBB: {
        long carry = c.cf() ? 1 : 0;
        res = (dst - src - carry) & mask;
        c.setFlagsCarry(Flags.SBB, size, res, dst, src, carry);
        return res;
      }
      case AND:
        res = dst & src;
        c.setFlags(Flags.LOGIC, size, res, dst, src);
        return res;
      case XOR:
        res = dst ^ src;
        c.setFlags(Flags.LOGIC, size, res, dst, src);
        return res;
      default: // SUB, CMP
        res = (dst - src) & mask;
        c.setFlags(Flags.SUB, size, res, dst, src);
        return res;
    }
  }

  static void rmReg(Cpu c, Insn i) {
    intoRm(c, i, c.readReg(i, i.size));
  }

  /** r/m = r/m OP src (CMP only sets flags), reading and writing memory operands once. */
  private static void intoRm(Cpu c, Insn i, long src) {
    int s = i.size;
    if (i.memory && i.lock) {
      Atomic.locked(c, c.ea(i), s, v -> compute(c, i.sub, s, v, src));
    } else if (i.memory) {
      long a = c.ea(i);
      long res = compute(c, i.sub, s, c.mmu.read(a, s), src);
      if (i.sub != CMP) c.mmu.write(a, res, s);
    } else {
      int r = s == 1 ? i.rm8 : i.rm;
      long res = compute(c, i.sub, s, c.getReg(r, s), src);
      if (i.sub != CMP) c.setReg(r, s, res);
    }
  }

  static void regRm(Cpu c, Insn i) {
    int s = i.size;
    long res = compute(c, i.sub, s, c.readReg(i, s), c.readRm(i, s));
    if (i.sub != CMP) c.writeReg(i, s, res);
  }

  static void accImm(Cpu c, Insn i) {
    int s = i.size;
    long res = compute(c, i.sub, s, c.getReg(Cpu.RAX, s), i.imm & Flags.mask(s));
    if (i.sub != CMP) c.setReg(Cpu.RAX, s, res);
  }

  static void rmImm(Cpu c, Insn i) {
    intoRm(c, i, i.imm & Flags.mask(i.size));
  }

  static void testRmReg(Cpu c, Insn i) {
    int s = i.size;
    long res = c.readRm(i, s) & c.readReg(i, s);
    c.setFlags(Flags.LOGIC, s, res, 0, 0);
  }

  static void testAccImm(Cpu c, Insn i) {
    int s = i.size;
    long res = c.getReg(Cpu.RAX, s) & i.imm & Flags.mask(s);
    c.setFlags(Flags.LOGIC, s, res, 0, 0);
  }

  static void testRmImm(Cpu c, Insn i) {
    int s = i.size;
    long res = c.readRm(i, s) & i.imm & Flags.mask(s);
    c.setFlags(Flags.LOGIC, s, res, 0, 0);
  }

  static void not(Cpu c, Insn i) {
    int s = i.size;
    if (i.memory && i.lock) {
      Atomic.locked(c, c.ea(i), s, v -> ~v);
    } else if (i.memory) {
      long a = c.ea(i);
      c.mmu.write(a, ~c.mmu.read(a, s), s);
    } else {
      c.writeRm(i, s, ~c.readRm(i, s));
    }
  }

  static void neg(Cpu c, Insn i) {
    int s = i.size;
    long a = i.memory ? c.ea(i) : 0;
    if (i.memory && i.lock) {
      Atomic.locked(c, a, s, v -> compute(c, SUB, s, 0, v));
      return;
    }
    long v = i.memory ? c.mmu.read(a, s) : c.readRm(i, s);
    long res = compute(c, SUB, s, 0, v);
    if (i.memory) c.mmu.write(a, res, s);
    else c.writeRm(i, s, res);
  }

  static void inc(Cpu c, Insn i) {
    incDec(c, i, 1, Flags.INC);
  }

  static void dec(Cpu c, Insn i) {
    incDec(c, i, -1, Flags.DEC);
  }

  /** INC/DEC leave CF unchanged (SDM Vol. 2A "INC"): the old CF rides along in fCarry. */
  private static void incDec(Cpu c, Insn i, long delta, int kind) {
    int s = i.size;
    long a = i.memory ? c.ea(i) : 0;
    long carry = c.cf() ? 1 : 0;
    if (i.memory && i.lock) {
      Atomic.locked(c, a, s, v -> {
        long r = (v + delta) & Flags.mask(s);
        c.setFlagsCarry(kind, s, r, v, 1, carry);
        return r;
      });
      return;
    }
    long v = i.memory ? c.mmu.read(a, s) : c.readRm(i, s);
    long res = (v + delta) & Flags.mask(s);
    if (i.memory) c.mmu.write(a, res, s);
    else c.writeRm(i, s, res);
    c.setFlagsCarry(kind, s, res, v, 1, carry);
  }
}
