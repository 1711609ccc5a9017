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
 * SSE/SSE2/SSE3 data movement (SDM Vol. 2): whole-register moves, scalar moves,
 * half-register moves, MOVD/MOVQ between XMM and general registers, non-temporal
 * stores, sign-mask extraction, byte-masked stores, prefetch hints.
 *
 * <p>Naming: {@code xxxLoad} writes the ModRM.reg register from r/m,
 * {@code xxxStore} writes r/m from the ModRM.reg register.
 */
public final class SseMove {
  private SseMove() {}

  static void register(OpcodeTable t) {
    // 0F 10/11: MOVUPS MOVUPD MOVSS MOVSD
    t.op(MAP_0F, 0x10).pfx(P_NONE).def(MODRM, SseMove::movupsLoad);
    t.op(MAP_0F, 0x10).pfx(P_66).def(MODRM, SseMove::movupsLoad);
    t.op(MAP_0F, 0x10).pfx(P_F3).def(MODRM, SseMove::movssLoad);
    t.op(MAP_0F, 0x10).pfx(P_F2).def(MODRM, SseMove::movsdLoad);
    t.op(MAP_0F, 0x11).pfx(P_NONE).def(MODRM, SseMove::movupsStore);
    t.op(MAP_0F, 0x11).pfx(P_66).def(MODRM, SseMove::movupsStore);
    t.op(MAP_0F, 0x11).pfx(P_F3).def(MODRM, SseMove::movssStore);
    t.op(MAP_0F, 0x11).pfx(P_F2).def(MODRM, SseMove::movsdStore);
    // 0F 12/13: MOVLPS MOVHLPS MOVLPD; SSE3 MOVSLDUP MOVDDUP
    OpcodeTable.Entry e = t.op(MAP_0F, 0x12).pfx(P_NONE).def(MODRM, SseMove::movlpLoad);
    e.mod3().def(MODRM, SseMove::movhlps);
    t.op(MAP_0F, 0x12).pfx(P_66).def(MODRM, SseMove::movlpLoad).mod3();
    t.op(MAP_0F, 0x12).pfx(P_F3).def(MODRM, SseMove::movsldup);
    t.op(MAP_0F, 0x12).pfx(P_F2).def(MODRM, SseMove::movddup);
    t.op(MAP_0F, 0x13).pfx(P_NONE).def(MODRM, SseMove::movlpStore).mod3();
    t.op(MAP_0F, 0x13).pfx(P_66).def(MODRM, SseMove::movlpStore).mod3();
    // 0F 16/17: MOVHPS MOVLHPS MOVHPD; SSE3 MOVSHDUP
    e = t.op(MAP_0F, 0x16).pfx(P_NONE).def(MODRM, SseMove::movhpLoad);
    e.mod3().def(MODRM, SseMove::movlhps);
    t.op(MAP_0F, 0x16).pfx(P_66).def(MODRM, SseMove::movhpLoad).mod3();
    t.op(MAP_0F, 0x16).pfx(P_F3).def(MODRM, SseMove::movshdup);
    t.op(MAP_0F, 0x17).pfx(P_NONE).def(MODRM, SseMove::movhpStore).mod3();
    t.op(MAP_0F, 0x17).pfx(P_66).def(MODRM, SseMove::movhpStore).mod3();
    // 0F 18 /0-/3: PREFETCHNTA/T0/T1/T2; /4-/7 are reserved hint NOPs.
    for (int r = 0; r < 8; r++) t.op(MAP_0F, 0x18).reg(r).def(MODRM, SseMove::hint);
    // 0F 28/29: MOVAPS MOVAPD; 0F 2B: MOVNTPS MOVNTPD
    t.op(MAP_0F, 0x28).pfx(P_NONE).def(MODRM, SseMove::movapsLoad);
    t.op(MAP_0F, 0x28).pfx(P_66).def(MODRM, SseMove::movapsLoad);
    t.op(MAP_0F, 0x29).pfx(P_NONE).def(MODRM, SseMove::movapsStore);
    t.op(MAP_0F, 0x29).pfx(P_66).def(MODRM, SseMove::movapsStore);
    t.op(MAP_0F, 0x2B).pfx(P_NONE).def(MODRM, SseMove::movapsStore).mod3();
    t.op(MAP_0F, 0x2B).pfx(P_66).def(MODRM, SseMove::movapsStore).mod3();
    // 0F 50: MOVMSKPS MOVMSKPD (register forms only)
    t.op(MAP_0F, 0x50).pfx(P_NONE).mod3().def(MODRM, SseMove::movmskps);
    t.op(MAP_0F, 0x50).pfx(P_66).mod3().def(MODRM, SseMove::movmskpd);
    // 66 0F 6E / 7E: MOVD/MOVQ; F3 0F 7E, 66 0F D6: MOVQ
    t.op(MAP_0F, 0x6E).pfx(P_66).def(MODRM, SseMove::movdLoad);
    t.op(MAP_0F, 0x7E).pfx(P_66).def(MODRM, SseMove::movdStore);
    t.op(MAP_0F, 0x7E).pfx(P_F3).def(MODRM, SseMove::movqLoad);
    t.op(MAP_0F, 0xD6).pfx(P_66).def(MODRM, SseMove::movqStore);
    // 66/F3 0F 6F/7F: MOVDQA MOVDQU; 66 0F E7: MOVNTDQ; F2 0F F0: LDDQU
    t.op(MAP_0F, 0x6F).pfx(P_66).def(MODRM, SseMove::movapsLoad);
    t.op(MAP_0F, 0x6F).pfx(P_F3).def(MODRM, SseMove::movupsLoad);
    t.op(MAP_0F, 0x7F).pfx(P_66).def(MODRM, SseMove::movapsStore);
    t.op(MAP_0F, 0x7F).pfx(P_F3).def(MODRM, SseMove::movupsStore);
    t.op(MAP_0F, 0xE7).pfx(P_66).def(MODRM, SseMove::movapsStore).mod3();
    t.op(MAP_0F, 0xF0).pfx(P_F2).def(MODRM, SseMove::movupsLoad).mod3();
    // 0F C3: MOVNTI m32/m64, r
    t.op(MAP_0F, 0xC3).pfx(P_NONE).def(MODRM, SseMove::movnti).mod3();
    // 66 0F D7: PMOVMSKB; 66 0F F7: MASKMOVDQU (register forms only)
    t.op(MAP_0F, 0xD7).pfx(P_66).mod3().def(MODRM, SseMove::pmovmskb);
    t.op(MAP_0F, 0xF7).pfx(P_66).mod3().def(MODRM, SseMove::maskmovdqu);
    // 66 0F C5: PEXTRW r, xmm, imm8 (register form); 66 0F C4: PINSRW xmm, r32/m16, imm8
    t.op(MAP_0F, 0xC5).pfx(P_66).mod3().def(MODRM | I_UB, SseMove::pextrw);
    t.op(MAP_0F, 0xC4).pfx(P_66).def(MODRM | I_UB, SseMove::pinsrw);
  }

