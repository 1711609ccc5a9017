package blink.x86.ops;

import static blink.x86.OpcodeTable.*;

import blink.machine.GuestFault;
import blink.x86.Cpu;
import blink.x86.Flags;
import blink.x86.Insn;
import blink.x86.OpcodeTable;
import java.util.function.LongUnaryOperator;

/** Read-modify-write exchanges: CMPXCHG, XADD, CMPXCHG8B and CMPXCHG16B. */
public final class Atomic {
  private Atomic() {}

  public static void register(OpcodeTable t) {
    t.op(MAP_0F, 0xB0).def(MODRM | SZ_B, Atomic::cmpxchg);
    t.op(MAP_0F, 0xB1).def(MODRM, Atomic::cmpxchg);
    t.op(MAP_0F, 0xC0).def(MODRM | SZ_B, Atomic::xadd);
    t.op(MAP_0F, 0xC1).def(MODRM, Atomic::xadd);
    t.op(MAP_0F, 0xC7).reg(1).def(MODRM, Atomic::cmpxchg8b);
  }

  /**
   * A LOCKed update of the memory operand at a: old -> f(old), atomic with
   * respect to other threads. f may run again when another thread got there
   * first, so the flags are put back as they were before each attempt; the
   * attempt that lands leaves its flags.
   */
  static long locked(Cpu c, long a, int size, LongUnaryOperator f) {
    int kind = c.fKind, fsize = c.fSize;
    long res = c.fRes, dst = c.fDst, src = c.fSrc, carry = c.fCarry, eflags = c.eflags;
    return c.mmu.atomicUpdate(a, size, old -> {
      c.fKind = kind;
      c.fSize = fsize;
      c.fRes = res;
      c.fDst = dst;
      c.fSrc = src;
      c.fCarry = carry;
      c.eflags = eflags;
      return f.applyAsLong(old);
    });
  }

  /** Compares rAX with the destination; equal: dest = src, else rAX = dest. Flags as CMP. */
  static void cmpxchg(Cpu c, Insn i) {
    int s = i.size;
    long a = i.memory ? c.ea(i) : 0;
    if (i.lock) {
      long acc = c.getReg(Cpu.RAX, s);
      long src = c.readReg(i, s);
      long old = c.mmu.atomicUpdate(a, s, v -> v == acc ? src : v);
      Alu.compute(c, Alu.CMP, s, acc, old);
      if (acc != old) c.setReg(Cpu.RAX, s, old);
      return;
    }
    long dst = i.memory ? c.mmu.read(a, s) : c.readRm(i, s);
    long acc = c.getReg(Cpu.RAX, s);
    long src = c.readReg(i, s);
    Alu.compute(c, Alu.CMP, s, acc, dst);
    if (acc == dst) {
      if (i.memory) c.mmu.write(a, src, s);
      else c.writeRm(i, s, src);
    } else {
      if (i.memory) c.mmu.write(a, dst, s); // the destination is always written (SDM Vol. 2A)
      c.setReg(Cpu.RAX, s, dst);
    }
  }

  static void xadd(Cpu c, Insn i) {
    int s = i.size;
    long a = i.memory ? c.ea(i) : 0;
    long src = c.readReg(i, s);
    if (i.lock) {
      c.writeReg(i, s, locked(c, a, s, v -> Alu.compute(c, Alu.ADD, s, v, src)));
      return;
    }
    long dst = i.memory ? c.mmu.read(a, s) : c.readRm(i, s);
    long sum = Alu.compute(c, Alu.ADD, s, dst, src);
    c.writeReg(i, s, dst);
    if (i.memory) c.mmu.write(a, sum, s);
    else c.writeRm(i, s, sum);
  }

  /** CMPXCHG8B m64 / CMPXCHG16B m128 (REX.W; 16-byte alignment required). Only ZF changes. */
  static void cmpxchg8b(Cpu c, Insn i) {
    if (!i.memory) throw GuestFault.of(GuestFault.Kind.INVALID_OPCODE, "cmpxchg8b with register operand");
    long a = c.ea(i);
    if (i.size == 8) {
      if ((a & 15) != 0) throw GuestFault.of(GuestFault.Kind.GENERAL_PROTECTION, "misaligned cmpxchg16b");
      // No 128-bit compare-and-swap on the host side: serialized with the other split locks.
      synchronized (blink.memory.Mmu.SPLIT_LOCK) {
        cmpxchg16b(c, a);
      }
    } else if (i.lock) {
      long expect = (c.regs[Cpu.RDX] & 0xffffffffL) << 32 | (c.regs[Cpu.RAX] & 0xffffffffL);
      long next = (c.regs[Cpu.RCX] & 0xffffffffL) << 32 | (c.regs[Cpu.RBX] & 0xffffffffL);
      long m = c.mmu.atomicUpdate(a, 8, v -> v == expect ? next : v);
      if (m != expect) {
        c.regs[Cpu.RAX] = m & 0xffffffffL;
        c.regs[Cpu.RDX] = m >>> 32;
      }
      c.putFlag(Flags.ZF, m == expect);
    } else {
      cmpxchg8(c, a);
    }
  }

  private static void cmpxchg16b(Cpu c, long a) {
    long lo = c.mmu.read64(a), hi = c.mmu.read64(a + 8);
    boolean eq = lo == c.regs[Cpu.RAX] && hi == c.regs[Cpu.RDX];
    if (eq) {
      c.mmu.write64(a, c.regs[Cpu.RBX]);
      c.mmu.write64(a + 8, c.regs[Cpu.RCX]);
    } else {
      c.regs[Cpu.RAX] = lo;
      c.regs[Cpu.RDX] = hi;
    }
    c.putFlag(Flags.ZF, eq);
  }

  private static void cmpxchg8(Cpu c, long a) {
    long m = c.mmu.read64(a);
    long expect = (c.regs[Cpu.RDX] & 0xffffffffL) << 32 | (c.regs[Cpu.RAX] & 0xffffffffL);
    boolean eq = m == expect;
    if (eq) {
      c.mmu.write64(a, (c.regs[Cpu.RCX] & 0xffffffffL) << 32 | (c.regs[Cpu.RBX] & 0xffffffffL));
    } else {
      c.regs[Cpu.RAX] = m & 0xffffffffL;
      c.regs[Cpu.RDX] = m >>> 32;
    }
    c.putFlag(Flags.ZF, eq);
  }
}
