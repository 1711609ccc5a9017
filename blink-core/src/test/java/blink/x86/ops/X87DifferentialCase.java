package blink.x86.ops;

import blink.machine.CodeCache;
import blink.machine.GuestFault;
import blink.machine.Machine;
import blink.memory.AddressSpace;
import blink.memory.Prot;
import blink.x86.Cpu;
import java.util.ArrayList;
import java.util.List;

/**
 * One x87 differential test case (instruction bytes at {@link #CODE}, the x87
 * state as an FXSAVE image, four GPRs, RFLAGS, seeded data at {@link #DATA} plus
 * qword pokes) and the emulator side: the same FXRSTOR64 / instruction / FXSAVE64
 * sequence as the native runner ({@link X87DifferentialHost}), formatted alike.
 */
final class X87DifferentialCase {
  static final long DATA = 0x10000000L, CODE = 0x5a5a0000L, IMAGE = 0x30000000L;
  static final int DATA_SIZE = 0x2000;

  final String name;
  final byte[] code;
  int fcw, fsw, ftw, mxcsr = 0x1f80;
  /** ST(0-7): sign+exponent and significand. */
  final int[] se = new int[8];
  final long[] sig = new long[8];
  final long[] gpr = new long[4];
  long flags, seed;
  /** RSI and RDI = DATA + rsiOffset. */
  int rsiOffset;
  /** Where the instructions store an FXSAVE image (offset from DATA), or -1. */
  int fxsaveAt = -1;
  /** Qword pokes into data: index, value, index, value... */
  final List<Long> pokes = new ArrayList<>();
  /**
   * Whether the result may differ from the host's in the last significand bit of the
   * stack registers (the transcendentals, see {@link X87DifferentialGen#inexact}).
   */
  boolean lastBit;

  X87DifferentialCase(String name, byte[] code) {
    this.name = name;
    this.code = code;
  }

  void poke(int qword, long v) {
    pokes.add((long) qword);
    pokes.add(v);
  }

  String input() {
    StringBuilder sb = new StringBuilder(512);
    for (byte b : code) sb.append(String.format("%02x", b & 0xff));
    sb.append(' ').append(Integer.toHexString(fcw)).append(' ').append(Integer.toHexString(fsw))
        .append(' ').append(Integer.toHexString(ftw)).append(' ').append(Integer.toHexString(mxcsr));
    for (int k = 0; k < 8; k++) sb.append(' ').append(Integer.toHexString(se[k])).append(' ').append(Long.toHexString(sig[k]));
    for (long v : gpr) sb.append(' ').append(Long.toHexString(v));
    sb.append(' ').append(Long.toHexString(flags)).append(' ').append(Long.toHexString(seed))
        .append(' ').append(Integer.toHexString(rsiOffset));
    sb.append(' ').append(Integer.toHexString(pokes.size() / 2));
    for (int k = 0; k < pokes.size(); k += 2) {
      sb.append(' ').append(Long.toHexString(pokes.get(k))).append(' ').append(Long.toHexString(pokes.get(k + 1)));
    }
    return sb.toString();
  }

  static long splitmix(long[] state) {
    long z = (state[0] += 0x9e3779b97f4a7c15L);
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }

  long[] initialData() {
    long[] m = new long[DATA_SIZE / 8];
    long[] s = {seed};
    for (int k = 0; k < m.length; k++) m[k] = splitmix(s);
    for (int k = 0; k < pokes.size(); k += 2) m[(int) (long) pokes.get(k)] = pokes.get(k + 1);
    return m;
  }

  String describe() {
    StringBuilder sb = new StringBuilder(name).append(' ');
    for (byte b : code) sb.append(String.format("%02x", b & 0xff));
    sb.append("\n  in   ").append(input().substring(2 * code.length + 1));
    return sb.toString();
  }

  /** A reusable emulator with the runner's memory layout. */
  static final class Emu {
    final Machine m;

    Emu() {
      AddressSpace space = new AddressSpace();
      m = new Machine(space, new CodeCache(space));
      space.mapAnonymous(DATA, DATA_SIZE, Prot.READ | Prot.WRITE, false, "data");
      space.mapAnonymous(CODE, 0x1000, Prot.READ | Prot.WRITE | Prot.EXEC, false, "code");
      space.mapAnonymous(IMAGE, 0x1000, Prot.READ | Prot.WRITE, false, "images");
    }

