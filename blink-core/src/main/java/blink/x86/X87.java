package blink.x86;

import blink.machine.GuestFault;
import blink.x86.fp.Float80;

/**
 * x87 FPU state (Intel SDM Vol. 1 §8.1): control word, status word, the register
 * stack of eight 80-bit values, which of them are empty, and the last-instruction
 * pointers. Values are kept as (64-bit significand, sign+exponent) pairs in physical
 * register order; ST(i) is physical register (TOP + i) mod 8.
 *
 * <pre>
 * status word:  15 14 13-11 10  9  8  7  6  5  4  3  2  1  0
 *               B  C3  TOP  C2 C1 C0 ES SF PE UE OE ZE DE IE
 * control word: 12 X, 11-10 RC, 9-8 PC, 5-0 exception masks PM UM OM ZM DM IM
 * </pre>
 *
 * Only "empty or not" is kept per register, as the hardware does since FXSAVE; the
 * full two-bit tag word of FNSTENV/FNSAVE is derived from the contents when stored.
 */
public final class X87 {
  public static final int IE = 1, DE = 2, ZE = 4, OE = 8, UE = 16, PE = 32, SF = 0x40, ES = 0x80;
  public static final int C0 = 0x100, C1 = 0x200, C2 = 0x400, C3 = 0x4000, B = 0x8000;
  public static final int TOP_SHIFT = 11, TOP_MASK = 7 << TOP_SHIFT;
  /** Control word bits that exist (FLDCW keeps these; bit 6 always reads as 1). */
  public static final int CW_BITS = 0x1f3f, CW_ONE = 0x0040;
  public static final int CW_INIT = 0x037f;
  /** The selectors FNSTENV and FXSAVE report as FCS and FDS: 64-bit Linux's user CS, and 0 (measured). */
  public static final int USER_CS = 0x33, USER_DS = 0;

  /** Control word as FNINIT and Linux's initial state set it: all masked, 64-bit precision. */
  public int control = CW_INIT;
  /** Status word without TOP (bits 13-11 kept zero); see {@link #statusWord()}. */
  public int status;
  public int top;
  /** Bit p set: physical register p is empty (tag 11). */
  public int empty = 0xff;
  /** Physical registers: significand (integer bit at 63) and sign << 15 | exponent. */
  public final long[] sig = new long[8];
  public final int[] se = new int[8];
  /** Address of the last non-control x87 instruction (FIP; FOP is decoded from it when saved). */
  public long fip;
  /**
   * FOP as loaded by FLDENV, FRSTOR or FXRSTOR (11 bits), until the next non-control
   * instruction; -1 when FOP is that of the instruction at FIP (decoded when saved).
   */
  public int loadedFop = -1;
  /** Address of the last memory operand of a non-control instruction (FDP), and whether there is one. */
  public long fdp;
  public boolean fdpSet;
  /** The rounding unit, configured from the control word. */
  public final Float80 unit = new Float80();

  public X87() {
    unit.setControl(control);
  }

  public int top() {
    return top;
  }

  public void reset() {
    setControl(CW_INIT);
    status = 0;
    top = 0;
    empty = 0xff;
    fip = 0;
    fdp = 0;
    fdpSet = false;
    loadedFop = -1;
  }

  /** Makes this FPU's state a copy of src's (fork(2) and clone(2) copy the whole FPU). */
  public void copyFrom(X87 src) {
    setControl(src.control);
    status = src.status;
    top = src.top;
    empty = src.empty;
    System.arraycopy(src.sig, 0, sig, 0, 8);
    System.arraycopy(src.se, 0, se, 0, 8);
    fip = src.fip;
    loadedFop = src.loadedFop;
    fdp = src.fdp;
    fdpSet = src.fdpSet;
  }

  /** The physical register holding ST(i). */
  public int phys(int i) {
    return (top + i) & 7;
  }

  public boolean isEmpty(int p) {
    return (empty >> p & 1) != 0;
  }

  /** Writes physical register p and marks it in use. */
  public void write(int p, long s, int e) {
    sig[p] = s;
    se[p] = e;
    empty &= ~(1 << p);
  }

  /** Writes the result left in the unit. */
  public void writeResult(int p) {
    write(p, unit.sig, unit.se);
  }

