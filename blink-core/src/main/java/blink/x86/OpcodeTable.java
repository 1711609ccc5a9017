package blink.x86;

/**
 * The opcode maps (Intel SDM Vol. 2 App. A) as a table of entries. Each entry says
 * whether a ModRM byte follows, how the operand size is chosen, which immediate
 * follows, and which handler runs. Entries can fork on the mandatory prefix (SSE),
 * on ModRM.mod == 3, on ModRM.reg (opcode groups) and on ModRM.rm.
 */
public final class OpcodeTable {
  /** Map indices: legacy maps 0..3 (one-byte, 0F, 0F38, 0F3A), VEX maps 5..7 (0F, 0F38, 0F3A). */
  public static final int ONE_BYTE = 0, MAP_0F = 1, MAP_0F38 = 2, MAP_0F3A = 3, VEX_0F = 5, VEX_0F38 = 6, VEX_0F3A = 7;

  /** A ModRM byte follows the opcode. */
  public static final int MODRM = 1;
  /** The low three opcode bits (+REX.B) name the register operand (e.g. 50+r). */
  public static final int OPREG = 2;

  /** Operand size: 16/32/64 by 66 and REX.W (the default). */
  public static final int SZ_V = 0;
  /** Byte operand. */
  public static final int SZ_B = 1 << 4;
  /** 64-bit by default in long mode, 16 with 66 (PUSH, POP, …). */
  public static final int SZ_D64 = 2 << 4;
  /** Always 64-bit in long mode (near branches). */
  public static final int SZ_F64 = 3 << 4;
  /** Always 16-bit, 32-bit, 64-bit. */
  public static final int SZ_W = 4 << 4, SZ_D = 5 << 4, SZ_Q = 6 << 4;
  static final int SZ_MASK = 0xf << 4;

  /** Immediates: none; imm8 sign-extended; imm8 zero-extended; imm16; imm16/32 sign-extended
   *  to the operand size; imm16/32/64 (MOV r, imm); imm16 then imm8 (ENTER); rel8; rel32;
   *  a memory offset of address size (MOV AL, moffs). */
  public static final int I_NONE = 0, I_B = 1 << 8, I_UB = 2 << 8, I_W = 3 << 8, I_Z = 4 << 8, I_V = 5 << 8;
  public static final int I_WB = 6 << 8, I_REL8 = 7 << 8, I_REL32 = 8 << 8, I_MOFFS = 9 << 8;
  /** A far pointer ptr16:16/32 (CALLF/JMPF 9A/EA outside 64-bit mode): offset of operand size, then selector. */
  public static final int I_FAR = 10 << 8;
  static final int I_MASK = 0xf << 8;

  /** Mandatory-prefix classes for {@link Entry#pfx}. */
  public static final int P_NONE = 0, P_66 = 1, P_F3 = 2, P_F2 = 3;

  /** One table slot, possibly forking into sub-entries. */
  public static final class Entry {
    int flags;
    int sub;
    Exec exec;
    Entry[] byPrefix;
    Entry[] byReg;
    Entry[] byRm;
    Entry regForm;

    /** Defines this form's decoding flags and handler. */
    public Entry def(int flags, Exec exec) {
      return def(flags, 0, exec);
    }

    public Entry def(int flags, int sub, Exec exec) {
      this.flags = flags;
      this.sub = sub;
      this.exec = exec;
      return this;
    }

    /** The sub-entry for ModRM.reg == r (opcode groups: /0 … /7). */
    public Entry reg(int r) {
      if (byReg == null) byReg = new Entry[8];
      if (byReg[r] == null) byReg[r] = new Entry();
      return byReg[r];
    }

    /** The sub-entry for a mandatory prefix class (P_NONE, P_66, P_F3, P_F2). */
    public Entry pfx(int p) {
      if (byPrefix == null) byPrefix = new Entry[4];
      if (byPrefix[p] == null) byPrefix[p] = new Entry();
      return byPrefix[p];
    }

    /** The sub-entry used when ModRM.mod == 3 (register form); this entry keeps the memory form. */
    public Entry mod3() {
      if (regForm == null) regForm = new Entry();
      return regForm;
    }

    /** The sub-entry for ModRM.rm == r (only consulted for register forms). */
    public Entry rm(int r) {
      if (byRm == null) byRm = new Entry[8];
      if (byRm[r] == null) byRm[r] = new Entry();
      return byRm[r];
    }

    /** Forgets this slot's definition and forks, so it can be defined afresh (mode overrides). */
    public Entry clear() {
      flags = 0;
      sub = 0;
      exec = null;
      byPrefix = byReg = byRm = null;
      regForm = null;
      return this;
    }

    private Entry copy() {
      Entry e = new Entry();
      e.flags = flags;
      e.sub = sub;
      e.exec = exec;
      e.byPrefix = copy(byPrefix);
      e.byReg = copy(byReg);
      e.byRm = copy(byRm);
      e.regForm = regForm == null ? null : regForm.copy();
      return e;
    }

    private static Entry[] copy(Entry[] a) {
      if (a == null) return null;
      Entry[] c = new Entry[a.length];
      for (int k = 0; k < a.length; k++) c[k] = a[k] == null ? null : a[k].copy();
      return c;
    }

    boolean needsModrm() {
      return (flags & MODRM) != 0 || byReg != null || byRm != null || regForm != null;
    }
  }

  private final Entry[][] maps = new Entry[8][256];

  /** The slot for an opcode byte in a map, created on first use. */
  public Entry op(int map, int opcode) {
    Entry e = maps[map][opcode];
    if (e == null) maps[map][opcode] = e = new Entry();
    return e;
  }

  /** A deep copy, which a mode's overrides can change without touching this table. */
  public OpcodeTable copy() {
    OpcodeTable t = new OpcodeTable();
    for (int m = 0; m < maps.length; m++) {
      for (int o = 0; o < 256; o++) t.maps[m][o] = maps[m][o] == null ? null : maps[m][o].copy();
    }
    return t;
  }

  /** Removes an opcode: it decodes as invalid (#UD). */
  public void remove(int map, int opcode) {
    maps[map][opcode] = null;
  }

  Entry lookup(int map, int opcode) {
    return maps[map][opcode];
  }
}
