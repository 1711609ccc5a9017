package blink.x86.ops;

import static blink.x86.OpcodeTable.I_UB;
import static blink.x86.OpcodeTable.MAP_0F;
import static blink.x86.OpcodeTable.MODRM;
import static blink.x86.OpcodeTable.P_66;
import static blink.x86.OpcodeTable.P_F2;
import static blink.x86.OpcodeTable.P_F3;
import static blink.x86.OpcodeTable.P_NONE;

import blink.x86.Cpu;
import blink.x86.Insn;
import blink.x86.OpcodeTable;

/**
 * MMX data movement, EMMS, the moves between MM and XMM registers, and the
 * conversions with an MM operand (CVTPI2PS, CVTPS2PI, …; SDM Vol. 2). Naming as
 * in {@link SseMove}: {@code xxxLoad} writes ModRM.reg, {@code xxxStore} writes r/m.
 */
public final class MmxMove {
  private MmxMove() {}

  static void register(OpcodeTable t) {
    t.op(MAP_0F, 0x6E).pfx(P_NONE).def(MODRM, MmxMove::movdLoad);
    t.op(MAP_0F, 0x7E).pfx(P_NONE).def(MODRM, MmxMove::movdStore);
    t.op(MAP_0F, 0x6F).pfx(P_NONE).def(MODRM, MmxMove::movqLoad);
    t.op(MAP_0F, 0x7F).pfx(P_NONE).def(MODRM, MmxMove::movqStore);
    t.op(MAP_0F, 0xE7).pfx(P_NONE).def(MODRM, MmxMove::movqStore).mod3(); // MOVNTQ (memory only)
    t.op(MAP_0F, 0x77).pfx(P_NONE).def(0, MmxMove::emms);
    t.op(MAP_0F, 0xD7).pfx(P_NONE).mod3().def(MODRM, MmxMove::pmovmskb);
    t.op(MAP_0F, 0xF7).pfx(P_NONE).mod3().def(MODRM, MmxMove::maskmovq);
    t.op(MAP_0F, 0xC5).pfx(P_NONE).mod3().def(MODRM | I_UB, MmxMove::pextrw);
    t.op(MAP_0F, 0xC4).pfx(P_NONE).def(MODRM | I_UB, MmxMove::pinsrw);
    t.op(MAP_0F, 0xD6).pfx(P_F3).mod3().def(MODRM, MmxMove::movq2dq);
    t.op(MAP_0F, 0xD6).pfx(P_F2).mod3().def(MODRM, MmxMove::movdq2q);
    t.op(MAP_0F, 0x2A).pfx(P_NONE).def(MODRM, MmxMove::cvtpi2ps);
    t.op(MAP_0F, 0x2A).pfx(P_66).def(MODRM, MmxMove::cvtpi2pd);
    t.op(MAP_0F, 0x2D).pfx(P_NONE).def(MODRM, MmxMove::cvtps2pi);
    t.op(MAP_0F, 0x2C).pfx(P_NONE).def(MODRM, MmxMove::cvttps2pi);
    t.op(MAP_0F, 0x2D).pfx(P_66).def(MODRM, MmxMove::cvtpd2pi);
    t.op(MAP_0F, 0x2C).pfx(P_66).def(MODRM, MmxMove::cvttpd2pi);
  }

  // ---------------------------------------------------------------- moves

  /** MOVD mm, r/m32 and (REX.W) MOVQ mm, r/m64: zero-extended. */
  public static void movdLoad(Cpu c, Insn i) {
    c.fpu.checkPending(); // before the load: a pending #MF comes before a page fault
    long v = c.readRm(i, i.size == 8 ? 8 : 4);
    MmxOperands.enter(c);
    MmxOperands.set(c, i.reg, v);
  }

  /** MOVD r/m32, mm and (REX.W) MOVQ r/m64, mm. */
  public static void movdStore(Cpu c, Insn i) {
    c.fpu.checkPending(); // before the store, so a pending #MF writes nothing
    long v = MmxOperands.get(c, i.reg);
    c.writeRm(i, i.size == 8 ? 8 : 4, v);
    MmxOperands.enter(c);
  }

  /** MOVQ mm, mm/m64. */
  public static void movqLoad(Cpu c, Insn i) {
    long v = MmxOperands.q(c, i);
    MmxOperands.enter(c);
    MmxOperands.set(c, i.reg, v);
  }

  /** MOVQ mm/m64, mm and MOVNTQ m64, mm. */
  public static void movqStore(Cpu c, Insn i) {
    c.fpu.checkPending();
    long v = MmxOperands.get(c, i.reg);
    if (i.memory) c.mmu.write64(c.ea(i), v);
    MmxOperands.enter(c);
    if (!i.memory) MmxOperands.set(c, i.rm, v);
  }

  /**
   * EMMS: marks every x87 register empty (tag word 0xFFFF) and, as measured on the
   * host (AMD EPYC; the SDM names only the tag word), sets TOP to 0; the contents stay.
   */
  public static void emms(Cpu c, Insn i) {
    c.fpu.checkPending();
    c.fpu.empty = 0xff;
    c.fpu.top = 0;
  }

