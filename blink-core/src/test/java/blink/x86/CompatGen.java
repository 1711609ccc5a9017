package blink.x86;

import static blink.x86.IntGen.AF;
import static blink.x86.IntGen.ALL;
import static blink.x86.IntGen.CF;
import static blink.x86.IntGen.DF;
import static blink.x86.IntGen.MULU;
import static blink.x86.IntGen.OF;
import static blink.x86.IntGen.PF;
import static blink.x86.IntGen.SF;
import static blink.x86.IntGen.ZF;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;

/**
 * Random instances of 32-bit-mode instructions for the compatibility-mode
 * differential tester: the BCD adjustments, and the forms whose decoding or
 * execution differs from 64-bit mode (INC/DEC 40-4F, stack operations through
 * ESP, PUSHA/POPA, segment pushes and pops, near branches and returns with 32-bit
 * EIP, 16-bit operand sizes, 32-bit and 16-bit (67h) addressing, string
 * instructions, LEA, SALC, INTO, BOUND, ARPL, LES/LDS, MOV Sreg, 82h). Each form
 * is a name and a generator; the flags the SDM leaves undefined are recorded.
 */
final class CompatGen {
  private CompatGen() {}

  static final int EAX = 0, ECX = 1, EDX = 2, EBX = 3, ESP = 4, EBP = 5, ESI = 6, EDI = 7;
  static final int REG = 1, MEM = 2, ANY = 0;

  record Form(String name, Consumer<G> gen) {}

  static final List<Form> FORMS = new ArrayList<>();

  private static void f(String name, Consumer<G> g) {
    FORMS.add(new Form(name, g));
  }

  /** Builds one case. */
  static final class G {
    final Random r;
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final long[] regs = new long[8];
    long flags, undefined;
    boolean needsLow;
    /** A register the memory operand must not use as base or index (it is the instruction's own operand). */
    int avoid = -1;
    final List<Integer> pokes = new ArrayList<>();

    /** The mode the case runs in: 32-bit, or 16-bit (default operand and address size 16, SP stack). */
    final Mode mode;
    final boolean m16;

    G(Random r, Mode mode) {
      this.r = r;
      this.mode = mode;
      this.m16 = mode == Mode.REAL_16;
      for (int k = 0; k < 8; k++) regs[k] = val(32);
      if (m16) regs[ESP] = regs[ESP] & 0xffff0000L | 0x7800 + 2 * (r.nextInt(64) - 32);
      else regs[ESP] = CompatCase.SCRATCH + 0x1000 + 4 * (r.nextInt(64) - 32);
      flags = r.nextLong() & 0xcd5 | 2;
      if (r.nextInt(4) != 0) flags &= ~DF;
    }

    /** Where the case's code starts. */
    long code() {
      return CompatCase.code(mode);
    }

    /** Emits 66h when an operand size of 16 or 32 bits is not the mode's default. */
    void osz(int size) {
      if (size != 8 && (size == 16) != m16) b(0x66);
    }

    /** Emits 67h when the addressing (16-bit or 32-bit) is not the mode's default. */
    void asz(boolean a16) {
      if (a16 != m16) b(0x67);
    }

    /** Bytes of a near branch displacement or return address at the default operand size. */
    int ipLen() {
      return m16 ? 2 : 4;
    }

    /** The linear address of the top of the stack (SS base 0; SP only in 16-bit mode). */
    long sp() {
      return m16 ? regs[ESP] & 0xffff : regs[ESP];
    }

    /** A frame pointer value for ENTER/LEAVE in stack memory. */
    long frame() {
      return m16 ? regs[EBP] & 0xffff0000L | 0x7600 + 4 * r.nextInt(64) : CompatCase.SCRATCH + 0x1400 + 4 * r.nextInt(64);
    }

    long val(int bits) {
      long sign = 1L << (bits - 1), mask = bits == 64 ? -1L : (1L << bits) - 1;
      long v = switch (r.nextInt(12)) {
        case 0 -> 0;
        case 1 -> 1;
        case 2 -> -1;
        case 3 -> sign;
        case 4 -> sign - 1;
        case 5 -> sign + 1;
        case 6 -> r.nextInt(64) - 32;
        case 7 -> r.nextLong() >>> r.nextInt(64);
        case 8 -> 1L << r.nextInt(bits);
        default -> r.nextLong();
      };
      return v & mask;
    }

    void b(int... bytes) {
      for (int x : bytes) out.write(x);
    }

