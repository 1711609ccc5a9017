package blink.x86.ops;

import static blink.x86.OpcodeTable.*;
import static blink.x86.ops.X87Ops.begin;

import blink.machine.GuestFault;
import blink.memory.Mmu;
import blink.x86.Cpu;
import blink.x86.Insn;
import blink.x86.OpcodeTable;
import blink.x86.X87;

/**
 * x87 control instructions (SDM Vol. 1 §8.3.10-13): control and status words,
 * FNINIT, FNCLEX, FINCSTP, FDECSTP, FNOP, FWAIT, and the state images of FNSTENV /
 * FLDENV, FNSAVE / FRSTOR (64-bit mode uses the 32-bit protected-mode layout; with
 * a 66 prefix the 16-bit one) and FXSAVE / FXRSTOR.
 *
 * <pre>
 * FNSTENV, 28 bytes (upper halves of the first three and the last dword read 0xFFFF):
 *   0 FCW   4 FSW   8 FTW   12 FIP[31:0]   16 FCS | FOP[10:0] << 16   20 FDP[31:0]   24 FDS
 * FNSAVE, 108 bytes: the environment, then ST(0) … ST(7), 10 bytes each.
 * FXSAVE, 512 bytes, 16-byte aligned:
 *   0 FCW  2 FSW  4 abridged FTW  6 FOP  8 FIP (64 bits with REX.W, else FIP32, FCS)
 *   16 FDP (likewise)  24 MXCSR  28 MXCSR_MASK  32 + 16i ST(i)  160 + 16i XMM i
 *   (bytes 416-511 are left untouched)
 * </pre>
 *
 * The FN- forms (and FXSAVE, FXRSTOR) do not wait: they never deliver a pending
 * #MF; FLDCW, FLDENV and FRSTOR do.
 */
public final class X87Control {
  private X87Control() {}

  static void register(OpcodeTable t) {
    Entry d9 = t.op(ONE_BYTE, 0xD9), db = t.op(ONE_BYTE, 0xDB), dd = t.op(ONE_BYTE, 0xDD), df = t.op(ONE_BYTE, 0xDF);
    d9.reg(4).def(MODRM, X87Control::fldenv);
    d9.reg(5).def(MODRM, X87Control::fldcw);
    d9.reg(6).def(MODRM, X87Control::fnstenv);
    d9.reg(7).def(MODRM, X87Control::fnstcw);
    dd.reg(4).def(MODRM, X87Control::frstor);
    dd.reg(6).def(MODRM, X87Control::fnsave);
    dd.reg(7).def(MODRM, X87Control::fnstswM16);
    df.mod3().reg(4).rm(0).def(MODRM, X87Control::fnstswAx);
    Entry d9r = d9.mod3(), dbr = db.mod3();
    d9r.reg(2).rm(0).def(MODRM, X87Control::fnop);
    d9r.reg(6).rm(6).def(MODRM, X87Control::fdecstp);
    d9r.reg(6).rm(7).def(MODRM, X87Control::fincstp);
    dbr.reg(4).rm(2).def(MODRM, X87Control::fnclex);
    dbr.reg(4).rm(3).def(MODRM, X87Control::fninit);
    // FENI, FDISI (8087) and FSETPM (287) execute as no-ops since the 387.
    dbr.reg(4).rm(0).def(MODRM, X87Control::nop);
    dbr.reg(4).rm(1).def(MODRM, X87Control::nop);
    dbr.reg(4).rm(4).def(MODRM, X87Control::nop);
    t.op(ONE_BYTE, 0x9B).def(0, X87Control::fwait);
    t.op(MAP_0F, 0xAE).reg(0).def(MODRM, X87Control::fxsaveInsn);
    t.op(MAP_0F, 0xAE).reg(1).def(MODRM, X87Control::fxrstorInsn);
  }

  // ---------------------------------------------------------------- words

  static void fnstcw(Cpu c, Insn i) {
    c.mmu.write16(c.ea(i), c.fpu.control);
  }

  /** FLDCW waits (a pending #MF comes first); unmasking a raised flag makes the next one fault. */
  static void fldcw(Cpu c, Insn i) {
    X87 f = c.fpu;
    f.checkPending();
    f.setControl(c.mmu.read16(c.ea(i)));
  }

  static void fnstswM16(Cpu c, Insn i) {
    c.mmu.write16(c.ea(i), c.fpu.statusWord());
  }

  static void fnstswAx(Cpu c, Insn i) {
    c.setReg(Cpu.RAX, 2, c.fpu.statusWord());
  }

  static void fninit(Cpu c, Insn i) {
    c.fpu.reset();
  }

  /** FNCLEX: clears the exception flags, SF, ES and B; the condition codes stay. */
  static void fnclex(Cpu c, Insn i) {
    c.fpu.status &= ~(0x3f | X87.SF | X87.ES | X87.B);
  }

  static void fwait(Cpu c, Insn i) {
    c.fpu.checkPending();
  }

  /** FNENI, FNDISI, FNSETPM: no-ops that do not wait (measured). */
  static void nop(Cpu c, Insn i) {}