    /** The emulator's result in the runner's output format. */
    String run(X87DifferentialCase t) {
      Cpu c = m.cpu;
      long[] init = t.initialData();
      for (int k = 0; k < init.length; k++) c.mmu.write64(DATA + 8L * k, init[k]);
      byte[] code = new byte[t.code.length + 1];
      System.arraycopy(t.code, 0, code, 0, t.code.length);
      code[t.code.length] = (byte) 0xc3;
      m.space.poke(CODE, code, 0, code.length);
      for (int k = 0; k < 1024; k += 8) c.mmu.write64(IMAGE + k, 0);
      c.mmu.write16(IMAGE, t.fcw);
      c.mmu.write16(IMAGE + 2, t.fsw);
      c.mmu.write8(IMAGE + 4, t.ftw);
      c.mmu.write32(IMAGE + 24, t.mxcsr);
      c.mmu.write32(IMAGE + 28, 0xffff);
      for (int k = 0; k < 8; k++) {
        c.mmu.write64(IMAGE + 32 + 16 * k, t.sig[k]);
        c.mmu.write16(IMAGE + 40 + 16 * k, t.se[k]);
      }
      X87Control.fxrstor(c, IMAGE, true);
      System.arraycopy(t.gpr, 0, c.regs, 0, 4);
      c.regs[Cpu.RSI] = DATA + t.rsiOffset;
      c.regs[Cpu.RDI] = DATA + t.rsiOffset;
      c.setFlagsValue(t.flags & 0xcd5 | 0x202);
      c.rip = CODE;
      String prefix = "";
      try {
        for (int k = 0; k < 4 && c.rip != CODE + t.code.length; k++) m.step(); // a form may be two instructions
        if (c.rip != CODE + t.code.length) return "rip " + Long.toHexString(c.rip);
      } catch (GuestFault f) {
        String sig = switch (f.kind) {
          case DIVIDE_ERROR, FLOATING_POINT -> "8";
          case INVALID_OPCODE -> "4";
          default -> "11";
        };
        prefix = "FAULT " + sig + " " + Long.toHexString(c.rip - CODE) + " ";
      }
      X87Control.fxsave(c, IMAGE + 512, true);
      return prefix + state(init);
    }

    private String state(long[] init) {
      Cpu c = m.cpu;
      long o = IMAGE + 512;
      StringBuilder sb = new StringBuilder(512);
      sb.append(Integer.toHexString(c.mmu.read16(o))).append(' ').append(Integer.toHexString(c.mmu.read16(o + 2)))
          .append(' ').append(Integer.toHexString(c.mmu.read8(o + 4))).append(' ')
          .append(Integer.toHexString(c.mmu.read16(o + 6))).append(' ').append(Long.toHexString(c.mmu.read64(o + 8)))
          .append(' ').append(Long.toHexString(c.mmu.read64(o + 16))).append(' ')
          .append(Integer.toHexString(c.mmu.read32(o + 24)));
      for (int k = 0; k < 8; k++) {
        sb.append(' ').append(Integer.toHexString(c.mmu.read16(o + 40 + 16 * k)))
            .append(' ').append(Long.toHexString(c.mmu.read64(o + 32 + 16 * k)));
      }
      long sum = 0;
      for (int k = 0; k < 32; k++) sum = sum * 31 + c.mmu.read64(o + 160 + 8 * k);
      sb.append(' ').append(Long.toHexString(sum));
      for (int k = 0; k < 4; k++) sb.append(' ').append(Long.toHexString(c.regs[k]));
      sb.append(' ').append(Long.toHexString(c.getFlags()));
      StringBuilder diff = new StringBuilder();
      int nd = 0;
      for (int k = 0; k < DATA_SIZE / 8; k++) {
        long v = c.mmu.read64(DATA + 8L * k);
        if (v != init[k]) {
          nd++;
          diff.append(' ').append(Integer.toHexString(k)).append(' ').append(Long.toHexString(v));
        }
      }
      sb.append(' ').append(Integer.toHexString(nd)).append(diff);
      return sb.toString();
    }
  }

  /**
   * Masks a result line's RFLAGS to the status flags and DF. After an FXSAVE, the MXCSR_MASK bit 17
   * (AMD's misaligned-SSE mode, which the emulator does not offer) is cleared.
   */
  String normalize(String s) {
    if (s == null) return "<no output>";
    if (s.startsWith("rip")) return s.trim();
    String[] p = s.trim().split(" ");
    int at = s.startsWith("FAULT") ? 3 : 0;
    if (p.length < at + 29) return s.trim();
    p[at + 28] = Long.toHexString(Long.parseUnsignedLong(p[at + 28], 16) & 0xcd5);
    if (fxsaveAt >= 0) {
      for (int k = at + 30; k + 1 < p.length; k += 2) {
        if (p[k].equals(Integer.toHexString((fxsaveAt + 24) / 8))) p[k + 1] = Long.toHexString(Long.parseUnsignedLong(p[k + 1], 16) & ~(1L << 49));
      }
    }
    return String.join(" ", p);
  }
}
