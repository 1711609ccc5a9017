package blink.x86.ops;

import static blink.x86.OpcodeTable.*;
import static blink.x86.ops.X87Ops.begin;
import static blink.x86.ops.X87Ops.beginMem;

import blink.x86.Cpu;
import blink.x86.Flags;
import blink.x86.Insn;
import blink.x86.OpcodeTable;
import blink.x86.X87;
import blink.x86.fp.Float80;
import blink.x86.fp.Float80Compare;
import blink.x86.fp.Float80Convert;

/**
 * x87 comparisons and classification (SDM Vol. 1 §8.3.4, §8.1.4): FCOM, FCOMP,
 * FCOMPP, FUCOM, FUCOMP, FUCOMPP, FICOM, FICOMP, FTST set C3 C2 C0; FCOMI, FCOMIP,
 * FUCOMI, FUCOMIP set ZF PF CF (and clear OF SF AF); FXAM sets C3 C2 C1 C0.
 *
 * <pre>
 *   ST(0) ? operand   C3 C2 C0   ZF PF CF
 *   greater            0  0  0    0  0  0
 *   less               0  0  1    0  0  1
 *   equal              1  0  0    1  0  0
 *   unordered          1  1  1    1  1  1
 * </pre>
 *
 * The ordered forms (FCOM, FCOMI, FICOM, FTST) raise IE for any NaN; the unordered
 * ones (FUCOM, FUCOMI) only for a signalling NaN. C1 is cleared.
 */
final class X87Compare {
  private X87Compare() {}

  /** {@link Insn#sub}: number of pops | QUIET (unordered compare). */
  private static final int QUIET = 4;

  private static final int[] CC = {X87.C0, X87.C3, 0, X87.C3 | X87.C2 | X87.C0};
  private static final long[] EFLAGS = {Flags.CF, Flags.ZF, 0, Flags.ZF | Flags.PF | Flags.CF};

  static void register(OpcodeTable t) {
    Entry d8 = t.op(ONE_BYTE, 0xD8), da = t.op(ONE_BYTE, 0xDA), db = t.op(ONE_BYTE, 0xDB);
    Entry dc = t.op(ONE_BYTE, 0xDC), dd = t.op(ONE_BYTE, 0xDD), de = t.op(ONE_BYTE, 0xDE), df = t.op(ONE_BYTE, 0xDF);
    d8.reg(2).def(MODRM, 0, X87Compare::fcomM32);
    d8.reg(3).def(MODRM, 1, X87Compare::fcomM32);
    dc.reg(2).def(MODRM, 0, X87Compare::fcomM64);
    dc.reg(3).def(MODRM, 1, X87Compare::fcomM64);
    da.reg(2).def(MODRM, 0, X87Compare::ficomM32);
    da.reg(3).def(MODRM, 1, X87Compare::ficomM32);
    de.reg(2).def(MODRM, 0, X87Compare::ficomM16);
    de.reg(3).def(MODRM, 1, X87Compare::ficomM16);
    d8.mod3().reg(2).def(MODRM, 0, X87Compare::fcomSti);
    d8.mod3().reg(3).def(MODRM, 1, X87Compare::fcomSti);
    dc.mod3().reg(2).def(MODRM, 0, X87Compare::fcomSti); // FCOM2, FCOMP3, FCOMP5: undocumented aliases
    dc.mod3().reg(3).def(MODRM, 1, X87Compare::fcomSti);
    de.mod3().reg(2).def(MODRM, 1, X87Compare::fcomSti);
    de.mod3().reg(3).rm(1).def(MODRM, 2, X87Compare::fcomSti); // FCOMPP
    dd.mod3().reg(4).def(MODRM, QUIET, X87Compare::fcomSti); // FUCOM
    dd.mod3().reg(5).def(MODRM, QUIET | 1, X87Compare::fcomSti); // FUCOMP
    da.mod3().reg(5).rm(1).def(MODRM, QUIET | 2, X87Compare::fcomSti); // FUCOMPP
    db.mod3().reg(5).def(MODRM, QUIET, X87Compare::fcomi); // FUCOMI
    db.mod3().reg(6).def(MODRM, 0, X87Compare::fcomi); // FCOMI
    df.mod3().reg(5).def(MODRM, QUIET | 1, X87Compare::fcomi); // FUCOMIP
    df.mod3().reg(6).def(MODRM, 1, X87Compare::fcomi); // FCOMIP
    Entry d9r = t.op(ONE_BYTE, 0xD9).mod3();
    d9r.reg(4).rm(4).def(MODRM, X87Compare::ftst);
    d9r.reg(4).rm(5).def(MODRM, X87Compare::fxam);
  }

  /**
   * Sets C3 C2 C0 (and clears C1) for relation rel, then pops. The condition codes
   * are written even when an unmasked exception holds back the pops.
   */
  private static void finish(X87 f, int rel, int pops) {
    boolean ok = f.raise(f.unit.flags, false);
    f.status = (f.status & ~(X87.C0 | X87.C2 | X87.C3)) | CC[rel];
    if (ok) for (int k = 0; k < pops; k++) f.pop();
  }

