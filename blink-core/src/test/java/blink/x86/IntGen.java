package blink.x86;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;

/**
 * Random instances of the general-purpose integer instructions for the
 * differential tester: every form is a name and a generator that encodes one
 * instance (prefixes, REX, ModRM/SIB/displacement with register, base+disp8,
 * base+index*scale+disp32, RIP-relative and absolute memory operands, immediate)
 * and sets up registers, flags and scratch memory with interesting values. The
 * flags the SDM leaves undefined for the instance are recorded in
 * {@link IntCase#undefined}.
 */
final class IntGen {
  static final long CF = 1, PF = 4, AF = 0x10, ZF = 0x40, SF = 0x80, DF = 0x400, OF = 0x800;
  static final long MULU = SF | ZF | AF | PF, ALL = CF | PF | AF | ZF | SF | OF;

  record Form(String name, Consumer<B> gen) {}

  static final List<Form> FORMS = new ArrayList<>();

  /**
   * Forms where the emulator is known to differ from the host, left out of the CI
   * test unless blink.test.intKnown is set (DiffTool always runs them). None today.
   */
  static boolean known(String name) {
    return false;
  }

  private static void f(String name, Consumer<B> g) {
    FORMS.add(new Form(name, g));
  }

  static final int ANY = 0, REG = 1, MEM = 2;

  /** Builds one case. */
  static final class B {
    final Random r;
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final long[] regs = new long[16];
    final boolean[] reserved = new boolean[16];
    /** Reserved registers that may still be chosen as register operands (only base/index avoid them). */
    final boolean[] free = new boolean[16];
    long flags;
    long undefined;
    final List<Integer> pokes = new ArrayList<>();
    int ripFixup = -1, ripEnd;
    long ripTarget;
    /** Chosen by the last op(): register field, r/m register (or -1), memory target offset (or -1). */
    int reg, rm = -1, memOff = -1, base = -1, index = -1;
    boolean noW, rex8;

    B(Random r) {
      this.r = r;
      for (int k = 0; k < 16; k++) regs[k] = val(64);
      flags = r.nextLong() & 0xcd5 | 2;
      if (r.nextInt(4) != 0) flags &= ~DF;
    }

    long val(int bits) {
      long sign = bits == 64 ? Long.MIN_VALUE : 1L << (bits - 1);
      long v = switch (r.nextInt(14)) {
        case 0 -> 0;
        case 1 -> 1;
        case 2 -> -1;
        case 3 -> sign;
        case 4 -> sign - 1;
        case 5 -> sign + 1;
        case 6 -> r.nextInt(64) - 32;
        case 7 -> r.nextLong() >>> r.nextInt(64);
        case 8 -> r.nextLong() >> r.nextInt(64);
        case 9 -> {
          long x = 0;
          int[] b = {0, 0x7f, 0x80, 0xff, 1, 0xfe};
          for (int k = 0; k < 8; k++) x |= (long) b[r.nextInt(b.length)] << (8 * k);
          yield x;
        }
        case 10 -> 1L << r.nextInt(64);
        default -> r.nextLong();
      };
      if (bits < 64) {
        long mask = (1L << bits) - 1;
        switch (r.nextInt(3)) {
          case 0 -> v = v & mask | r.nextLong() & ~mask;
          case 1 -> v &= mask;
          default -> { }
        }
      }
      return v;
    }

    void b(int... bytes) {
      for (int x : bytes) out.write(x);
    }

    void imm(int len, long v) {
      for (int k = 0; k < len; k++) out.write((int) (v >>> (8 * k)));
    }

    void poke(int off, long v, int len) {
      for (int k = 0; k < len; k++) {
        pokes.add(off + k);
        pokes.add((int) (v >>> (8 * k)) & 0xff);
      }
    }

    int pick(boolean low8) {
      for (;;) {
        int x = r.nextInt(low8 ? 8 : 16);
        if (!reserved[x] || free[x]) return x;
      }
    }

    int target(int align) {
      int off = 0x1000 + r.nextInt(0x600) - 0x300;
      if (align > 1 && r.nextInt(4) != 0) off &= -align;
      return off;
    }

