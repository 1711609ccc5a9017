package blink.x86.ops;

import static blink.x86.OpcodeTable.*;

import blink.x86.Cpu;
import blink.x86.Flags;
import blink.x86.Insn;
import blink.x86.OpcodeTable;

/** Bit tests (BT BTS BTR BTC), bit scans (BSF BSR), TZCNT, LZCNT and POPCNT. */
public final class Bits {
  private Bits() {}

  private static final int BT = 0, BTS = 1, BTR = 2, BTC = 3;

  public static void register(OpcodeTable t) {
    t.op(MAP_0F, 0xA3).def(MODRM, BT, Bits::btReg);
    t.op(MAP_0F, 0xAB).def(MODRM, BTS, Bits::btReg);
    t.op(MAP_0F, 0xB3).def(MODRM, BTR, Bits::btReg);
    t.op(MAP_0F, 0xBB).def(MODRM, BTC, Bits::btReg);
    for (int k = 0; k < 4; k++) t.op(MAP_0F, 0xBA).reg(4 + k).def(MODRM | I_UB, k, Bits::btImm);
    for (int p : new int[] {P_NONE, P_66, P_F2}) {
      t.op(MAP_0F, 0xBC).pfx(p).def(MODRM, Bits::bsf);
      t.op(MAP_0F, 0xBD).pfx(p).def(MODRM, Bits::bsr);
    }
    t.op(MAP_0F, 0xBC).pfx(P_F3).def(MODRM, Bits::tzcnt);
    t.op(MAP_0F, 0xBD).pfx(P_F3).def(MODRM, Bits::lzcnt);
    t.op(MAP_0F, 0xB8).pfx(P_F3).def(MODRM, Bits::popcnt);
  }

  /** Applies op to bit 'bit' of v; sets CF to the old bit; returns the new value. */
  private static long apply(Cpu c, int op, long v, int bit) {
    long m = 1L << bit;
    c.putFlag(Flags.CF, (v & m) != 0);
    switch (op) {
      case BTS: return v | m;
      case BTR: return v & ~m;
      case BTC: return v ^ m;
      default: return v;
    }
  }

  /** With a register bit offset and a memory operand the offset is signed and may leave the operand. */
  static void btReg(Cpu c, Insn i) {
    int s = i.size, bits = s * 8;
    long offset = Flags.signExtend(c.readReg(i, s), s);
    if (i.memory) {
      // The whole offset, bit displacement included, wraps at the address size (67h).
      long a = c.linear(i, c.offset(i) + (offset >> Integer.numberOfTrailingZeros(bits)) * s);
      int bit = (int) (offset & (bits - 1));
      if (i.lock && i.sub != BT) {
        Atomic.locked(c, a, s, old -> apply(c, i.sub, old, bit));
        return;
      }
      long v = c.mmu.read(a, s);
      long res = apply(c, i.sub, v, bit);
      if (i.sub != BT) c.mmu.write(a, res, s);
    } else {
      long res = apply(c, i.sub, c.readRm(i, s), (int) (offset & (bits - 1)));
      if (i.sub != BT) c.writeRm(i, s, res);
    }
  }

  static void btImm(Cpu c, Insn i) {
    int s = i.size;
    int bit = (int) i.imm & (s * 8 - 1);
    long a = i.memory ? c.ea(i) : 0;
    if (i.memory && i.lock && i.sub != BT) {
      Atomic.locked(c, a, s, old -> apply(c, i.sub, old, bit));
      return;
    }
    long v = i.memory ? c.mmu.read(a, s) : c.readRm(i, s);
    long res = apply(c, i.sub, v, bit);
    if (i.sub == BT) return;
    if (i.memory) c.mmu.write(a, res, s);
    else c.writeRm(i, s, res);
  }

  /** BSF/BSR: a zero source sets ZF and leaves the destination unchanged (as hardware does). */
  static void bsf(Cpu c, Insn i) {
    long v = c.readRm(i, i.size);
    c.putFlag(Flags.ZF, v == 0);
    if (v != 0) c.writeReg(i, i.size, Long.numberOfTrailingZeros(v));
  }

  static void bsr(Cpu c, Insn i) {
    long v = c.readRm(i, i.size);
    c.putFlag(Flags.ZF, v == 0);
    if (v != 0) c.writeReg(i, i.size, 63 - Long.numberOfLeadingZeros(v));
  }

  private static void countFlags(Cpu c, boolean cf, boolean zf) {
    long f = c.getFlags() & ~Flags.STATUS;
    if (cf) f |= Flags.CF;
    if (zf) f |= Flags.ZF;
    c.setFlagsValue(f);
  }

  static void tzcnt(Cpu c, Insn i) {
    int s = i.size;
    long v = c.readRm(i, s);
    long n = v == 0 ? s * 8 : Long.numberOfTrailingZeros(v);
    c.writeReg(i, s, n);
    countFlags(c, v == 0, n == 0);
  }

  static void lzcnt(Cpu c, Insn i) {
    int s = i.size;
    long v = c.readRm(i, s);
    long n = Long.numberOfLeadingZeros(v) - (64 - s * 8);
    c.writeReg(i, s, n);
    countFlags(c, v == 0, n == 0);
  }

  static void popcnt(Cpu c, Insn i) {
    long v = c.readRm(i, i.size);
    c.writeReg(i, i.size, Long.bitCount(v));
    countFlags(c, false, v == 0);
  }
}