  static void fnop(Cpu c, Insn i) {
    begin(c, i);
  }

  /** FDECSTP, FINCSTP: rotate TOP without touching tags; C1 cleared. */
  static void fdecstp(Cpu c, Insn i) {
    X87 f = begin(c, i);
    f.top = (f.top - 1) & 7;
    f.status &= ~X87.C1;
  }

  static void fincstp(Cpu c, Insn i) {
    X87 f = begin(c, i);
    f.top = (f.top + 1) & 7;
    f.status &= ~X87.C1;
  }

  // ---------------------------------------------------------------- FNSTENV / FLDENV / FNSAVE / FRSTOR

  /**
   * The last non-control instruction's opcode (FOP): the low three bits of its escape
   * byte and its ModRM byte, read back from its address (prefixes skipped), or the
   * value an environment or FXSAVE image loaded since.
   */
  static int fop(Mmu mmu, X87 f) {
    if (f.loadedFop >= 0) return f.loadedFop;
    long fip = f.fip;
    if (fip == 0) return 0;
    try {
      for (int k = 0; k < 15; k++) {
        int b = mmu.read8(fip + k);
        if (b >= 0xD8 && b <= 0xDF) return (b & 7) << 8 | mmu.read8(fip + k + 1);
        boolean prefix = (b & 0xF0) == 0x40 || b == 0x66 || b == 0x67 || b == 0xF0 || b == 0xF2 || b == 0xF3
            || b == 0x2E || b == 0x36 || b == 0x3E || b == 0x26 || b == 0x64 || b == 0x65;
        if (!prefix) return 0;
      }
    } catch (GuestFault unmapped) {
      // The code is gone (unmapped since): nothing to report.
    }
    return 0;
  }

  /** Stores the environment at a in the 32-bit (28 bytes) or, with size 2, 16-bit (14 bytes) layout. */
  static void storeEnv(Cpu c, long a, int size) {
    X87 f = c.fpu;
    Mmu m = c.mmu;
    int fcs = f.fip != 0 ? X87.USER_CS : 0, fds = f.fdpSet ? X87.USER_DS : 0;
    if (size == 2) {
      m.checkWritable(a, 14);
      m.write16(a, f.control);
      m.write16(a + 2, f.statusWord());
      m.write16(a + 4, f.tagWord());
      m.write16(a + 6, (int) f.fip);
      m.write16(a + 8, fcs);
      m.write16(a + 10, (int) f.fdp);
      m.write16(a + 12, fds);
      return;
    }
    m.checkWritable(a, 28);
    m.write32(a, 0xffff0000 | f.control);
    m.write32(a + 4, 0xffff0000 | f.statusWord());
    m.write32(a + 8, 0xffff0000 | f.tagWord());
    m.write32(a + 12, (int) f.fip);
    m.write32(a + 16, fop(m, f) << 16 | fcs);
    m.write32(a + 20, (int) f.fdp);
    m.write32(a + 24, 0xffff0000 | fds);
  }

  /** Loads an environment stored by {@link #storeEnv}; returns its length. */
  static int loadEnv(Cpu c, long a, int size) {
    X87 f = c.fpu;
    Mmu m = c.mmu;
    int cw, sw, tw;
    long fip, fdp;
    if (size == 2) {
      cw = m.read16(a);
      sw = m.read16(a + 2);
      tw = m.read16(a + 4);
      fip = m.read16(a + 6);
      fdp = m.read16(a + 10);
    } else {
      cw = m.read16(a);
      sw = m.read16(a + 4);
      tw = m.read16(a + 8);
      fip = m.read32(a + 12) & 0xffffffffL;
      fdp = m.read32(a + 20) & 0xffffffffL;
    }
    f.control = (cw & X87.CW_BITS) | X87.CW_ONE;
    f.setTagWord(tw);
    f.setStatusWord(sw);
    f.setControl(cw);
    f.fip = fip;
    f.fdp = fdp;
    f.fdpSet = fdp != 0;
    f.loadedFop = size == 2 ? 0 : m.read32(a + 16) >>> 16 & 0x7ff;
    return size == 2 ? 14 : 28;
  }

  /** FNSTENV: stores the environment, then masks every exception. */
  static void fnstenv(Cpu c, Insn i) {
    storeEnv(c, c.ea(i), i.size);
    X87 f = c.fpu;
    f.setControl(f.control | 0x3f);
  }

  /** FLDENV and FRSTOR wait: a pending #MF comes first (measured). */
  static void fldenv(Cpu c, Insn i) {
    c.fpu.checkPending();
    long a = c.ea(i);
    c.mmu.checkReadable(a, i.size == 2 ? 14 : 28);
    loadEnv(c, a, i.size);
  }

  /** FNSAVE: the environment and the eight registers in stack order, then FNINIT. */
  static void fnsave(Cpu c, Insn i) {
    long a = c.ea(i);
    int envLength = i.size == 2 ? 14 : 28;
    c.mmu.checkWritable(a, envLength + 80);
    storeEnv(c, a, i.size);
    X87 f = c.fpu;
    for (int k = 0; k < 8; k++) {
      int p = f.phys(k);
      c.mmu.write64(a + envLength + 10 * k, f.sig[p]);
      c.mmu.write16(a + envLength + 10 * k + 8, f.se[p]);
    }
    f.reset();
  }