    /**
     * Emits [66] [REX] opcode ModRM [SIB] [disp] [imm]. digit >= 0 puts /digit in
     * ModRM.reg; otherwise a random register. mode is ANY, REG or MEM; memLen bytes
     * of interesting value are poked at a memory operand.
     */
    void op(int size, int[] opcode, int digit, int mode, int memLen, int immLen, long immVal) {
      boolean mem = mode == MEM || mode == ANY && r.nextInt(3) == 0;
      boolean a32 = mem && r.nextInt(10) == 0;
      boolean gs = mem && r.nextInt(10) == 0; // GS base = SCRATCH in the runner and the emulator
      if (gs) b(0x65);
      if (a32) b(0x67); // 32-bit addressing: registers' upper halves ignored, the address wraps at 4 GiB
      if (size == 16) b(0x66);
      rex8 = size == 8 && r.nextBoolean();
      boolean low = size == 8 && !rex8;
      reg = digit >= 0 ? digit : pick(low);
      int rex = 0x40 | (size == 64 && !noW ? 8 : 0) | (digit < 0 && reg >= 8 ? 4 : 0);
      int modrm, sib = -1, dispLen = 0;
      long disp = 0;
      base = -1;
      index = -1;
      rm = -1;
      memOff = -1;
      if (!mem) {
        rm = pick(low);
        if (rm >= 8) rex |= 1;
        modrm = 0xc0 | (reg & 7) << 3 | rm & 7;
      } else {
        memOff = target(Math.min(memLen, 16));
        long addr = gs ? memOff : IntCase.SCRATCH + memOff;
        if (memLen > 0) {
          long v = val(Math.min(memLen, 8) * 8);
          poke(memOff, v, Math.min(memLen, 8));
          if (memLen > 8) poke(memOff + 8, val(64), memLen - 8);
        }
        switch (r.nextInt(low ? 2 : 4)) {
          case 0 -> { // [base + disp8]
            base = pickBase(low);
            disp = r.nextInt(128) - 64;
            dispLen = 1;
            modrm = 0x40 | (reg & 7) << 3 | base & 7;
            if ((base & 7) == 4) sib = 0x24;
            regs[base] = addr - disp;
          }
          case 1 -> { // [abs32]
            modrm = 0x04 | (reg & 7) << 3;
            sib = 0x25;
            disp = addr;
            dispLen = 4;
          }
          case 2 -> { // [base + index*scale + disp32]
            base = pickBase(false);
            do index = pickBase(false); while (index == 4 || index == base);
            int scale = r.nextInt(4);
            long iv = r.nextInt(33) - 16;
            disp = r.nextInt(0x200) - 0x100;
            dispLen = 4;
            modrm = 0x84 | (reg & 7) << 3;
            sib = scale << 6 | (index & 7) << 3 | base & 7;
            regs[index] = iv;
            regs[base] = addr - disp - (iv << scale);
          }
          default -> { // [rip + disp32]
            modrm = 0x05 | (reg & 7) << 3;
            dispLen = 4;
            ripTarget = addr;
          }
        }
        if (base >= 8) rex |= 1;
        if (index >= 8) rex |= 2;
        if (a32) {
          if (base >= 0) regs[base] = regs[base] & 0xffffffffL | r.nextLong() << 32;
          if (index >= 0) regs[index] = regs[index] & 0xffffffffL | r.nextLong() << 32;
        }
      }
      if (rex != 0x40 || rex8 || size != 8 && r.nextInt(8) == 0) b(rex);
      b(opcode);
      b(modrm);
      if (sib >= 0) b(sib);
      if (dispLen == 4 && sib < 0 && (modrm & 0xc7) == 5) ripFixup = out.size();
      imm(dispLen, disp);
      imm(immLen, immVal);
      ripEnd = out.size();
    }

    private int pickBase(boolean low8) {
      for (;;) {
        int x = r.nextInt(low8 ? 8 : 16);
        if (!reserved[x] && (digitFree(x))) return x;
      }
    }

    private boolean digitFree(int x) {
      return x != reg || r.nextInt(8) == 0;
    }

    /** Emits the optional REX (W, B from a register number) and an opcode with the register in its low bits. */
    void opReg(int size, int opcode, int reg) {
      if (size == 16) b(0x66);
      int rex = 0x40 | (size == 64 && !noW ? 8 : 0) | (reg >= 8 ? 1 : 0);
      if (rex != 0x40 || r.nextInt(8) == 0) b(rex);
      b(opcode + (reg & 7));
    }

    IntCase build(String name, long seed) {
      byte[] code = out.toByteArray();
      if (ripFixup >= 0) {
        long d = ripTarget - (IntCase.CODE + ripEnd);
        for (int k = 0; k < 4; k++) code[ripFixup + k] = (byte) (d >>> (8 * k));
      }
      IntCase c = new IntCase(name, code);
      System.arraycopy(regs, 0, c.regs, 0, 16);
      c.flags = flags;
      c.seed = seed;
      c.pokes.addAll(pokes);
      c.undefined = undefined;
      return c;
    }
  }

  static IntCase make(Form f, Random r) {
    B b = new B(r);
    f.gen.accept(b);
    IntCase c = b.build(f.name, r.nextLong());
    if (b.ripFixup < 0 && r.nextInt(8) == 0 && !f.name.matches("(j|call|ret|loop|ud|lock).*")) c = noise(c, r);
    return c;
  }

  /** The same case with ignored prefixes in front: a REX followed by segment prefixes CS/DS/ES/SS. */
  static IntCase noise(IntCase c, Random r) {
    ByteArrayOutputStream p = new ByteArrayOutputStream();
    if (r.nextBoolean()) p.write(0x40 + r.nextInt(16));
    int[] seg = {0x2e, 0x3e, 0x26, 0x36};
    for (int k = 1 + r.nextInt(2); k > 0; k--) p.write(seg[r.nextInt(4)]);
    if (p.size() + c.code.length > 15) return c;
    byte[] code = new byte[p.size() + c.code.length];
    System.arraycopy(p.toByteArray(), 0, code, 0, p.size());
    System.arraycopy(c.code, 0, code, p.size(), c.code.length);
    IntCase n = new IntCase(c.name, code);
    System.arraycopy(c.regs, 0, n.regs, 0, 16);
    n.flags = c.flags;
    n.seed = c.seed;
    n.pokes.addAll(c.pokes);
    n.undefined = c.undefined;
    return n;
  }

  static int immLen(int size) {
    return size == 16 ? 2 : size == 8 ? 1 : 4;
  }

  static final int[] SIZES = {8, 16, 32, 64}, WIDE = {16, 32, 64};

  static int[] o(int... x) {
    return x;
  }

