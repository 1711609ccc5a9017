package blink.x86.ops;

import static blink.x86.OpcodeTable.I_UB;
import static blink.x86.OpcodeTable.MAP_0F;
import static blink.x86.OpcodeTable.MODRM;
import static blink.x86.OpcodeTable.P_NONE;
import static blink.x86.ops.SseInt.HB;
import static blink.x86.ops.SseInt.HD;
import static blink.x86.ops.SseInt.HW;
import static blink.x86.ops.SseShift.D;
import static blink.x86.ops.SseShift.Q;
import static blink.x86.ops.SseShift.W;

import blink.x86.Cpu;
import blink.x86.Exec;
import blink.x86.Insn;
import blink.x86.OpcodeTable;

/**
 * MMX and the SSE integer additions to it, on the 64-bit MM registers: the
 * no-prefix 0F forms of the packed integer instructions whose 66 forms are SSE2
 * (Intel SDM Vol. 1 ch. 9, §10.4.4). The lane arithmetic is the SSE2 one
 * ({@link SseInt}, {@link SseShuffle}, {@link SseShift}) applied to one quadword;
 * register access and the x87 aliasing are in {@link MmxOperands}. Moves,
 * EMMS and conversions are in {@link MmxMove}.
 */
public final class Mmx {
  private Mmx() {}