  // ---------------------------------------------------------------- whole register

  /** MOVUPS/MOVUPD/MOVDQU/LDDQU xmm, xmm/m128 (no alignment requirement). */
  public static void movupsLoad(Cpu c, Insn i) {
    long lo = XmmOperands.loU(c, i), hi = XmmOperands.hi(c, i);
    XmmOperands.set(c, i.reg, lo, hi);
  }

  /** MOVAPS/MOVAPD/MOVDQA xmm, xmm/m128 (m128 must be aligned). */
  public static void movapsLoad(Cpu c, Insn i) {
    long lo = XmmOperands.lo(c, i), hi = XmmOperands.hi(c, i);
    XmmOperands.set(c, i.reg, lo, hi);
  }

  /** MOVUPS/MOVUPD/MOVDQU xmm/m128, xmm. */
  public static void movupsStore(Cpu c, Insn i) {
    long[] x = c.xmm;
    long lo = x[i.reg << 1], hi = x[i.reg << 1 | 1];
    if (i.memory) XmmOperands.store128(c, c.ea(i), lo, hi);
    else XmmOperands.set(c, i.rm, lo, hi);
  }

  /** MOVAPS/MOVAPD/MOVDQA/MOVNTPS/MOVNTPD/MOVNTDQ xmm/m128, xmm (m128 must be aligned). */
  public static void movapsStore(Cpu c, Insn i) {
    long[] x = c.xmm;
    long lo = x[i.reg << 1], hi = x[i.reg << 1 | 1];
    if (i.memory) XmmOperands.store128(c, XmmOperands.aligned(c, i), lo, hi);
    else XmmOperands.set(c, i.rm, lo, hi);
  }

  // ---------------------------------------------------------------- scalar

