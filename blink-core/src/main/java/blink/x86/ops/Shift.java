package blink.x86.ops;

import static blink.x86.OpcodeTable.*;

import blink.x86.Cpu;
import blink.x86.Flags;
import blink.x86.Insn;
import blink.x86.OpcodeTable;

/**
 * Group 2 shifts and rotates (ROL ROR RCL RCR SHL SHR SAL SAR) by 1, CL or imm8,
 * and the double-precision shifts SHLD/SHRD. Counts are masked to 5 bits (6 with
 * REX.W); a masked count of zero changes no flags (SDM Vol. 2B "SAL/SAR/SHL/SHR").
 */
public final class Shift {
  private Shift() {}

  /** How the count is found: opcode D0/D1 shift by 1, D2/D3 by CL, C0/C1 by imm8. */
  private static final int BY_ONE = 0, BY_CL = 1, BY_IMM = 2;

  public static void register(OpcodeTable t) {
    for (int r = 0; r < 8; r++) {
      t.op(ONE_BYTE, 0xC0).reg(r).def(MODRM | SZ_B | I_UB, r << 2 | BY_IMM, Shift::group2);
      t.op(ONE_BYTE, 0xC1).reg(r).def(MODRM | I_UB, r << 2 | BY_IMM, Shift::group2);
      t.op(ONE_BYTE, 0xD0).reg(r).def(MODRM | SZ_B, r << 2 | BY_ONE, Shift::group2);
      t.op(ONE_BYTE, 0xD1).reg(r).def(MODRM, r << 2 | BY_ONE, Shift::group2);
      t.op(ONE_BYTE, 0xD2).reg(r).def(MODRM | SZ_B, r << 2 | BY_CL, Shift::group2);
      t.op(ONE_BYTE, 0xD3).reg(r).def(MODRM, r << 2 | BY_CL, Shift::group2);
    }
    t.op(MAP_0F, 0xA4).def(MODRM | I_UB, BY_IMM, Shift::shld);
    t.op(MAP_0F, 0xA5).def(MODRM, BY_CL, Shift::shld);
    t.op(MAP_0F, 0xAC).def(MODRM | I_UB, BY_IMM, Shift::shrd);
    t.op(MAP_0F, 0xAD).def(MODRM, BY_CL, Shift::shrd);
  }

  private static int count(Cpu c, Insn i, int how) {
    int raw = how == BY_ONE ? 1 : how == BY_CL ? (int) c.regs[Cpu.RCX] & 0xff : (int) i.imm;
    return raw & (i.size == 8 ? 63 : 31);
  }

  static void group2(Cpu c, Insn i) {
    int s = i.size;
    int n = count(c, i, i.sub & 3);
    long a = i.memory ? c.ea(i) : 0;
    long v = i.memory ? c.mmu.read(a, s) : c.readRm(i, s);
    long res = apply(c, (i.sub >> 2) & 7, s, v, n);
    if (i.memory) {
      if (n != 0) c.mmu.write(a, res, s);
    } else {
      c.writeRm(i, s, res);
    }
  }

  /** Performs operation op (ModRM.reg of group 2) on v by n (already masked), setting flags. */
  static long apply(Cpu c, int op, int s, long v, int n) {
    if (n == 0) return v;
    int bits = s * 8;
    long mask = Flags.mask(s);
    switch (op) {
      case 0: { // ROL
        int k = n % bits;
        long res = k == 0 ? v : ((v << k) | (v >>> (bits - k))) & mask;
        boolean cf = (res & 1) != 0;
        rotateFlags(c, cf, ((res >>> (bits - 1)) & 1) != 0 ^ cf);
        return res;
      }
      case 1: { // ROR
        int k = n % bits;
        long res = k == 0 ? v : ((v >>> k) | (v << (bits - k))) & mask;
        boolean msb = ((res >>> (bits - 1)) & 1) != 0;
        rotateFlags(c, msb, msb ^ (((res >>> (bits - 2)) & 1) != 0));
        return res;
      }
      case 2: return rcl(c, s, v, n);
      case 3: return rcr(c, s, v, n);
      case 4: case 6: { // SHL/SAL
        long res = n >= 64 ? 0 : (v << n) & mask;
        c.setFlags(Flags.SHL, s, res, v, n);
        return res;
      }
      case 5: { // SHR
        long res = n >= 64 ? 0 : v >>> n;
        c.setFlags(Flags.SHR, s, res, v, n);
        return res;
      }
      default: { // SAR
        long res = (Flags.signExtend(v, s) >> Math.min(n, 63)) & mask;
        c.setFlags(Flags.SAR, s, res, v, n);
        return res;
      }
    }
  }

