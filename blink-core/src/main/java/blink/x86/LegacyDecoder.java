package blink.x86;

import blink.x86.Decoder.ByteSource;

/**
 * Decodes 32-bit and 16-bit code (SDM Vol. 2 §2.1-2.2): no REX (40-4F are opcodes),
 * the operand and address sizes are the mode's defaults toggled by 66h and 67h,
 * 16-bit addressing uses the BX/BP/SI/DI ModRM table (SDM Vol. 2 Table 2-1), C4/C5
 * are VEX only when the next byte looks like a register-form ModRM, and every
 * memory operand names its segment (the override or the default DS, or SS for
 * BP/SP-based addresses). The 64-bit size rules (SZ_D64/SZ_F64) become plain
 * operand-size rules. Branch targets wrap at the operand size.
 */
final class LegacyDecoder {
  /** 16-bit addressing (SDM Vol. 2 Table 2-1): base and index register of each ModRM.rm. */
  private static final int[] BASE16 = {Cpu.RBX, Cpu.RBX, Cpu.RBP, Cpu.RBP, -1, -1, Cpu.RBP, Cpu.RBX};
  private static final int[] INDEX16 = {Cpu.RSI, Cpu.RDI, Cpu.RSI, Cpu.RDI, Cpu.RSI, Cpu.RDI, -1, -1};

  private final Decoder owner;
  private final OpcodeTable table;
  private final Mode mode;

  LegacyDecoder(Decoder owner, OpcodeTable table, Mode mode) {
    this.owner = owner;
    this.table = table;
    this.mode = mode;
  }

  Insn decode(long addr, ByteSource src, Insn.Builder b) {
    long p = addr;
    int rep = 0, seg = Cpu.SEG_NONE;
    boolean opsize = false, adsize = false, lock = false;
    int op;
    for (;;) {
      op = src.fetch(p++);
      if (p - addr > Decoder.MAX_LENGTH) return owner.invalid(addr, src, (int) (p - addr));
      switch (op) {
        case 0xF0: lock = true; continue;
        case 0xF2: case 0xF3: rep = op; continue;
        case 0x66: opsize = true; continue;
        case 0x67: adsize = true; continue;
        case 0x26: seg = Cpu.SEG_ES; continue;
        case 0x2E: seg = Cpu.SEG_CS; continue;
        case 0x36: seg = Cpu.SEG_SS; continue;
        case 0x3E: seg = Cpu.SEG_DS; continue;
        case 0x64: seg = Cpu.SEG_FS; continue;
        case 0x65: seg = Cpu.SEG_GS; continue;
        default: break;
      }
      break;
    }
    boolean wide = mode.operandSize == 4;
    int osz = wide != opsize ? 4 : 2;
    int asz = (mode.addressSize == 4) != adsize ? 4 : 2;
    int map = OpcodeTable.ONE_BYTE;
    int vreg = 0;
    boolean vexL = false;
    int pfxClass = rep == 0xF3 ? OpcodeTable.P_F3 : rep == 0xF2 ? OpcodeTable.P_F2 : opsize ? OpcodeTable.P_66 : OpcodeTable.P_NONE;
    if (op == 0x0F) {
      op = src.fetch(p++);
      map = OpcodeTable.MAP_0F;
      if (op == 0x38) { map = OpcodeTable.MAP_0F38; op = src.fetch(p++); }
      else if (op == 0x3A) { map = OpcodeTable.MAP_0F3A; op = src.fetch(p++); }
    } else if ((op == 0xC4 || op == 0xC5) && mode == Mode.PROTECTED_32 && (src.fetch(p) & 0xC0) == 0xC0) {
      // VEX (SDM Vol. 2 §2.3.5): outside 64-bit mode, LES/LDS take a memory operand, so a
      // register-form second byte (inverted R and X both 1) means VEX. VEX.B, vvvv bit 3 and,
      // for general-purpose operand sizes, VEX.W are ignored outside 64-bit mode.
      if (opsize || rep != 0 || lock) return owner.invalid(addr, src, (int) (p - addr));
      int b1 = src.fetch(p++);
      int mmmmm = 1, b2;
      if (op == 0xC4) {
        mmmmm = b1 & 0x1f;
        b2 = src.fetch(p++);
      } else {
        b2 = b1;
      }
      vreg = (~b2 >> 3) & 7;
      vexL = (b2 & 4) != 0;
      pfxClass = b2 & 3;
      if (mmmmm < 1 || mmmmm > 3) return owner.invalid(addr, src, (int) (p - addr));
      map = OpcodeTable.VEX_0F + mmmmm - 1;
      op = src.fetch(p++);
    }
    b.opcode = map << 8 | op;
    OpcodeTable.Entry e = table.lookup(map, op);
    if (e == null) return owner.invalid(addr, src, (int) (p - addr));
    if (e.byPrefix != null) {
      e = e.byPrefix[pfxClass];
      if (e == null) return owner.invalid(addr, src, (int) (p - addr));
    }
    b.addrSize = asz;
    b.memory = false;
    b.base = -1;
    b.index = -1;
    b.scale = 0;
    b.disp = 0;
    if (e.needsModrm()) {
      int modrm = src.fetch(p++);
      int mod = modrm >> 6, rm = modrm & 7;
      b.reg = (modrm >> 3) & 7;
      if (mod == 3) {
        b.rm = rm;
      } else {
        b.memory = true;
        b.rm = 0;
        p = asz == 4 ? modrm32(b, src, p, mod, rm) : modrm16(b, src, p, mod, rm);
        if (seg == Cpu.SEG_NONE) seg = b.base == Cpu.RBP || b.base == Cpu.RSP ? Cpu.SEG_SS : Cpu.SEG_DS;
      }
      for (;;) {
        if (mod == 3 && e.regForm != null) { e = e.regForm; continue; }
        if (e.byReg != null) { e = e.byReg[(modrm >> 3) & 7]; if (e == null) break; continue; }
        if (mod == 3 && e.byRm != null) { e = e.byRm[rm]; if (e == null) break; continue; }
        break;
      }
      if (e == null || e.exec == null) return owner.invalid(addr, src, (int) (p - addr));
    } else {
      b.reg = (e.flags & OpcodeTable.OPREG) != 0 ? op & 7 : 0;
      b.rm = b.reg;
      if (e.exec == null) return owner.invalid(addr, src, (int) (p - addr));
    }
    if (seg == Cpu.SEG_NONE) seg = Cpu.SEG_DS;
    if (lock && !(b.memory && Decoder.lockable(map, op, b.reg & 7))) {
      return owner.invalid(addr, src, (int) (p - addr));
    }
    int flags = e.flags;
    int size;
    switch (flags & OpcodeTable.SZ_MASK) {
      case OpcodeTable.SZ_B: size = 1; break;
      case OpcodeTable.SZ_W: size = 2; break;
      case OpcodeTable.SZ_D: size = 4; break;
      case OpcodeTable.SZ_Q: size = 8; break;
      default: size = osz; // SZ_V, SZ_D64, SZ_F64
    }
    b.size = size;
    b.imm = 0;
    b.imm2 = 0;
    b.target = 0;
    long ipMask = Mode.mask(osz);
    switch (flags & OpcodeTable.I_MASK) {
      case OpcodeTable.I_NONE: break;
      case OpcodeTable.I_B: b.imm = (byte) src.fetch(p++); break;
      case OpcodeTable.I_UB: b.imm = src.fetch(p++); break;
      case OpcodeTable.I_W: b.imm = read16(src, p); p += 2; break;
      case OpcodeTable.I_Z: // sign-extended, as the 64-bit decoder gives it
        if (size == 2) { b.imm = read16(src, p); p += 2; }
        else { b.imm = Decoder.read32(src, p); p += 4; }
        break;
      case OpcodeTable.I_V:
        if (size == 2) { b.imm = read16(src, p); p += 2; }
        else { b.imm = Decoder.read32(src, p) & 0xffffffffL; p += 4; }
        break;
      case OpcodeTable.I_WB:
        b.imm = read16(src, p);
        b.imm2 = src.fetch(p + 2);
        p += 3;
        break;
      case OpcodeTable.I_REL8: b.imm = (byte) src.fetch(p++); b.target = (p + b.imm) & ipMask; break;
      case OpcodeTable.I_REL32:
        if (osz == 2) { b.imm = (short) read16(src, p); p += 2; }
        else { b.imm = Decoder.read32(src, p); p += 4; }
        b.target = (p + b.imm) & ipMask;
        break;
      case OpcodeTable.I_MOFFS:
        if (asz == 2) { b.disp = read16(src, p); p += 2; }
        else { b.disp = Decoder.read32(src, p) & 0xffffffffL; p += 4; }
        b.memory = true;
        break;
      case OpcodeTable.I_FAR:
        if (osz == 2) { b.imm = read16(src, p); p += 2; }
        else { b.imm = Decoder.read32(src, p) & 0xffffffffL; p += 4; }
        b.imm2 = read16(src, p);
        p += 2;
        break;
      default: throw new IllegalStateException("bad immediate kind");
    }
    if (p - addr > Decoder.MAX_LENGTH) return owner.invalid(addr, src, (int) (p - addr));
    // Without REX, byte-register codes 4..7 always name AH, CH, DH, BH.
    b.reg8 = b.reg >= 4 ? b.reg + 12 : b.reg;
    b.rm8 = !b.memory && b.rm >= 4 ? b.rm + 12 : b.rm;
    b.addr = addr;
    b.length = (int) (p - addr);
    b.exec = e.exec;
    b.sub = e.sub;
    b.seg = seg;
    b.rep = rep;
    b.lock = lock;
    b.vreg = vreg;
    b.vexL = vexL;
    return new Insn(b);
  }

