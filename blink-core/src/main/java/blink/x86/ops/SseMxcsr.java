package blink.x86.ops;

import static blink.x86.OpcodeTable.MAP_0F;
import static blink.x86.OpcodeTable.MODRM;

import blink.machine.GuestFault;
import blink.x86.Cpu;
import blink.x86.Insn;
import blink.x86.OpcodeTable;

/**
 * MXCSR, the SSE control and status register (SDM Vol. 1 §10.2.3), and the
 * protocol every SSE floating-point handler follows to raise its exceptions.
 *
 * <pre>
 *  15  14 13  12  11  10   9   8   7   6   5   4   3   2   1   0
 * +--+-----+---+---+---+---+---+---+---+---+---+---+---+---+---+
 * |FZ| RC  |PM |UM |OM |ZM |DM |IM |DAZ|PE |UE |OE |ZE |DE |IE |
 * +--+-----+---+---+---+---+---+---+---+---+---+---+---+---+---+
 *      RC: 00 nearest-even, 01 down, 10 up, 11 toward zero
 * </pre>
 *
 * Lane computations OR the flags they detect straight into {@code cpu.mxcsr}.
 * When every exception is masked (the usual state) that is all there is to it.
 * When some are unmasked, {@link #begin} parks the sticky flags so that
 * {@link #end} can tell which ones this instruction raised; an unmasked one
 * raises #XM (SIGFPE) before the handler writes its destination.
 */
public final class SseMxcsr {
  private SseMxcsr() {}

  public static final int IE = 1, DE = 2, ZE = 4, OE = 8, UE = 16, PE = 32;
  public static final int FLAGS = 0x3f;
  public static final int DAZ = 1 << 6;
  public static final int MASKS = 0x3f << 7;
  public static final int IM = 1 << 7, DM = 1 << 8, ZM = 1 << 9, OM = 1 << 10, UM = 1 << 11, PM = 1 << 12;
  public static final int RC_SHIFT = 13, RC = 3 << RC_SHIFT;
  public static final int RC_NEAREST = 0, RC_DOWN = 1, RC_UP = 2, RC_ZERO = 3;
  public static final int FZ = 1 << 15;
  /** Bits LDMXCSR accepts (MXCSR_MASK as FXSAVE reports it); others raise #GP. */
  public static final int WRITABLE = 0xffff;

  static void register(OpcodeTable t) {
    t.op(MAP_0F, 0xAE).reg(2).def(MODRM, SseMxcsr::ldmxcsr);
    t.op(MAP_0F, 0xAE).reg(3).def(MODRM, SseMxcsr::stmxcsr);
  }

  /** LDMXCSR m32 (0F AE /2); #GP if a reserved bit is set. */
  public static void ldmxcsr(Cpu c, Insn i) {
    if (!i.memory) throw XmmOperands.undefined(i);
    int v = c.mmu.read32(c.ea(i));
    if ((v & ~WRITABLE) != 0) {
      throw GuestFault.of(GuestFault.Kind.GENERAL_PROTECTION, "LDMXCSR reserved bits 0x" + Integer.toHexString(v));
    }
    c.mxcsr = v;
  }

  /** STMXCSR m32 (0F AE /3). */
  public static void stmxcsr(Cpu c, Insn i) {
    if (!i.memory) throw XmmOperands.undefined(i);
    c.mmu.write32(c.ea(i), c.mxcsr);
  }

  /** The rounding-control field. */
  static int rc(Cpu c) {
    return c.mxcsr >>> RC_SHIFT & 3;
  }

  /**
   * Starts a floating-point instruction. Returns -1 when all exceptions are masked;
   * otherwise clears the sticky flags and returns them, for {@link #end}.
   */
  static int begin(Cpu c) {
    int m = c.mxcsr;
    if ((m & MASKS) == MASKS) return -1;
    c.mxcsr = m & ~FLAGS;
    return m & FLAGS;
  }

  /**
   * Ends a floating-point instruction started with {@link #begin}: restores the
   * parked sticky flags and raises #XM if this instruction raised an unmasked
   * exception. Call before writing the destination.
   */
  static void end(Cpu c, int saved) {
    if (saved < 0) return;
    int m = c.mxcsr;
    int raised = m & FLAGS;
    c.mxcsr = m | saved;
    if ((raised & ~(m >>> 7)) != 0) {
      throw GuestFault.of(GuestFault.Kind.FLOATING_POINT, "unmasked SIMD floating-point exception, MXCSR 0x" + Integer.toHexString(c.mxcsr));
    }
  }
}