  private static void rotateFlags(Cpu c, boolean cf, boolean of) {
    long f = c.getFlags() & ~(Flags.CF | Flags.OF);
    if (cf) f |= Flags.CF;
    if (of) f |= Flags.OF;
    c.setFlagsValue(f);
  }

  /** RCL: rotate the (bits+1)-bit quantity CF:v left; 8/16-bit counts wrap mod 9/17. */
  private static long rcl(Cpu c, int s, long v, int n) {
    int bits = s * 8;
    int k = s <= 2 ? n % (bits + 1) : n;
    boolean cf = c.cf();
    long res = v;
    for (int j = 0; j < k; j++) {
      boolean out = ((res >>> (bits - 1)) & 1) != 0;
      res = ((res << 1) | (cf ? 1 : 0)) & Flags.mask(s);
      cf = out;
    }
    rotateFlags(c, cf, (((res >>> (bits - 1)) & 1) != 0) ^ cf);
    return res;
  }

  /** RCR: rotate CF:v right; OF is the XOR of the result's two top bits. */
  private static long rcr(Cpu c, int s, long v, int n) {
    int bits = s * 8;
    int k = s <= 2 ? n % (bits + 1) : n;
    boolean cf = c.cf();
    long res = v;
    for (int j = 0; j < k; j++) {
      boolean out = (res & 1) != 0;
      res = (res >>> 1) | (cf ? 1L << (bits - 1) : 0);
      cf = out;
    }
    boolean of = (((res >>> (bits - 1)) ^ (res >>> (bits - 2))) & 1) != 0;
    rotateFlags(c, cf, of);
    return res;
  }

  private static void resultFlags(Cpu c, int s, long res, boolean cf, boolean of) {
    long f = c.getFlags() & ~Flags.STATUS;
    if (cf) f |= Flags.CF;
    if (of) f |= Flags.OF;
    if (res == 0) f |= Flags.ZF;
    if ((res & Flags.signBit(s)) != 0) f |= Flags.SF;
    if (Flags.parity(res)) f |= Flags.PF;
    c.setFlagsValue(f);
  }

  static void shld(Cpu c, Insn i) {
    int s = i.size, bits = s * 8;
    int n = count(c, i, i.sub);
    long a = i.memory ? c.ea(i) : 0;
    long dst = i.memory ? c.mmu.read(a, s) : c.readRm(i, s);
    long src = c.readReg(i, s);
    if (n == 0) {
      if (!i.memory) c.writeRm(i, s, dst);
      return;
    }
    long res;
    boolean cf;
    if (n <= bits) {
      res = n == bits ? src : ((dst << n) | (src >>> (bits - n))) & Flags.mask(s);
      cf = ((dst >>> (bits - n)) & 1) != 0;
    } else { // only 16-bit operands with counts 17..31: undefined; shift through src:dst
      int k = n - bits;
      res = ((src << k) | (dst >>> (bits - k))) & Flags.mask(s);
      cf = ((src >>> (bits - k)) & 1) != 0;
    }
    boolean of = ((res ^ dst) & Flags.signBit(s)) != 0;
    if (i.memory) c.mmu.write(a, res, s);
    else c.writeRm(i, s, res);
    resultFlags(c, s, res, cf, of);
  }

  static void shrd(Cpu c, Insn i) {
    int s = i.size, bits = s * 8;
    int n = count(c, i, i.sub);
    long a = i.memory ? c.ea(i) : 0;
    long dst = i.memory ? c.mmu.read(a, s) : c.readRm(i, s);
    long src = c.readReg(i, s);
    if (n == 0) {
      if (!i.memory) c.writeRm(i, s, dst);
      return;
    }
    long res;
    boolean cf;
    if (n < bits) {
      res = ((dst >>> n) | (src << (bits - n))) & Flags.mask(s);
      cf = ((dst >>> (n - 1)) & 1) != 0;
    } else if (n == bits) {
      res = src;
      cf = ((dst >>> (n - 1)) & 1) != 0;
    } else {
      int k = n - bits;
      res = ((src >>> k) | (dst << (bits - k))) & Flags.mask(s);
      cf = ((src >>> (k - 1)) & 1) != 0;
    }
    boolean of = ((res ^ dst) & Flags.signBit(s)) != 0;
    if (i.memory) c.mmu.write(a, res, s);
    else c.writeRm(i, s, res);
    resultFlags(c, s, res, cf, of);
  }
}
