package blink.x86.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import blink.machine.GuestFault;
import blink.machine.Machine;
import blink.memory.Prot;
import blink.x86.Cpu;
import blink.x86.X87;
import blink.x86.fp.Float80;
import blink.x86.fp.Float80Convert;

/**
 * A small machine for the x87 tests: code at {@link #CODE}, data at {@link #DATA}
 * with RAX pointing there (so ModRM "(%rax)" operands work), and helpers to push
 * values given as doubles and read registers back as doubles or raw bits.
 */
final class X87Harness {
  static final long CODE = 0x10000, DATA = 0x20000;

  final Machine m;
  final Cpu cpu;
  final X87 f;

  private X87Harness(byte[] code) {
    m = Machine.create();
    m.space.mapAnonymous(CODE, 0x1000, Prot.READ | Prot.WRITE | Prot.EXEC, false, "code");
    m.space.mapAnonymous(DATA, 0x2000, Prot.READ | Prot.WRITE, false, "data");
    m.space.poke(CODE, code, 0, code.length);
    cpu = m.cpu;
    cpu.rip = CODE;
    cpu.regs[Cpu.RAX] = DATA;
    f = cpu.fpu;
  }

  /** A machine whose code is the given hex bytes ("d9 e8 de c1"). */
  static X87Harness code(String hex) {
    String[] parts = hex.trim().split("\\s+");
    byte[] b = new byte[parts.length];
    for (int k = 0; k < b.length; k++) b[k] = (byte) Integer.parseInt(parts[k], 16);
    return new X87Harness(b);
  }

  /** Pushes values, the last one ending up in ST(0). */
  X87Harness push(double... values) {
    for (double v : values) {
      Float80 u = new Float80();
      Float80Convert.fromFloat64(u, Double.doubleToRawLongBits(v));
      pushRaw(u.se, u.sig);
    }
    return this;
  }

  X87Harness pushRaw(int se, long sig) {
    f.top = (f.top - 1) & 7;
    f.write(f.top, sig, se);
    return this;
  }

  X87Harness mem64(long addr, long v) {
    cpu.mmu.write64(addr, v);
    return this;
  }

  X87Harness control(int cw) {
    f.setControl(cw);
    return this;
  }

  X87Harness step() {
    m.step();
    return this;
  }

  X87Harness steps(int n) {
    for (int k = 0; k < n; k++) m.step();
    return this;
  }

  GuestFault fault(GuestFault.Kind kind) {
    long rip = cpu.rip;
    GuestFault e = assertThrows(GuestFault.class, m::step);
    assertEquals(kind, e.kind);
    assertEquals(rip, cpu.rip, "the faulting instruction is not retired");
    return e;
  }

  /** ST(i) as a double (rounded to nearest). */
  double st(int i) {
    int p = f.phys(i);
    Float80 u = new Float80();
    return Double.longBitsToDouble(Float80Convert.toFloat64(u, f.sig[p], f.se[p]));
  }

  String raw(int i) {
    int p = f.phys(i);
    return String.format("%04x:%016x", f.se[p], f.sig[p]);
  }

  /** The number of registers in use. */
  int depth() {
    return Integer.bitCount(f.abridgedTag());
  }

  int cc() {
    return f.statusWord() & (X87.C0 | X87.C1 | X87.C2 | X87.C3);
  }
}