  /** An empty operand: stack underflow; the result is "unordered", and masked the pops happen. */
  private static void emptyOperand(X87 f, int pops) {
    boolean ok = f.stackFault(false);
    f.status |= X87.C0 | X87.C2 | X87.C3;
    if (ok) for (int k = 0; k < pops; k++) f.pop();
  }

  /** Compares ST(0) with the value the caller converted into the unit. */
  private static void withConverted(X87 f, int pops) {
    int p0 = f.phys(0);
    if (f.isEmpty(p0)) {
      emptyOperand(f, pops);
      return;
    }
    Float80 u = f.unit;
    int rel = Float80Compare.compare(u, f.sig[p0], f.se[p0], u.sig, u.se, false);
    finish(f, rel, pops);
  }

  static void fcomM32(Cpu c, Insn i) {
    long a = beginMem(c, i);
    int bits = c.mmu.read32(a);
    X87 f = c.fpu;
    Float80Convert.fromFloat32(f.unit, bits);
    withConverted(f, i.sub);
  }

  static void fcomM64(Cpu c, Insn i) {
    long a = beginMem(c, i);
    long bits = c.mmu.read64(a);
    X87 f = c.fpu;
    Float80Convert.fromFloat64(f.unit, bits);
    withConverted(f, i.sub);
  }

  static void ficomM32(Cpu c, Insn i) {
    long a = beginMem(c, i);
    int v = c.mmu.read32(a);
    X87 f = c.fpu;
    Float80Convert.fromInt(f.unit, v);
    withConverted(f, i.sub);
  }

  static void ficomM16(Cpu c, Insn i) {
    long a = beginMem(c, i);
    short v = (short) c.mmu.read16(a);
    X87 f = c.fpu;
    Float80Convert.fromInt(f.unit, v);
    withConverted(f, i.sub);
  }

  static void fcomSti(Cpu c, Insn i) {
    X87 f = begin(c, i);
    int pops = i.sub & 3;
    int p0 = f.phys(0), pi = f.phys(i.rm & 7);
    if (!X87Ops.bothFull(f, p0, pi)) {
      emptyOperand(f, pops);
      return;
    }
    int rel = Float80Compare.compare(f.unit, f.sig[p0], f.se[p0], f.sig[pi], f.se[pi], (i.sub & QUIET) != 0);
    finish(f, rel, pops);
  }

  /** FCOMI, FUCOMI, FCOMIP, FUCOMIP: the relation goes to ZF, PF, CF. */
  static void fcomi(Cpu c, Insn i) {
    X87 f = begin(c, i);
    int pops = i.sub & 3;
    int p0 = f.phys(0), pi = f.phys(i.rm & 7);
    int rel;
    boolean ok;
    if (!X87Ops.bothFull(f, p0, pi)) {
      ok = f.stackFault(false);
      rel = Float80Compare.UNORDERED;
    } else {
      rel = Float80Compare.compare(f.unit, f.sig[p0], f.se[p0], f.sig[pi], f.se[pi], (i.sub & QUIET) != 0);
      int c1 = f.status & X87.C1; // left alone but by a stack fault (measured)
      ok = f.raise(f.unit.flags, false);
      f.status |= c1;
    }
    c.setFlagsValue((c.getFlags() & ~Flags.STATUS) | EFLAGS[rel]);
    if (ok) for (int k = 0; k < pops; k++) f.pop();
  }

  /** FTST: ST(0) against +0.0 (an ordered compare). */
  static void ftst(Cpu c, Insn i) {
    X87 f = begin(c, i);
    int p0 = f.phys(0);
    if (f.isEmpty(p0)) {
      emptyOperand(f, 0);
      return;
    }
    int rel = Float80Compare.compare(f.unit, f.sig[p0], f.se[p0], 0, 0, false);
    finish(f, rel, 0);
  }

  /**
   * FXAM: C1 = sign; C3 C2 C0 = class: 000 unsupported, 001 NaN, 010 normal, 011
   * infinity, 100 zero, 101 empty, 110 denormal (pseudo-denormals included). An empty
   * register still reports the sign of its stale contents, as the hardware does.
   */
  static void fxam(Cpu c, Insn i) {
    X87 f = begin(c, i);
    int p0 = f.phys(0);
    int cc;
    if (f.isEmpty(p0)) {
      cc = X87.C3 | X87.C0;
    } else {
      switch (Float80.classify(f.sig[p0], f.se[p0])) {
        case Float80.UNSUPPORTED: cc = 0; break;
        case Float80.QNAN: case Float80.SNAN: cc = X87.C0; break;
        case Float80.NORMAL: cc = X87.C2; break;
        case Float80.INFINITY: cc = X87.C2 | X87.C0; break;
        case Float80.ZERO: cc = X87.C3; break;
        default: cc = X87.C3 | X87.C2; break;
      }
    }
    if ((f.se[p0] & Float80.SIGN) != 0) cc |= X87.C1;
    f.status = (f.status & ~(X87.C0 | X87.C1 | X87.C2 | X87.C3)) | cc;
  }
}
