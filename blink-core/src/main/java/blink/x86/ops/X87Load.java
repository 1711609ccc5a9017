package blink.x86.ops;

import static blink.x86.OpcodeTable.*;
import static blink.x86.ops.X87Ops.begin;
import static blink.x86.ops.X87Ops.beginMem;

import blink.x86.Cpu;
import blink.x86.Insn;
import blink.x86.OpcodeTable;
import blink.x86.X87;
import blink.x86.fp.Float80;
import blink.x86.fp.Float80Convert;

/**
 * x87 data movement (SDM Vol. 1 §8.3.3): FLD, FST, FSTP in every format, FILD,
 * FIST, FISTP, FISTTP, FBLD, FBSTP, the constant loads, FXCH, FCHS, FABS, FCMOVcc,
 * FFREE. Loads convert exactly; stores round by RC into the destination format.
 * A store whose unmasked exception (IE, OE, UE) is raised writes nothing and does
 * not pop, leaving the operand for the #MF handler.
 */
final class X87Load {
  private X87Load() {}

  /** Integer store variants in {@link Insn#sub}: size in bytes | POP | TRUNCATE. */
  private static final int POP = 16, TRUNCATE = 32;

  static void register(OpcodeTable t) {
    Entry d9 = t.op(ONE_BYTE, 0xD9), db = t.op(ONE_BYTE, 0xDB), dd = t.op(ONE_BYTE, 0xDD), df = t.op(ONE_BYTE, 0xDF);
    Entry da = t.op(ONE_BYTE, 0xDA);
    d9.reg(0).def(MODRM, X87Load::fldM32);
    dd.reg(0).def(MODRM, X87Load::fldM64);
    db.reg(5).def(MODRM, X87Load::fldM80);
    d9.reg(2).def(MODRM, 0, X87Load::fstM32);
    d9.reg(3).def(MODRM, POP, X87Load::fstM32);
    dd.reg(2).def(MODRM, 0, X87Load::fstM64);
    dd.reg(3).def(MODRM, POP, X87Load::fstM64);
    db.reg(7).def(MODRM, X87Load::fstpM80);
    df.reg(0).def(MODRM, 2, X87Load::fild);
    db.reg(0).def(MODRM, 4, X87Load::fild);
    df.reg(5).def(MODRM, 8, X87Load::fild);
    df.reg(2).def(MODRM, 2, X87Load::fist);
    df.reg(3).def(MODRM, 2 | POP, X87Load::fist);
    db.reg(2).def(MODRM, 4, X87Load::fist);
    db.reg(3).def(MODRM, 4 | POP, X87Load::fist);
    df.reg(7).def(MODRM, 8 | POP, X87Load::fist);
    df.reg(1).def(MODRM, 2 | POP | TRUNCATE, X87Load::fist); // FISTTP (SSE3)
    db.reg(1).def(MODRM, 4 | POP | TRUNCATE, X87Load::fist);
    dd.reg(1).def(MODRM, 8 | POP | TRUNCATE, X87Load::fist);
    df.reg(4).def(MODRM, X87Load::fbld);
    df.reg(6).def(MODRM, X87Load::fbstp);

    Entry d9r = d9.mod3(), ddr = dd.mod3(), dfr = df.mod3();
    d9r.reg(0).def(MODRM, X87Load::fldSti);
    ddr.reg(2).def(MODRM, 0, X87Load::fstSti);
    ddr.reg(3).def(MODRM, POP, X87Load::fstSti);
    // Undocumented aliases that the hardware decodes as FSTP ST(i) and FXCH ST(i).
    d9r.reg(3).def(MODRM, POP, X87Load::fstpNoUnderflow);
    dfr.reg(2).def(MODRM, POP, X87Load::fstSti);
    dfr.reg(3).def(MODRM, POP, X87Load::fstSti);
    d9r.reg(1).def(MODRM, X87Load::fxch);
    ddr.reg(1).def(MODRM, X87Load::fxch);
    dfr.reg(1).def(MODRM, X87Load::fxch);
    for (int k = 0; k < 7; k++) d9r.reg(5).rm(k).def(MODRM, k, X87Load::fldConst);
    d9r.reg(4).rm(0).def(MODRM, X87Load::fchs);
    d9r.reg(4).rm(1).def(MODRM, X87Load::fabs);
    ddr.reg(0).def(MODRM, 0, X87Load::ffree);
    dfr.reg(0).def(MODRM, POP, X87Load::ffree); // FFREEP (undocumented, decoded by all)
    // FCMOVcc: DA = B, E, BE, U; DB = NB, NE, NBE, NU (condition codes as Jcc's low nibble).
    int[] cc = {0x2, 0x4, 0x6, 0xA};
    for (int r = 0; r < 4; r++) {
      da.mod3().reg(r).def(MODRM, cc[r], X87Load::fcmov);
      db.mod3().reg(r).def(MODRM, cc[r] | 1, X87Load::fcmov);
    }
  }