  /** MOVSS xmm, xmm merges the low doubleword; MOVSS xmm, m32 zeroes bits 127..32. */
  public static void movssLoad(Cpu c, Insn i) {
    long[] x = c.xmm;
    int d = i.reg << 1;
    if (i.memory) {
      x[d] = c.mmu.read32(c.ea(i)) & 0xffffffffL;
      x[d + 1] = 0;
    } else {
      x[d] = (x[d] & 0xffffffff00000000L) | (x[i.rm << 1] & 0xffffffffL);
    }
  }

  public static void movssStore(Cpu c, Insn i) {
    long[] x = c.xmm;
    long v = x[i.reg << 1];
    if (i.memory) c.mmu.write32(c.ea(i), (int) v);
    else x[i.rm << 1] = (x[i.rm << 1] & 0xffffffff00000000L) | (v & 0xffffffffL);
  }

  /** MOVSD xmm, xmm merges the low quadword; MOVSD xmm, m64 zeroes bits 127..64. */
  public static void movsdLoad(Cpu c, Insn i) {
    long[] x = c.xmm;
    int d = i.reg << 1;
    if (i.memory) {
      x[d] = c.mmu.read64(c.ea(i));
      x[d + 1] = 0;
    } else {
      x[d] = x[i.rm << 1];
    }
  }

  public static void movsdStore(Cpu c, Insn i) {
    long[] x = c.xmm;
    long v = x[i.reg << 1];
    if (i.memory) c.mmu.write64(c.ea(i), v);
    else x[i.rm << 1] = v;
  }

  // ---------------------------------------------------------------- halves

  /** MOVLPS/MOVLPD xmm, m64: the low quadword from memory, the high one kept. */
  public static void movlpLoad(Cpu c, Insn i) {
    c.xmm[i.reg << 1] = c.mmu.read64(c.ea(i));
  }

  /** MOVHPS/MOVHPD xmm, m64: the high quadword from memory, the low one kept. */
  public static void movhpLoad(Cpu c, Insn i) {
    c.xmm[i.reg << 1 | 1] = c.mmu.read64(c.ea(i));
  }

  public static void movlpStore(Cpu c, Insn i) {
    c.mmu.write64(c.ea(i), c.xmm[i.reg << 1]);
  }

  public static void movhpStore(Cpu c, Insn i) {
    c.mmu.write64(c.ea(i), c.xmm[i.reg << 1 | 1]);
  }

  /** MOVHLPS xmm1, xmm2: xmm1[63..0] = xmm2[127..64]. */
  public static void movhlps(Cpu c, Insn i) {
    c.xmm[i.reg << 1] = c.xmm[i.rm << 1 | 1];
  }

  /** MOVLHPS xmm1, xmm2: xmm1[127..64] = xmm2[63..0]. */
  public static void movlhps(Cpu c, Insn i) {
    c.xmm[i.reg << 1 | 1] = c.xmm[i.rm << 1];
  }

  /** MOVDDUP xmm, xmm/m64 (SSE3): both quadwords = the source's low quadword. */
  public static void movddup(Cpu c, Insn i) {
    long v = XmmOperands.q(c, i);
    XmmOperands.set(c, i.reg, v, v);
  }

  /** MOVSLDUP (SSE3): doublewords 0,0,2,2 of the source. */
  public static void movsldup(Cpu c, Insn i) {
    long lo = XmmOperands.lo(c, i), hi = XmmOperands.hi(c, i);
    XmmOperands.set(c, i.reg, lo & 0xffffffffL | lo << 32, hi & 0xffffffffL | hi << 32);
  }

  /** MOVSHDUP (SSE3): doublewords 1,1,3,3 of the source. */
  public static void movshdup(Cpu c, Insn i) {
    long lo = XmmOperands.lo(c, i), hi = XmmOperands.hi(c, i);
    XmmOperands.set(c, i.reg, lo >>> 32 | lo & 0xffffffff00000000L, hi >>> 32 | hi & 0xffffffff00000000L);
  }

  // ---------------------------------------------------------------- general registers

  /** MOVD xmm, r/m32 and (REX.W) MOVQ xmm, r/m64: zero-extended to 128 bits. */
  public static void movdLoad(Cpu c, Insn i) {
    int size = i.size == 8 ? 8 : 4;
    long v = c.readRm(i, size);
    XmmOperands.set(c, i.reg, v, 0);
  }

  /** MOVD r/m32, xmm and (REX.W) MOVQ r/m64, xmm. */
  public static void movdStore(Cpu c, Insn i) {
    int size = i.size == 8 ? 8 : 4;
    c.writeRm(i, size, c.xmm[i.reg << 1]);
  }

