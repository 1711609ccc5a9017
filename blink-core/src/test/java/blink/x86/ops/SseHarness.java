package blink.x86.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import blink.machine.GuestFault;
import blink.machine.Machine;
import blink.memory.Prot;
import blink.x86.Cpu;

/**
 * A one-instruction machine for the SSE tests: code at {@link #CODE}, two data
 * pages at {@link #DATA} with RAX pointing at them (so "(%rax)" operands work),
 * and fluent setters for XMM registers, memory and MXCSR.
 */
final class SseHarness {
  static final long CODE = 0x10000, DATA = 0x20000;

  final Machine m;
  final Cpu cpu;

  private SseHarness(byte[] code) {
    m = Machine.create();
    m.space.mapAnonymous(CODE, 0x1000, Prot.READ | Prot.WRITE | Prot.EXEC, false, "code");
    m.space.mapAnonymous(DATA, 0x2000, Prot.READ | Prot.WRITE, false, "data");
    m.space.poke(CODE, code, 0, code.length);
    cpu = m.cpu;
    cpu.rip = CODE;
    cpu.regs[Cpu.RAX] = DATA;
  }

  /** A machine whose code is the instruction bytes given in hex ("66 0f fc ca"). */
  static SseHarness insn(String hex) {
    String[] parts = hex.trim().split("\\s+");
    byte[] b = new byte[parts.length];
    for (int k = 0; k < b.length; k++) b[k] = (byte) Integer.parseInt(parts[k], 16);
    return new SseHarness(b);
  }

  SseHarness xmm(int n, long lo, long hi) {
    cpu.xmm[2 * n] = lo;
    cpu.xmm[2 * n + 1] = hi;
    return this;
  }

  SseHarness reg(int r, long v) {
    cpu.regs[r] = v;
    return this;
  }

  SseHarness mem(long addr, long... qwords) {
    for (int k = 0; k < qwords.length; k++) cpu.mmu.write64(addr + 8L * k, qwords[k]);
    return this;
  }

  SseHarness mxcsr(int v) {
    cpu.mxcsr = v;
    return this;
  }

  SseHarness step() {
    m.step();
    return this;
  }

  /** Steps, expecting a fault of the given kind with RIP left at the instruction. */
  GuestFault fault(GuestFault.Kind kind) {
    GuestFault f = assertThrows(GuestFault.class, m::step);
    assertEquals(kind, f.kind);
    assertEquals(CODE, cpu.rip);
    return f;
  }

  long lo(int n) {
    return cpu.xmm[2 * n];
  }

  long hi(int n) {
    return cpu.xmm[2 * n + 1];
  }

  long q(long addr) {
    return cpu.mmu.read64(addr);
  }

  /** Asserts both halves of xmm n. */
  void assertXmm(int n, long lo, long hi) {
    assertEquals(Long.toHexString(lo) + ":" + Long.toHexString(hi),
        Long.toHexString(cpu.xmm[2 * n]) + ":" + Long.toHexString(cpu.xmm[2 * n + 1]), "xmm" + n);
  }

  static long d(double v) {
    return Double.doubleToRawLongBits(v);
  }

  static double d(long bits) {
    return Double.longBitsToDouble(bits);
  }

  /** Two binary32 values packed low, high. */
  static long ff(float lo, float hi) {
    return Float.floatToRawIntBits(lo) & 0xffffffffL | (long) Float.floatToRawIntBits(hi) << 32;
  }

  /** Two 32-bit values packed low, high. */
  static long dd(int lo, int hi) {
    return lo & 0xffffffffL | (long) hi << 32;
  }
}