  /** Whether a store may write: no unmasked IE, OE or UE among the flags (see {@link X87#raiseStore}). */
  static boolean storable(X87 f, int flags) {
    return (flags & ~f.control & (X87.IE | X87.OE | X87.UE)) == 0;
  }

  // ---------------------------------------------------------------- loads

  static void fldM32(Cpu c, Insn i) {
    long a = beginMem(c, i);
    int bits = c.mmu.read32(a);
    X87 f = c.fpu;
    Float80 u = f.unit;
    Float80Convert.fromFloat32(u, bits);
    pushConverted(f, u);
  }

  static void fldM64(Cpu c, Insn i) {
    long a = beginMem(c, i);
    long bits = c.mmu.read64(a);
    X87 f = c.fpu;
    Float80 u = f.unit;
    Float80Convert.fromFloat64(u, bits);
    pushConverted(f, u);
  }

  /**
   * A load from single or double precision: an SNaN raises IE and is quieted; a
   * denormal raises DE, but even unmasked the value is still loaded (normalised), as
   * the hardware does.
   */
  private static void pushConverted(X87 f, Float80 u) {
    int flags = 0;
    if (Float80.classify(u.sig, u.se) == Float80.SNAN) {
      flags = Float80.IE;
      u.sig |= Float80.QUIET;
    }
    if (X87Ops.push(f, u.sig, u.se, flags) && u.memDenormal) f.raise(Float80.DE, false);
  }

  /** FLD m80: a plain copy, no exceptions but stack overflow. */
  static void fldM80(Cpu c, Insn i) {
    long a = beginMem(c, i);
    long s = c.mmu.read64(a);
    int e = c.mmu.read16(a + 8);
    X87Ops.push(c.fpu, s, e, 0);
  }

  /** FLD ST(i): an empty source is a stack underflow even when the stack is also full (measured). */
  static void fldSti(Cpu c, Insn i) {
    X87 f = begin(c, i);
    int p = f.phys(i.rm & 7);
    if (f.isEmpty(p)) {
      if (f.stackFault(false)) {
        f.top = (f.top - 1) & 7;
        X87Ops.writeIndefinite(f, f.top);
      }
      return;
    }
    X87Ops.push(f, f.sig[p], f.se[p], 0);
  }

  static void fild(Cpu c, Insn i) {
    long a = beginMem(c, i);
    long v = c.mmu.read(a, i.sub);
    v = i.sub == 2 ? (short) v : i.sub == 4 ? (int) v : v;
    X87 f = c.fpu;
    Float80Convert.fromInt(f.unit, v);
    X87Ops.push(f, f.unit.sig, f.unit.se, 0);
  }

  static void fbld(Cpu c, Insn i) {
    long a = beginMem(c, i);
    long low = c.mmu.read64(a);
    int high = c.mmu.read16(a + 8);
    X87 f = c.fpu;
    Float80Convert.fromBcd(f.unit, low, high);
    X87Ops.push(f, f.unit.sig, f.unit.se, 0);
  }

  /**
   * FLD1, FLDL2T, FLDL2E, FLDPI, FLDLG2, FLDLN2, FLDZ. The irrational constants are
   * held with more than 64 bits and rounded by RC (SDM Vol. 1 §8.3.8): the table has
   * each one truncated, and whether round-to-nearest goes up. No PE is raised.
   */
  private static final long[] CONST_SIG = {
    0x8000000000000000L, 0xD49A784BCD1B8AFEL, 0xB8AA3B295C17F0BBL, 0xC90FDAA22168C234L,
    0x9A209A84FBCFF798L, 0xB17217F7D1CF79ABL, 0};
  private static final int[] CONST_SE = {0x3fff, 0x4000, 0x3fff, 0x4000, 0x3ffd, 0x3ffe, 0};
  private static final boolean[] CONST_NEAREST_UP = {false, false, true, true, true, true, false};
  private static final boolean[] CONST_EXACT = {true, false, false, false, false, false, true};