    void imm(int len, long v) {
      for (int k = 0; k < len; k++) out.write((int) (v >>> (8 * k)));
    }

    /** Pokes len bytes of v at a scratch offset (offsets past the scratch area are in the low area). */
    void poke(int off, long v, int len) {
      for (int k = 0; k < len; k++) {
        pokes.add(off + k);
        pokes.add((int) (v >>> (8 * k)) & 0xff);
      }
    }

    /** Pokes at a 32-bit linear address inside scratch or the low area. */
    void pokeAt(long addr, long v, int len) {
      int off = addr >= CompatCase.SCRATCH ? (int) (addr - CompatCase.SCRATCH)
          : CompatCase.SCRATCH_SIZE + (int) (addr - CompatCase.LOW);
      poke(off, v, len);
    }

    int pick() {
      return r.nextInt(8);
    }

    /** A register that may carry an address (not ESP, which must keep pointing at the stack). */
    int pickAddr(int not) {
      for (;;) {
        int x = r.nextInt(8);
        if (x != ESP && x != not && x != avoid) return x;
      }
    }

    /** A base register for 32-bit addressing: in 16-bit mode not EBP, whose default SS has a 64 KiB limit. */
    int pickBase(int not) {
      for (;;) {
        int x = pickAddr(not);
        if (!m16 || x != EBP) return x;
      }
    }

    /**
     * Emits ModRM (+SIB, displacement) for ModRM.reg = reg and an r/m that is a
     * register (mode REG), memory (MEM) or either; a16 selects 16-bit addressing
     * (the caller has emitted 67h). memLen bytes of an interesting value are poked
     * at the memory operand. Returns the operand's linear address, or -1 for a register.
     */
    long rm(int reg, int mode, boolean a16, int memLen) {
      boolean mem = mode == MEM || mode == ANY && r.nextInt(2) == 0;
      if (!mem) {
        b(0xc0 | reg << 3 | pick());
        return -1;
      }
      long addr;
      if (a16) {
        needsLow = true;
        int target = 0x7000 + (r.nextInt(0xf00) & (r.nextBoolean() ? -4 : -1));
        addr = target;
        int[] base = {EBX, EBX, EBP, EBP, -1, -1, EBP, EBX}, index = {ESI, EDI, ESI, EDI, ESI, EDI, -1, -1};
        int rmv, mod;
        do {
          rmv = r.nextInt(8);
          mod = r.nextInt(3);
        } while (avoid >= 0 && (base[rmv] == avoid || index[rmv] == avoid) && !(rmv == 6 && mod == 0));
        if (rmv == 6 && mod == 0) {
          b(reg << 3 | 6);
          imm(2, target);
        } else {
          long disp = mod == 0 ? 0 : mod == 1 ? r.nextInt(256) - 128 : r.nextInt(0x10000);
          long rest = target - disp;
          if (base[rmv] >= 0 && index[rmv] >= 0) {
            long bv = r.nextInt(0x10000);
            setLow16(base[rmv], bv);
            setLow16(index[rmv], rest - bv);
          } else {
            setLow16(base[rmv] >= 0 ? base[rmv] : index[rmv], rest);
          }
          b(mod << 6 | reg << 3 | rmv);
          imm(mod, disp);
        }
      } else {
        addr = CompatCase.SCRATCH + 0x200 + (r.nextInt(0x1a00) & (r.nextBoolean() ? -8 : -1));
        switch (r.nextInt(5)) {
          case 0 -> { // [base]
            int base;
            do base = pickBase(-1); while (base == EBP);
            regs[base] = addr;
            b(reg << 3 | base);
          }
          case 1 -> { // [base + disp8], ESP included
            int base = r.nextInt(4) == 0 && !m16 ? ESP : pickBase(-1);
            long disp = r.nextInt(256) - 128;
            if (base == ESP) addr = regs[ESP] + disp;
            else regs[base] = addr - disp & 0xffffffffL;
            b(0x40 | reg << 3 | base);
            if (base == ESP) b(0x24);
            imm(1, disp);
          }
          case 2 -> { // [disp32]
            b(reg << 3 | 5);
            imm(4, addr);
          }
          case 3 -> { // [base + index*scale + disp32]
            int base = pickBase(-1), index = pickAddr(base), scale = r.nextInt(4);
            long iv = val(32), disp = val(32);
            regs[index] = iv;
            regs[base] = addr - disp - (iv << scale) & 0xffffffffL;
            b(0x84 | reg << 3, scale << 6 | index << 3 | base);
            imm(4, disp);
          }
          default -> { // [index*scale + disp32]
            int index = pickAddr(-1), scale = r.nextInt(4);
            long iv = r.nextInt(0x400);
            regs[index] = iv;
            b(reg << 3 | 4, scale << 6 | index << 3 | 5);
            imm(4, addr - (iv << scale));
          }
        }
      }
      if (memLen > 0) pokeAt(addr, val(Math.min(memLen, 8) * 8), Math.min(memLen, 8));
      return addr;
    }

