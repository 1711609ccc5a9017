package blink.x86;

import blink.machine.CodeCache;
import blink.machine.GuestFault;
import blink.machine.Machine;
import blink.memory.AddressSpace;
import blink.memory.Prot;
import java.util.ArrayList;
import java.util.List;

/**
 * One 32-bit or 16-bit mode differential test case (instruction bytes at {@link
 * #code}, EAX..EDI, EFLAGS, a seeded scratch block at {@link #SCRATCH} and a low
 * one at {@link #LOW}, plus byte pokes), and the emulator side: running it in a
 * {@link Machine} in {@link Mode#PROTECTED_32} or {@link Mode#REAL_16} (flat: all
 * segment bases 0) with the same memory layout and formatting the result as
 * {@link CompatHost}'s runner does.
 */
final class CompatCase {
  static final long SCRATCH = 0x10000000L, LOW = 0x7000L, CODE = 0x5a5a0000L, CODE16 = 0x4000L;
  /** Selectors the host runner uses for 16-bit code: LDT entries 0 (code) and 1 (stack, B = 0). */
  static final int CS16 = 0x07, SS16 = 0x0f;
  static final int SCRATCH_SIZE = 0x2000, LOW_SIZE = 0x1000;
  /** Status flags and DF: the EFLAGS bits compared. */
  static final long COMPARED = 0xcd5;

  final String name;
  final byte[] code;
  final Mode mode;
  final long[] regs = new long[8];
  long flags;
  long seed;
  /** Whether the case touches the low area (16-bit addressing), which the host may not be able to map. */
  boolean needsLow;
  /** Byte pokes: offset, value, ... (offsets from SCRATCH_SIZE on fall in the low area). */
  final List<Integer> pokes = new ArrayList<>();
  /** EFLAGS bits the SDM leaves undefined for this instance (masked in the comparison). */
  long undefined;

  CompatCase(String name, byte[] code, Mode mode) {
    this.name = name;
    this.code = code;
    this.mode = mode;
  }

  /** Where a case's code starts: 16-bit code must lie below 64 KiB (the runner's code segment has base 0). */
  static long code(Mode mode) {
    return mode == Mode.REAL_16 ? CODE16 : CODE;
  }

  byte[] initialMemory() {
    byte[] m = new byte[SCRATCH_SIZE + LOW_SIZE];
    long[] s = {seed};
    for (int k = 0; k < m.length / 8; k++) {
      long v = IntCase.splitmix(s);
      for (int j = 0; j < 8; j++) m[8 * k + j] = (byte) (v >>> (8 * j));
    }
    for (int k = 0; k < pokes.size(); k += 2) m[pokes.get(k)] = (byte) (int) pokes.get(k + 1);
    return m;
  }

  /** A reusable emulator with the runner's memory layout, in one mode. */
  static final class Emu {
    final Machine m;
    final Mode mode;
    final long codeAt;

    Emu(Mode mode) {
      this.mode = mode;
      this.codeAt = code(mode);
      AddressSpace space = new AddressSpace();
      m = new Machine(space, new CodeCache(space));
      m.setMode(mode);
      space.mapAnonymous(SCRATCH, SCRATCH_SIZE, Prot.READ | Prot.WRITE, false, "scratch");
      space.mapAnonymous(LOW, LOW_SIZE, Prot.READ | Prot.WRITE, false, "low");
      space.mapAnonymous(codeAt, 0x1000, Prot.READ | Prot.WRITE | Prot.EXEC, false, "code");
    }