  /** PMOVMSKB r, mm: the sign bits of the eight bytes, zero-extended. */
  public static void pmovmskb(Cpu c, Insn i) {
    MmxOperands.enter(c);
    c.regs[i.reg] = SseMove.byteSigns(MmxOperands.get(c, i.rm));
  }

  /** PEXTRW r32/r64, mm, imm8: the word selected by imm8[1:0], zero-extended. */
  public static void pextrw(Cpu c, Insn i) {
    MmxOperands.enter(c);
    c.regs[i.reg] = MmxOperands.get(c, i.rm) >>> (((int) i.imm & 3) << 4) & 0xffff;
  }

  /** PINSRW mm, r32/m16, imm8: replaces the word selected by imm8[1:0]. */
  public static void pinsrw(Cpu c, Insn i) {
    c.fpu.checkPending();
    long v = i.memory ? c.mmu.read16(c.ea(i)) & 0xffffL : c.regs[i.rm] & 0xffff;
    int s = ((int) i.imm & 3) << 4;
    MmxOperands.enter(c);
    MmxOperands.set(c, i.reg, MmxOperands.get(c, i.reg) & ~(0xffffL << s) | v << s);
  }

  /** MASKMOVQ mm1, mm2: the bytes of mm1 whose mask byte in mm2 has its sign set go to [RDI]. */
  public static void maskmovq(Cpu c, Insn i) {
    c.fpu.checkPending();
    int mask = SseMove.byteSigns(MmxOperands.get(c, i.rm));
    long v = MmxOperands.get(c, i.reg);
    if (mask != 0) {
      long a = SseMove.rdi(c, i);
      c.mmu.checkWritable(a, 8);
      for (int k = 0; k < 8; k++) if ((mask >>> k & 1) != 0) c.mmu.write8(a + k, (int) (v >>> (k << 3)));
    }
    MmxOperands.enter(c);
  }

  /** MOVQ2DQ xmm, mm: the quadword, bits 127..64 zeroed. */
  public static void movq2dq(Cpu c, Insn i) {
    MmxOperands.enter(c);
    XmmOperands.set(c, i.reg, MmxOperands.get(c, i.rm), 0);
  }

  /** MOVDQ2Q mm, xmm: the low quadword. */
  public static void movdq2q(Cpu c, Insn i) {
    long v = c.xmm[i.rm << 1];
    MmxOperands.enter(c);
    MmxOperands.set(c, i.reg, v);
  }

  // ---------------------------------------------------------------- conversions

  /**
   * CVTPI2PS xmm, mm/m64: two doublewords to binary32 under MXCSR.RC in the low
   * quadword; bits 127..64 unchanged. A memory source makes no MMX transition.
   */
  public static void cvtpi2ps(Cpu c, Insn i) {
    long v = MmxOperands.q(c, i);
    int saved = SseMxcsr.begin(c);
    long r = SseConvert.fromIntToSingle(c, (int) v) & 0xffffffffL
        | (long) SseConvert.fromIntToSingle(c, (int) (v >>> 32)) << 32;
    SseMxcsr.end(c, saved);
    if (!i.memory) MmxOperands.enter(c);
    c.xmm[i.reg << 1] = r;
  }

  /** CVTPI2PD xmm, mm/m64: two doublewords to binary64 (exact). */
  public static void cvtpi2pd(Cpu c, Insn i) {
    long v = MmxOperands.q(c, i);
    if (!i.memory) MmxOperands.enter(c);
    XmmOperands.set(c, i.reg, Double.doubleToRawLongBits((int) v), Double.doubleToRawLongBits((int) (v >>> 32)));
  }

  private static void ps2pi(Cpu c, Insn i, int rc) {
    long v = XmmOperands.q(c, i);
    int saved = SseMxcsr.begin(c);
    long r = SseConvert.dwords(c, v, rc);
    SseMxcsr.end(c, saved);
    MmxOperands.enter(c);
    MmxOperands.set(c, i.reg, r);
  }

  /** CVTPS2PI mm, xmm/m64: the two low singles to doublewords under MXCSR.RC. */
  public static void cvtps2pi(Cpu c, Insn i) { ps2pi(c, i, SseMxcsr.rc(c)); }
  public static void cvttps2pi(Cpu c, Insn i) { ps2pi(c, i, SseConvert.TRUNCATE); }

  private static void pd2pi(Cpu c, Insn i, int rc) {
    long lo = XmmOperands.lo(c, i), hi = XmmOperands.hi(c, i);
    int saved = SseMxcsr.begin(c);
    long r = SseConvert.toInt(c, Double.longBitsToDouble(lo), rc, false)
        | SseConvert.toInt(c, Double.longBitsToDouble(hi), rc, false) << 32;
    SseMxcsr.end(c, saved);
    MmxOperands.enter(c);
    MmxOperands.set(c, i.reg, r);
  }

  /** CVTPD2PI mm, xmm/m128 (aligned): two doubles to doublewords under MXCSR.RC. */
  public static void cvtpd2pi(Cpu c, Insn i) { pd2pi(c, i, SseMxcsr.rc(c)); }
  public static void cvttpd2pi(Cpu c, Insn i) { pd2pi(c, i, SseConvert.TRUNCATE); }
}
