package blink.x86;

import blink.machine.GuestFault;

/**
 * Decodes x86-64 instructions (Intel SDM Vol. 2 §2): legacy prefixes, REX, VEX,
 * the opcode maps, ModRM/SIB/displacement and immediates. Not thread-safe (it
 * keeps one scratch builder); each guest thread owns one. A decoder serves one
 * {@link Mode}; 32- and 16-bit code goes to {@link LegacyDecoder}.
 */
public final class Decoder {
  /** Supplies instruction bytes; throws {@link GuestFault} where they cannot be fetched. */
  @FunctionalInterface
  public interface ByteSource {
    int fetch(long addr);
  }

  static final int MAX_LENGTH = 15;

  private final OpcodeTable table;
  private final Mode mode;
  private final Insn.Builder b = new Insn.Builder();
  /** The 32/16-bit decoder, or null for 64-bit mode. */
  private final LegacyDecoder legacy;

  /** A 64-bit mode decoder over the table. */
  public Decoder(OpcodeTable table) {
    this.table = table;
    this.mode = Mode.LONG_64;
    this.legacy = null;
  }

  /** A decoder for the mode, over that mode's table. */
  public Decoder(Mode mode) {
    this.table = Isa.table(mode);
    this.mode = mode;
    this.legacy = mode == Mode.LONG_64 ? null : new LegacyDecoder(this, table, mode);
  }

  public Mode mode() {
    return mode;
  }

