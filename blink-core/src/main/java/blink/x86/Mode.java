package blink.x86;

/**
 * The code-segment kind the processor executes in (Intel SDM Vol. 1 §3.6, Vol. 2
 * §2.2.1, Vol. 3 §5.2.1): it fixes the default operand and address sizes, whether
 * REX exists, and which opcodes are valid. Each mode has its own opcode table
 * ({@link Isa#table(Mode)}), so the choice is made once per decode, not per
 * instruction executed.
 */
public enum Mode {
  /** 64-bit long mode: default operand size 32, address size 64, REX prefixes. */
  LONG_64(4, 8, 8),
  /** A 32-bit code segment (protected mode, or compatibility mode under a 64-bit kernel):
   *  default operand and address size 32, ESP-based stack, 40-4F are INC/DEC. */
  PROTECTED_32(4, 4, 4),
  /** A 16-bit code segment (real mode): default operand and address size 16, SP-based stack. */
  REAL_16(2, 2, 2);

  /** Default operand size and address size in bytes (CS.D), and the stack pointer width (SS.B). */
  public final int operandSize, addressSize, stackSize;

  Mode(int operandSize, int addressSize, int stackSize) {
    this.operandSize = operandSize;
    this.addressSize = addressSize;
    this.stackSize = stackSize;
  }

  /** The mask an instruction pointer or stack pointer of this width wraps at. */
  public static long mask(int size) {
    return size == 8 ? -1L : size == 4 ? 0xffffffffL : 0xffffL;
  }
}
