package blink.x86.ops;

import static blink.x86.OpcodeTable.*;

import blink.memory.HostMemory;
import blink.x86.Cpu;
import blink.x86.Insn;
import blink.x86.OpcodeTable;

/**
 * String instructions MOVS, CMPS, STOS, LODS, SCAS with REP/REPE/REPNE (SDM Vol. 2B
 * "REP/REPE/REPZ/REPNE/REPNZ"). RSI/RDI/RCX are updated per element, so a fault in
 * the middle leaves a restartable state, as on hardware. Forward REP MOVS and
 * REP STOSB move whole page-bounded chunks at a time.
 */
public final class StringOps {
  private StringOps() {}

  public static void register(OpcodeTable t) {
    t.op(ONE_BYTE, 0xA4).def(SZ_B, StringOps::movs);
    t.op(ONE_BYTE, 0xA5).def(0, StringOps::movs);
    t.op(ONE_BYTE, 0xA6).def(SZ_B, StringOps::cmps);
    t.op(ONE_BYTE, 0xA7).def(0, StringOps::cmps);
    t.op(ONE_BYTE, 0xAA).def(SZ_B, StringOps::stos);
    t.op(ONE_BYTE, 0xAB).def(0, StringOps::stos);
    t.op(ONE_BYTE, 0xAC).def(SZ_B, StringOps::lods);
    t.op(ONE_BYTE, 0xAD).def(0, StringOps::lods);
    t.op(ONE_BYTE, 0xAE).def(SZ_B, StringOps::scas);
    t.op(ONE_BYTE, 0xAF).def(0, StringOps::scas);
  }

  private static long mask(Insn i) {
    return i.addrSize == 8 ? -1L : i.addrSize == 4 ? 0xffffffffL : 0xffffL;
  }

  private static long get(Cpu c, int r, Insn i) {
    return c.regs[r] & mask(i);
  }

  /** Writes rSI/rDI/rCX at the address size: 16-bit (outside 64-bit mode) merges into the low word. */
  private static void put(Cpu c, int r, Insn i, long v) {
    if (i.addrSize == 8) c.regs[r] = v;
    else c.setReg(r, i.addrSize, v);
  }

  /** Source operand address DS:rSI; FS/GS overrides apply to it. */
  private static long source(Cpu c, Insn i) {
    return c.linear(i, c.regs[Cpu.RSI]);
  }

  /**
   * Destination address ES:rDI (no override applies). ES has base 0 in 64-bit mode
   * and in flat 32-bit code; in real mode it is the selector << 4.
   */
  private static long dest(Cpu c, Insn i) {
    long di = get(c, Cpu.RDI, i);
    return i.addrSize == 8 ? di : (c.esBase + di) & 0xffffffffL;
  }

  /** Whether a bulk chunk of bytes from rSI/rDI may be done as one: 64-bit, or flat without wrapping the index. */
  private static boolean flat(Cpu c, Insn i, long index, long bytes) {
    if (i.addrSize == 8) return true;
    return c.esBase == 0 && c.segmentBase(i.seg) == 0 && index + bytes <= mask(i) + 1;
  }

  private static long step(Cpu c, Insn i) {
    return c.df() ? -i.size : i.size;
  }

  static void movs(Cpu c, Insn i) {
    int s = i.size;
    long d = step(c, i);
    if (i.rep == 0) {
      c.mmu.write(dest(c, i), c.mmu.read(source(c, i), s), s);
      put(c, Cpu.RSI, i, c.regs[Cpu.RSI] + d);
      put(c, Cpu.RDI, i, c.regs[Cpu.RDI] + d);
      return;
    }
    while (get(c, Cpu.RCX, i) != 0) {
      if (d > 0 && (i.seg == Cpu.SEG_NONE || i.addrSize != 8) && bulkMove(c, i)) continue;
      c.mmu.write(dest(c, i), c.mmu.read(source(c, i), s), s);
      put(c, Cpu.RSI, i, c.regs[Cpu.RSI] + d);
      put(c, Cpu.RDI, i, c.regs[Cpu.RDI] + d);
      put(c, Cpu.RCX, i, c.regs[Cpu.RCX] - 1);
    }
  }

  /** Copies as many whole elements as fit in the current source and destination pages. */
  private static boolean bulkMove(Cpu c, Insn i) {
    int s = i.size;
    long src = get(c, Cpu.RSI, i), dst = get(c, Cpu.RDI, i);
    long room = Math.min(4096 - (src & 4095), 4096 - (dst & 4095));
    long n = Math.min(get(c, Cpu.RCX, i), room / s);
    if (n < 2) return false;
    long bytes = n * s;
    if (!flat(c, i, Math.max(src, dst), bytes)) return false;
    // Forward element-by-element copying differs from memmove when dst is just above src.
    if (dst - src > 0 && dst - src < bytes) return false;
    long from = c.mmu.hostRange(src, (int) bytes, false);
    long to = c.mmu.hostRange(dst, (int) bytes, true);
    if (from < 0 || to < 0) return false;
    HostMemory.copy(from, to, bytes);
    put(c, Cpu.RSI, i, src + bytes);
    put(c, Cpu.RDI, i, dst + bytes);
    put(c, Cpu.RCX, i, get(c, Cpu.RCX, i) - n);
    return true;
  }