  static void register(OpcodeTable t) {
    // logic
    op(t, 0xDB, (a, b) -> a & b); // PAND
    op(t, 0xDF, (a, b) -> ~a & b); // PANDN
    op(t, 0xEB, (a, b) -> a | b); // POR
    op(t, 0xEF, (a, b) -> a ^ b); // PXOR
    // wrapping and saturating add/sub
    op(t, 0xFC, (a, b) -> SseInt.add(a, b, HB)); // PADDB
    op(t, 0xFD, (a, b) -> SseInt.add(a, b, HW)); // PADDW
    op(t, 0xFE, (a, b) -> SseInt.add(a, b, HD)); // PADDD
    op(t, 0xD4, (a, b) -> a + b); // PADDQ
    op(t, 0xF8, (a, b) -> SseInt.sub(a, b, HB)); // PSUBB
    op(t, 0xF9, (a, b) -> SseInt.sub(a, b, HW)); // PSUBW
    op(t, 0xFA, (a, b) -> SseInt.sub(a, b, HD)); // PSUBD
    op(t, 0xFB, (a, b) -> a - b); // PSUBQ
    op(t, 0xEC, (a, b) -> SseInt.sat8(a, b, SseInt.ADDS)); // PADDSB
    op(t, 0xED, (a, b) -> SseInt.sat16(a, b, SseInt.ADDS)); // PADDSW
    op(t, 0xDC, (a, b) -> SseInt.sat8(a, b, SseInt.ADDUS)); // PADDUSB
    op(t, 0xDD, (a, b) -> SseInt.sat16(a, b, SseInt.ADDUS)); // PADDUSW
    op(t, 0xE8, (a, b) -> SseInt.sat8(a, b, SseInt.SUBS)); // PSUBSB
    op(t, 0xE9, (a, b) -> SseInt.sat16(a, b, SseInt.SUBS)); // PSUBSW
    op(t, 0xD8, (a, b) -> SseInt.sat8(a, b, SseInt.SUBUS)); // PSUBUSB
    op(t, 0xD9, (a, b) -> SseInt.sat16(a, b, SseInt.SUBUS)); // PSUBUSW
    // compares, min/max
    op(t, 0x74, (a, b) -> SseInt.eq(a, b, HB, 8)); // PCMPEQB
    op(t, 0x75, (a, b) -> SseInt.eq(a, b, HW, 16)); // PCMPEQW
    op(t, 0x76, (a, b) -> SseInt.eq(a, b, HD, 32)); // PCMPEQD
    op(t, 0x64, SseInt::gt8); // PCMPGTB
    op(t, 0x65, SseInt::gt16); // PCMPGTW
    op(t, 0x66, SseInt::gt32); // PCMPGTD
    op(t, 0xDA, (a, b) -> SseInt.select(SseInt.gtu8(a, b), b, a)); // PMINUB
    op(t, 0xDE, (a, b) -> SseInt.select(SseInt.gtu8(a, b), a, b)); // PMAXUB
    op(t, 0xEA, (a, b) -> SseInt.select(SseInt.gt16(a, b), b, a)); // PMINSW
    op(t, 0xEE, (a, b) -> SseInt.select(SseInt.gt16(a, b), a, b)); // PMAXSW
    // multiplies, averages, SAD
    op(t, 0xD5, (a, b) -> SseInt.mul16(a, b, SseInt.MULL)); // PMULLW
    op(t, 0xE5, (a, b) -> SseInt.mul16(a, b, SseInt.MULH)); // PMULHW
    op(t, 0xE4, (a, b) -> SseInt.mul16(a, b, SseInt.MULHU)); // PMULHUW
    op(t, 0xF4, (a, b) -> (a & 0xffffffffL) * (b & 0xffffffffL)); // PMULUDQ
    op(t, 0xF5, SseInt::maddwd); // PMADDWD
    op(t, 0xE0, (a, b) -> SseInt.avg(a, b, ~HB)); // PAVGB
    op(t, 0xE3, (a, b) -> SseInt.avg(a, b, ~HW)); // PAVGW
    op(t, 0xF6, SseInt::sad); // PSADBW
    // unpacks (the low forms read m32), packs
    low(t, 0x60, (a, b) -> SseShuffle.spreadBytes(a) | SseShuffle.spreadBytes(b) << 8); // PUNPCKLBW
    low(t, 0x61, (a, b) -> SseShuffle.spreadWords(a) | SseShuffle.spreadWords(b) << 16); // PUNPCKLWD
    low(t, 0x62, (a, b) -> a & 0xffffffffL | b << 32); // PUNPCKLDQ
    op(t, 0x68, (a, b) -> SseShuffle.spreadBytes(a >>> 32) | SseShuffle.spreadBytes(b >>> 32) << 8); // PUNPCKHBW
    op(t, 0x69, (a, b) -> SseShuffle.spreadWords(a >>> 32) | SseShuffle.spreadWords(b >>> 32) << 16); // PUNPCKHWD
    op(t, 0x6A, (a, b) -> a >>> 32 | b & 0xffffffff00000000L); // PUNPCKHDQ
    op(t, 0x63, (a, b) -> SseShuffle.packWords(a, false) | SseShuffle.packWords(b, false) << 32); // PACKSSWB
    op(t, 0x67, (a, b) -> SseShuffle.packWords(a, true) | SseShuffle.packWords(b, true) << 32); // PACKUSWB
    op(t, 0x6B, (a, b) -> SseShuffle.packDwords(a) | SseShuffle.packDwords(b) << 32); // PACKSSDW
    // shifts by mm/m64
    op(t, 0xD1, (a, n) -> SseShift.srlBy(a, n, W)); // PSRLW
    op(t, 0xD2, (a, n) -> SseShift.srlBy(a, n, D)); // PSRLD
    op(t, 0xD3, (a, n) -> SseShift.srlBy(a, n, Q)); // PSRLQ
    op(t, 0xE1, (a, n) -> SseShift.sraBy(a, n, W)); // PSRAW
    op(t, 0xE2, (a, n) -> SseShift.sraBy(a, n, D)); // PSRAD
    op(t, 0xF1, (a, n) -> SseShift.sllBy(a, n, W)); // PSLLW
    op(t, 0xF2, (a, n) -> SseShift.sllBy(a, n, D)); // PSLLD
    op(t, 0xF3, (a, n) -> SseShift.sllBy(a, n, Q)); // PSLLQ
    // shifts by imm8: 0F 71/72/73 /2 (PSRL), /4 (PSRA), /6 (PSLL), register forms
    imm(t, 0x71, 2, (a, n) -> SseShift.srlBy(a, n, W));
    imm(t, 0x71, 4, (a, n) -> SseShift.sraBy(a, n, W));
    imm(t, 0x71, 6, (a, n) -> SseShift.sllBy(a, n, W));
    imm(t, 0x72, 2, (a, n) -> SseShift.srlBy(a, n, D));
    imm(t, 0x72, 4, (a, n) -> SseShift.sraBy(a, n, D));
    imm(t, 0x72, 6, (a, n) -> SseShift.sllBy(a, n, D));
    imm(t, 0x73, 2, (a, n) -> SseShift.srlBy(a, n, Q));
    imm(t, 0x73, 6, (a, n) -> SseShift.sllBy(a, n, Q));
    t.op(MAP_0F, 0x70).pfx(P_NONE).def(MODRM | I_UB, Mmx::pshufw);
  }

  private static void op(OpcodeTable t, int opcode, MmxOperands.Op f) {
    t.op(MAP_0F, opcode).pfx(P_NONE).def(MODRM, MmxOperands.binary(f));
  }

  private static void low(OpcodeTable t, int opcode, MmxOperands.Op f) {
    t.op(MAP_0F, opcode).pfx(P_NONE).def(MODRM, MmxOperands.binaryLow(f));
  }

  /** A shift group member: the destination is ModRM.rm, the count the immediate. */
  private static void imm(OpcodeTable t, int opcode, int reg, MmxOperands.Op f) {
    Exec e = (c, i) -> {
      MmxOperands.enter(c);
      MmxOperands.set(c, i.rm, f.apply(MmxOperands.get(c, i.rm), i.imm));
    };
    t.op(MAP_0F, opcode).pfx(P_NONE).reg(reg).mod3().def(MODRM | I_UB, e);
  }

  /** PSHUFW mm, mm/m64, imm8: four words chosen by the four 2-bit fields of imm8. */
  public static void pshufw(Cpu c, Insn i) {
    long s = MmxOperands.q(c, i);
    MmxOperands.enter(c);
    MmxOperands.set(c, i.reg, SseShuffle.shuffleWords(s, (int) i.imm));
  }
}
