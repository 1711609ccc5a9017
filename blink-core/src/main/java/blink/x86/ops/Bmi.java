package blink.x86.ops;

import static blink.x86.OpcodeTable.*;

import blink.machine.GuestFault;
import blink.x86.Cpu;
import blink.x86.Flags;
import blink.x86.Insn;
import blink.x86.OpcodeTable;

/**
 * BMI1 and BMI2, the VEX-encoded general-register instructions (SDM Vol. 2,
 * "ANDN" … "SHRX"; opcode map Vol. 2 App. A.3 table A-4):
 *
 * <pre>
 *   VEX.0F38  F2     ANDN   Gy, By, Ey        F5 none  BZHI   Gy, Ey, By
 *             F3 /1  BLSR   By, Ey            F5 F3    PEXT   Gy, By, Ey
 *             F3 /2  BLSMSK By, Ey            F5 F2    PDEP   Gy, By, Ey
 *             F3 /3  BLSI   By, Ey            F6 F2    MULX   Gy, By, Ey (rDX implied)
 *             F7 none BEXTR Gy, Ey, By        F7 66/F3/F2  SHLX/SARX/SHRX Gy, Ey, By
 *   VEX.0F3A  F0 F2  RORX   Gy, Ey, ib
 * </pre>
 *
 * G is ModRM.reg ({@link Insn#reg}), E the r/m operand, B is VEX.vvvv ({@link Insn#vreg}).
 * The operand size is 32 or 64 bits by VEX.W alone (VEX.pp = 66 is an opcode
 * selector here, not an operand-size prefix), and VEX.L must be 0 or the
 * instruction raises #UD. TZCNT, the third BMI1 member, lives in {@link Bits}.
 */
public final class Bmi {
  private Bmi() {}

  private static final int BLSR = 1, BLSMSK = 2, BLSI = 3;
  private static final int SHLX = 0, SARX = 1, SHRX = 2;

  public static void register(OpcodeTable t) {
    t.op(VEX_0F38, 0xF2).pfx(P_NONE).def(MODRM, Bmi::andn);
    for (int r = BLSR; r <= BLSI; r++) t.op(VEX_0F38, 0xF3).pfx(P_NONE).reg(r).def(MODRM, r, Bmi::bls);
    t.op(VEX_0F38, 0xF5).pfx(P_NONE).def(MODRM, Bmi::bzhi);
    t.op(VEX_0F38, 0xF5).pfx(P_F3).def(MODRM, Bmi::pext);
    t.op(VEX_0F38, 0xF5).pfx(P_F2).def(MODRM, Bmi::pdep);
    t.op(VEX_0F38, 0xF6).pfx(P_F2).def(MODRM, Bmi::mulx);
    t.op(VEX_0F38, 0xF7).pfx(P_NONE).def(MODRM, Bmi::bextr);
    t.op(VEX_0F38, 0xF7).pfx(P_66).def(MODRM, SHLX, Bmi::shiftx);
    t.op(VEX_0F38, 0xF7).pfx(P_F3).def(MODRM, SARX, Bmi::shiftx);
    t.op(VEX_0F38, 0xF7).pfx(P_F2).def(MODRM, SHRX, Bmi::shiftx);
    t.op(VEX_0F3A, 0xF0).pfx(P_F2).def(MODRM | I_UB, Bmi::rorx);
  }

  /** The operand size, 4 or 8 by VEX.W; VEX.L = 1 is #UD for every BMI form. */
  private static int size(Insn i) {
    if (i.vexL) throw GuestFault.of(GuestFault.Kind.INVALID_OPCODE, "BMI instruction with VEX.L = 1");
    return i.size == 8 ? 8 : 4;
  }

  /**
   * Writes all six status flags: CF and ZF as given, SF from the result, OF = 0,
   * and the flags the SDM leaves undefined (AF, PF and for some forms SF or ZF)
   * as AF = 0 and PF from the result's low byte.
   */
  private static void status(Cpu c, int s, long res, boolean cf, boolean zf) {
    long f = c.eflags & ~Flags.STATUS; // control bits are always materialised in eflags
    if (cf) f |= Flags.CF;
    if (zf) f |= Flags.ZF;
    if ((res & Flags.signBit(s)) != 0) f |= Flags.SF;
    if (Flags.parity(res)) f |= Flags.PF;
    c.setFlagsValue(f);
  }

  /** ANDN: G = ~B & E. SF, ZF by result; CF, OF cleared. */
  static void andn(Cpu c, Insn i) {
    int s = size(i);
    long res = ~c.getReg(i.vreg, s) & c.readRm(i, s);
    c.setReg(i.reg, s, res);
    status(c, s, res, false, res == 0);
  }