  /** 32-bit ModRM/SIB addressing; mod 0 rm 5 is an absolute disp32 (no RIP-relative form). */
  private static long modrm32(Insn.Builder b, ByteSource src, long p, int mod, int rm) {
    if (rm == 4) {
      int sib = src.fetch(p++);
      b.scale = sib >> 6;
      int index = (sib >> 3) & 7;
      b.index = index == 4 ? -1 : index;
      int base = sib & 7;
      if (base == 5 && mod == 0) {
        b.disp = Decoder.read32(src, p) & 0xffffffffL;
        p += 4;
      } else {
        b.base = base;
      }
    } else if (rm == 5 && mod == 0) {
      b.disp = Decoder.read32(src, p) & 0xffffffffL;
      p += 4;
    } else {
      b.base = rm;
    }
    if (mod == 1) {
      b.disp = (byte) src.fetch(p++);
    } else if (mod == 2) {
      b.disp = Decoder.read32(src, p);
      p += 4;
    }
    return p;
  }

  /** 16-bit addressing (SDM Vol. 2 Table 2-1): mod 0 rm 6 is an absolute disp16. */
  private static long modrm16(Insn.Builder b, ByteSource src, long p, int mod, int rm) {
    if (mod == 0 && rm == 6) {
      b.disp = read16(src, p);
      return p + 2;
    }
    b.base = BASE16[rm];
    b.index = INDEX16[rm];
    if (mod == 1) {
      b.disp = (byte) src.fetch(p++);
    } else if (mod == 2) {
      b.disp = (short) read16(src, p);
      p += 2;
    }
    return p;
  }

  private static int read16(ByteSource src, long p) {
    return src.fetch(p) | src.fetch(p + 1) << 8;
  }
}
