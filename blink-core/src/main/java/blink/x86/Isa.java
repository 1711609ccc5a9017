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

/** The instruction set this CPU implements: every family registers its opcodes here. */
public final class Isa {
  private Isa() {}

  private static final OpcodeTable TABLE = build();

  public static OpcodeTable table() {
    return TABLE;
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
