package blink.x86;

import blink.memory.Mmu;

/**
 * The architectural state of one guest thread: general registers, RIP, the
 * execution {@link Mode}, segment selectors and bases, lazily evaluated flags,
 * SSE state, and the memory it sees. Instruction
 * handlers ({@link Exec}) read and change it through the helpers here.
 *
 * <p>Flags are lazy: flag-setting instructions record the operation kind, size,
 * operands and result; the individual flags are computed only when read.
 */
public class Cpu {
  public static final int RAX = 0, RCX = 1, RDX = 2, RBX = 3, RSP = 4, RBP = 5, RSI = 6, RDI = 7;
  public static final int R8 = 8, R9 = 9, R10 = 10, R11 = 11, R12 = 12, R13 = 13, R14 = 14, R15 = 15;
  /**
   * Segment codes in {@link Insn#seg}: the segment register number (SDM Vol. 2 §3.1.1.3:
   * ES 0, CS 1, SS 2, DS 3, FS 4, GS 5) plus one; SEG_NONE is "no override" in 64-bit
   * mode. Outside 64-bit mode the decoder always names the segment (the override, or
   * the default DS/SS).
   */
  public static final int SEG_NONE = 0, SEG_ES = 1, SEG_CS = 2, SEG_SS = 3, SEG_DS = 4, SEG_FS = 5, SEG_GS = 6;
  /** Segment register numbers, as ModRM.reg names them in MOV Sreg and as {@link #selector} is indexed. */
  public static final int ES = 0, CS = 1, SS = 2, DS = 3, FS = 4, GS = 5;

  public final long[] regs = new long[16];
  /** The instruction pointer: RIP, or EIP/IP (an offset into CS) outside 64-bit mode. */
  public long rip;
  public long fsBase, gsBase;
  /** Bases of ES, CS, SS and DS: zero in 64-bit and flat 32-bit code; selector << 4 in real mode. */
  public long esBase, csBase, ssBase, dsBase;
  /**
   * The visible segment selectors ES CS SS DS FS GS, as Linux starts a 64-bit
   * process: CS 0x33 (__USER_CS), SS 0x2b (__USER_DS), the others null. 32-bit
   * code under Linux has CS 0x23 and DS = ES = SS = 0x2b; whoever switches modes sets them.
   */
  public final int[] selector = {0, 0x33, 0x2b, 0, 0, 0};
  /** The kind of code being executed; {@link blink.machine.Machine#setMode} changes it. */
  public Mode mode = Mode.LONG_64;

  /** Materialised flags (always holds DF, IF and other control bits). */
  public long eflags = Flags.RESERVED_ONE | Flags.IF;
  public int fKind = Flags.NONE;
  public int fSize = 8;
  public long fRes, fDst, fSrc, fCarry;

  /** XMM0..15, each as two longs: xmm[2n] low quadword, xmm[2n+1] high quadword. */
  public final long[] xmm = new long[32];
  /** MXCSR as Linux initialises it: all exceptions masked, round to nearest. */
  public int mxcsr = 0x1f80;
  public final X87 fpu = new X87();

  public final Mmu mmu;
  public SystemInterface system;

  /** Set when the run loop must stop and look at the world (exit, signal, debugger). */
  public volatile boolean attention;
  public boolean halted;
  public int exitStatus;

  public Cpu(Mmu mmu) {
    this.mmu = mmu;
  }

  /**
   * Makes this thread's architectural state a copy of src's: registers, RIP,
   * flags, segments, mode, SSE and x87 (what fork(2) and clone(2) give the child).
   * The memory view, the system interface and the run-loop flags stay this CPU's.
   */
  public final void copyFrom(Cpu src) {
    System.arraycopy(src.regs, 0, regs, 0, regs.length);
    rip = src.rip;
    fsBase = src.fsBase;
    gsBase = src.gsBase;
    esBase = src.esBase;
    csBase = src.csBase;
    ssBase = src.ssBase;
    dsBase = src.dsBase;
    System.arraycopy(src.selector, 0, selector, 0, selector.length);
    mode = src.mode;
    eflags = src.eflags;
    fKind = src.fKind;
    fSize = src.fSize;
    fRes = src.fRes;
    fDst = src.fDst;
    fSrc = src.fSrc;
    fCarry = src.fCarry;
    System.arraycopy(src.xmm, 0, xmm, 0, xmm.length);
    mxcsr = src.mxcsr;
    fpu.copyFrom(src.fpu);
  }

  // ---------------------------------------------------------------- registers

  /** Reads a register of the given size; for size 1, r is a byte-register code (16..19 = AH..BH). */
  public final long getReg(int r, int size) {
    switch (size) {
      case 1: return r < 16 ? regs[r] & 0xff : (regs[r - 16] >>> 8 & 0xff);
      case 2: return regs[r] & 0xffff;
      case 4: return regs[r] & 0xffffffffL;
      default: return regs[r];
    }
  }

