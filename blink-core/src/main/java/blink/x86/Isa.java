package blink.x86;

import blink.x86.ops.Alu;
import blink.x86.ops.Bits;
import blink.x86.ops.Branch;
import blink.x86.ops.Atomic;
import blink.x86.ops.Move;
import blink.x86.ops.MulDiv;
import blink.x86.ops.Shift;
import blink.x86.ops.Sse;
import blink.x86.ops.Stack;
import blink.x86.ops.StringOps;
import blink.x86.ops.SystemOps;

/**
 * The instruction set this CPU implements: every family registers its opcodes here.
 * The 32- and 16-bit tables are the 64-bit one plus the legacy-mode overrides (SDM
 * Vol. 2 App. A.2.5: opcodes marked i64/o64), so 64-bit decoding stays untouched.
 */
public final class Isa {
  private Isa() {}

  private static final OpcodeTable TABLE = build();
  private static final OpcodeTable TABLE_32 = legacy(Mode.PROTECTED_32);
  private static final OpcodeTable TABLE_16 = legacy(Mode.REAL_16);

  /** The 64-bit mode table. */
  public static OpcodeTable table() {
    return TABLE;
  }

  public static OpcodeTable table(Mode mode) {
    switch (mode) {
      case PROTECTED_32: return TABLE_32;
      case REAL_16: return TABLE_16;
      default: return TABLE;
    }
  }

  private static OpcodeTable legacy(Mode mode) {
    OpcodeTable t = TABLE.copy();
    blink.x86.ops.LegacyOps.register(t, mode);
    blink.x86.ops.LegacyStack.register(t);
    blink.x86.ops.LegacyBranch.register(t, mode);
    blink.x86.ops.Bcd.register(t);
    if (mode == Mode.REAL_16) blink.x86.ops.RealModeOps.register(t);
    return t;
  }

  private static OpcodeTable build() {
    OpcodeTable t = new OpcodeTable();
    Alu.register(t);
    MulDiv.register(t);
    Shift.register(t);
    Move.register(t);
    Stack.register(t);
    Branch.register(t);
    Bits.register(t);
    Atomic.register(t);
    StringOps.register(t);
    SystemOps.register(t);
    Sse.register(t);
    blink.x86.ops.X87Ops.register(t);
    blink.x86.ops.Bmi.register(t);
    blink.x86.ops.Adx.register(t);
    blink.x86.ops.Crc32.register(t);
    blink.x86.ops.Clmul.register(t);
    blink.x86.ops.RandomOps.register(t);
    blink.x86.ops.TscOps.register(t);
    return t;
  }
}