  static void stos(Cpu c, Insn i) {
    int s = i.size;
    long d = step(c, i);
    long v = c.getReg(Cpu.RAX, s);
    if (i.rep == 0) {
      c.mmu.write(dest(c, i), v, s);
      put(c, Cpu.RDI, i, c.regs[Cpu.RDI] + d);
      return;
    }
    while (get(c, Cpu.RCX, i) != 0) {
      if (d > 0 && bulkStore(c, i, v)) continue;
      c.mmu.write(dest(c, i), v, s);
      put(c, Cpu.RDI, i, c.regs[Cpu.RDI] + d);
      put(c, Cpu.RCX, i, c.regs[Cpu.RCX] - 1);
    }
  }

  private static boolean bulkStore(Cpu c, Insn i, long v) {
    int s = i.size;
    long dst = get(c, Cpu.RDI, i);
    long n = Math.min(get(c, Cpu.RCX, i), (4096 - (dst & 4095)) / s);
    if (n < 2) return false;
    long bytes = n * s;
    if (!flat(c, i, dst, bytes)) return false;
    long to = c.mmu.hostRange(dst, (int) bytes, true);
    if (to < 0) return false;
    if (s == 1) {
      HostMemory.fill(to, bytes, (byte) v);
    } else {
      for (long k = 0; k < bytes; k += s) {
        switch (s) {
          case 2: HostMemory.put16(to + k, (int) v); break;
          case 4: HostMemory.put32(to + k, (int) v); break;
          default: HostMemory.put64(to + k, v);
        }
      }
    }
    put(c, Cpu.RDI, i, dst + bytes);
    put(c, Cpu.RCX, i, get(c, Cpu.RCX, i) - n);
    return true;
  }

  static void lods(Cpu c, Insn i) {
    int s = i.size;
    long d = step(c, i);
    if (i.rep == 0) {
      c.setReg(Cpu.RAX, s, c.mmu.read(source(c, i), s));
      put(c, Cpu.RSI, i, c.regs[Cpu.RSI] + d);
      return;
    }
    while (get(c, Cpu.RCX, i) != 0) {
      c.setReg(Cpu.RAX, s, c.mmu.read(source(c, i), s));
      put(c, Cpu.RSI, i, c.regs[Cpu.RSI] + d);
      put(c, Cpu.RCX, i, c.regs[Cpu.RCX] - 1);
    }
  }

  static void cmps(Cpu c, Insn i) {
    int s = i.size;
    long d = step(c, i);
    if (i.rep == 0) {
      compareOnce(c, i, s, d);
      return;
    }
    while (get(c, Cpu.RCX, i) != 0) {
      compareOnce(c, i, s, d);
      put(c, Cpu.RCX, i, c.regs[Cpu.RCX] - 1);
      if (stop(c, i)) break;
    }
  }

  private static void compareOnce(Cpu c, Insn i, int s, long d) {
    long a = c.mmu.read(source(c, i), s);
    long b = c.mmu.read(dest(c, i), s);
    Alu.compute(c, Alu.CMP, s, a, b);
    put(c, Cpu.RSI, i, c.regs[Cpu.RSI] + d);
    put(c, Cpu.RDI, i, c.regs[Cpu.RDI] + d);
  }

  static void scas(Cpu c, Insn i) {
    int s = i.size;
    long d = step(c, i);
    long acc = c.getReg(Cpu.RAX, s);
    if (i.rep == 0) {
      Alu.compute(c, Alu.CMP, s, acc, c.mmu.read(dest(c, i), s));
      put(c, Cpu.RDI, i, c.regs[Cpu.RDI] + d);
      return;
    }
    while (get(c, Cpu.RCX, i) != 0) {
      Alu.compute(c, Alu.CMP, s, acc, c.mmu.read(dest(c, i), s));
      put(c, Cpu.RDI, i, c.regs[Cpu.RDI] + d);
      put(c, Cpu.RCX, i, c.regs[Cpu.RCX] - 1);
      if (stop(c, i)) break;
    }
  }

  /** REPE (F3) stops when ZF is clear; REPNE (F2) when ZF is set. */
  private static boolean stop(Cpu c, Insn i) {
    return i.rep == 0xF3 ? !c.zf() : c.zf();
  }
}
