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
import blink.x86.fp.Float80Scale;

/**
 * x87 arithmetic (SDM Vol. 1 §8.3.5-6): FADD, FSUB, FSUBR, FMUL, FDIV, FDIVR in all
 * their forms, the integer-operand FIADD … FIDIVR, and FSQRT, FRNDINT, FSCALE,
 * FXTRACT, FPREM, FPREM1.
 *
 * <p>The operation is ModRM.reg of D8 (kept in {@link Insn#sub}): 0 add, 1 multiply,
 * 4 subtract, 5 reverse subtract, 6 divide, 7 reverse divide. With ST(0) and the
 * other operand (memory or ST(i)), reg 4 always computes ST(0) − other and reg 5
 * other − ST(0), whichever register receives the result (the D8 forms write ST(0),
 * the DC and DE forms ST(i)), which is what makes DC E0+i "FSUBR ST(i), ST(0)".
 */
final class X87Arith {
  private X87Arith() {}

  static final int ADD = 0, MUL = 1, SUB = 4, SUBR = 5, DIV = 6, DIVR = 7;

  static void register(OpcodeTable t) {
    Entry d8 = t.op(ONE_BYTE, 0xD8), da = t.op(ONE_BYTE, 0xDA), dc = t.op(ONE_BYTE, 0xDC), de = t.op(ONE_BYTE, 0xDE);
    for (int r : new int[] {ADD, MUL, SUB, SUBR, DIV, DIVR}) {
      d8.reg(r).def(MODRM, r, X87Arith::m32);
      dc.reg(r).def(MODRM, r, X87Arith::m64);
      da.reg(r).def(MODRM, r, X87Arith::m32int);
      de.reg(r).def(MODRM, r, X87Arith::m16int);
      d8.mod3().reg(r).def(MODRM, r, X87Arith::toSt0);
      dc.mod3().reg(r).def(MODRM, r, X87Arith::toSti);
      de.mod3().reg(r).def(MODRM, r, X87Arith::toStiPop);
    }
    Entry d9r = t.op(ONE_BYTE, 0xD9).mod3();
    d9r.reg(7).rm(2).def(MODRM, X87Arith::fsqrt);
    d9r.reg(7).rm(4).def(MODRM, X87Arith::frndint);
    d9r.reg(7).rm(5).def(MODRM, X87Arith::fscale);
    d9r.reg(6).rm(4).def(MODRM, X87Arith::fxtract);
    d9r.reg(7).rm(0).def(MODRM, 0, X87Arith::fprem);
    d9r.reg(6).rm(5).def(MODRM, 1, X87Arith::fprem);
  }

  /** Computes kind(ST(0) value a, other value b) into the unit. */
  static void compute(Float80 u, int kind, long aSig, int aSe, long bSig, int bSe) {
    switch (kind) {
      case ADD: u.add(aSig, aSe, bSig, bSe, false); break;
      case MUL: u.mul(aSig, aSe, bSig, bSe); break;
      case SUB: u.add(aSig, aSe, bSig, bSe, true); break;
      case SUBR: u.add(bSig, bSe, aSig, aSe, true); break;
      case DIV: u.div(aSig, aSe, bSig, bSe); break;
      default: u.div(bSig, bSe, aSig, aSe); break;
    }
  }

  /** ST(0) = ST(0) op the value the caller converted into the unit. */
  private static void withConverted(X87 f, int kind) {
    int p0 = f.phys(0);
    if (f.isEmpty(p0)) {
      f.unit.clear();
      X87Ops.underflow(f, p0);
      return;
    }
    Float80 u = f.unit;
    compute(u, kind, f.sig[p0], f.se[p0], u.sig, u.se);
    if (f.raise(u.flags, u.c1)) f.writeResult(p0);
  }

  static void m32(Cpu c, Insn i) {
    long a = beginMem(c, i);
    int bits = c.mmu.read32(a);
    X87 f = c.fpu;
    Float80Convert.fromFloat32(f.unit, bits);
    withConverted(f, i.sub);
  }

  static void m64(Cpu c, Insn i) {
    long a = beginMem(c, i);
    long bits = c.mmu.read64(a);
    X87 f = c.fpu;
    Float80Convert.fromFloat64(f.unit, bits);
    withConverted(f, i.sub);
  }

  static void m32int(Cpu c, Insn i) {
    long a = beginMem(c, i);
    int v = c.mmu.read32(a);
    X87 f = c.fpu;
    Float80Convert.fromInt(f.unit, v);
    withConverted(f, i.sub);
  }

  static void m16int(Cpu c, Insn i) {
    long a = beginMem(c, i);
    short v = (short) c.mmu.read16(a);
    X87 f = c.fpu;
    Float80Convert.fromInt(f.unit, v);
    withConverted(f, i.sub);
  }

  /** D8 C0+i …: ST(0) = ST(0) op ST(i). */
  static void toSt0(Cpu c, Insn i) {
    X87 f = begin(c, i);
    int p0 = f.phys(0), pi = f.phys(i.rm & 7);
    if (!X87Ops.bothFull(f, p0, pi)) {
      X87Ops.underflow(f, p0);
      return;
    }
    Float80 u = f.unit;
    compute(u, i.sub, f.sig[p0], f.se[p0], f.sig[pi], f.se[pi]);
    if (f.raise(u.flags, u.c1)) f.writeResult(p0);
  }

  /** DC C0+i …: ST(i) = ST(0) op ST(i) as the class comment explains. */
  static void toSti(Cpu c, Insn i) {
    X87 f = begin(c, i);
    stiOp(f, i, false);
  }