  static int shiftCount(Random r, int size) {
    return switch (r.nextInt(8)) {
      case 0 -> 0;
      case 1 -> 1;
      case 2 -> size - 1;
      case 3 -> size;
      case 4 -> size + 1;
      case 5 -> r.nextInt(256);
      default -> r.nextInt(size == 64 ? 64 : 32);
    };
  }

  static long shiftUndefined(int op, int size, int count) {
    int m = count & (size == 64 ? 63 : 31);
    if (m == 0) return 0;
    long u = m != 1 ? OF : 0;
    if (op >= 4) u |= AF;
    if ((op == 4 || op == 5 || op == 6) && m >= size) u |= CF;
    return u;
  }

  static {
    String[] alu = {"add", "or", "adc", "sbb", "and", "sub", "xor", "cmp"};
    for (int op = 0; op < 8; op++) {
      final int o = op;
      long u = op == 1 || op == 4 || op == 6 ? AF : 0;
      for (int size : SIZES) {
        int s8 = size == 8 ? 0 : 1;
        String n = alu[op] + size;
        f(n + ".rm_r", b -> { b.op(size, o(o * 8 + s8), -1, ANY, size / 8, 0, 0); b.undefined = u; });
        f(n + ".r_rm", b -> { b.op(size, o(o * 8 + 2 + s8), -1, ANY, size / 8, 0, 0); b.undefined = u; });
        f(n + ".acc_imm", b -> {
          if (size == 16) b.b(0x66);
          if (size == 64) b.b(0x48);
          b.b(o * 8 + 4 + s8);
          b.imm(immLen(size), b.val(immLen(size) * 8));
          b.undefined = u;
        });
        f(n + ".imm", b -> { b.op(size, o(size == 8 ? 0x80 : 0x81), o, ANY, size / 8, immLen(size), b.val(immLen(size) * 8)); b.undefined = u; });
        if (size != 8) f(n + ".imm8", b -> { b.op(size, o(0x83), o, ANY, size / 8, 1, b.val(8)); b.undefined = u; });
      }
    }
    for (int size : SIZES) {
      int s8 = size == 8 ? 0 : 1;
      f("test" + size + ".rm_r", b -> { b.op(size, o(0x84 + s8), -1, ANY, size / 8, 0, 0); b.undefined = AF; });
      f("test" + size + ".acc_imm", b -> {
        if (size == 16) b.b(0x66);
        if (size == 64) b.b(0x48);
        b.b(0xa8 + s8);
        b.imm(immLen(size), b.val(immLen(size) * 8));
        b.undefined = AF;
      });
      f("test" + size + ".imm", b -> { b.op(size, o(0xf6 + s8), 0, ANY, size / 8, immLen(size), b.val(immLen(size) * 8)); b.undefined = AF; });
      f("not" + size, b -> b.op(size, o(0xf6 + s8), 2, ANY, size / 8, 0, 0));
      f("neg" + size, b -> b.op(size, o(0xf6 + s8), 3, ANY, size / 8, 0, 0));
      f("inc" + size, b -> b.op(size, o(0xfe + s8), 0, ANY, size / 8, 0, 0));
      f("dec" + size, b -> b.op(size, o(0xfe + s8), 1, ANY, size / 8, 0, 0));
      f("mov" + size + ".rm_r", b -> b.op(size, o(0x88 + s8), -1, ANY, size / 8, 0, 0));
      f("mov" + size + ".r_rm", b -> b.op(size, o(0x8a + s8), -1, ANY, size / 8, 0, 0));
      f("mov" + size + ".imm", b -> b.op(size, o(0xc6 + s8), 0, ANY, size / 8, immLen(size), b.val(32)));
      f("mov" + size + ".r_imm", b -> {
        int rg = b.r.nextInt(size == 8 && b.r.nextBoolean() ? 8 : 16);
        if (size == 8 && (rg >= 8 || b.r.nextBoolean())) {
          b.b(0x40 | (rg >= 8 ? 1 : 0));
          b.b(0xb0 + (rg & 7));
        } else {
          b.opReg(size, size == 8 ? 0xb0 : 0xb8, rg);
        }
        b.imm(size / 8, b.val(size));
      });
      f("xchg" + size, b -> b.op(size, o(0x86 + s8), -1, ANY, size / 8, 0, 0));
      f("xadd" + size, b -> b.op(size, o(0x0f, 0xc0 + s8), -1, ANY, size / 8, 0, 0));
      f("cmpxchg" + size, b -> {
        b.reserved[0] = true;
        b.free[0] = b.r.nextInt(4) == 0;
        b.op(size, o(0x0f, 0xb0 + s8), -1, ANY, size / 8, 0, 0);
        if (b.r.nextBoolean()) { // make the comparison succeed
          long v = b.rm >= 0 ? b.regs[b.rm] : b.val(size);
          if (b.rm >= 4 && b.rm < 8 && size == 8 && !b.rex8) v = b.regs[b.rm - 4] >>> 8;
          if (b.rm < 0) b.poke(b.memOff, v, size / 8);
          b.regs[0] = b.regs[0] & ~mask(size) | v & mask(size);
        }
      });
      // Shifts and rotates.
      for (int op = 0; op < 8; op++) {
        if (op == 6) continue;
        final int o = op;
        String n = new String[] {"rol", "ror", "rcl", "rcr", "shl", "shr", "sal", "sar"}[op] + size;
        f(n + ".1", b -> { b.op(size, o(0xd0 + s8), o, ANY, size / 8, 0, 0); b.undefined = shiftUndefined(o, size, 1); });
        f(n + ".cl", b -> {
          b.reserved[1] = true;
          b.free[1] = b.r.nextInt(4) == 0;
          b.op(size, o(0xd2 + s8), o, ANY, size / 8, 0, 0);
          int c = shiftCount(b.r, size);
          b.regs[1] = b.regs[1] & ~0xffL | c;
          b.undefined = shiftUndefined(o, size, c);
        });
        f(n + ".imm", b -> {
          int c = shiftCount(b.r, size);
          b.op(size, o(0xc0 + s8), o, ANY, size / 8, 1, c);
          b.undefined = shiftUndefined(o, size, c);
        });
      }
      // MUL/IMUL/DIV/IDIV with implicit accumulator.
      for (int op = 4; op < 8; op++) {
        final int o = op;
        String n = new String[] {"mul", "imul", "div", "idiv"}[op - 4] + size;
        f(n, b -> {
          b.reserved[0] = b.reserved[2] = true;
          b.free[0] = b.free[2] = b.r.nextInt(4) == 0;
          b.op(size, o(0xf6 + s8), o, ANY, size / 8, 0, 0);
          b.undefined = o < 6 ? MULU : ALL;
          if (o >= 6) divSetup(b, size, o == 7);
        });
      }
    }
    for (int size : WIDE) {
      f("imul" + size + ".r_rm", b -> { b.op(size, o(0x0f, 0xaf), -1, ANY, size / 8, 0, 0); b.undefined = MULU; });
      f("imul" + size + ".imm", b -> { b.op(size, o(0x69), -1, ANY, size / 8, immLen(size), b.val(immLen(size) * 8)); b.undefined = MULU; });
      f("imul" + size + ".imm8", b -> { b.op(size, o(0x6b), -1, ANY, size / 8, 1, b.val(8)); b.undefined = MULU; });
      for (int op = 0; op < 2; op++) {
        boolean left = op == 0;
        String n = left ? "shld" + size : "shrd" + size;
        f(n + ".imm", b -> {
          int c = dblCount(b.r, size);
          b.op(size, o(0x0f, left ? 0xa4 : 0xac), -1, ANY, size / 8, 1, c);
          b.undefined = dblUndefined(size, c);
        });
        f(n + ".cl", b -> {
          b.reserved[1] = true;
          b.free[1] = b.r.nextInt(4) == 0;
          b.op(size, o(0x0f, left ? 0xa5 : 0xad), -1, ANY, size / 8, 0, 0);
          int c = dblCount(b.r, size);
          b.regs[1] = b.regs[1] & ~0xffL | c;
          b.undefined = dblUndefined(size, c);
        });
      }
      f("movzx" + size + ".8", b -> b.op(size, o(0x0f, 0xb6), -1, ANY, 1, 0, 0));
      f("movsx" + size + ".8", b -> b.op(size, o(0x0f, 0xbe), -1, ANY, 1, 0, 0));
      if (size != 16) {
        f("movzx" + size + ".16", b -> b.op(size, o(0x0f, 0xb7), -1, ANY, 2, 0, 0));
        f("movsx" + size + ".16", b -> b.op(size, o(0x0f, 0xbf), -1, ANY, 2, 0, 0));
      }
      f("lea" + size, b -> {
        if (b.r.nextInt(4) == 0) b.b(0x67);
        b.op(size, o(0x8d), -1, MEM, 0, 0, 0);
      });
      f("xchg" + size + ".acc", b -> b.opReg(size, 0x90, b.r.nextInt(16)));
      String[] bt = {"bt", "bts", "btr", "btc"};
      for (int op = 0; op < 4; op++) {
        final int o = op;
        f(bt[op] + size + ".r", b -> {
          b.op(size, o(0x0f, 0xa3 + 8 * o), -1, ANY, size / 8, 0, 0);
          if (b.rm < 0 && b.reg != b.base && b.reg != b.index) { // bit offsets reaching outside the addressed operand
            long bits = b.r.nextInt(0x1400) - 0xa00;
            if (size == 16) bits = (short) bits;
            b.regs[b.reg] = b.regs[b.reg] & ~mask(size) | bits & mask(size);
            if (size == 32 && b.r.nextBoolean()) b.regs[b.reg] = bits;
          }
          b.undefined = OF | SF | AF | PF;
        });
        f(bt[op] + size + ".imm", b -> {
          b.op(size, o(0x0f, 0xba), 4 + o, ANY, size / 8, 1, b.r.nextInt(256));
          b.undefined = OF | SF | AF | PF;
        });
      }
      f("bsf" + size, b -> { b.op(size, o(0x0f, 0xbc), -1, ANY, size / 8, 0, 0); b.undefined = CF | OF | SF | AF | PF; });
      f("bsr" + size, b -> { b.op(size, o(0x0f, 0xbd), -1, ANY, size / 8, 0, 0); b.undefined = CF | OF | SF | AF | PF; });
      if (HostCpu.has("bmi1")) f("tzcnt" + size, b -> { b.b(0xf3); b.op(size, o(0x0f, 0xbc), -1, ANY, size / 8, 0, 0); b.undefined = OF | SF | AF | PF; });
      if (HostCpu.has("abm")) f("lzcnt" + size, b -> { b.b(0xf3); b.op(size, o(0x0f, 0xbd), -1, ANY, size / 8, 0, 0); b.undefined = OF | SF | AF | PF; });
      if (HostCpu.has("popcnt")) f("popcnt" + size, b -> { b.b(0xf3); b.op(size, o(0x0f, 0xb8), -1, ANY, size / 8, 0, 0); });
      for (int cc = 0; cc < 16; cc++) {
        final int c = cc;
        f("cmov" + cc + "." + size, b -> b.op(size, o(0x0f, 0x40 + c), -1, ANY, size / 8, 0, 0));
      }
      f("cbw" + size, b -> { if (size == 16) b.b(0x66); if (size == 64) b.b(0x48); b.b(0x98); });
      f("cwd" + size, b -> { if (size == 16) b.b(0x66); if (size == 64) b.b(0x48); b.b(0x99); });
    }
    for (int size : new int[] {32, 64}) {
      f("bswap" + size, b -> {
        int rg = b.r.nextInt(16);
        int rex = 0x40 | (size == 64 ? 8 : 0) | (rg >= 8 ? 1 : 0);
        if (rex != 0x40) b.b(rex);
        b.b(0x0f, 0xc8 + (rg & 7));
      });
    }
    f("movsxd64", b -> b.op(64, o(0x63), -1, ANY, 4, 0, 0));
    f("movsxd32", b -> b.op(32, o(0x63), -1, ANY, 4, 0, 0));
    for (int cc = 0; cc < 16; cc++) {
      final int c = cc;
      f("set" + cc, b -> b.op(8, o(0x0f, 0x90 + c), 0, ANY, 1, 0, 0));
    }
    f("cmpxchg8b", b -> cmpxchgWide(b, 32));
    f("cmpxchg16b", b -> cmpxchgWide(b, 64));
    f("lahf", b -> b.b(0x9f));
    f("sahf", b -> b.b(0x9e));
    f("clc", b -> b.b(0xf8));
    f("stc", b -> b.b(0xf9));
    f("cmc", b -> b.b(0xf5));
    f("cld", b -> b.b(0xfc));
    f("std", b -> b.b(0xfd));
    // String instructions.
    String[] sn = {"movs", "cmps", "stos", "lods", "scas"};
    int[] sop = {0xa4, 0xa6, 0xaa, 0xac, 0xae};
    for (int k = 0; k < 5; k++) {
      final int op = sop[k];
      boolean cmp = op == 0xa6 || op == 0xae;
      for (int size : SIZES) {
        for (int rep : new int[] {0, 0xf3, 0xf2}) {
          if (rep == 0xf2 && !cmp) continue;
          f(sn[k] + size + (rep == 0 ? "" : rep == 0xf3 ? ".rep" : ".repne"), b -> stringOp(b, op, size, rep, cmp));
          f(sn[k] + size + (rep == 0 ? "" : rep == 0xf3 ? ".rep" : ".repne") + ".a32", b -> {
            b.b(0x67);
            stringOp(b, op, size, rep, cmp);
            b.regs[6] |= b.r.nextLong() << 32;
            b.regs[7] |= b.r.nextLong() << 32;
            if (b.r.nextBoolean()) b.regs[1] |= b.r.nextLong() << 32;
          });
        }
      }
    }
    // Stack.
    f("push.r", b -> { stack(b); b.opReg(64, 0x50, b.r.nextInt(16)); });
    f("push16.r", b -> { stack(b); b.opReg(16, 0x50, b.r.nextInt(16)); });
    f("pop.r", b -> { stack(b); b.opReg(64, 0x58, b.r.nextInt(16)); });
    f("pop16.r", b -> { stack(b); b.opReg(16, 0x58, b.r.nextInt(16)); });
    f("push.imm8", b -> { stack(b); b.b(0x6a); b.imm(1, b.val(8)); });
    f("push.imm32", b -> { stack(b); b.b(0x68); b.imm(4, b.val(32)); });
    f("push16.imm", b -> { stack(b); b.b(0x66, 0x68); b.imm(2, b.val(16)); });
    f("push.rm", b -> { stack(b); b.noW = true; b.op(64, o(0xff), 6, ANY, 8, 0, 0); });
    f("pop.rm", b -> { stack(b); b.noW = true; b.op(64, o(0x8f), 0, ANY, 8, 0, 0); });
    f("pushf", b -> { stack(b); b.b(0x9c); });
    f("popf", b -> {
      stack(b);
      int off = (int) (b.regs[4] - IntCase.SCRATCH);
      b.poke(off, b.r.nextLong() & 0xcd5 | 0x202, 8);
      b.b(0x9d);
    });
    f("leave", b -> {
      stack(b);
      b.regs[5] = IntCase.SCRATCH + b.target(8);
      b.b(0xc9);
    });
    f("enter", b -> {
      stack(b);
      b.regs[5] = IntCase.SCRATCH + b.target(8);
      int level = b.r.nextInt(4) == 0 ? b.r.nextInt(32) : b.r.nextInt(3);
      b.b(0xc8);
      b.imm(2, b.r.nextInt(0x100));
      b.imm(1, b.r.nextInt(8) == 0 ? level | 0x20 : level);
    });
    f("nop", b -> b.b(0x90));
    // Prefix combinations: REX.W overrides 66; 66 on byte forms and F2/F3 on non-string forms are ignored.
    f("prefix.66w", b -> {
      b.b(0x66);
      int op = b.r.nextInt(8);
      b.op(64, o(op * 8 + 1 + 2 * b.r.nextInt(2)), -1, ANY, 8, 0, 0);
      b.undefined = op == 1 || op == 4 || op == 6 ? AF : 0;
    });
    f("prefix.66b", b -> {
      b.b(0x66);
      int op = b.r.nextInt(8);
      b.op(8, o(op * 8 + 2 * b.r.nextInt(2)), -1, ANY, 1, 0, 0);
      b.undefined = op == 1 || op == 4 || op == 6 ? AF : 0;
    });
    f("prefix.rep.alu", b -> {
      b.b(b.r.nextBoolean() ? 0xf3 : 0xf2);
      int op = b.r.nextInt(8), size = SIZES[b.r.nextInt(4)];
      b.op(size, o(op * 8 + (size == 8 ? 0 : 1)), -1, ANY, size / 8, 0, 0);
      b.undefined = op == 1 || op == 4 || op == 6 ? AF : 0;
    });
    f("pause", b -> b.b(0xf3, 0x90));
    f("endbr64", b -> b.b(0xf3, 0x0f, 0x1e, 0xfa));
    f("hint.nop", b -> b.op(32, o(0x0f, 0x19 + b.r.nextInt(7)), -1, ANY, 4, 0, 0));
    f("prefetch", b -> b.op(32, o(0x0f, 0x18), b.r.nextInt(4), MEM, 0, 0, 0));
    f("prefetchw", b -> b.op(32, o(0x0f, 0x0d), b.r.nextInt(8), MEM, 0, 0, 0));
    f("prefetchw.reg", b -> b.op(32, o(0x0f, 0x0d), b.r.nextInt(8), REG, 0, 0, 0));
    if (HostCpu.has("movbe")) {
      for (int size : WIDE) {
        f("movbe" + size + ".load", b -> b.op(size, o(0x0f, 0x38, 0xf0), -1, MEM, size / 8, 0, 0));
        f("movbe" + size + ".store", b -> b.op(size, o(0x0f, 0x38, 0xf1), -1, MEM, size / 8, 0, 0));
        f("movbe" + size + ".reg", b -> b.op(size, o(0x0f, 0x38, 0xf0 + b.r.nextInt(2)), -1, REG, 0, 0, 0));
      }
    }
    f("test.alias", b -> {
      int size = SIZES[b.r.nextInt(4)];
      b.op(size, o(size == 8 ? 0xf6 : 0xf7), 1, ANY, size / 8, immLen(size), b.val(32));
      b.undefined = AF;
    });
    f("sal.alias", b -> {
      int size = SIZES[b.r.nextInt(4)], c = shiftCount(b.r, size);
      b.op(size, o(size == 8 ? 0xc0 : 0xc1), 6, ANY, size / 8, 1, c);
      b.undefined = shiftUndefined(4, size, c);
    });
    f("push16.rm", b -> { stack(b); b.op(16, o(0xff), 6, ANY, 2, 0, 0); });
    f("pop16.rm", b -> { stack(b); b.op(16, o(0x8f), 0, ANY, 2, 0, 0); });
    f("pushf16", b -> { stack(b); b.b(0x66, 0x9c); });
    f("popf16", b -> {
      stack(b);
      b.poke((int) (b.regs[4] - IntCase.SCRATCH), b.r.nextLong() & 0xcd5 | 0x202, 2);
      b.b(0x66, 0x9d);
    });
    f("leave16", b -> {
      stack(b);
      b.regs[5] = b.regs[5] & ~0xffffL | IntCase.SCRATCH + b.target(8) & 0xffff;
      if ((b.regs[5] & ~0xffffL) != IntCase.SCRATCH) b.regs[5] = IntCase.SCRATCH + b.target(8); // keep it mapped
      b.b(0x66, 0xc9);
    });
    f("enter16", b -> {
      stack(b);
      b.regs[5] = IntCase.SCRATCH + b.target(8);
      b.b(0x66, 0xc8);
      b.imm(2, b.r.nextInt(0x100));
      b.imm(1, b.r.nextInt(4));
    });
    f("nop.modrm", b -> b.op(32, o(0x0f, 0x1f), 0, ANY, 4, 0, 0));
    f("xlat", b -> {
      b.regs[3] = IntCase.SCRATCH + b.target(1) - 0x80;
      if (b.r.nextBoolean()) b.b(0x48);
      b.b(0xd7);
    });
    // LOCK on read-modify-write memory forms; on a register form it is #UD.
    int[][] lockable = {{0x01}, {0x09}, {0x11}, {0x19}, {0x21}, {0x29}, {0x31}, {0x0f, 0xc1}, {0x0f, 0xb1}, {0x87},
        {0x0f, 0xab}, {0x0f, 0xb3}, {0x0f, 0xbb}};
    for (int[] opc : lockable) {
      String n = String.format("lock.%02x", opc[opc.length - 1]);
      f(n, b -> { b.b(0xf0); b.op(WIDE[b.r.nextInt(3)], opc, -1, MEM, 8, 0, 0); });
      f(n + ".reg", b -> { b.b(0xf0); b.op(WIDE[b.r.nextInt(3)], opc, -1, REG, 8, 0, 0); });
    }
    f("lock.inc", b -> { b.b(0xf0); b.op(SIZES[b.r.nextInt(4)], o(0xfe | b.r.nextInt(2)), b.r.nextInt(2), MEM, 8, 0, 0); });
    f("lock.neg", b -> { b.b(0xf0); b.op(SIZES[b.r.nextInt(4)], o(0xf6 | b.r.nextInt(2)), 2 + b.r.nextInt(2), MEM, 8, 0, 0); });
    f("lock.alu.imm", b -> { b.b(0xf0); b.op(32, o(0x83), b.r.nextInt(7), MEM, 4, 1, b.val(8)); });
    f("lock.cmp", b -> { b.b(0xf0); b.op(32, o(0x39), -1, MEM, 4, 0, 0); });
    f("lock.mov", b -> { b.b(0xf0); b.op(32, o(0x89), -1, MEM, 4, 0, 0); });
    // Opcodes invalid in 64-bit mode.
    for (int x : new int[] {0x06, 0x07, 0x0e, 0x16, 0x17, 0x1e, 0x1f, 0x27, 0x2f, 0x37, 0x3f, 0x60, 0x61, 0xce, 0xd4,
        0xd5, 0xd6}) {
      f(String.format("ud.%02x", x), b -> b.b(x, 0, 0));
    }
    f("ud.82", b -> b.op(8, o(0x82), b.r.nextInt(8), ANY, 1, 1, 1));
    f("ud2", b -> b.b(0x0f, 0x0b));
    // Memory operands outside any mapping.
    f("fault.load", b -> { b.b(0x48, 0x8b, 0x04 | b.r.nextInt(8) << 3, 0x25); b.imm(4, b.r.nextInt(0x10000)); });
    f("fault.store", b -> { b.b(0x89, 0x04 | b.r.nextInt(8) << 3, 0x25); b.imm(4, 0x0fff0000 + b.r.nextInt(0x10000)); });
    // Operands straddling the end of scratch (the next page is unmapped): no partial writes.
    f("fault.cross", b -> {
      int size = WIDE[b.r.nextInt(3)];
      int[][] ops = {{0x01}, {0x89}, {0x8b}, {0x0f, 0xc1}, {0x87}, {0x0f, 0xb1}, {0xd1}, {0xf7}};
      int[] opc = ops[b.r.nextInt(ops.length)];
      b.op(size, opc, opc[0] == 0xd1 ? 4 : opc[0] == 0xf7 ? 3 : -1, MEM, 0, 0, 0);
      int off = IntCase.SCRATCH_SIZE - 1 - b.r.nextInt(size / 8 - 1);
      retarget(b, off);
    });
    // String instructions running off the end (or, backwards, the start) of scratch.
    f("fault.rep", b -> {
      int size = SIZES[b.r.nextInt(4)];
      int op = new int[] {0xa4, 0xaa, 0xa6, 0xae, 0xac}[b.r.nextInt(5)];
      stringOp(b, op, size, b.r.nextInt(4) == 0 ? 0xf2 : 0xf3, op == 0xa6 || op == 0xae);
      boolean down = (b.flags & DF) != 0;
      int n = b.r.nextInt(40);
      long near = down ? IntCase.SCRATCH + b.r.nextInt(24) : IntCase.SCRATCH + IntCase.SCRATCH_SIZE - 1 - b.r.nextInt(24);
      if (b.r.nextBoolean()) b.regs[7] = near;
      else b.regs[6] = near;
      b.regs[1] = n;
    });
    f("fault.push", b -> { b.regs[4] = b.r.nextInt(0x10000); b.b(0x50 + b.r.nextInt(8)); });
    // Branches: the skipped instruction (INC R15) shows whether they were taken.
    for (int cc = 0; cc < 16; cc++) {
      final int c = cc;
      f("jcc" + cc + ".8", b -> { b.b(0x70 + c, 3); b.b(0x49, 0xff, 0xc7); });
      f("jcc" + cc + ".32", b -> { b.b(0x0f, 0x80 + c); b.imm(4, 3); b.b(0x49, 0xff, 0xc7); });
    }
    f("jmp.8", b -> b.b(0xeb, 3, 0x49, 0xff, 0xc7));
    f("jmp.32", b -> { b.b(0xe9); b.imm(4, 3); b.b(0x49, 0xff, 0xc7); });
    f("jrcxz", b -> { loopCount(b); if (b.r.nextBoolean()) b.b(0x67); b.b(0xe3, 3, 0x49, 0xff, 0xc7); });
    for (int k = 0; k < 3; k++) {
      final int op = 0xe0 + k;
      f(new String[] {"loopne", "loope", "loop"}[k], b -> {
        loopCount(b);
        if (b.r.nextInt(4) == 0) b.b(0x67);
        b.b(op, 3, 0x49, 0xff, 0xc7);
      });
    }
    f("call", b -> { stack(b); b.b(0xe8); b.imm(4, 3); b.b(0x49, 0xff, 0xc7); });
    f("call.rm", b -> {
      stack(b);
      b.reserved[15] = true;
      b.noW = true;
      b.op(64, o(0xff), 2, ANY, 0, 0, 0);
      b.noW = false;
      int len = b.out.size();
      long target = IntCase.CODE + len + 3;
      if (b.rm >= 0) b.regs[b.rm] = target;
      else b.poke(b.memOff, target, 8);
      b.b(0x49, 0xff, 0xc7);
    });
    f("jmp.rm", b -> {
      b.reserved[4] = b.reserved[15] = true;
      b.noW = true;
      b.op(64, o(0xff), 4, ANY, 0, 0, 0);
      b.noW = false;
      long target = IntCase.CODE + b.out.size() + 3;
      if (b.rm >= 0) b.regs[b.rm] = target;
      else b.poke(b.memOff, target, 8);
      b.b(0x49, 0xff, 0xc7);
    });
    f("ret", b -> {
      stack(b);
      boolean imm = b.r.nextBoolean();
      long target = IntCase.CODE + (imm ? 3 : 1) + 3;
      b.poke((int) (b.regs[4] - IntCase.SCRATCH), target, 8);
      if (imm) { b.b(0xc2); b.imm(2, b.r.nextInt(0x100)); } else b.b(0xc3);
      b.b(0x49, 0xff, 0xc7);
    });
  }