    /** The emulator's result in the runner's output format (see {@link CompatHost}). */
    String run(CompatCase t) {
      byte[] init = t.initialMemory();
      m.space.poke(SCRATCH, init, 0, SCRATCH_SIZE);
      m.space.poke(LOW, init, SCRATCH_SIZE, LOW_SIZE);
      byte[] code = new byte[t.code.length + 16];
      System.arraycopy(t.code, 0, code, 0, t.code.length);
      m.space.poke(codeAt, code, 0, code.length);
      Cpu c = m.cpu;
      long base = codeAt;
      c.rip = base;
      for (int k = 0; k < 8; k++) c.regs[k] = t.regs[k] & 0xffffffffL;
      c.selector[Cpu.DS] = c.selector[Cpu.ES] = 0x2b;
      c.selector[Cpu.SS] = mode == Mode.REAL_16 ? SS16 : 0x2b;
      c.selector[Cpu.CS] = mode == Mode.REAL_16 ? CS16 : 0x23;
      c.esBase = c.csBase = c.ssBase = c.dsBase = 0;
      c.setFlagsValue(t.flags | 0x200);
      long end = base + t.code.length;
      int steps = 0;
      try {
        do {
          m.step();
        } while (c.rip != end && ++steps < 64 && c.rip - base >= 0 && c.rip - base < t.code.length);
      } catch (GuestFault f) {
        if (steps == 0 && c.rip != base && !f.trap) return "FAULT with rip " + Long.toHexString(c.rip);
        String sig = switch (f.kind) {
          case DIVIDE_ERROR, FLOATING_POINT -> "FAULT 8";
          case INVALID_OPCODE -> "FAULT 4";
          case BREAKPOINT -> "FAULT 5";
          default -> "FAULT 11";
        };
        return sig + " " + Long.toHexString(c.rip - base) + " " + state(init);
      }
      if (c.rip != end) return "rip " + Long.toHexString(c.rip);
      return state(init);
    }

    private String state(byte[] init) {
      Cpu c = m.cpu;
      StringBuilder sb = new StringBuilder(256);
      for (int k = 0; k < 8; k++) sb.append(Long.toHexString(c.regs[k] & 0xffffffffL)).append(' ');
      sb.append(Long.toHexString(c.getFlags() & 0xffffffffL));
      StringBuilder diff = new StringBuilder();
      int nd = 0;
      for (int k = 0; k < (SCRATCH_SIZE + LOW_SIZE) / 8; k++) {
        long a = k < SCRATCH_SIZE / 8 ? SCRATCH + 8L * k : LOW + 8L * k - SCRATCH_SIZE;
        long v = c.mmu.read64(a), was = 0;
        for (int j = 7; j >= 0; j--) was = was << 8 | (init[8 * k + j] & 0xff);
        if (v != was) {
          nd++;
          diff.append(' ').append(Integer.toHexString(k)).append(' ').append(Long.toHexString(v));
        }
      }
      sb.append(' ').append(Integer.toHexString(nd)).append(diff);
      return sb.toString();
    }
  }

  /** Masks a result line's EFLAGS to the compared, defined bits. */
  String normalize(String s) {
    if (s == null) return "<no output>";
    if (s.startsWith("rip") || s.startsWith("NOLOW")) return s.trim();
    String[] p = s.trim().split(" ");
    int at = 0;
    if (s.startsWith("FAULT")) {
      if (p[1].equals("7")) p[1] = "11"; // SIGBUS vs SIGSEGV: both a fault here
      at = 3;
    }
    if (p.length < at + 9) return s.trim();
    p[at + 8] = Long.toHexString(Long.parseUnsignedLong(p[at + 8], 16) & COMPARED & ~undefined);
    return String.join(" ", p);
  }

  String describe() {
    StringBuilder sb = new StringBuilder(name).append(' ');
    for (byte b : code) sb.append(String.format("%02x", b & 0xff));
    sb.append("\n  in   ");
    for (long v : regs) sb.append(Long.toHexString(v & 0xffffffffL)).append(' ');
    sb.append(Long.toHexString(flags)).append(" seed ").append(Long.toHexString(seed)).append(" pokes");
    for (int k = 0; k < pokes.size(); k += 2) {
      sb.append(' ').append(Integer.toHexString(pokes.get(k))).append('=').append(Integer.toHexString(pokes.get(k + 1)));
    }
    return sb.toString();
  }
}
