package blink.x86.ops;

import static blink.x86.OpcodeTable.*;

import blink.machine.GuestFault;
import blink.x86.Cpu;
import blink.x86.Flags;
import blink.x86.Insn;
import blink.x86.Mode;
import blink.x86.OpcodeTable;

/**
 * One-byte opcodes that exist only outside 64-bit mode (SDM Vol. 2 App. A, the
 * "i64" entries) apart from the stack, branch and BCD ones: INC/DEC r (40-4F),
 * BOUND, ARPL, LES/LDS, SALC, 82 (an alias of 80), and MOV to/from segment
 * registers, with the segment loads a Linux user process may do.
 */
public final class LegacyOps {
  private LegacyOps() {}

  public static void register(OpcodeTable t, Mode mode) {
    for (int r = 0; r < 8; r++) {
      t.op(ONE_BYTE, 0x40 + r).clear().def(OPREG, Alu::inc);
      t.op(ONE_BYTE, 0x48 + r).clear().def(OPREG, Alu::dec);
      t.op(ONE_BYTE, 0x82).reg(r).def(MODRM | SZ_B | I_B, r, Alu::rmImm);
    }
    t.op(ONE_BYTE, 0x62).clear().def(MODRM, LegacyOps::bound);
    t.op(ONE_BYTE, 0x62).mod3(); // EVEX in 32-bit mode, #UD in real mode: not supported
    t.remove(ONE_BYTE, 0x63);
    if (mode != Mode.REAL_16) t.op(ONE_BYTE, 0x63).def(MODRM | SZ_W, LegacyOps::arpl);
    t.op(ONE_BYTE, 0xC4).clear().def(MODRM, Cpu.ES, LegacyOps::loadFarPointer);
    t.op(ONE_BYTE, 0xC5).clear().def(MODRM, Cpu.DS, LegacyOps::loadFarPointer);
    t.op(ONE_BYTE, 0xC4).mod3();
    t.op(ONE_BYTE, 0xC5).mod3();
    t.op(ONE_BYTE, 0xD6).clear().def(0, LegacyOps::salc);
    t.op(ONE_BYTE, 0x8C).clear().def(MODRM, LegacyOps::movFromSeg);
    t.op(ONE_BYTE, 0x8E).clear().def(MODRM | SZ_W, LegacyOps::movToSeg);
  }

  /** BOUND r, m: #BR (Linux: SIGSEGV) unless lower <= index <= upper, signed. */
  static void bound(Cpu c, Insn i) {
    int s = i.size;
    long a = c.ea(i);
    long lower = Flags.signExtend(c.mmu.read(a, s), s);
    long upper = Flags.signExtend(c.mmu.read(c.linear(i, c.offset(i) + s), s), s);
    long index = Flags.signExtend(c.readReg(i, s), s);
    if (index < lower || index > upper) {
      throw GuestFault.of(GuestFault.Kind.GENERAL_PROTECTION, "bound range exceeded (#BR)");
    }
  }

  /** ARPL r/m16, r16: raise the destination selector's RPL to the source's; ZF says whether it did. */
  static void arpl(Cpu c, Insn i) {
    long dst = c.readRm(i, 2), src = c.readReg(i, 2);
    boolean raise = (dst & 3) < (src & 3);
    if (raise) c.writeRm(i, 2, dst & ~3L | src & 3);
    c.putFlag(Flags.ZF, raise);
  }

  /** LES/LDS r, m16:16/32: the offset into the register, the selector into ES or DS. */
  static void loadFarPointer(Cpu c, Insn i) {
    int s = i.size;
    long offset = c.mmu.read(c.ea(i), s);
    int sel = (int) c.mmu.read(c.linear(i, c.offset(i) + s), 2);
    loadSegment(c, i.sub, sel);
    c.writeReg(i, s, offset);
  }

  /** SALC (undocumented, D6): AL = CF ? FF : 00; flags unchanged. */
  static void salc(Cpu c, Insn i) {
    c.setReg(Cpu.RAX, 1, c.cf() ? 0xff : 0);
  }

  /** MOV r/m, Sreg: a register gets the zero-extended selector, memory always 16 bits. */
  static void movFromSeg(Cpu c, Insn i) {
    if (i.reg > Cpu.GS) throw GuestFault.of(GuestFault.Kind.INVALID_OPCODE, "mov from segment register " + i.reg);
    int sel = c.selector[i.reg];
    if (i.memory) c.writeRm(i, 2, sel);
    else c.writeRm(i, i.size, sel);
  }

  /** MOV Sreg, r/m16 (CS cannot be loaded so: #UD). */
  static void movToSeg(Cpu c, Insn i) {
    if (i.reg > Cpu.GS || i.reg == Cpu.CS) {
      throw GuestFault.of(GuestFault.Kind.INVALID_OPCODE, "mov to segment register " + i.reg);
    }
    loadSegment(c, i.reg, (int) c.readRm(i, 2));
  }

  /**
   * Loads a segment register. In real mode the base is selector << 4. In protected
   * mode the selector must name a descriptor a CPL-3 program may load (SDM Vol. 3
   * §5.5-5.6); Linux's GDT has the flat user segments 0x23 (32-bit code), 0x2b (data)
   * and 0x33 (64-bit code), all with base 0. SS takes only the data segment with
   * RPL 3; DS ES FS GS also take a null selector. Anything else is #GP.
   */
  public static void loadSegment(Cpu c, int sreg, int sel) {
    sel &= 0xffff;
    if (c.mode == Mode.REAL_16) {
      c.selector[sreg] = sel;
      setBase(c, sreg, (long) sel << 4);
      return;
    }
    boolean ok;
    if (sreg == Cpu.SS) ok = sel == 0x2b;
    else if ((sel & ~3) == 0) ok = true;
    else ok = (sel & 4) == 0 && (sel >> 3) >= 4 && (sel >> 3) <= 6;
    if (!ok) throw GuestFault.of(GuestFault.Kind.GENERAL_PROTECTION, "segment selector " + Integer.toHexString(sel));
    c.selector[sreg] = sel;
    setBase(c, sreg, 0);
  }

  private static void setBase(Cpu c, int sreg, long base) {
    switch (sreg) {
      case Cpu.ES: c.esBase = base; break;
      case Cpu.CS: c.csBase = base; break;
      case Cpu.SS: c.ssBase = base; break;
      case Cpu.DS: c.dsBase = base; break;
      case Cpu.FS: c.fsBase = base; break;
      default: c.gsBase = base;
    }
  }
}