  /** DE C0+i …: as DC, then pop (FADDP, FSUBRP, …). */
  static void toStiPop(Cpu c, Insn i) {
    X87 f = begin(c, i);
    stiOp(f, i, true);
  }

  private static void stiOp(X87 f, Insn i, boolean pop) {
    int p0 = f.phys(0), pi = f.phys(i.rm & 7);
    if (!X87Ops.bothFull(f, p0, pi)) {
      if (X87Ops.underflow(f, pi) && pop) f.pop();
      return;
    }
    Float80 u = f.unit;
    compute(u, i.sub, f.sig[p0], f.se[p0], f.sig[pi], f.se[pi]);
    if (f.raise(u.flags, u.c1)) {
      f.writeResult(pi);
      if (pop) f.pop();
    }
  }

  // ---------------------------------------------------------------- one-operand

  static void fsqrt(Cpu c, Insn i) {
    X87 f = begin(c, i);
    int p0 = f.phys(0);
    if (f.isEmpty(p0)) {
      X87Ops.underflow(f, p0);
      return;
    }
    Float80 u = f.unit;
    u.sqrt(f.sig[p0], f.se[p0]);
    if (f.raise(u.flags, u.c1)) f.writeResult(p0);
  }

  static void frndint(Cpu c, Insn i) {
    X87 f = begin(c, i);
    int p0 = f.phys(0);
    if (f.isEmpty(p0)) {
      X87Ops.underflow(f, p0);
      return;
    }
    Float80 u = f.unit;
    Float80Convert.roundToIntegral(u, f.sig[p0], f.se[p0]);
    if (f.raise(u.flags, u.c1)) f.writeResult(p0);
  }

  /** FSCALE: ST(0) = ST(0) × 2^trunc(ST(1)). */
  static void fscale(Cpu c, Insn i) {
    X87 f = begin(c, i);
    int p0 = f.phys(0), p1 = f.phys(1);
    if (!X87Ops.bothFull(f, p0, p1)) {
      X87Ops.underflow(f, p0);
      return;
    }
    Float80 u = f.unit;
    Float80Scale.scale(u, f.sig[p0], f.se[p0], f.sig[p1], f.se[p1]);
    if (f.raise(u.flags, u.c1)) f.writeResult(p0);
  }

  /**
   * FXTRACT: ST(0) becomes its unbiased exponent and the significand (exponent 0,
   * same sign) is pushed. Zero: ZE, exponent −∞; infinity: exponent +∞.
   */
  static void fxtract(Cpu c, Insn i) {
    X87 f = begin(c, i);
    int p0 = f.phys(0), pn = (f.top - 1) & 7;
    if (f.isEmpty(p0)) {
      if (X87Ops.underflow(f, p0)) {
        f.top = pn;
        X87Ops.writeIndefinite(f, pn);
      }
      return;
    }
    if (!f.isEmpty(pn)) {
      if (f.stackFault(true)) {
        X87Ops.writeIndefinite(f, p0);
        f.top = pn;
        X87Ops.writeIndefinite(f, pn);
      }
      return;
    }
    Float80 u = f.unit;
    long s = f.sig[p0];
    int e = f.se[p0];
    long expSig, manSig;
    int expSe, manSe;
    int cls = Float80.classify(s, e);
    switch (cls) {
      case Float80.ZERO:
        u.flags |= Float80.ZE;
        expSig = Float80.J;
        expSe = Float80.SIGN | Float80.EXP;
        manSig = s;
        manSe = e;
        break;
      case Float80.INFINITY:
        expSig = Float80.J;
        expSe = Float80.EXP;
        manSig = s;
        manSe = e;
        break;
      case Float80.NORMAL:
      case Float80.DENORMAL: {
        if (cls == Float80.DENORMAL) u.flags |= Float80.DE;
        int n = Long.numberOfLeadingZeros(s);
        int exp = (e & Float80.EXP) == 0 ? 1 - n : e & Float80.EXP;
        Float80Convert.fromInt(u, exp - Float80.BIAS);
        expSig = u.sig;
        expSe = u.se;
        manSig = s << n;
        manSe = (e & Float80.SIGN) | Float80.BIAS;
        break;
      }
      default: // NaN or unsupported: both parts are the (quieted) NaN or the indefinite
        Float80Convert.roundToIntegral(u, s, e);
        expSig = manSig = u.sig;
        expSe = manSe = u.se;
        break;
    }
    if (!f.raise(u.flags, false)) return;
    f.write(p0, expSig, expSe);
    f.top = pn;
    f.write(pn, manSig, manSe);
  }

  /** FPREM (sub 0) and FPREM1 (sub 1): ST(0) = remainder of ST(0) ÷ ST(1); C2 set while partial. */
  static void fprem(Cpu c, Insn i) {
    X87 f = begin(c, i);
    int p0 = f.phys(0), p1 = f.phys(1);
    if (!X87Ops.bothFull(f, p0, p1)) {
      f.status &= ~X87.C2; // measured
      X87Ops.underflow(f, p0);
      return;
    }
    Float80 u = f.unit;
    int cc = Float80Scale.remainder(u, f.sig[p0], f.se[p0], f.sig[p1], f.se[p1], i.sub == 1);
    if (cc == Float80Scale.KEEP_C0_C3) cc = f.status & (X87.C0 | X87.C3);
    if (!f.raise(u.flags, false)) {
      f.status &= ~X87.C2;
      return;
    }
    f.status = (f.status & ~(X87.C0 | X87.C1 | X87.C2 | X87.C3)) | cc;
    f.writeResult(p0);
  }
}