  /** Writes a register; 32-bit writes zero the upper half, 8/16-bit writes merge (SDM Vol. 1 §3.4.1.1). */
  public final void setReg(int r, int size, long v) {
    switch (size) {
      case 1:
        if (r < 16) regs[r] = (regs[r] & ~0xffL) | (v & 0xff);
        else regs[r - 16] = (regs[r - 16] & ~0xff00L) | ((v & 0xff) << 8);
        break;
      case 2: regs[r] = (regs[r] & ~0xffffL) | (v & 0xffff); break;
      case 4: regs[r] = v & 0xffffffffL; break;
      default: regs[r] = v;
    }
  }

  // ---------------------------------------------------------------- operands

  /** The effective address of the instruction's memory operand, with segment base. */
  public final long ea(Insn i) {
    return linear(i, offset(i));
  }

  /** The memory operand's offset (base + index*scale + disp) without a segment base, as LEA computes it. */
  public final long offset(Insn i) {
    long a = i.disp;
    if (i.base >= 0) a += regs[i.base];
    if (i.index >= 0) a += regs[i.index] << i.scale;
    return i.addrSize == 8 ? a : wrap(a, i.addrSize);
  }

  /**
   * The linear address of an offset: wrapped to the instruction's address size,
   * then the FS/GS base of a segment override added (in 64-bit mode the other
   * segments have base 0). Every memory operand, explicit or implicit, is formed so.
   */
  public final long linear(Insn i, long offset) {
    if (i.addrSize != 8) return linearNarrow(i, offset);
    if (i.seg == SEG_FS) offset += fsBase;
    else if (i.seg == SEG_GS) offset += gsBase;
    return offset;
  }

  /**
   * 32- or 16-bit addressing: the offset wraps at the address size; outside 64-bit
   * mode every segment's base applies and the linear address wraps at 4 GiB
   * (SDM Vol. 3 §3.4). In 64-bit mode (67h) only FS/GS have a base.
   */
  private long linearNarrow(Insn i, long offset) {
    long a = wrap(offset, i.addrSize) + segmentBase(i.seg);
    return mode == Mode.LONG_64 ? a : a & 0xffffffffL;
  }

  /** The base of a segment code from {@link Insn#seg}. */
  public final long segmentBase(int seg) {
    switch (seg) {
      case SEG_FS: return fsBase;
      case SEG_GS: return gsBase;
      case SEG_NONE: return 0;
      case SEG_ES: return esBase;
      case SEG_CS: return csBase;
      case SEG_SS: return ssBase;
      default: return dsBase;
    }
  }

  private static long wrap(long a, int addrSize) {
    return addrSize == 4 ? a & 0xffffffffL : a & 0xffff;
  }

  /** Reads the ModRM r/m operand (register or memory) of the given size, zero-extended. */
  public final long readRm(Insn i, int size) {
    if (i.memory) return mmu.read(ea(i), size);
    return getReg(size == 1 ? i.rm8 : i.rm, size);
  }

  public final void writeRm(Insn i, int size, long v) {
    if (i.memory) mmu.write(ea(i), v, size);
    else setReg(size == 1 ? i.rm8 : i.rm, size, v);
  }

  /** Reads the ModRM reg operand of the given size. */
  public final long readReg(Insn i, int size) {
    return getReg(size == 1 ? i.reg8 : i.reg, size);
  }

  public final void writeReg(Insn i, int size, long v) {
    setReg(size == 1 ? i.reg8 : i.reg, size, v);
  }

  // ---------------------------------------------------------------- stack

  public final void push(long v, int size) {
    long sp = regs[RSP] - size;
    mmu.write(sp, v, size);
    regs[RSP] = sp;
  }

  public final long pop(int size) {
    long v = mmu.read(regs[RSP], size);
    regs[RSP] += size;
    return v;
  }

  // ---------------------------------------------------------------- lazy flags

  /** Records a flag-setting operation; all values already masked to size. */
  public final void setFlags(int kind, int size, long res, long dst, long src) {
    fKind = kind;
    fSize = size;
    fRes = res;
    fDst = dst;
    fSrc = src;
  }

  public final void setFlagsCarry(int kind, int size, long res, long dst, long src, long carryIn) {
    fKind = kind;
    fSize = size;
    fRes = res;
    fDst = dst;
    fSrc = src;
    fCarry = carryIn;
  }