  /** Marks ST(0) empty and increments TOP. */
  public void pop() {
    empty |= 1 << top;
    top = (top + 1) & 7;
  }

  public int statusWord() {
    return (status & ~TOP_MASK) | top << TOP_SHIFT;
  }

  /** Loads a status word (FLDENV, FRSTOR, FXRSTOR); ES and B follow the flags and masks. */
  public void setStatusWord(int v) {
    top = (v >> TOP_SHIFT) & 7;
    status = v & ~TOP_MASK;
    updateSummary();
  }

  /** FLDCW: also re-derives ES, so unmasking a raised flag makes the next waiting instruction fault. */
  public void setControl(int v) {
    control = (v & CW_BITS) | CW_ONE;
    unit.setControl(control);
    updateSummary();
  }

  /** ES and B: set exactly when some raised exception flag is unmasked (SDM Vol. 1 §8.1.3.2). */
  private void updateSummary() {
    if ((status & ~control & 0x3f) != 0) status |= ES | B;
    else status &= ~(ES | B);
  }

  /**
   * The prologue of a waiting x87 instruction: a pending unmasked exception is
   * delivered here, before the instruction does anything (SDM Vol. 1 §8.6).
   */
  public void checkPending() {
    if ((status & ES) != 0) {
      throw GuestFault.of(GuestFault.Kind.FLOATING_POINT,
          "x87 floating-point exception (status word 0x" + Integer.toHexString(statusWord()) + ")");
    }
  }

  /**
   * Records the exceptions the unit raised and C1. Returns false when an unmasked
   * invalid-operation, denormal or zero-divide exception forbids writing the result:
   * those are detected before computing, so only they are reported, without C1; an
   * unmasked overflow, underflow or precision exception is detected after, and the
   * result is still delivered (SDM Vol. 1 §8.5, §8.6).
   */
  public boolean raise(int flags, boolean c1) {
    int unmasked = flags & ~control & 0x3f;
    if ((unmasked & (IE | DE | ZE)) != 0) {
      status = (status & ~C1) | (flags & (IE | DE | ZE)) | ES | B;
      return false;
    }
    status = (status & ~C1) | (c1 ? C1 : 0) | flags;
    if (unmasked != 0) status |= ES | B;
    return true;
  }

  /**
   * {@link #raise} for a store to memory, where an unmasked overflow or underflow
   * also forbids the write: then only OE or UE is reported (no PE, no C1) and the
   * value stays on the stack for the handler (SDM Vol. 1 §4.9.1.4-5). Returns whether
   * to store.
   */
  public boolean raiseStore(int flags, boolean c1) {
    int unmasked = flags & ~control & (OE | UE);
    if (unmasked != 0 && (flags & ~control & IE) == 0) {
      status = (status & ~C1) | (flags & (OE | UE)) | ES | B;
      return false;
    }
    return raise(flags, c1);
  }

  /**
   * A stack fault (SDM Vol. 1 §8.5.1.1): IE and SF, with C1 telling overflow (1) from
   * underflow (0). Returns true when masked, so the caller delivers the indefinite.
   */
  public boolean stackFault(boolean overflow) {
    status = (status & ~C1) | IE | SF | (overflow ? C1 : 0);
    if ((control & IE) != 0) return true;
    status |= ES | B;
    return false;
  }

  /** Two-bit tag of physical register p: 00 valid, 01 zero, 10 special, 11 empty. */
  public int tag(int p) {
    if (isEmpty(p)) return 3;
    switch (Float80.classify(sig[p], se[p])) {
      case Float80.ZERO: return 1;
      case Float80.NORMAL: return 0;
      default: return 2;
    }
  }

  /** The full tag word of FNSTENV and FNSAVE. */
  public int tagWord() {
    int t = 0;
    for (int p = 0; p < 8; p++) t |= tag(p) << (2 * p);
    return t;
  }

  /** FLDENV/FRSTOR: only "empty" (11) is kept from a loaded tag word. */
  public void setTagWord(int t) {
    int e = 0;
    for (int p = 0; p < 8; p++) if ((t >> (2 * p) & 3) == 3) e |= 1 << p;
    empty = e;
  }

  /** The abridged tag byte of FXSAVE: bit p set when physical register p is in use. */
  public int abridgedTag() {
    return ~empty & 0xff;
  }
}