  /**
   * BLSR (E & (E - 1)), BLSMSK (E ^ (E - 1)), BLSI (E & -E) into B. SF and ZF by
   * result (ZF cleared for BLSMSK, whose result is never zero); CF is "source is
   * zero" for BLSR and BLSMSK and "source is not zero" for BLSI; OF cleared.
   */
  static void bls(Cpu c, Insn i) {
    int s = size(i);
    long src = c.readRm(i, s), m = Flags.mask(s);
    long res = switch (i.sub) {
      case BLSR -> src & (src - 1);
      case BLSMSK -> (src ^ (src - 1)) & m;
      default -> src & -src;
    };
    c.setReg(i.vreg, s, res);
    status(c, s, res, i.sub == BLSI ? src != 0 : src == 0, res == 0);
  }

  /** BEXTR: G = E[start + len - 1 : start] with start = B[7:0], len = B[15:8]. ZF by result; CF, OF cleared. */
  static void bextr(Cpu c, Insn i) {
    int s = size(i);
    long src = c.readRm(i, s), ctl = c.getReg(i.vreg, s);
    int start = (int) (ctl & 0xff), len = (int) (ctl >> 8 & 0xff);
    long res = start >= 64 ? 0 : src >>> start;
    if (len < 64) res &= (1L << len) - 1;
    c.setReg(i.reg, s, res);
    status(c, s, res, false, res == 0);
  }

  /** BZHI: G = E with bits n and up cleared, n = B[7:0]; CF = 1 when n is past the operand. SF, ZF by result; OF cleared. */
  static void bzhi(Cpu c, Insn i) {
    int s = size(i), bits = s * 8;
    long src = c.readRm(i, s);
    int n = (int) (c.getReg(i.vreg, s) & 0xff);
    long res = n < bits ? src & ((1L << n) - 1) : src;
    c.setReg(i.reg, s, res);
    status(c, s, res, n > bits - 1, res == 0);
  }

  /** PDEP: deposits the low bits of B, in order, at the positions of E's set bits. Flags unchanged. */
  static void pdep(Cpu c, Insn i) {
    int s = size(i);
    long src = c.getReg(i.vreg, s), mask = c.readRm(i, s), res = 0;
    for (long k = 1; mask != 0; k <<= 1, mask &= mask - 1) {
      if ((src & k) != 0) res |= Long.lowestOneBit(mask);
    }
    c.setReg(i.reg, s, res);
  }

  /** PEXT: gathers the bits of B at E's set positions into the low bits of G. Flags unchanged. */
  static void pext(Cpu c, Insn i) {
    int s = size(i);
    long src = c.getReg(i.vreg, s), mask = c.readRm(i, s), res = 0;
    for (long k = 1; mask != 0; k <<= 1, mask &= mask - 1) {
      if ((src & Long.lowestOneBit(mask)) != 0) res |= k;
    }
    c.setReg(i.reg, s, res);
  }

  /**
   * MULX: unsigned rDX * E, low half to B, high half to G. Flags unchanged. When G
   * and B are the same register it receives the high half (SDM: "If the first
   * operand is the same as the second, the result is the high half").
   */
  static void mulx(Cpu c, Insn i) {
    int s = size(i);
    long a = c.getReg(Cpu.RDX, s), b = c.readRm(i, s), lo, hi;
    if (s == 8) {
      lo = a * b;
      hi = Math.unsignedMultiplyHigh(a, b);
    } else {
      long p = a * b; // both operands are zero-extended 32-bit values
      lo = p;
      hi = p >>> 32;
    }
    c.setReg(i.vreg, s, lo);
    c.setReg(i.reg, s, hi);
  }

  /** SHLX, SARX, SHRX: G = E shifted by B masked to 5 (6 with W) bits. Flags unchanged. */
  static void shiftx(Cpu c, Insn i) {
    int s = size(i);
    long v = c.readRm(i, s);
    int n = (int) c.getReg(i.vreg, s) & (s * 8 - 1);
    long res = switch (i.sub) {
      case SHLX -> v << n;
      case SARX -> Flags.signExtend(v, s) >> n;
      default -> v >>> n;
    };
    c.setReg(i.reg, s, res);
  }

  /** RORX: G = E rotated right by imm8 masked to 5 (6 with W) bits. Flags unchanged. */
  static void rorx(Cpu c, Insn i) {
    int s = size(i);
    // VEX.vvvv is reserved and must be 1111b (vreg 0), otherwise #UD.
    if (i.vreg != 0) throw GuestFault.of(GuestFault.Kind.INVALID_OPCODE, "RORX with VEX.vvvv != 1111b");
    long v = c.readRm(i, s);
    int n = (int) i.imm & (s * 8 - 1);
    long res = s == 8 ? Long.rotateRight(v, n) : Integer.rotateRight((int) v, n);
    c.setReg(i.reg, s, res);
  }
}
