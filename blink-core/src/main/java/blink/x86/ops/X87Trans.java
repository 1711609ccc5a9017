package blink.x86.ops;

import static blink.x86.OpcodeTable.*;
import static blink.x86.ops.X87Ops.begin;

import blink.x86.Cpu;
import blink.x86.Insn;
import blink.x86.OpcodeTable;
import blink.x86.X87;
import blink.x86.fp.Float80;
import blink.x86.fp.Float80Trans;

/**
 * x87 transcendental instructions (SDM Vol. 1 §8.3.9): FSIN, FCOS, FSINCOS, FPTAN,
 * FPATAN, F2XM1, FYL2X, FYL2XP1. The values come from {@link Float80Trans}; here
 * is the stack discipline: FSINCOS and FPTAN push a second result, FPATAN, FYL2X
 * and FYL2XP1 write ST(1) and pop, and the trigonometric ones set C2 and change
 * nothing when |ST(0)| ≥ 2^63.
 */
final class X87Trans {
  private X87Trans() {}

  static void register(OpcodeTable t) {
    Entry d9r = t.op(ONE_BYTE, 0xD9).mod3();
    d9r.reg(7).rm(6).def(MODRM, 0, X87Trans::sinOrCos); // FSIN
    d9r.reg(7).rm(7).def(MODRM, 1, X87Trans::sinOrCos); // FCOS
    d9r.reg(7).rm(3).def(MODRM, X87Trans::fsincos);
    d9r.reg(6).rm(2).def(MODRM, X87Trans::fptan);
    d9r.reg(6).rm(0).def(MODRM, X87Trans::f2xm1);
    d9r.reg(6).rm(3).def(MODRM, 0, X87Trans::binary); // FPATAN
    d9r.reg(6).rm(1).def(MODRM, 1, X87Trans::binary); // FYL2X
    d9r.reg(7).rm(1).def(MODRM, 2, X87Trans::binary); // FYL2XP1
  }

  /** An argument at or beyond 2^63: C2 set, C1 cleared (measured), nothing else changes (the caller reduces with FPREM). */
  private static boolean outOfRange(X87 f, int p0) {
    if (!Float80Trans.outOfRange(f.sig[p0], f.se[p0])) return false;
    f.status = (f.status & ~X87.C1) | X87.C2;
    return true;
  }

  static void sinOrCos(Cpu c, Insn i) {
    X87 f = begin(c, i);
    int p0 = f.phys(0);
    if (f.isEmpty(p0)) {
      f.status &= ~X87.C2; // a stack fault clears C2 (measured)
      X87Ops.underflow(f, p0);
      return;
    }
    if (outOfRange(f, p0)) return;
    Float80 u = f.unit;
    Float80Trans.sinOrCos(u, f.sig[p0], f.se[p0], i.sub);
    f.status &= ~X87.C2; // also when an unmasked exception holds the result back (measured)
    if (!f.raise(u.flags, u.c1)) return;
    f.writeResult(p0);
  }

  /** A push onto a full stack by FSINCOS or FPTAN: C2 cleared; masked, both registers become the indefinite. */
  private static boolean overflow(X87 f, int p0) {
    int pn = (f.top - 1) & 7;
    if (f.isEmpty(pn)) return false;
    f.status &= ~X87.C2;
    if (f.stackFault(true)) {
      X87Ops.writeIndefinite(f, p0);
      f.top = pn;
      X87Ops.writeIndefinite(f, pn);
    }
    return true;
  }

  /** FSINCOS: ST(0) = sin, then cos is pushed. */
  static void fsincos(Cpu c, Insn i) {
    X87 f = begin(c, i);
    int p0 = f.phys(0);
    if (f.isEmpty(p0)) {
      f.status &= ~X87.C2; // a stack fault clears C2 (measured)
      if (X87Ops.underflow(f, p0)) {
        f.top = (f.top - 1) & 7;
        X87Ops.writeIndefinite(f, f.top);
      }
      return;
    }
    if (overflow(f, p0) || outOfRange(f, p0)) return;
    Float80 u = f.unit;
    Float80Trans.sinOrCos(u, f.sig[p0], f.se[p0], 0);
    long sinSig = u.sig;
    int sinSe = u.se;
    boolean sinC1 = u.c1; // C1 reports the rounding of the sine, measured on hardware
    Float80Trans.sinOrCos(u, f.sig[p0], f.se[p0], 1);
    f.status &= ~X87.C2; // also when an unmasked exception holds the result back (measured)
    if (!f.raise(u.flags, sinC1)) return;
    f.write(p0, sinSig, sinSe);
    f.top = (f.top - 1) & 7;
    f.writeResult(f.top);
  }

  /** FPTAN: ST(0) = tan, then 1.0 is pushed (a NaN result pushes the NaN again). */
  static void fptan(Cpu c, Insn i) {
    X87 f = begin(c, i);
    int p0 = f.phys(0);
    if (f.isEmpty(p0)) {
      f.status &= ~X87.C2; // a stack fault clears C2 (measured)
      if (X87Ops.underflow(f, p0)) {
        f.top = (f.top - 1) & 7;
        X87Ops.writeIndefinite(f, f.top);
      }
      return;
    }
    if (overflow(f, p0) || outOfRange(f, p0)) return;
    Float80 u = f.unit;
    Float80Trans.tan(u, f.sig[p0], f.se[p0]);
    f.status &= ~X87.C2; // also when an unmasked exception holds the result back (measured)
    if (!f.raise(u.flags, u.c1)) return;
    f.writeResult(p0);
    f.top = (f.top - 1) & 7;
    int cls = Float80.classify(u.sig, u.se);
    if (cls == Float80.QNAN) f.writeResult(f.top);
    else f.write(f.top, Float80.J, Float80.BIAS);
  }

  static void f2xm1(Cpu c, Insn i) {
    X87 f = begin(c, i);
    int p0 = f.phys(0);
    if (f.isEmpty(p0)) {
      X87Ops.underflow(f, p0);
      return;
    }
    Float80 u = f.unit;
    Float80Trans.exp2m1(u, f.sig[p0], f.se[p0]);
    if (f.raise(u.flags, u.c1)) f.writeResult(p0);
  }

  /** FPATAN (sub 0), FYL2X (1), FYL2XP1 (2): ST(1) = f(ST(0), ST(1)), then pop. */
  static void binary(Cpu c, Insn i) {
    X87 f = begin(c, i);
    int p0 = f.phys(0), p1 = f.phys(1);
    if (!X87Ops.bothFull(f, p0, p1)) {
      if (X87Ops.underflow(f, p1)) f.pop();
      return;
    }
    Float80 u = f.unit;
    if (i.sub == 0) Float80Trans.atan2(u, f.sig[p0], f.se[p0], f.sig[p1], f.se[p1]);
    else Float80Trans.ylog2x(u, f.sig[p0], f.se[p0], f.sig[p1], f.se[p1], i.sub == 2);
    if (!f.raise(u.flags, u.c1)) return;
    f.writeResult(p1);
    f.pop();
  }
}
