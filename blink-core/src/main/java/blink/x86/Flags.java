package blink.x86;

/**
 * RFLAGS bit positions (Intel SDM Vol. 1 §3.4.3) and the kinds of lazily
 * evaluated flag-setting operations {@link Cpu} remembers.
 */
public final class Flags {
  private Flags() {}

  public static final long CF = 1L << 0, PF = 1L << 2, AF = 1L << 4, ZF = 1L << 6, SF = 1L << 7;
  public static final long TF = 1L << 8, IF = 1L << 9, DF = 1L << 10, OF = 1L << 11;
  public static final long AC = 1L << 18, ID = 1L << 21;
  public static final long STATUS = CF | PF | AF | ZF | SF | OF;
  /** Bits a user-mode POPF may change. */
  public static final long USER_WRITABLE = STATUS | TF | DF | AC | ID | (1L << 19) | (1L << 20);
  /** Bit 1 of RFLAGS always reads as 1. */
  public static final long RESERVED_ONE = 1L << 1;

  /** Flags are fully materialised in {@code Cpu.eflags}. */
  public static final int NONE = 0;
  public static final int ADD = 1, ADC = 2, SUB = 3, SBB = 4, LOGIC = 5, INC = 6, DEC = 7;
  public static final int SHL = 8, SHR = 9, SAR = 10;

  public static long mask(int size) {
    return size == 8 ? -1L : (1L << (size * 8)) - 1;
  }

  public static long signBit(int size) {
    return 1L << (size * 8 - 1);
  }

  /** Sign-extends the low size bytes of v. */
  public static long signExtend(long v, int size) {
    int sh = 64 - size * 8;
    return (v << sh) >> sh;
  }

  public static boolean parity(long v) {
    return (Integer.bitCount((int) v & 0xff) & 1) == 0;
  }
}