  public final boolean cf() {
    switch (fKind) {
      case Flags.NONE: return (eflags & Flags.CF) != 0;
      case Flags.ADD: return Long.compareUnsigned(fRes, fDst) < 0;
      case Flags.ADC: return fCarry != 0 ? Long.compareUnsigned(fRes, fDst) <= 0 : Long.compareUnsigned(fRes, fDst) < 0;
      case Flags.SUB: return Long.compareUnsigned(fDst, fSrc) < 0;
      case Flags.SBB: return fCarry != 0 ? Long.compareUnsigned(fDst, fSrc) <= 0 : Long.compareUnsigned(fDst, fSrc) < 0;
      case Flags.INC: case Flags.DEC: return fCarry != 0;
      case Flags.SHL: {
        int bits = fSize * 8;
        return fSrc <= bits && ((fDst >>> (bits - fSrc)) & 1) != 0;
      }
      case Flags.SHR: return fSrc <= 64 && ((fDst >>> (fSrc - 1)) & 1) != 0;
      case Flags.SAR: return ((Flags.signExtend(fDst, fSize) >> Math.min(fSrc - 1, 63)) & 1) != 0;
      default: return false;
    }
  }

  public final boolean zf() {
    return fKind == Flags.NONE ? (eflags & Flags.ZF) != 0 : fRes == 0;
  }

  public final boolean sf() {
    return fKind == Flags.NONE ? (eflags & Flags.SF) != 0 : (fRes & Flags.signBit(fSize)) != 0;
  }

  public final boolean pf() {
    return fKind == Flags.NONE ? (eflags & Flags.PF) != 0 : Flags.parity(fRes);
  }

  public final boolean of() {
    long sign = Flags.signBit(fSize);
    switch (fKind) {
      case Flags.NONE: return (eflags & Flags.OF) != 0;
      case Flags.ADD: case Flags.ADC: return ((fDst ^ fRes) & (fSrc ^ fRes) & sign) != 0;
      case Flags.SUB: case Flags.SBB: return ((fDst ^ fSrc) & (fDst ^ fRes) & sign) != 0;
      case Flags.INC: return fRes == sign;
      case Flags.DEC: return fRes == sign - 1;
      case Flags.SHL: return ((fRes & sign) != 0) != cf();
      case Flags.SHR: return (fDst & sign) != 0;
      default: return false;
    }
  }

  public final boolean af() {
    switch (fKind) {
      case Flags.NONE: return (eflags & Flags.AF) != 0;
      case Flags.ADD: case Flags.ADC: case Flags.SUB: case Flags.SBB: case Flags.INC: case Flags.DEC:
        return ((fDst ^ fSrc ^ fRes) & 0x10) != 0;
      default: return false;
    }
  }

  /** The whole RFLAGS register. */
  public final long getFlags() {
    if (fKind == Flags.NONE) return eflags;
    long f = eflags & ~Flags.STATUS;
    if (cf()) f |= Flags.CF;
    if (pf()) f |= Flags.PF;
    if (af()) f |= Flags.AF;
    if (zf()) f |= Flags.ZF;
    if (sf()) f |= Flags.SF;
    if (of()) f |= Flags.OF;
    return f;
  }

  /** Replaces RFLAGS; flags become materialised. */
  public final void setFlagsValue(long f) {
    eflags = f | Flags.RESERVED_ONE;
    fKind = Flags.NONE;
  }

  /** Sets or clears individual status flags after materialising the rest. */
  public final void putFlag(long bit, boolean on) {
    long f = getFlags();
    setFlagsValue(on ? f | bit : f & ~bit);
  }

  public final boolean df() {
    return (eflags & Flags.DF) != 0;
  }

  /** Evaluates condition code cc (the low nibble of Jcc/SETcc/CMOVcc; SDM Vol. 1 App. B). */
  public final boolean cond(int cc) {
    if (fKind == Flags.SUB) {
      switch (cc) {
        case 0x2: return Long.compareUnsigned(fDst, fSrc) < 0;
        case 0x3: return Long.compareUnsigned(fDst, fSrc) >= 0;
        case 0x4: return fDst == fSrc;
        case 0x5: return fDst != fSrc;
        case 0x6: return Long.compareUnsigned(fDst, fSrc) <= 0;
        case 0x7: return Long.compareUnsigned(fDst, fSrc) > 0;
        case 0xC: return Flags.signExtend(fDst, fSize) < Flags.signExtend(fSrc, fSize);
        case 0xD: return Flags.signExtend(fDst, fSize) >= Flags.signExtend(fSrc, fSize);
        case 0xE: return Flags.signExtend(fDst, fSize) <= Flags.signExtend(fSrc, fSize);
        case 0xF: return Flags.signExtend(fDst, fSize) > Flags.signExtend(fSrc, fSize);
        default: break;
      }
    }
    boolean r;
    switch (cc >> 1) {
      case 0: r = of(); break;
      case 1: r = cf(); break;
      case 2: r = zf(); break;
      case 3: r = cf() || zf(); break;
      case 4: r = sf(); break;
      case 5: r = pf(); break;
      case 6: r = sf() != of(); break;
      default: r = zf() || sf() != of(); break;
    }
    return r ^ ((cc & 1) != 0);
  }
}