  static long mask(int size) {
    return size == 64 ? -1L : (1L << size) - 1;
  }

  static int dblCount(Random r, int size) {
    int c = shiftCount(r, size);
    if (size == 16) { // counts above 16 leave the result undefined
      c &= 31;
      if (c > 16) c = r.nextInt(17);
    }
    return c;
  }

  static long dblUndefined(int size, int c) {
    int m = c & (size == 64 ? 63 : 31);
    if (m == 0) return 0;
    return AF | (m != 1 ? OF : 0);
  }

  static void divSetup(B b, int size, boolean signed) {
    long m = mask(size);
    int choice = b.r.nextInt(8);
    if (size == 8) {
      if (choice == 0) return; // anything: overflow or divide by zero likely
      // AH mostly zero so that the quotient fits
      b.regs[0] = b.regs[0] & ~0xffffL | (b.r.nextInt(256)) | (b.r.nextInt(4) == 0 ? (long) b.r.nextInt(256) << 8 : 0);
      if (b.rm >= 0 && b.regs[b.rm] == 0 && b.r.nextBoolean()) b.regs[b.rm] |= 0x7;
      return;
    }
    if (choice == 0) return;
    long hi = signed ? (b.regs[0] & (1L << (size - 1))) != 0 ? m : 0 : 0;
    if (choice == 1) hi = b.r.nextInt(4);
    b.regs[2] = b.regs[2] & ~m | hi & m;
    if (size == 32) b.regs[2] &= 0xffffffffL;
  }

