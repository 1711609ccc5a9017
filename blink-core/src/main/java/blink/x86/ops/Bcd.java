package blink.x86.ops;

import static blink.x86.OpcodeTable.*;

import blink.machine.GuestFault;
import blink.x86.Cpu;
import blink.x86.Flags;
import blink.x86.Insn;
import blink.x86.OpcodeTable;

/**
 * The BCD adjustments DAA, DAS, AAA, AAS, AAM and AAD (SDM Vol. 2A), valid only
 * outside 64-bit mode (in 64-bit mode their opcodes are #UD). AL (and AH) change;
 * the flags are set as the SDM defines them, and where it calls them undefined, as
 * the processor sets them (measured by the compatibility-mode differential test).
 */
public final class Bcd {
  private Bcd() {}

  public static void register(OpcodeTable t) {
    t.op(ONE_BYTE, 0x27).clear().def(0, Bcd::daa);
    t.op(ONE_BYTE, 0x2F).clear().def(0, Bcd::das);
    t.op(ONE_BYTE, 0x37).clear().def(0, Bcd::aaa);
    t.op(ONE_BYTE, 0x3F).clear().def(0, Bcd::aas);
    t.op(ONE_BYTE, 0xD4).clear().def(I_UB, Bcd::aam);
    t.op(ONE_BYTE, 0xD5).clear().def(I_UB, Bcd::aad);
  }

  /**
   * Materialises the status flags: CF, AF and OF as given, SF and ZF of a result of
   * the given width (1 or 2 bytes), PF of its low byte.
   */
  private static void setFlags(Cpu c, long res, int width, boolean cf, boolean af, boolean of) {
    long f = c.getFlags() & ~Flags.STATUS;
    if (cf) f |= Flags.CF;
    if (af) f |= Flags.AF;
    if (of) f |= Flags.OF;
    if ((res & Flags.mask(width)) == 0) f |= Flags.ZF;
    if ((res & Flags.signBit(width)) != 0) f |= Flags.SF;
    if (Flags.parity(res)) f |= Flags.PF;
    c.setFlagsValue(f);
  }

  /**
   * DAA: adjust AL after adding two packed BCD bytes. OF (undefined in the SDM) is
   * measured to be the signed overflow of AL + the whole adjustment (06h, 60h or 66h).
   */
  static void daa(Cpu c, Insn i) {
    int old = (int) c.regs[Cpu.RAX] & 0xff, al = old;
    boolean oldCf = c.cf(), cf, af = false;
    if ((al & 0x0f) > 9 || c.af()) {
      al += 6;
      af = true;
    }
    if (old > 0x99 || oldCf) {
      al += 0x60;
      cf = true;
    } else {
      cf = false;
    }
    al &= 0xff;
    int adjust = (al - old) & 0xff;
    c.setReg(Cpu.RAX, 1, al);
    setFlags(c, al, 1, cf, af, ((old ^ al) & (adjust ^ al) & 0x80) != 0);
  }

  /** DAS: adjust AL after subtracting two packed BCD bytes; OF as for DAA, of AL - adjustment. */
  static void das(Cpu c, Insn i) {
    int old = (int) c.regs[Cpu.RAX] & 0xff, al = old;
    boolean oldCf = c.cf(), cf = false, af = false;
    if ((al & 0x0f) > 9 || c.af()) {
      cf = oldCf || al < 6;
      al -= 6;
      af = true;
    }
    if (old > 0x99 || oldCf) {
      al -= 0x60;
      cf = true;
    }
    al &= 0xff;
    int adjust = (old - al) & 0xff;
    c.setReg(Cpu.RAX, 1, al);
    setFlags(c, al, 1, cf, af, ((old ^ adjust) & (old ^ al) & 0x80) != 0);
  }

  /**
   * AAA: adjust AX after adding two unpacked BCD digits: AX += 106h when a decimal
   * carry is due, then AL &= 0Fh. SF ZF PF OF (undefined in the SDM) are measured to
   * be those of the 16-bit addition AX + (106h or 0), before AL is masked.
   */
  static void aaa(Cpu c, Insn i) {
    int ax = (int) c.regs[Cpu.RAX] & 0xffff;
    boolean adjust = (ax & 0x0f) > 9 || c.af();
    int add = adjust ? 0x106 : 0, res = (ax + add) & 0xffff;
    c.setReg(Cpu.RAX, 2, res & 0xff0f);
    setFlags(c, res, 2, adjust, adjust, ((ax ^ res) & (add ^ res) & 0x8000) != 0);
  }

  /** AAS: AX -= 6 (borrowing from AH), AH -= 1, AL &= 0Fh; SF ZF PF OF of AX - (106h or 0), as for AAA. */
  static void aas(Cpu c, Insn i) {
    int ax = (int) c.regs[Cpu.RAX] & 0xffff;
    boolean adjust = (ax & 0x0f) > 9 || c.af();
    int sub = adjust ? 0x106 : 0, res = (ax - sub) & 0xffff;
    c.setReg(Cpu.RAX, 2, res & 0xff0f);
    setFlags(c, res, 2, adjust, adjust, ((ax ^ sub) & (ax ^ res) & 0x8000) != 0);
  }

  /** AAM imm8: AH = AL / imm8, AL = AL mod imm8; imm8 = 0 is #DE. CF AF OF (undefined) are measured clear. */
  static void aam(Cpu c, Insn i) {
    int base = (int) i.imm & 0xff;
    if (base == 0) throw GuestFault.of(GuestFault.Kind.DIVIDE_ERROR, "aam 0");
    int al = (int) c.regs[Cpu.RAX] & 0xff;
    int res = al % base;
    c.setReg(Cpu.RAX, 2, (al / base) << 8 | res);
    setFlags(c, res, 1, false, false, false);
  }

  /**
   * AAD imm8: AL = AL + AH * imm8 (8 bits), AH = 0. CF AF OF (undefined) are measured
   * to be those of the 8-bit addition AL + (AH * imm8).
   */
  static void aad(Cpu c, Insn i) {
    int base = (int) i.imm & 0xff;
    int ax = (int) c.regs[Cpu.RAX] & 0xffff;
    int al = ax & 0xff, product = ((ax >> 8) * base) & 0xff;
    int res = (al + product) & 0xff;
    c.setReg(Cpu.RAX, 2, res);
    setFlags(c, res, 1, al + product > 0xff, ((al ^ product ^ res) & 0x10) != 0, ((al ^ res) & (product ^ res) & 0x80) != 0);
  }
}