  static void frstor(Cpu c, Insn i) {
    c.fpu.checkPending();
    long a = c.ea(i);
    int envLength = i.size == 2 ? 14 : 28;
    c.mmu.checkReadable(a, envLength + 80);
    loadEnv(c, a, i.size);
    X87 f = c.fpu;
    for (int k = 0; k < 8; k++) {
      int p = f.phys(k);
      f.sig[p] = c.mmu.read64(a + envLength + 10 * k);
      f.se[p] = c.mmu.read16(a + envLength + 10 * k + 8);
    }
  }

  // ---------------------------------------------------------------- FXSAVE / FXRSTOR

  static void fxsaveInsn(Cpu c, Insn i) {
    if (!i.memory) throw X87Ops.undefined(i);
    fxsave(c, c.ea(i), i.size == 8);
  }

  static void fxrstorInsn(Cpu c, Insn i) {
    if (!i.memory) throw X87Ops.undefined(i);
    fxrstor(c, c.ea(i), i.size == 8);
  }

  private static void checkAligned(long a) {
    if ((a & 15) != 0) {
      throw GuestFault.of(GuestFault.Kind.GENERAL_PROTECTION, "FXSAVE/FXRSTOR area not 16-byte aligned: 0x" + Long.toHexString(a));
    }
  }

  /**
   * Writes the 512-byte FXSAVE image of the x87, MXCSR and XMM state at a (the
   * layout of the Linux signal frame's fpstate, too). rexW selects 64-bit FIP/FDP.
   */
  public static void fxsave(Cpu c, long a, boolean rexW) {
    checkAligned(a);
    Mmu m = c.mmu;
    m.checkWritable(a, 416);
    X87 f = c.fpu;
    m.write16(a, f.control);
    m.write16(a + 2, f.statusWord());
    m.write8(a + 4, f.abridgedTag());
    m.write8(a + 5, 0);
    if ((f.status & X87.ES) == 0) {
      // As AMD processors do (measured): the last-instruction pointers only while an
      // exception is pending, zeros otherwise (Intel's store them always).
      m.write16(a + 6, 0);
      m.write64(a + 8, 0);
      m.write64(a + 16, 0);
    } else if (rexW) {
      m.write16(a + 6, fop(m, f));
      m.write64(a + 8, f.fip);
      m.write64(a + 16, f.fdp);
    } else {
      m.write16(a + 6, fop(m, f));
      m.write64(a + 8, (f.fip & 0xffffffffL) | (long) (f.fip != 0 ? X87.USER_CS : 0) << 32);
      m.write64(a + 16, (f.fdp & 0xffffffffL) | (long) (f.fdpSet ? X87.USER_DS : 0) << 32);
    }
    m.write32(a + 24, c.mxcsr);
    m.write32(a + 28, SseMxcsr.WRITABLE);
    for (int k = 0; k < 8; k++) {
      int p = f.phys(k);
      long slot = a + 32 + 16 * k;
      m.write64(slot, f.sig[p]);
      m.write64(slot + 8, f.se[p] & 0xffff);
    }
    for (int k = 0; k < 32; k++) m.write64(a + 160 + 8 * k, c.xmm[k]);
  }

  /** Loads an FXSAVE image; #GP if it sets MXCSR bits beyond MXCSR_MASK. */
  public static void fxrstor(Cpu c, long a, boolean rexW) {
    checkAligned(a);
    Mmu m = c.mmu;
    m.checkReadable(a, 416);
    int mxcsr = m.read32(a + 24);
    if ((mxcsr & ~SseMxcsr.WRITABLE) != 0) {
      throw GuestFault.of(GuestFault.Kind.GENERAL_PROTECTION, "FXRSTOR reserved MXCSR bits 0x" + Integer.toHexString(mxcsr));
    }
    X87 f = c.fpu;
    int cw = m.read16(a);
    int sw = m.read16(a + 2);
    f.empty = ~m.read8(a + 4) & 0xff;
    f.control = (cw & X87.CW_BITS) | X87.CW_ONE;
    f.setStatusWord(sw);
    f.setControl(cw);
    // 64-bit FIP and FDP keep 57 bits, sign-extended (measured: the width of a 5-level-paging address).
    f.fip = rexW ? m.read64(a + 8) << 7 >> 7 : m.read32(a + 8) & 0xffffffffL;
    f.fdp = rexW ? m.read64(a + 16) << 7 >> 7 : m.read32(a + 16) & 0xffffffffL;
    f.fdpSet = f.fdp != 0;
    f.loadedFop = m.read16(a + 6) & 0x7ff;
    c.mxcsr = mxcsr;
    for (int k = 0; k < 8; k++) {
      int p = f.phys(k);
      long slot = a + 32 + 16 * k;
      f.sig[p] = m.read64(slot);
      f.se[p] = m.read16(slot + 8);
    }
    for (int k = 0; k < 32; k++) c.xmm[k] = m.read64(a + 160 + 8 * k);
  }
}
