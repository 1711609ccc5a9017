package blink.x86.ops;

import static blink.x86.OpcodeTable.*;

import blink.machine.GuestFault;
import blink.x86.Cpu;
import blink.x86.Flags;
import blink.x86.Insn;
import blink.x86.OpcodeTable;

/**
 * MUL, IMUL (one-, two- and three-operand forms), DIV and IDIV. Multiplication
 * sets CF = OF = "the high half is significant"; SF, ZF, AF and PF are undefined
 * (SDM Vol. 2A "MUL"/"IMUL") — we compute them from the low half, as current Intel
 * cores do. Division errors raise #DE.
 */
public final class MulDiv {
  private MulDiv() {}

  public static void register(OpcodeTable t) {
    for (int g : new int[] {0xF6, 0xF7}) {
      int sz = g == 0xF6 ? SZ_B : SZ_V;
      t.op(ONE_BYTE, g).reg(4).def(MODRM | sz, MulDiv::mul);
      t.op(ONE_BYTE, g).reg(5).def(MODRM | sz, MulDiv::imul1);
      t.op(ONE_BYTE, g).reg(6).def(MODRM | sz, MulDiv::div);
      t.op(ONE_BYTE, g).reg(7).def(MODRM | sz, MulDiv::idiv);
    }
    t.op(MAP_0F, 0xAF).def(MODRM, MulDiv::imul2);
    t.op(ONE_BYTE, 0x69).def(MODRM | I_Z, MulDiv::imul3);
    t.op(ONE_BYTE, 0x6B).def(MODRM | I_B, MulDiv::imul3);
  }

  private static void mulFlags(Cpu c, int size, long low, boolean overflow) {
    long f = c.getFlags() & ~Flags.STATUS;
    if (overflow) f |= Flags.CF | Flags.OF;
    if ((low & Flags.mask(size)) == 0) f |= Flags.ZF;
    if ((low & Flags.signBit(size)) != 0) f |= Flags.SF;
    if (Flags.parity(low)) f |= Flags.PF;
    c.setFlagsValue(f);
  }

  static void mul(Cpu c, Insn i) {
    int s = i.size;
    long src = c.readRm(i, s);
    switch (s) {
      case 1: {
        long r = (c.regs[Cpu.RAX] & 0xff) * src;
        c.setReg(Cpu.RAX, 2, r);
        mulFlags(c, 1, r, (r >>> 8) != 0);
        break;
      }
      case 2: {
        long r = (c.regs[Cpu.RAX] & 0xffff) * src;
        c.setReg(Cpu.RAX, 2, r);
        c.setReg(Cpu.RDX, 2, r >>> 16);
        mulFlags(c, 2, r, (r >>> 16) != 0);
        break;
      }
      case 4: {
        long r = (c.regs[Cpu.RAX] & 0xffffffffL) * src;
        c.setReg(Cpu.RAX, 4, r);
        c.setReg(Cpu.RDX, 4, r >>> 32);
        mulFlags(c, 4, r, (r >>> 32) != 0);
        break;
      }
      default: {
        long a = c.regs[Cpu.RAX];
        long lo = a * src;
        long hi = Math.unsignedMultiplyHigh(a, src);
        c.regs[Cpu.RAX] = lo;
        c.regs[Cpu.RDX] = hi;
        mulFlags(c, 8, lo, hi != 0);
      }
    }
  }

  static void imul1(Cpu c, Insn i) {
    int s = i.size;
    long src = Flags.signExtend(c.readRm(i, s), s);
    switch (s) {
      case 1: {
        long r = (byte) c.regs[Cpu.RAX] * src;
        c.setReg(Cpu.RAX, 2, r);
        mulFlags(c, 1, r, r != (byte) r);
        break;
      }
      case 2: {
        long r = (short) c.regs[Cpu.RAX] * src;
        c.setReg(Cpu.RAX, 2, r);
        c.setReg(Cpu.RDX, 2, r >> 16);
        mulFlags(c, 2, r, r != (short) r);
        break;
      }
      case 4: {
        long r = (int) c.regs[Cpu.RAX] * src;
        c.setReg(Cpu.RAX, 4, r);
        c.setReg(Cpu.RDX, 4, r >> 32);
        mulFlags(c, 4, r, r != (int) r);
        break;
      }
      default: {
        long a = c.regs[Cpu.RAX];
        long lo = a * src;
        long hi = Math.multiplyHigh(a, src);
        c.regs[Cpu.RAX] = lo;
        c.regs[Cpu.RDX] = hi;
        mulFlags(c, 8, lo, hi != (lo >> 63));
      }
    }
  }

