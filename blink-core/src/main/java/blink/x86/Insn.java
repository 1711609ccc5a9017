package blink.x86;

/**
 * One decoded instruction, immutable and bound to the address it was decoded at
 * (branch targets and RIP-relative addresses are resolved at decode time). The
 * interpreter, the JIT, the disassembler and the debugger all read this.
 */
public final class Insn {
  /** Guest address of the first byte, and of the following instruction (outside 64-bit mode: offsets in CS). */
  public final long addr, next;
  public final int length;
  /** The semantics to run. */
  public final Exec exec;
  /** Map (0 = one-byte, 1 = 0F, 2 = 0F38, 3 = 0F3A) << 8 | opcode byte; for diagnostics. */
  public final int opcode;
  /** Operand size in bytes (1, 2, 4, 8) after prefixes and the table's size rule. */
  public final int size;
  /** Address size in bytes: 4 or 8 in 64-bit mode, 2 or 4 outside it. */
  public final int addrSize;
  /** ModRM.reg extended by REX.R, or the register coded in the opcode's low bits (+REX.B). */
  public final int reg;
  /** ModRM.rm extended by REX.B when it names a register. */
  public final int rm;
  /** The same operands as byte-register codes: 16..19 name AH, CH, DH, BH (no REX present). */
  public final int reg8, rm8;
  /** Whether the r/m operand is in memory. */
  public final boolean memory;
  /** Memory operand: base and index registers (-1 for none), scale as a shift count. */
  public final int base, index, scale;
  /** Displacement; for RIP-relative operands, the absolute address. */
  public final long disp;
  /**
   * The memory operand's segment: in 64-bit mode {@link Cpu#SEG_NONE}, {@link
   * Cpu#SEG_FS} or {@link Cpu#SEG_GS} (the others have base 0); outside it always the
   * segment used ({@link Cpu#SEG_ES} … {@link Cpu#SEG_GS}: the override, or DS, or SS
   * for BP/SP-based addresses).
   */
  public final int seg;
  /** Immediate operand (sign- or zero-extended per the table), second immediate (ENTER). */
  public final long imm, imm2;
  /** Branch target for relative branches (an offset in CS wrapped at the operand size outside 64-bit mode). */
  public final long target;
  /** 0, 0xF2 (REPNE) or 0xF3 (REP/REPE). */
  public final int rep;
  public final boolean lock;
  /** VEX.vvvv register (0..15), or 0. VEX.L in vexL. */
  public final int vreg;
  public final boolean vexL;
  /** A constant the opcode table attached to this form: ALU kind, condition code, … */
  public final int sub;

  Insn(Builder b) {
    addr = b.addr;
    next = b.addr + b.length;
    length = b.length;
    exec = b.exec;
    opcode = b.opcode;
    size = b.size;
    addrSize = b.addrSize;
    reg = b.reg;
    rm = b.rm;
    reg8 = b.reg8;
    rm8 = b.rm8;
    memory = b.memory;
    base = b.base;
    index = b.index;
    scale = b.scale;
    disp = b.disp;
    seg = b.seg;
    imm = b.imm;
    imm2 = b.imm2;
    target = b.target;
    rep = b.rep;
    lock = b.lock;
    vreg = b.vreg;
    vexL = b.vexL;
    sub = b.sub;
  }

  /** Mutable decoding scratch; one per decoder. */
  static final class Builder {
    long addr, disp, imm, imm2, target;
    int length, opcode, size, addrSize, reg, rm, reg8, rm8, base, index, scale, seg, rep, vreg, sub;
    boolean memory, lock, vexL;
    Exec exec;
  }
}