  static void fldConst(Cpu c, Insn i) {
    X87 f = begin(c, i);
    int k = i.sub;
    long s = CONST_SIG[k];
    if (!CONST_EXACT[k]) {
      int rc = f.unit.rc;
      if (rc == Float80.RC_UP || (rc == Float80.RC_NEAREST && CONST_NEAREST_UP[k])) s++;
    }
    X87Ops.push(f, s, CONST_SE[k], 0);
  }

  // ---------------------------------------------------------------- stores

  static void fstM32(Cpu c, Insn i) {
    long a = beginMem(c, i);
    c.mmu.checkWritable(a, 4); // a page fault comes before any x87 exception (measured)
    X87 f = c.fpu;
    int p0 = f.phys(0);
    boolean pop = i.sub == POP;
    if (f.isEmpty(p0)) {
      if ((f.control & X87.IE) != 0) c.mmu.write32(a, 0xffc00000);
      emptyStore(f, pop);
      return;
    }
    Float80 u = f.unit;
    int bits = Float80Convert.toFloat32(u, f.sig[p0], f.se[p0]);
    boolean ok = storable(f, u.flags);
    if (ok) c.mmu.write32(a, bits);
    f.raiseStore(u.flags, u.c1);
    if (ok && pop) f.pop();
  }

  static void fstM64(Cpu c, Insn i) {
    long a = beginMem(c, i);
    c.mmu.checkWritable(a, 8); // a page fault comes before any x87 exception (measured)
    X87 f = c.fpu;
    int p0 = f.phys(0);
    boolean pop = i.sub == POP;
    if (f.isEmpty(p0)) {
      if ((f.control & X87.IE) != 0) c.mmu.write64(a, 0xfff8000000000000L);
      emptyStore(f, pop);
      return;
    }
    Float80 u = f.unit;
    long bits = Float80Convert.toFloat64(u, f.sig[p0], f.se[p0]);
    boolean ok = storable(f, u.flags);
    if (ok) c.mmu.write64(a, bits);
    f.raiseStore(u.flags, u.c1);
    if (ok && pop) f.pop();
  }

  /** FSTP m80: an exact copy. */
  static void fstpM80(Cpu c, Insn i) {
    long a = beginMem(c, i);
    c.mmu.checkWritable(a, 10); // a page fault comes before any x87 exception (measured)
    X87 f = c.fpu;
    int p0 = f.phys(0);
    if (f.isEmpty(p0)) {
      if ((f.control & X87.IE) != 0) {
        c.mmu.write64(a, Float80.INDEFINITE_SIG);
        c.mmu.write16(a + 8, Float80.INDEFINITE_SE);
      }
      emptyStore(f, true);
      return;
    }
    c.mmu.write64(a, f.sig[p0]);
    c.mmu.write16(a + 8, f.se[p0]);
    f.raise(0, false);
    f.pop();
  }

  /** The stack underflow of a store from an empty ST(0): the caller stored the indefinite if masked. */
  private static void emptyStore(X87 f, boolean pop) {
    if (f.stackFault(false) && pop) f.pop();
  }

  /** FIST, FISTP, FISTTP to m16, m32, m64: out of range or NaN gives the integer indefinite 100…0. */
  static void fist(Cpu c, Insn i) {
    long a = beginMem(c, i);
    c.mmu.checkWritable(a, i.sub & 15); // a page fault comes before any x87 exception (measured)
    X87 f = c.fpu;
    int size = i.sub & 15;
    boolean pop = (i.sub & POP) != 0;
    long indefinite = 1L << (size * 8 - 1);
    int p0 = f.phys(0);
    if (f.isEmpty(p0)) {
      if ((f.control & X87.IE) != 0) c.mmu.write(a, indefinite, size);
      emptyStore(f, pop);
      return;
    }
    Float80 u = f.unit;
    long v = Float80Convert.toInt(u, f.sig[p0], f.se[p0], indefinite - 1, true, (i.sub & TRUNCATE) != 0);
    if ((u.flags & Float80.IE) != 0) v = indefinite;
    boolean ok = storable(f, u.flags);
    if (ok) c.mmu.write(a, v, size);
    f.raiseStore(u.flags, u.c1);
    if (ok && pop) f.pop();
  }