  /** Signed multiply of two size-byte values; sets flags, returns the truncated product. */
  private static long imul(Cpu c, int s, long a, long b) {
    a = Flags.signExtend(a, s);
    b = Flags.signExtend(b, s);
    long lo = a * b;
    boolean overflow = s == 8 ? Math.multiplyHigh(a, b) != (lo >> 63) : lo != Flags.signExtend(lo, s);
    mulFlags(c, s, lo, overflow);
    return lo & Flags.mask(s);
  }

  static void imul2(Cpu c, Insn i) {
    int s = i.size;
    c.writeReg(i, s, imul(c, s, c.readReg(i, s), c.readRm(i, s)));
  }

  static void imul3(Cpu c, Insn i) {
    int s = i.size;
    c.writeReg(i, s, imul(c, s, c.readRm(i, s), i.imm));
  }

  private static GuestFault divideError() {
    return GuestFault.of(GuestFault.Kind.DIVIDE_ERROR, "divide error");
  }

  static void div(Cpu c, Insn i) {
    int s = i.size;
    long d = c.readRm(i, s);
    if (d == 0) throw divideError();
    switch (s) {
      case 1: {
        long n = c.regs[Cpu.RAX] & 0xffff;
        long q = n / d;
        if (q > 0xff) throw divideError();
        c.setReg(Cpu.RAX, 2, (n % d) << 8 | q);
        break;
      }
      case 2: {
        long n = (c.regs[Cpu.RDX] & 0xffff) << 16 | (c.regs[Cpu.RAX] & 0xffff);
        long q = n / d;
        if (q > 0xffff) throw divideError();
        c.setReg(Cpu.RAX, 2, q);
        c.setReg(Cpu.RDX, 2, n % d);
        break;
      }
      case 4: {
        long n = (c.regs[Cpu.RDX] & 0xffffffffL) << 32 | (c.regs[Cpu.RAX] & 0xffffffffL);
        long q = Long.divideUnsigned(n, d);
        if ((q >>> 32) != 0) throw divideError();
        c.setReg(Cpu.RAX, 4, q);
        c.setReg(Cpu.RDX, 4, Long.remainderUnsigned(n, d));
        break;
      }
      default: {
        long hi = c.regs[Cpu.RDX], lo = c.regs[Cpu.RAX];
        if (Long.compareUnsigned(hi, d) >= 0) throw divideError();
        Wide.divideUnsigned(c, hi, lo, d);
      }
    }
  }

  static void idiv(Cpu c, Insn i) {
    int s = i.size;
    long d = Flags.signExtend(c.readRm(i, s), s);
    if (d == 0) throw divideError();
    switch (s) {
      case 1: {
        long n = (short) c.regs[Cpu.RAX];
        long q = n / d;
        if (q != (byte) q) throw divideError();
        c.setReg(Cpu.RAX, 2, ((n % d) & 0xff) << 8 | (q & 0xff));
        break;
      }
      case 2: {
        long n = (int) ((c.regs[Cpu.RDX] & 0xffff) << 16 | (c.regs[Cpu.RAX] & 0xffff));
        long q = n / d;
        if (q != (short) q) throw divideError();
        c.setReg(Cpu.RAX, 2, q);
        c.setReg(Cpu.RDX, 2, n % d);
        break;
      }
      case 4: {
        long n = (c.regs[Cpu.RDX] & 0xffffffffL) << 32 | (c.regs[Cpu.RAX] & 0xffffffffL);
        if (n == Long.MIN_VALUE && d == -1) throw divideError();
        long q = n / d;
        if (q != (int) q) throw divideError();
        c.setReg(Cpu.RAX, 4, q);
        c.setReg(Cpu.RDX, 4, n % d);
        break;
      }
      default: {
        if (!Wide.divideSigned(c, c.regs[Cpu.RDX], c.regs[Cpu.RAX], d)) throw divideError();
      }
    }
  }
}