  /** Decodes the instruction at addr in this decoder's mode. */
  public Insn decode(long addr, ByteSource src) {
    if (legacy != null) return legacy.decode(addr, src, b);
    Insn.Builder b = this.b;
    long p = addr;
    int rex = 0, rep = 0, seg = Cpu.SEG_NONE;
    boolean opsize = false, adsize = false, lock = false;
    int op;
    for (;;) {
      op = src.fetch(p++);
      if (p - addr > MAX_LENGTH) return invalid(addr, src, (int) (p - addr));
      switch (op) {
        case 0xF0: lock = true; rex = 0; continue;
        case 0xF2: case 0xF3: rep = op; rex = 0; continue;
        case 0x66: opsize = true; rex = 0; continue;
        case 0x67: adsize = true; rex = 0; continue;
        case 0x26: case 0x2E: case 0x36: case 0x3E: rex = 0; continue;
        case 0x64: seg = Cpu.SEG_FS; rex = 0; continue;
        case 0x65: seg = Cpu.SEG_GS; rex = 0; continue;
        default:
          if ((op & 0xF0) == 0x40) { rex = op; continue; }
      }
      break;
    }
    int map = OpcodeTable.ONE_BYTE;
    int vreg = 0;
    boolean vexL = false;
    int pfxClass = rep == 0xF3 ? OpcodeTable.P_F3 : rep == 0xF2 ? OpcodeTable.P_F2 : opsize ? OpcodeTable.P_66 : OpcodeTable.P_NONE;
    if (op == 0x0F) {
      op = src.fetch(p++);
      map = OpcodeTable.MAP_0F;
      if (op == 0x38) { map = OpcodeTable.MAP_0F38; op = src.fetch(p++); }
      else if (op == 0x3A) { map = OpcodeTable.MAP_0F3A; op = src.fetch(p++); }
    } else if ((op == 0xC4 || op == 0xC5) && rex == 0 && !opsize && rep == 0 && !lock) {
      // VEX (SDM Vol. 2 §2.3.5): inverted R/X/B and vvvv, L, implied prefix pp.
      int b1 = src.fetch(p++);
      int w = 0, mmmmm = 1, b2;
      int r = (~b1 >> 7) & 1, x = 0, bb = 0;
      if (op == 0xC4) {
        x = (~b1 >> 6) & 1;
        bb = (~b1 >> 5) & 1;
        mmmmm = b1 & 0x1f;
        b2 = src.fetch(p++);
        w = b2 >> 7;
      } else {
        b2 = b1;
      }
      vreg = (~b2 >> 3) & 15;
      vexL = (b2 & 4) != 0;
      pfxClass = b2 & 3;
      opsize = pfxClass == OpcodeTable.P_66;
      rex = 0x40 | (w << 3) | (r << 2) | (x << 1) | bb;
      if (mmmmm < 1 || mmmmm > 3) return invalid(addr, src, (int) (p - addr));
      map = OpcodeTable.VEX_0F + mmmmm - 1;
      op = src.fetch(p++);
    }
    b.opcode = map << 8 | op;
    OpcodeTable.Entry e = table.lookup(map, op);
    if (e == null) return invalid(addr, src, (int) (p - addr));
    if (e.byPrefix != null) {
      e = e.byPrefix[pfxClass];
      if (e == null) return invalid(addr, src, (int) (p - addr));
    }
    int rexW = (rex >> 3) & 1, rexR = (rex >> 2) & 1, rexX = (rex >> 1) & 1, rexB = rex & 1;
    b.addrSize = adsize ? 4 : 8;
    b.memory = false;
    b.base = -1;
    b.index = -1;
    b.scale = 0;
    b.disp = 0;
    boolean ripRelative = false;
    if (e.needsModrm()) {
      int modrm = src.fetch(p++);
      int mod = modrm >> 6, rm = modrm & 7;
      b.reg = ((modrm >> 3) & 7) | rexR << 3;
      if (mod == 3) {
        b.rm = rm | rexB << 3;
      } else {
        b.memory = true;
        b.rm = 0;
        if (rm == 4) {
          int sib = src.fetch(p++);
          b.scale = sib >> 6;
          int index = ((sib >> 3) & 7) | rexX << 3;
          b.index = index == 4 ? -1 : index;
          int base = sib & 7;
          if (base == 5 && mod == 0) {
            b.disp = src.fetch(p) | src.fetch(p + 1) << 8 | src.fetch(p + 2) << 16 | src.fetch(p + 3) << 24;
            p += 4;
          } else {
            b.base = base | rexB << 3;
          }
        } else if (rm == 5 && mod == 0) {
          ripRelative = true;
          b.disp = src.fetch(p) | src.fetch(p + 1) << 8 | src.fetch(p + 2) << 16 | src.fetch(p + 3) << 24;
          p += 4;
        } else {
          b.base = rm | rexB << 3;
        }
        if (mod == 1) {
          b.disp = (byte) src.fetch(p++);
        } else if (mod == 2) {
          b.disp = src.fetch(p) | src.fetch(p + 1) << 8 | src.fetch(p + 2) << 16 | src.fetch(p + 3) << 24;
          p += 4;
        }
      }
      // Resolve register-form, group and rm forks.
      for (;;) {
        if (mod == 3 && e.regForm != null) { e = e.regForm; continue; }
        if (e.byReg != null) { e = e.byReg[(modrm >> 3) & 7]; if (e == null) break; continue; }
        if (mod == 3 && e.byRm != null) { e = e.byRm[rm]; if (e == null) break; continue; }
        break;
      }
      if (e == null || e.exec == null) return invalid(addr, src, (int) (p - addr));
    } else {
      b.reg = (e.flags & OpcodeTable.OPREG) != 0 ? (op & 7) | rexB << 3 : 0;
      b.rm = b.reg;
      if (e.exec == null) return invalid(addr, src, (int) (p - addr));
    }
    if (lock && !(b.memory && lockable(map, op, b.reg & 7))) {
      return invalid(addr, src, (int) (p - addr));
    }
    int flags = e.flags;
    int size;
    switch (flags & OpcodeTable.SZ_MASK) {
      case OpcodeTable.SZ_B: size = 1; break;
      case OpcodeTable.SZ_D64: size = opsize ? 2 : 8; break;
      case OpcodeTable.SZ_F64: size = 8; break;
      case OpcodeTable.SZ_W: size = 2; break;
      case OpcodeTable.SZ_D: size = 4; break;
      case OpcodeTable.SZ_Q: size = 8; break;
      default: size = rexW != 0 ? 8 : opsize ? 2 : 4;
    }
    b.size = size;
    b.imm = 0;
    b.imm2 = 0;
    b.target = 0;
    switch (flags & OpcodeTable.I_MASK) {
      case OpcodeTable.I_NONE: break;
      case OpcodeTable.I_B: b.imm = (byte) src.fetch(p++); break;
      case OpcodeTable.I_UB: b.imm = src.fetch(p++); break;
      case OpcodeTable.I_W: b.imm = src.fetch(p) | src.fetch(p + 1) << 8; p += 2; break;
      case OpcodeTable.I_Z:
        if (size == 2) { b.imm = src.fetch(p) | src.fetch(p + 1) << 8; p += 2; }
        else { b.imm = read32(src, p); p += 4; }
        break;
      case OpcodeTable.I_V:
        if (size == 2) { b.imm = src.fetch(p) | src.fetch(p + 1) << 8; p += 2; }
        else if (size == 4) { b.imm = read32(src, p) & 0xffffffffL; p += 4; }
        else { b.imm = read32(src, p) & 0xffffffffL | (long) read32(src, p + 4) << 32; p += 8; }
        break;
      case OpcodeTable.I_WB:
        b.imm = src.fetch(p) | src.fetch(p + 1) << 8;
        b.imm2 = src.fetch(p + 2);
        p += 3;
        break;
      case OpcodeTable.I_REL8: b.imm = (byte) src.fetch(p++); b.target = p + b.imm; break;
      case OpcodeTable.I_REL32: b.imm = read32(src, p); p += 4; b.target = p + b.imm; break;
      case OpcodeTable.I_MOFFS:
        if (adsize) { b.disp = read32(src, p) & 0xffffffffL; p += 4; }
        else { b.disp = read32(src, p) & 0xffffffffL | (long) read32(src, p + 4) << 32; p += 8; }
        b.memory = true;
        break;
      default: throw new IllegalStateException("bad immediate kind");
    }
    if (p - addr > MAX_LENGTH) return invalid(addr, src, (int) (p - addr));
    if (ripRelative) {
      b.disp += p;
      if (adsize) b.disp &= 0xffffffffL;
    }
    boolean anyRex = rex != 0;
    b.reg8 = !anyRex && b.reg >= 4 && b.reg < 8 ? b.reg + 12 : b.reg;
    b.rm8 = !anyRex && !b.memory && b.rm >= 4 && b.rm < 8 ? b.rm + 12 : b.rm;
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

  /**
   * Whether LOCK may prefix this opcode (SDM Vol. 2A "LOCK"): only the read-modify-
   * write forms with a memory destination — ADD ADC AND OR SBB SUB XOR (not CMP),
   * NOT NEG INC DEC, BTS BTR BTC, XADD, XCHG, CMPXCHG, CMPXCHG8B/16B. Anything else,
   * or a register destination, is #UD. reg is ModRM.reg (the group's /digit).
   */
  static boolean lockable(int map, int op, int reg) {
    if (map == OpcodeTable.ONE_BYTE) {
      if (op < 0x40) return (op & 7) <= 1 && (op >> 3) != 7;
      switch (op) {
        case 0x80: case 0x81: case 0x82: case 0x83: return reg != 7;
        case 0x86: case 0x87: return true;
        case 0xF6: case 0xF7: return reg == 2 || reg == 3;
        case 0xFE: case 0xFF: return reg <= 1;
        default: return false;
      }
    }
    if (map == OpcodeTable.MAP_0F) {
      switch (op) {
        case 0xAB: case 0xB3: case 0xBB: case 0xB0: case 0xB1: case 0xC0: case 0xC1: return true;
        case 0xBA: return reg >= 5;
        case 0xC7: return reg == 1;
        default: return false;
      }
    }
    return false;
  }

  static int read32(ByteSource src, long p) {
    return src.fetch(p) | src.fetch(p + 1) << 8 | src.fetch(p + 2) << 16 | src.fetch(p + 3) << 24;
  }

  /** An instruction that raises #UD when executed; its message names the bytes. */
  Insn invalid(long addr, ByteSource src, int length) {
    Insn.Builder b = this.b;
    StringBuilder bytes = new StringBuilder();
    for (int k = 0; k < Math.min(length, MAX_LENGTH); k++) {
      if (k > 0) bytes.append(' ');
      bytes.append(String.format("%02x", src.fetch(addr + k)));
    }
    String message = "unimplemented or invalid instruction " + bytes;
    b.addr = addr;
    b.length = Math.max(1, Math.min(length, MAX_LENGTH));
    b.exec = (cpu, insn) -> { throw GuestFault.of(GuestFault.Kind.INVALID_OPCODE, message); };
    b.opcode = -1;
    b.size = 4;
    b.addrSize = 8;
    b.reg = b.rm = b.reg8 = b.rm8 = 0;
    b.memory = false;
    b.base = b.index = -1;
    b.scale = 0;
    b.disp = b.imm = b.imm2 = b.target = 0;
    b.seg = b.rep = b.vreg = b.sub = 0;
    b.lock = b.vexL = false;
    return new Insn(b);
  }
}
