package blink.x86;

import blink.machine.CodeCache;
import blink.machine.GuestFault;
import blink.machine.Machine;
import blink.memory.AddressSpace;
import blink.memory.Prot;
import java.util.ArrayList;
import java.util.List;

/**
 * One integer differential test case (instruction bytes at {@link #CODE}, all
 * GPRs, RFLAGS, a seeded scratch block at {@link #SCRATCH} plus byte pokes), and
 * the emulator side: running it in a {@link Machine} with the same memory layout
 * and formatting the result as the native runner does.
 */
final class IntCase {
  static final long SCRATCH = 0x10000000L, CODE = 0x5a5a0000L;
  static final int SCRATCH_SIZE = 0x2000;
  /** Status flags and DF: the RFLAGS bits compared. */
  static final long COMPARED = 0xcd5;

  final String name;
  final byte[] code;
  final long[] regs = new long[16];
  long flags;
  long seed;
  /** Byte pokes into scratch: offset, value, offset, value... */
  final List<Integer> pokes = new ArrayList<>();
  /** RFLAGS bits the SDM leaves undefined for this instance. */
  long undefined;

  IntCase(String name, byte[] code) {
    this.name = name;
    this.code = code;
  }

  static long splitmix(long[] state) {
    long z = (state[0] += 0x9e3779b97f4a7c15L);
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }

  byte[] initialScratch() {
    byte[] m = new byte[SCRATCH_SIZE];
    long[] s = {seed};
    for (int k = 0; k < SCRATCH_SIZE / 8; k++) {
      long v = splitmix(s);
      for (int j = 0; j < 8; j++) m[8 * k + j] = (byte) (v >>> (8 * j));
    }
    for (int k = 0; k < pokes.size(); k += 2) m[pokes.get(k)] = (byte) (int) pokes.get(k + 1);
    return m;
  }

  /** A reusable emulator with the runner's memory layout. */
  static final class Emu {
    final Machine m;

    Emu() {
      AddressSpace space = new AddressSpace();
      m = new Machine(space, new CodeCache(space));
      space.mapAnonymous(SCRATCH, SCRATCH_SIZE, Prot.READ | Prot.WRITE, false, "scratch");
      space.mapAnonymous(CODE, 0x1000, Prot.READ | Prot.WRITE | Prot.EXEC, false, "code");
    }

    /** The emulator's result in the runner's output format (see {@link IntHost}). */
    String run(IntCase t) {
      byte[] init = t.initialScratch();
      m.space.poke(SCRATCH, init, 0, init.length);
      byte[] code = new byte[t.code.length + 16];
      System.arraycopy(t.code, 0, code, 0, t.code.length);
      m.space.poke(CODE, code, 0, code.length);
      Cpu c = m.cpu;
      c.rip = CODE;
      c.gsBase = SCRATCH;
      System.arraycopy(t.regs, 0, c.regs, 0, 16);
      c.setFlagsValue(t.flags | 0x200);
      long end = CODE + t.code.length;
      int steps = 0;
      try {
        do {
          m.step();
        } while (c.rip != end && ++steps < 64 && c.rip - CODE >= 0 && c.rip - CODE < t.code.length);
      } catch (GuestFault f) {
        if (steps == 0 && c.rip != CODE) return "FAULT with rip " + Long.toHexString(c.rip);
        String sig = switch (f.kind) {
          case DIVIDE_ERROR, FLOATING_POINT -> "FAULT 8";
          case INVALID_OPCODE -> "FAULT 4";
          case BREAKPOINT -> "FAULT 5";
          default -> "FAULT 11";
        };
        return sig + " " + Long.toHexString(c.rip - CODE) + " " + state(t, init);
      }
      if (c.rip != CODE + t.code.length) return "rip " + Long.toHexString(c.rip);
      return state(t, init);
    }

    private String state(IntCase t, byte[] init) {
      Cpu c = m.cpu;
      StringBuilder sb = new StringBuilder(256);
      for (int k = 0; k < 16; k++) sb.append(Long.toHexString(c.regs[k])).append(' ');
      sb.append(Long.toHexString(c.getFlags()));
      StringBuilder diff = new StringBuilder();
      int nd = 0;
      for (int k = 0; k < SCRATCH_SIZE / 8; k++) {
        long v = c.mmu.read64(SCRATCH + 8L * k), was = 0;
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

  /** Masks a result line's RFLAGS to the compared, defined bits. */
  String normalize(String s) {
    if (s == null) return "<no output>";
    if (s.startsWith("rip")) return s.trim();
    String[] p = s.trim().split(" ");
    int at = 0;
    if (s.startsWith("FAULT")) {
      if (p[1].equals("7")) p[1] = "11"; // SIGBUS (split lock) vs SIGSEGV: both a fault here
      at = 3;
    }
    if (p.length < at + 17) return s.trim();
    p[at + 16] = Long.toHexString(Long.parseUnsignedLong(p[at + 16], 16) & COMPARED & ~undefined);
    return String.join(" ", p);
  }

  String describe() {
    StringBuilder sb = new StringBuilder(name).append(' ');
    for (byte b : code) sb.append(String.format("%02x", b & 0xff));
    sb.append("\n  in   ");
    for (long v : regs) sb.append(Long.toHexString(v)).append(' ');
    sb.append(Long.toHexString(flags)).append(" seed ").append(Long.toHexString(seed)).append(" pokes");
    for (int k = 0; k < pokes.size(); k += 2) {
      sb.append(' ').append(Integer.toHexString(pokes.get(k))).append('=').append(Integer.toHexString(pokes.get(k + 1)));
    }
    return sb.toString();
  }
}