    private void setLow16(int reg, long v) {
      regs[reg] = regs[reg] & 0xffff0000L | v & 0xffff;
    }

    CompatCase build(String name, long seed) {
      CompatCase c = new CompatCase(name, out.toByteArray(), mode);
      System.arraycopy(regs, 0, c.regs, 0, 8);
      c.flags = flags;
      c.seed = seed;
      c.pokes.addAll(pokes);
      c.undefined = undefined;
      c.needsLow = needsLow;
      return c;
    }
  }

  static CompatCase make(Form f, Random r, Mode mode) {
    G g = new G(r, mode);
    f.gen.accept(g);
    return g.build(f.name, r.nextLong());
  }

  /**
   * Whether a form applies to 16-bit code. The host runs 16-bit code in a 16-bit
   * protected-mode segment, where loading segment registers means descriptors, not
   * real mode's selector << 4, and ARPL exists: those forms are 32-bit only.
   */
  static boolean in16(String name) {
    return !name.matches("pop\\d+\\.seg.*|lesds.*|movtoseg|arpl");
  }

  /** DAA, DAS, AAA, AAS for every AL, AF and CF (AH and the other registers random). */
  static List<CompatCase> bcdExhaustive(Random r, Mode mode) {
    List<CompatCase> cases = new ArrayList<>();
    String[] names = {"daa", "das", "aaa", "aas"};
    int[] ops = {0x27, 0x2f, 0x37, 0x3f};
    for (int k = 0; k < 4; k++) {
      for (int in = 0; in < 1024; in++) {
        G g = new G(r, mode);
        g.b(ops[k]);
        g.regs[EAX] = g.regs[EAX] & ~0xffL | in & 0xff;
        g.flags = g.flags & ~(AF | CF) | ((in & 0x100) != 0 ? AF : 0) | ((in & 0x200) != 0 ? CF : 0);
        g.undefined = bcdUndefined(ops[k]);
        cases.add(g.build(names[k] + ".all", r.nextLong()));
      }
    }
    return cases;
  }

  /** AAM and AAD for every AL and imm8 (AH random). */
  static List<CompatCase> asciiExhaustive(Random r, Mode mode) {
    List<CompatCase> cases = new ArrayList<>();
    for (int op : new int[] {0xd4, 0xd5}) {
      for (int in = 0; in < 65536; in++) {
        G g = new G(r, mode);
        g.b(op, in >> 8);
        g.regs[EAX] = g.regs[EAX] & ~0xffL | in & 0xff;
        g.undefined = bcdUndefined(op);
        cases.add(g.build(op == 0xd4 ? "aam.all" : "aad.all", r.nextLong()));
      }
    }
    return cases;
  }

  /**
   * Flags the SDM calls undefined: OF for DAA/DAS; OF SF ZF PF for AAA/AAS; OF AF
   * CF for AAM/AAD. The emulator reproduces what an AMD host does with them (see
   * {@link blink.x86.ops.Bcd}), so on AMD hosts they are compared too; elsewhere
   * they are masked. blink.test.bcdUndefined=host or =mask forces either.
   */
  static long bcdUndefined(int op) {
    if (COMPARE_UNDEFINED) return 0;
    return switch (op) {
      case 0x27, 0x2f -> OF;
      case 0x37, 0x3f -> OF | SF | ZF | PF;
      default -> OF | AF | CF;
    };
  }

  private static final boolean COMPARE_UNDEFINED = compareUndefined();

  private static boolean compareUndefined() {
    String p = System.getProperty("blink.test.bcdUndefined", "");
    if (!p.isEmpty()) return p.equals("host");
    try {
      return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/cpuinfo")).contains("AuthenticAMD");
    } catch (java.io.IOException | RuntimeException e) {
      return false;
    }
  }

  static int immLen(int size) {
    return size == 16 ? 2 : size == 8 ? 1 : 4;
  }

  static final int[] SIZES = {8, 16, 32}, WIDE = {16, 32};