  /** MOVQ xmm, xmm/m64 (F3 0F 7E): the quadword, bits 127..64 zeroed. */
  public static void movqLoad(Cpu c, Insn i) {
    long v = XmmOperands.q(c, i);
    XmmOperands.set(c, i.reg, v, 0);
  }

  /** MOVQ xmm/m64, xmm (66 0F D6): a register destination has bits 127..64 zeroed. */
  public static void movqStore(Cpu c, Insn i) {
    long v = c.xmm[i.reg << 1];
    if (i.memory) c.mmu.write64(c.ea(i), v);
    else XmmOperands.set(c, i.rm, v, 0);
  }

  /** MOVNTI m32/m64, r32/r64: a plain store here (no cache to bypass). */
  public static void movnti(Cpu c, Insn i) {
    int size = i.size == 8 ? 8 : 4;
    c.mmu.write(c.ea(i), c.getReg(i.reg, size), size);
  }

  /** PEXTRW r32/r64, xmm, imm8: the selected word, zero-extended. */
  public static void pextrw(Cpu c, Insn i) {
    int n = (int) i.imm & 7;
    long v = c.xmm[i.rm << 1 | n >> 2] >>> ((n & 3) << 4) & 0xffff;
    c.regs[i.reg] = v;
  }

  /** PINSRW xmm, r32/m16, imm8: replaces the selected word. */
  public static void pinsrw(Cpu c, Insn i) {
    long v = i.memory ? c.mmu.read16(c.ea(i)) : c.regs[i.rm] & 0xffff;
    int n = (int) i.imm & 7;
    int s = (n & 3) << 4;
    int d = i.reg << 1 | n >> 2;
    c.xmm[d] = c.xmm[d] & ~(0xffffL << s) | v << s;
  }

  // ---------------------------------------------------------------- masks

  /** The sign bit of each byte of v, as an 8-bit mask (bit k = byte k). */
  static int byteSigns(long v) {
    return (int) (((v >>> 7) & 0x0101010101010101L) * 0x0102040810204080L >>> 56);
  }

  /** PMOVMSKB r, xmm: the sign bits of the 16 bytes, zero-extended. */
  public static void pmovmskb(Cpu c, Insn i) {
    long[] x = c.xmm;
    c.regs[i.reg] = byteSigns(x[i.rm << 1]) | byteSigns(x[i.rm << 1 | 1]) << 8;
  }

  /** MOVMSKPS r, xmm: the sign bits of the four singles. */
  public static void movmskps(Cpu c, Insn i) {
    long lo = c.xmm[i.rm << 1], hi = c.xmm[i.rm << 1 | 1];
    c.regs[i.reg] = (lo >>> 31 & 1) | (lo >>> 62 & 2) | (hi >>> 29 & 4) | (hi >>> 60 & 8);
  }

  /** MOVMSKPD r, xmm: the sign bits of the two doubles. */
  public static void movmskpd(Cpu c, Insn i) {
    c.regs[i.reg] = (c.xmm[i.rm << 1] >>> 63) | (c.xmm[i.rm << 1 | 1] >>> 63) << 1;
  }

  /**
   * MASKMOVDQU xmm1, xmm2: stores the bytes of xmm1 whose mask byte in xmm2 has its
   * sign bit set to [DS:RDI] (EDI with a 67 prefix). The whole 16-byte range is
   * checked first so a fault leaves memory unchanged.
   */
  public static void maskmovdqu(Cpu c, Insn i) {
    long[] x = c.xmm;
    int mask = byteSigns(x[i.rm << 1]) | byteSigns(x[i.rm << 1 | 1]) << 8;
    if (mask == 0) return;
    long a = rdi(c, i);
    c.mmu.checkWritable(a, 16);
    long lo = x[i.reg << 1], hi = x[i.reg << 1 | 1];
    for (int k = 0; k < 16; k++) {
      if ((mask >>> k & 1) != 0) c.mmu.write8(a + k, (int) ((k < 8 ? lo : hi) >>> ((k & 7) << 3)));
    }
  }

  /** The implicit [DS:RDI] operand of MASKMOVDQU/MASKMOVQ (EDI with a 67 prefix; FS/GS overrides apply). */
  static long rdi(Cpu c, Insn i) {
    return c.linear(i, c.regs[Cpu.RDI]);
  }

  /** PREFETCHh and reserved 0F 18 hints: no architectural effect (and no fault). */
  public static void hint(Cpu c, Insn i) {}
}