  /** FBSTP m80bcd: rounds by RC; beyond 18 digits (or NaN, ∞) IE and the BCD indefinite. */
  static void fbstp(Cpu c, Insn i) {
    long a = beginMem(c, i);
    c.mmu.checkWritable(a, 10); // a page fault comes before any x87 exception (measured)
    X87 f = c.fpu;
    int p0 = f.phys(0);
    if (f.isEmpty(p0)) {
      if ((f.control & X87.IE) != 0) {
        c.mmu.write64(a, 0xC000000000000000L);
        c.mmu.write16(a + 8, 0xffff);
      }
      emptyStore(f, true);
      return;
    }
    Float80 u = f.unit;
    long v = Float80Convert.toInt(u, f.sig[p0], f.se[p0], Float80Convert.BCD_MAX, false, false);
    long low;
    int high;
    if ((u.flags & Float80.IE) != 0) {
      low = 0xC000000000000000L;
      high = 0xffff;
    } else {
      long m = Math.abs(v);
      low = Float80Convert.toBcdLow(m);
      high = Float80Convert.bcdHigh(m, (f.se[p0] & Float80.SIGN) != 0);
    }
    boolean ok = storable(f, u.flags);
    if (ok) {
      c.mmu.write64(a, low);
      c.mmu.write16(a + 8, high);
    }
    f.raiseStore(u.flags, u.c1);
    if (ok) f.pop();
  }

  /** FST/FSTP ST(i): copies ST(0) (FSTP ST(0) is the usual way to pop). */
  static void fstSti(Cpu c, Insn i) {
    X87 f = begin(c, i);
    int p0 = f.phys(0), pi = f.phys(i.rm & 7);
    boolean pop = i.sub == POP;
    if (f.isEmpty(p0)) {
      if (X87Ops.underflow(f, pi) && pop) f.pop();
      return;
    }
    f.write(pi, f.sig[p0], f.se[p0]);
    f.raise(0, false);
    if (pop) f.pop();
  }

  /**
   * D9 D8+i (FSTP1, FSTPNCE): FSTP ST(i), except that an empty ST(0) is no stack
   * underflow: it is just popped (C1 cleared), ST(i) left alone (measured on AMD).
   */
  static void fstpNoUnderflow(Cpu c, Insn i) {
    X87 f = c.fpu;
    if (f.isEmpty(f.phys(0))) {
      begin(c, i);
      f.status &= ~X87.C1;
      f.pop();
      return;
    }
    fstSti(c, i);
  }

  // ---------------------------------------------------------------- register operations

  /** FXCH: with an empty operand (masked underflow) the empty side becomes the indefinite first. */
  static void fxch(Cpu c, Insn i) {
    X87 f = begin(c, i);
    int p0 = f.phys(0), pi = f.phys(i.rm & 7);
    if (!X87Ops.bothFull(f, p0, pi)) {
      if (!f.stackFault(false)) return;
      if (f.isEmpty(p0)) X87Ops.writeIndefinite(f, p0);
      if (f.isEmpty(pi)) X87Ops.writeIndefinite(f, pi);
    } else {
      f.raise(0, false);
    }
    long s = f.sig[p0];
    int e = f.se[p0];
    f.sig[p0] = f.sig[pi];
    f.se[p0] = f.se[pi];
    f.sig[pi] = s;
    f.se[pi] = e;
  }

  /** FCHS, FABS: sign bit only, no exception even for a NaN or unsupported value. */
  static void fchs(Cpu c, Insn i) {
    X87 f = begin(c, i);
    int p0 = f.phys(0);
    if (f.isEmpty(p0)) {
      X87Ops.underflow(f, p0);
      return;
    }
    f.se[p0] ^= Float80.SIGN;
    f.raise(0, false);
  }

  static void fabs(Cpu c, Insn i) {
    X87 f = begin(c, i);
    int p0 = f.phys(0);
    if (f.isEmpty(p0)) {
      X87Ops.underflow(f, p0);
      return;
    }
    f.se[p0] &= ~Float80.SIGN;
    f.raise(0, false);
  }

  /**
   * FCMOVcc ST(0), ST(i): copies when the EFLAGS condition holds; C1 is left alone.
   * An empty operand is a stack underflow whatever the condition: masked, ST(0)
   * gets the indefinite (measured).
   */
  static void fcmov(Cpu c, Insn i) {
    X87 f = begin(c, i);
    int p0 = f.phys(0), pi = f.phys(i.rm & 7);
    if (!X87Ops.bothFull(f, p0, pi)) {
      if (f.stackFault(false)) X87Ops.writeIndefinite(f, p0);
      return;
    }
    if (c.cond(i.sub)) f.write(p0, f.sig[pi], f.se[pi]);
  }

  /** FFREE ST(i) (tag it empty) and FFREEP (then pop). */
  static void ffree(Cpu c, Insn i) {
    X87 f = begin(c, i);
    f.status &= ~X87.C1; // measured; the SDM leaves C0-C3 undefined
    f.empty |= 1 << f.phys(i.rm & 7);
    if (i.sub == POP) f.pop();
  }
}
