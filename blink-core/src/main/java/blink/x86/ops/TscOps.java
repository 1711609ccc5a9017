package blink.x86.ops;

import static blink.x86.OpcodeTable.*;

import blink.x86.Cpu;
import blink.x86.Insn;
import blink.x86.OpcodeTable;

/**
 * The readers of IA32_TSC_AUX: RDTSCP (0F 01 F9; SDM Vol. 2B "RDTSCP") returns
 * the time-stamp counter in EDX:EAX like RDTSC ({@link SystemOps}) and TSC_AUX
 * in ECX; RDPID (F3 0F C7 /7, mod == 3; registered through {@link RandomOps},
 * which owns the 0F C7 /7 slot) returns TSC_AUX in a 64-bit register. The
 * emulator presents one processor, so TSC_AUX (on Linux, node << 12 | cpu) is 0.
 */
public final class TscOps {
  private TscOps() {}

  /** IA32_TSC_AUX as the guest sees it. */
  static final long TSC_AUX = 0;

  public static void register(OpcodeTable t) {
    t.op(MAP_0F, 0x01).mod3().reg(7).rm(1).def(MODRM, TscOps::rdtscp);
  }

  static void rdtscp(Cpu c, Insn i) {
    SystemOps.rdtsc(c, i);
    c.setReg(Cpu.RCX, 4, TSC_AUX);
  }

  /** RDPID r64: the operand size is fixed at 64 bits in 64-bit mode. */
  static void rdpid(Cpu c, Insn i) {
    c.setReg(i.rm, 8, TSC_AUX);
  }
}