  static void cmpxchgWide(B b, int size) {
    b.reserved[0] = b.reserved[1] = b.reserved[2] = b.reserved[3] = true;
    b.noW = size == 32;
    b.op(64, o(0x0f, 0xc7), 1, MEM, 16, 0, 0);
    b.noW = false;
    if (b.r.nextBoolean()) { // make it succeed
      int half = size / 8;
      long lo = b.val(size), hi = b.val(size);
      b.poke(b.memOff, lo, half);
      b.poke(b.memOff + half, hi, half);
      b.regs[0] = b.regs[0] & ~mask(size) | lo & mask(size);
      b.regs[2] = b.regs[2] & ~mask(size) | hi & mask(size);
    }
  }

  /** Moves the last op()'s memory operand to scratch offset off (base+disp8 or absolute forms only). */
  static void retarget(B b, int off) {
    long addr = IntCase.SCRATCH + off, old = IntCase.SCRATCH + b.memOff;
    if (b.ripFixup >= 0) b.ripTarget = addr;
    else if (b.base >= 0) b.regs[b.base] += addr - old;
    else {
      byte[] code = b.out.toByteArray();
      int at = code.length - 4;
      long d = addr;
      b.out.reset();
      for (int k = 0; k < 4; k++) code[at + k] = (byte) (d >>> (8 * k));
      b.out.write(code, 0, code.length);
    }
    b.memOff = off;
  }

