package blink.x86.ops;

import blink.machine.GuestFault;
import blink.x86.Cpu;
import blink.x86.Insn;
import blink.x86.OpcodeTable;
import blink.x86.X87;
import blink.x86.fp.Float80;

/**
 * The x87 floating-point unit (escape opcodes D8-DF, FWAIT, FXSAVE/FXRSTOR): the
 * registration entry and the steps every x87 handler shares. The semantics live by
 * concern in {@link X87Load} (moves, constants, conversions), {@link X87Arith},
 * {@link X87Compare}, {@link X87Control} (control/status words, environment, state
 * saving) and {@link X87Trans} (transcendentals); the number crunching in
 * {@code blink.x86.fp}.
 *
 * <p>Unmasked exceptions follow the hardware's deferred model (SDM Vol. 1 §8.6):
 * the faulting instruction sets the flag and ES (and, for pre-computation
 * exceptions IE/DE/ZE, leaves its destination and the stack alone); the next
 * waiting x87 instruction raises #MF before doing anything.
 */
public final class X87Ops {
  private X87Ops() {}

  public static void register(OpcodeTable t) {
    X87Load.register(t);
    X87Arith.register(t);
    X87Compare.register(t);
    X87Control.register(t);
    X87Trans.register(t);
  }

  /** Starts a waiting, non-control instruction: delivers a pending #MF, records FIP. */
  static X87 begin(Cpu c, Insn i) {
    X87 f = c.fpu;
    f.checkPending();
    f.fip = i.addr;
    f.loadedFop = -1;
    f.unit.clear();
    return f;
  }

  /** {@link #begin} for an instruction with a memory operand: also records FDP; returns the address. */
  static long beginMem(Cpu c, Insn i) {
    X87 f = begin(c, i);
    long a = c.ea(i);
    f.fdp = a;
    f.fdpSet = true;
    return a;
  }

  /** The indefinite written by a masked stack fault. */
  static void writeIndefinite(X87 f, int p) {
    f.write(p, Float80.INDEFINITE_SIG, Float80.INDEFINITE_SE);
  }

  /**
   * A read of an empty register: stack underflow. When masked, the destination
   * register p gets the indefinite and true is returned (the caller still pops);
   * unmasked, nothing changes.
   */
  static boolean underflow(X87 f, int p) {
    if (!f.stackFault(false)) return false;
    writeIndefinite(f, p);
    return true;
  }

  /**
   * Pushes a loaded value with the exceptions its conversion raised. A full stack is
   * a stack overflow (masked: the indefinite is pushed); an unmasked IE or DE from the
   * conversion leaves the stack alone. Returns whether the value was pushed.
   */
  static boolean push(X87 f, long sig, int se, int flags) {
    int p = (f.top - 1) & 7;
    if (!f.isEmpty(p)) {
      if (f.stackFault(true)) {
        f.top = p;
        writeIndefinite(f, p);
      }
      return false;
    }
    if (!f.raise(flags, false)) return false;
    f.top = p;
    f.write(p, sig, se);
    return true;
  }

  /** Whether ST(0) and ST(i) both hold values; if not, a stack underflow into p (see {@link #underflow}). */
  static boolean bothFull(X87 f, int p0, int pi) {
    return ((f.empty >> p0 | f.empty >> pi) & 1) == 0;
  }

  /** A register form with no meaning: #UD, as for any undefined opcode. */
  static GuestFault undefined(Insn i) {
    return GuestFault.of(GuestFault.Kind.INVALID_OPCODE, "invalid x87 operand form at 0x" + Long.toHexString(i.addr));
  }
}
