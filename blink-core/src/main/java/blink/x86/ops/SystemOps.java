package blink.x86.ops;

import static blink.x86.OpcodeTable.*;

import blink.machine.GuestFault;
import blink.x86.Cpu;
import blink.x86.Cpuid;
import blink.x86.Flags;
import blink.x86.Insn;
import blink.x86.OpcodeTable;

/**
 * Flag control (CLC STC CMC CLD STD LAHF SAHF), SYSCALL, CPUID, RDTSC, fences,
 * and the instructions that trap in user mode (INT3, INT n, HLT, UD2).
 */
public final class SystemOps {
  private SystemOps() {}

  public static void register(OpcodeTable t) {
    t.op(ONE_BYTE, 0xF8).def(0, (c, i) -> c.putFlag(Flags.CF, false));
    t.op(ONE_BYTE, 0xF9).def(0, (c, i) -> c.putFlag(Flags.CF, true));
    t.op(ONE_BYTE, 0xF5).def(0, (c, i) -> c.putFlag(Flags.CF, !c.cf()));
    t.op(ONE_BYTE, 0xFC).def(0, (c, i) -> c.eflags &= ~Flags.DF);
    t.op(ONE_BYTE, 0xFD).def(0, (c, i) -> c.eflags |= Flags.DF);
    t.op(ONE_BYTE, 0x9F).def(0, SystemOps::lahf);
    t.op(ONE_BYTE, 0x9E).def(0, SystemOps::sahf);
    t.op(MAP_0F, 0x05).def(0, SystemOps::syscall);
    t.op(MAP_0F, 0xA2).def(0, SystemOps::cpuid);
    t.op(MAP_0F, 0x31).def(0, SystemOps::rdtsc);
    t.op(MAP_0F, 0x0B).def(0, SystemOps::ud2);
    t.op(ONE_BYTE, 0xCC).def(0, SystemOps::int3);
    t.op(ONE_BYTE, 0xCD).def(I_UB, SystemOps::intN);
    t.op(ONE_BYTE, 0xF4).def(0, SystemOps::hlt);
    // 0F AE /5 /6 /7 with mod == 3: LFENCE, MFENCE, SFENCE — a single interpreter thread
    // already sees its own stores in order. /7 with a memory operand is CLFLUSH.
    for (int r = 5; r <= 7; r++) t.op(MAP_0F, 0xAE).reg(r).mod3().def(MODRM, SystemOps::fence);
    t.op(MAP_0F, 0xAE).reg(7).def(MODRM, SystemOps::clflush);
  }

  /** LAHF: AH = SF:ZF:0:AF:0:PF:1:CF. */
  static void lahf(Cpu c, Insn i) {
    long f = c.getFlags() & (Flags.SF | Flags.ZF | Flags.AF | Flags.PF | Flags.CF);
    c.setReg(16, 1, f | Flags.RESERVED_ONE);
  }

  static void sahf(Cpu c, Insn i) {
    long mask = Flags.SF | Flags.ZF | Flags.AF | Flags.PF | Flags.CF;
    long ah = (c.regs[Cpu.RAX] >>> 8) & 0xff;
    c.setFlagsValue((c.getFlags() & ~mask) | (ah & mask));
  }

  /** SYSCALL: the kernel sees RIP already advanced (it becomes RCX, as on hardware). */
  static void syscall(Cpu c, Insn i) {
    c.system.syscall(c);
  }

  static void cpuid(Cpu c, Insn i) {
    int[] r = Cpuid.query((int) c.regs[Cpu.RAX], (int) c.regs[Cpu.RCX]);
    c.setReg(Cpu.RAX, 4, r[0]);
    c.setReg(Cpu.RBX, 4, r[1]);
    c.setReg(Cpu.RCX, 4, r[2]);
    c.setReg(Cpu.RDX, 4, r[3]);
  }

  /** RDTSC: a monotonic counter ticking at a nominal 1 GHz (nanoseconds). */
  static void rdtsc(Cpu c, Insn i) {
    long t = System.nanoTime();
    c.setReg(Cpu.RAX, 4, t);
    c.setReg(Cpu.RDX, 4, t >>> 32);
  }

  static void ud2(Cpu c, Insn i) {
    throw GuestFault.of(GuestFault.Kind.INVALID_OPCODE, "ud2");
  }

  static void int3(Cpu c, Insn i) {
    throw GuestFault.of(GuestFault.Kind.BREAKPOINT, "int3");
  }

  static void intN(Cpu c, Insn i) {
    throw GuestFault.of(GuestFault.Kind.GENERAL_PROTECTION, "int " + i.imm);
  }

  static void hlt(Cpu c, Insn i) {
    throw GuestFault.of(GuestFault.Kind.GENERAL_PROTECTION, "hlt in user mode");
  }

  static void fence(Cpu c, Insn i) {
    java.lang.invoke.VarHandle.fullFence();
  }

  static void clflush(Cpu c, Insn i) {
    c.mmu.read8(c.ea(i));
  }
}