  static void loopCount(B b) {
    long[] v = {0, 1, 2, 0x100000000L, 0x100000001L, -1, 0xffffffffL};
    b.regs[1] = b.r.nextBoolean() ? v[b.r.nextInt(v.length)] : b.val(64);
  }

  static void stack(B b) {
    b.reserved[4] = true;
    b.regs[4] = IntCase.SCRATCH + b.target(8);
  }

  static void stringOp(B b, int op, int size, int rep, boolean cmp) {
    if (rep != 0) b.b(rep);
    if (size == 16) b.b(0x66);
    if (size == 64) b.b(0x48);
    b.b(size == 8 ? op : op + 1);
    int n = b.r.nextInt(10);
    if (rep != 0) b.regs[1] = b.r.nextInt(8) == 0 ? 0 : n;
    b.regs[6] = IntCase.SCRATCH + b.target(size / 8);
    b.regs[7] = IntCase.SCRATCH + b.target(size / 8);
    if (cmp) { // similar data so REPE/REPNE runs a while
      int bytes = 10 * size / 8;
      boolean down = (b.flags & DF) != 0;
      long si = b.regs[6] - IntCase.SCRATCH, di = b.regs[7] - IntCase.SCRATCH;
      if (down) {
        si -= bytes - size / 8;
        di -= bytes - size / 8;
      }
      int fill = b.r.nextInt(3);
      for (int k = 0; k < bytes; k++) {
        int v = fill == 0 ? 0 : fill == 1 ? 0x55 : b.r.nextInt(2);
        b.poke((int) (si + k), v, 1);
        b.poke((int) (di + k), b.r.nextInt(6) == 0 ? v ^ 1 : v, 1);
      }
      if (b.r.nextBoolean()) b.regs[0] = fill == 1 ? 0x5555555555555555L : 0;
    }
  }
}