  static {
    // ------------------------------------------------------------ BCD
    String[] bcd = {"daa", "das", "aaa", "aas"};
    int[] bcdOp = {0x27, 0x2f, 0x37, 0x3f};
    for (int k = 0; k < 4; k++) {
      int op = bcdOp[k];
      f(bcd[k], g -> {
        g.b(op);
        g.regs[EAX] = g.regs[EAX] & ~0xffffL | g.r.nextInt(0x10000);
        g.undefined = bcdUndefined(op);
      });
    }
    for (int op : new int[] {0xd4, 0xd5}) {
      f(op == 0xd4 ? "aam" : "aad", g -> {
        int base = switch (g.r.nextInt(4)) {
          case 0 -> 10;
          case 1 -> g.r.nextInt(4) == 0 ? 0 : 1 + g.r.nextInt(16);
          default -> g.r.nextInt(256);
        };
        g.b(op, base);
        g.undefined = bcdUndefined(op);
      });
    }
    f("salc", g -> g.b(0xd6));

    // ------------------------------------------------------------ INC/DEC 40-4F
    for (int size : WIDE) {
      f("inc" + size + ".r", g -> { g.osz(size); g.b(0x40 + g.pick()); });
      f("dec" + size + ".r", g -> { g.osz(size); g.b(0x48 + g.pick()); });
    }

    // ------------------------------------------------------------ ALU, 32- and 16-bit addressing
    for (int op = 0; op < 8; op++) {
      int o = op;
      long u = op == 1 || op == 4 || op == 6 ? AF : 0;
      for (int size : SIZES) {
        int s8 = size == 8 ? 0 : 1;
        for (boolean a16 : new boolean[] {false, true}) {
          String n = "alu" + o + "." + size + (a16 ? ".a16" : "");
          f(n + ".rm_r", g -> { g.osz(size); g.asz(a16); g.b(o * 8 + s8); g.rm(g.pick(), a16 ? MEM : ANY, a16, size / 8); g.undefined = u; });
          f(n + ".r_rm", g -> { g.osz(size); g.asz(a16); g.b(o * 8 + 2 + s8); g.rm(g.pick(), a16 ? MEM : ANY, a16, size / 8); g.undefined = u; });
          f(n + ".imm", g -> {
            g.osz(size);
            g.asz(a16);
            int opc = size == 8 ? (g.r.nextBoolean() ? 0x80 : 0x82) : g.r.nextBoolean() ? 0x81 : 0x83;
            g.b(opc);
            g.rm(o, a16 ? MEM : ANY, a16, size / 8);
            g.imm(opc == 0x81 ? immLen(size) : 1, g.val(32));
            g.undefined = u;
          });
        }
        f("alu" + o + "." + size + ".acc_imm", g -> { g.osz(size); g.b(o * 8 + 4 + s8); g.imm(immLen(size), g.val(32)); g.undefined = u; });
      }
    }
    for (int size : SIZES) {
      int s8 = size == 8 ? 0 : 1;
      for (boolean a16 : new boolean[] {false, true}) {
        String n = "." + size + (a16 ? ".a16" : "");
        f("mov" + n + ".rm_r", g -> { g.osz(size); g.asz(a16); g.b(0x88 + s8); g.rm(g.pick(), a16 ? MEM : ANY, a16, size / 8); });
        f("mov" + n + ".r_rm", g -> { g.osz(size); g.asz(a16); g.b(0x8a + s8); g.rm(g.pick(), a16 ? MEM : ANY, a16, size / 8); });
        f("mov" + n + ".rm_imm", g -> { g.osz(size); g.asz(a16); g.b(0xc6 + s8); g.rm(0, a16 ? MEM : ANY, a16, size / 8); g.imm(immLen(size), g.val(32)); });
        f("xchg" + n, g -> { g.osz(size); g.asz(a16); g.b(0x86 + s8); g.rm(g.pick(), a16 ? MEM : ANY, a16, size / 8); });
        f("test" + n, g -> { g.osz(size); g.asz(a16); g.b(0x84 + s8); g.rm(g.pick(), a16 ? MEM : ANY, a16, size / 8); g.undefined = AF; });
        f("not" + n, g -> { g.osz(size); g.asz(a16); g.b(0xf6 + s8); g.rm(2, a16 ? MEM : ANY, a16, size / 8); });
        f("neg" + n, g -> { g.osz(size); g.asz(a16); g.b(0xf6 + s8); g.rm(3, a16 ? MEM : ANY, a16, size / 8); });
        f("mul" + n, g -> { g.osz(size); g.asz(a16); g.b(0xf6 + s8); g.rm(4, a16 ? MEM : ANY, a16, size / 8); g.undefined = MULU; });
        f("imul" + n, g -> { g.osz(size); g.asz(a16); g.b(0xf6 + s8); g.rm(5, a16 ? MEM : ANY, a16, size / 8); g.undefined = MULU; });
        f("incdec" + n + ".rm", g -> { g.osz(size); g.asz(a16); g.b(size == 8 ? 0xfe : 0xff); g.rm(g.r.nextInt(2), a16 ? MEM : ANY, a16, size / 8); });
      }
      f("mov." + size + ".r_imm", g -> { g.osz(size); g.b((size == 8 ? 0xb0 : 0xb8) + g.pick()); g.imm(immLen(size), g.val(32)); });
      for (boolean a16 : new boolean[] {false, true}) {
        f("mov." + size + (a16 ? ".a16" : "") + ".moffs", g -> {
          g.osz(size);
          g.asz(a16);
          g.b((g.r.nextBoolean() ? 0xa0 : 0xa2) + s8);
          long addr = a16 ? 0x7000 + g.r.nextInt(0xf00) : CompatCase.SCRATCH + 0x200 + g.r.nextInt(0x1a00);
          g.needsLow |= a16;
          g.imm(a16 ? 2 : 4, addr);
          g.pokeAt(addr, g.val(32), size / 8);
        });
      }
    }
    for (int size : WIDE) {
      for (boolean a16 : new boolean[] {false, true}) {
        String n = "." + size + (a16 ? ".a16" : "");
        f("lea" + n, g -> {
          g.osz(size);
          g.asz(a16);
          g.b(0x8d);
          g.rm(g.pick(), MEM, a16, 0);
          g.needsLow = false; // LEA does not touch memory
        });
        f("imul" + n + ".r_rm", g -> { g.osz(size); g.asz(a16); g.b(0x0f, 0xaf); g.rm(g.pick(), a16 ? MEM : ANY, a16, size / 8); g.undefined = MULU; });
        f("imul" + n + ".r_rm_imm", g -> {
          g.osz(size);
          g.asz(a16);
          boolean b8 = g.r.nextBoolean();
          g.b(b8 ? 0x6b : 0x69);
          g.rm(g.pick(), a16 ? MEM : ANY, a16, size / 8);
          g.imm(b8 ? 1 : immLen(size), g.val(32));
          g.undefined = MULU;
        });
        f("movzx" + n, g -> { g.osz(size); g.asz(a16); g.b(0x0f, 0xb6 + g.r.nextInt(2)); g.rm(g.pick(), a16 ? MEM : ANY, a16, 2); });
        f("movsx" + n, g -> { g.osz(size); g.asz(a16); g.b(0x0f, 0xbe + g.r.nextInt(2)); g.rm(g.pick(), a16 ? MEM : ANY, a16, 2); });
        f("cmov" + n, g -> { g.osz(size); g.asz(a16); g.b(0x0f, 0x40 + g.r.nextInt(16)); g.rm(g.pick(), a16 ? MEM : ANY, a16, size / 8); });
      }
      f("cbw." + size, g -> { g.osz(size); g.b(0x98); });
      f("cwd." + size, g -> { g.osz(size); g.b(0x99); });
      f("xchg." + size + ".acc", g -> { g.osz(size); g.b(0x90 + g.pick()); });
    }
    // Shifts, rotates, DIV/IDIV, bit tests, CMPXCHG/XADD: 64-bit handlers under 32/16-bit decoding.
    for (int size : SIZES) {
      int s8 = size == 8 ? 0 : 1;
      for (int op = 0; op < 8; op++) {
        if (op == 6) continue;
        int o = op;
        String n = new String[] {"rol", "ror", "rcl", "rcr", "shl", "shr", "sal", "sar"}[op] + size;
        f(n + ".cl", g -> {
          boolean a16 = g.r.nextBoolean();
          g.osz(size);
          g.asz(a16);
          g.b(0xd2 + s8);
          g.avoid = ECX;
          g.rm(o, ANY, a16, size / 8);
          int c = IntGen.shiftCount(g.r, size);
          g.regs[ECX] = g.regs[ECX] & ~0xffL | c;
          g.undefined = IntGen.shiftUndefined(o, size, c);
        });
        f(n + ".imm", g -> {
          boolean a16 = g.r.nextBoolean();
          g.osz(size);
          g.asz(a16);
          g.b(0xc0 + s8);
          g.rm(o, ANY, a16, size / 8);
          int c = IntGen.shiftCount(g.r, size);
          g.b(c);
          g.undefined = IntGen.shiftUndefined(o, size, c);
        });
      }
      for (int op = 6; op < 8; op++) {
        int o = op;
        f((op == 6 ? "div" : "idiv") + size, g -> {
          boolean a16 = g.r.nextBoolean();
          g.osz(size);
          g.asz(a16);
          g.b(0xf6 + s8);
          g.avoid = size == 8 ? EAX : EDX;
          g.rm(o, ANY, a16, size / 8);
          if (g.r.nextBoolean()) g.regs[EDX] = g.regs[EDX] & ~0xffffffffL | g.r.nextInt(4);
          if (size == 8 && g.r.nextBoolean()) g.regs[EAX] &= ~0xff00L;
          g.undefined = ALL;
        });
      }
      f("cmpxchg" + size, g -> { boolean a16 = g.r.nextBoolean(); g.osz(size); g.asz(a16); g.b(0x0f, 0xb0 + s8); g.rm(g.pick(), ANY, a16, size / 8); });
      f("xadd" + size, g -> { boolean a16 = g.r.nextBoolean(); g.osz(size); g.asz(a16); g.b(0x0f, 0xc0 + s8); g.rm(g.pick(), ANY, a16, size / 8); });
    }
    for (int size : WIDE) {
      String[] bt = {"bt", "bts", "btr", "btc"};
      for (int op = 0; op < 4; op++) {
        int o = op;
        f(bt[op] + size + ".r", g -> {
          boolean a16 = g.r.nextBoolean();
          g.osz(size);
          g.asz(a16);
          g.b(0x0f, 0xa3 + 8 * o);
          int reg = g.pick();
          g.avoid = reg;
          long at = g.rm(reg, ANY, a16, size / 8);
          if (at >= 0 && reg != ESP) { // bit offsets reaching outside the addressed word, within the area
            long bits = a16 ? g.r.nextInt(128) - 64 : g.r.nextInt(0x1000) - 0x800;
            long m = size == 16 ? 0xffffL : 0xffffffffL;
            g.regs[reg] = g.regs[reg] & ~m | bits & m;
          }
          g.undefined = OF | SF | AF | PF;
        });
        f(bt[op] + size + ".imm", g -> {
          boolean a16 = g.r.nextBoolean();
          g.osz(size);
          g.asz(a16);
          g.b(0x0f, 0xba);
          g.rm(4 + o, ANY, a16, size / 8);
          g.b(g.r.nextInt(256));
          g.undefined = OF | SF | AF | PF;
        });
      }
      f("bsf" + size, g -> { g.osz(size); g.b(0x0f, 0xbc); g.rm(g.pick(), REG, false, 0); g.undefined = CF | OF | SF | AF | PF; });
      f("bsr" + size, g -> { g.osz(size); g.b(0x0f, 0xbd); g.rm(g.pick(), REG, false, 0); g.undefined = CF | OF | SF | AF | PF; });
    }
    f("setcc", g -> { boolean a16 = g.r.nextBoolean(); g.asz(a16); g.b(0x0f, 0x90 + g.r.nextInt(16)); g.rm(0, ANY, a16, 1); });
    f("bswap", g -> { g.b(0x0f, 0xc8 + g.pick()); });
    f("xlat", g -> {
      boolean a16 = g.r.nextBoolean();
      g.asz(a16);
      if (a16) g.regs[EBX] = g.regs[EBX] & 0xffff0000L | 0x7400 + g.r.nextInt(0x800);
      else g.regs[EBX] = CompatCase.SCRATCH + 0x400 + g.r.nextInt(0x1000);
      g.needsLow |= a16;
      g.b(0xd7);
    });

    // ------------------------------------------------------------ stack
    for (int size : WIDE) {
      f("push" + size + ".r", g -> { g.osz(size); g.b(0x50 + g.pick()); });
      f("pop" + size + ".r", g -> { g.osz(size); g.b(0x58 + g.pick()); });
      f("push" + size + ".imm", g -> {
        g.osz(size);
        boolean b8 = g.r.nextBoolean();
        g.b(b8 ? 0x6a : 0x68);
        g.imm(b8 ? 1 : immLen(size), g.val(32));
      });
      f("push" + size + ".rm", g -> { boolean a16 = g.r.nextBoolean(); g.osz(size); g.asz(a16); g.b(0xff); g.rm(6, ANY, a16, size / 8); });
      f("pop" + size + ".rm", g -> { boolean a16 = g.r.nextBoolean(); g.osz(size); g.asz(a16); g.b(0x8f); g.rm(0, ANY, a16, size / 8); });
      f("pushf" + size, g -> { g.osz(size); g.b(0x9c); });
      f("popf" + size, g -> {
        g.osz(size);
        g.b(0x9d);
        g.pokeAt(g.sp(), g.r.nextLong() & 0xcd5 | (g.r.nextBoolean() ? 1L << 21 : 0), 4);
      });
      f("pusha" + size, g -> { g.osz(size); g.b(0x60); });
      f("popa" + size, g -> { g.osz(size); g.b(0x61); });
      f("enter" + size, g -> {
        g.osz(size);
        g.regs[EBP] = g.frame();
        g.b(0xc8);
        g.imm(2, g.r.nextInt(64));
        g.b(g.r.nextInt(4));
      });
      f("leave" + size, g -> {
        g.osz(size);
        g.regs[EBP] = g.frame();
        g.b(0xc9);
      });
      int[][] segs = {{0x06, 0x07}, {0x0e, -1}, {0x16, 0x17}, {0x1e, 0x1f}};
      for (int[] s : segs) {
        f("push" + size + ".seg" + Integer.toHexString(s[0]), g -> { g.osz(size); g.b(s[0]); });
        if (s[1] < 0) continue;
        f("pop" + size + ".seg" + Integer.toHexString(s[1]), g -> {
          g.osz(size);
          g.b(s[1]);
          long sel = g.r.nextInt(8) == 0 ? (s[1] == 0x17 ? 0x23 : 0x1234) : 0x2b;
          g.pokeAt(g.sp(), sel | (g.r.nextBoolean() ? 0xabcd0000L : 0), 4);
        });
      }
      f("push" + size + ".fsgs", g -> { g.osz(size); g.b(0x0f, g.r.nextBoolean() ? 0xa0 : 0xa8); });
    }

    // ------------------------------------------------------------ branches (EIP stays 32-bit)
    f("call.rel32", g -> {
      int skip = g.r.nextInt(4);
      g.b(0xe8);
      g.imm(g.ipLen(), skip);
      for (int k = 0; k < skip; k++) g.b(0x40);
    });
    f("call.rm", g -> {
      // The target is the end of the case; the length is known before the operand is chosen.
      callOrJmp(g, 2);
    });
    f("jmp.rm", g -> callOrJmp(g, 4));
    f("ret", g -> {
      boolean imm = g.r.nextBoolean();
      int len = imm ? 3 : 1;
      g.b(imm ? 0xc2 : 0xc3);
      if (imm) g.imm(2, 4 * g.r.nextInt(16));
      g.pokeAt(g.sp(), g.code() + len, g.ipLen());
    });
    f("jmp.rel", g -> {
      boolean rel8 = g.r.nextBoolean();
      int skip = 1 + g.r.nextInt(3);
      g.b(rel8 ? 0xeb : 0xe9);
      g.imm(rel8 ? 1 : g.ipLen(), skip);
      for (int k = 0; k < skip; k++) g.b(0x40);
    });
    f("jcc.rel", g -> {
      boolean rel8 = g.r.nextBoolean();
      int skip = 1 + g.r.nextInt(3);
      if (rel8) g.b(0x70 + g.r.nextInt(16));
      else g.b(0x0f, 0x80 + g.r.nextInt(16));
      g.imm(rel8 ? 1 : g.ipLen(), skip);
      for (int k = 0; k < skip; k++) g.b(0x40);
    });
    f("loop", g -> {
      g.asz(g.r.nextBoolean());
      g.b(0xe0 + g.r.nextInt(4), 1, 0x40);
      if (g.r.nextBoolean()) g.regs[ECX] = g.regs[ECX] & ~0xffffL | g.r.nextInt(3);
    });
    f("into", g -> g.b(0xce));

    // ------------------------------------------------------------ strings
    int[] strOps = {0xa4, 0xa6, 0xaa, 0xac, 0xae};
    String[] strNames = {"movs", "cmps", "stos", "lods", "scas"};
    for (int k = 0; k < 5; k++) {
      int op = strOps[k];
      for (int size : SIZES) {
        for (boolean a16 : new boolean[] {false, true}) {
          f(strNames[k] + size + (a16 ? ".a16" : ""), g -> {
            int rep = g.r.nextInt(3);
            if (rep == 1) g.b(0xf3);
            if (rep == 2) g.b(0xf2);
            g.osz(size);
            g.asz(a16);
            g.b(op + (size == 8 ? 0 : 1));
            long count = g.r.nextInt(12);
            if (a16) {
              g.needsLow = true;
              g.regs[ESI] = g.regs[ESI] & 0xffff0000L | 0x7200 + g.r.nextInt(0x200);
              g.regs[EDI] = g.regs[EDI] & 0xffff0000L | 0x7a00 + g.r.nextInt(0x200);
              g.regs[ECX] = g.regs[ECX] & 0xffff0000L | count;
            } else {
              g.regs[ESI] = CompatCase.SCRATCH + 0x400 + g.r.nextInt(0x600);
              g.regs[EDI] = CompatCase.SCRATCH + 0x1400 + g.r.nextInt(0x600);
              g.regs[ECX] = count;
            }
            // Overlapping, but not closer than 8 bytes: AMD's REP MOVS reads ahead of its
            // stores when the destination is just above the source (not the SDM's sequential rule).
            if (g.r.nextInt(4) == 0) g.regs[EDI] = g.regs[ESI] + (g.r.nextBoolean() ? 8 : -40) + g.r.nextInt(32);
          });
        }
      }
    }

    // ------------------------------------------------------------ legacy-only one-byte opcodes
    for (int size : WIDE) {
      f("bound" + size, g -> {
        g.osz(size);
        boolean a16 = g.r.nextBoolean();
        g.asz(a16);
        g.b(0x62);
        int reg = g.pick();
        g.avoid = reg;
        long at = g.rm(reg, MEM, a16, 0);
        long lo = g.val(size), hi = g.val(size);
        if (g.r.nextBoolean()) {
          long a = Math.min(sx(lo, size), sx(hi, size)), b = Math.max(sx(lo, size), sx(hi, size));
          lo = a;
          hi = b;
        }
        g.pokeAt(at, lo, size / 8);
        g.pokeAt(at + size / 8, hi, size / 8);
        if (g.r.nextBoolean()) g.regs[reg] = g.regs[reg] & ~(size == 16 ? 0xffffL : 0xffffffffL) | (sx(lo, size) + g.r.nextInt(5) - 2) & (size == 16 ? 0xffffL : 0xffffffffL);
      });
      f("lesds" + size, g -> {
        g.osz(size);
        g.asz(false);
        g.b(g.r.nextBoolean() ? 0xc4 : 0xc5);
        long at = g.rm(g.pick(), MEM, false, 0);
        g.pokeAt(at, g.val(32), size / 8);
        g.pokeAt(at + size / 8, g.r.nextInt(8) == 0 ? 0x1234 : 0x2b, 2);
      });
      f("movfromseg" + size, g -> { boolean a16 = g.r.nextBoolean(); g.osz(size); g.asz(a16); g.b(0x8c); g.rm(g.r.nextInt(4), ANY, a16, 2); });
    }
    f("arpl", g -> { g.asz(false); g.b(0x63); g.rm(g.pick(), ANY, false, 2); });
    f("movtoseg", g -> {
      g.asz(false);
      g.b(0x8e);
      int reg = g.r.nextBoolean() ? 0 : 3;
      long at = g.rm(reg, MEM, false, 0);
      g.pokeAt(at, g.r.nextInt(8) == 0 ? 0x1234 : 0x2b, 2);
    });
  }

  private static long sx(long v, int size) {
    return size == 16 ? (short) v : (int) v;
  }

  /** CALL/JMP r/m32 (FF /2, /4) to the end of the case, through a register or memory. */
  private static void callOrJmp(G g, int digit) {
    boolean a16 = g.r.nextBoolean();
    g.asz(a16);
    g.b(0xff);
    int before = g.out.size();
    long at = g.rm(digit, ANY, a16, 0);
    long end = g.code() + g.out.size();
    if (at < 0) {
      int rm = g.out.toByteArray()[before] & 7;
      if (rm == ESP) { // keep ESP a stack pointer: use another register
        byte[] bytes = g.out.toByteArray();
        g.out.reset();
        bytes[before] = (byte) (bytes[before] & ~7 | EAX);
        g.out.write(bytes, 0, bytes.length);
        rm = EAX;
      }
      g.regs[rm] = end;
    } else {
      g.pokeAt(at, end, 4);
    }
  }
}
