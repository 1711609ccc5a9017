package blink.x86.ops;

import static blink.x86.ops.X87Harness.CODE;
import static blink.x86.ops.X87Harness.DATA;
import static blink.x86.ops.X87Harness.code;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import blink.machine.GuestFault;
import blink.x86.X87;
import org.junit.jupiter.api.Test;

/**
 * x87 state beyond single results: the deferred #MF of unmasked exceptions, stack
 * overflow and underflow, the tag word, and the FNSTENV / FNSAVE / FXSAVE images
 * (byte values as measured on hardware).
 */
class X87StateTest {
  @Test
  void unmaskedExceptionFaultsAtTheNextWaitingInstruction() {
    // FLDCW (unmask ZE); FLD1; FLDZ; FDIVP: sets ZE and ES, result not written, no pop.
    X87Harness h = code("d9 28 d9 e8 d9 ee de f9 df e0 de c1").mem64(DATA, 0x037b).steps(4);
    assertEquals(X87.ZE | X87.ES | X87.B, h.f.status & (0x3f | X87.ES | X87.B));
    assertEquals(2, h.depth(), "pre-computation exception: no pop");
    h.step(); // FNSTSW AX does not wait
    assertEquals(h.f.statusWord(), h.cpu.regs[0] & 0xffff);
    h.fault(GuestFault.Kind.FLOATING_POINT); // FADDP waits: #MF at its address
    assertEquals(CODE + 10, h.cpu.rip);
  }

  @Test
  void fnclexClearsThePendingException() {
    X87Harness h = code("d9 28 d9 e8 d9 ee de f9 db e2 9b").mem64(DATA, 0x037b).steps(6);
    assertEquals(0, h.f.status & (0x3f | X87.ES | X87.B));
  }

  @Test
  void fwaitDeliversThePendingException() {
    X87Harness h = code("d9 28 d9 e8 d9 ee de f9 9b").mem64(DATA, 0x037b).steps(4);
    h.fault(GuestFault.Kind.FLOATING_POINT);
  }

  @Test
  void unmaskingARaisedFlagMakesItPending() {
    // 1/3 raises PE (masked); FLDCW unmasking PE sets ES; the next FLDCW waits and faults.
    X87Harness h = code("de f9 d9 28 d9 28").push(1, 3).mem64(DATA, 0x035f).steps(2);
    assertTrue((h.f.status & X87.ES) != 0);
    h.fault(GuestFault.Kind.FLOATING_POINT);
  }

  @Test
  void stackOverflowPushesTheIndefinite() {
    X87Harness h = code("d9 eb").push(1, 1, 1, 1, 1, 1, 1, 1).step();
    assertEquals("ffff:c000000000000000", h.raw(0));
    assertEquals(X87.IE | X87.SF | X87.C1, h.f.status & (0x7f | X87.C1));
  }

  @Test
  void stackUnderflowReadsTheIndefinite() {
    X87Harness h = code("d8 c3").push(1).step(); // FADD ST(0), ST(3): empty
    assertEquals("ffff:c000000000000000", h.raw(0));
    assertEquals(X87.IE | X87.SF, h.f.status & (0x7f | X87.C1));
    h = code("d9 10").step(); // FST m32 from an empty stack stores the single indefinite
    assertEquals(0xffc00000, h.cpu.mmu.read32(DATA));
  }

  @Test
  void tagWordIsDerivedFromTheContents() {
    X87Harness h = code("d9 30").push(1).push(0).pushRaw(0x7fff, 0xC000000000000000L).pushRaw(0, 1).step();
    // physical 7: valid, 6: zero, 5: special (NaN), 4: special (denormal), rest empty
    assertEquals(0x0aff | 0x1000, h.cpu.mmu.read16(DATA + 8));
    assertEquals(0xffff, h.cpu.mmu.read16(DATA + 10), "reserved upper half reads 0xFFFF");
  }

  @Test
  void fnstenvLayoutAndMasking() {
    X87Harness h = code("d9 e8 d9 ee d9 30").control(0x0b62).steps(3);
    long a = DATA;
    assertEquals(0xffff0b62, h.cpu.mmu.read32(a));
    assertEquals(0xffff3000, h.cpu.mmu.read32(a + 4));
    assertEquals(0xffff1fff, h.cpu.mmu.read32(a + 8));
    assertEquals(CODE + 2, h.cpu.mmu.read32(a + 12) & 0xffffffffL, "FIP: the FLDZ");
    assertEquals(0x01ee0033, h.cpu.mmu.read32(a + 16), "FOP D9 EE and CS");
    assertEquals(0x0b7f, h.f.control, "FNSTENV masks all exceptions");
  }

  @Test
  void fnsaveAndFrstorRoundTrip() {
    X87Harness h = code("dd 30 dd 20").push(1.5, -2).control(0x0e7f).step();
    assertEquals(0, h.depth(), "FNSAVE reinitialises");
    assertEquals(0x037f, h.f.control);
    assertEquals(0xC000000000000000L, h.cpu.mmu.read64(DATA + 38), "ST(1) after ST(0) at 28");
    h.step();
    assertEquals(-2.0, h.st(0));
    assertEquals(1.5, h.st(1));
    assertEquals(0x0e7f, h.f.control);
  }

  @Test
  void fxsaveAndFxrstor() {
    X87Harness h = code("0f ae 00 db e3 0f ae 08").push(1.5, -2).control(0x0e7f);
    h.cpu.mxcsr = 0x1f80 | 0x2000;
    h.cpu.xmm[3] = 0x1122334455667788L;
    h.step();
    assertEquals(0x0e7f, h.cpu.mmu.read16(DATA));
    assertEquals(0x3000, h.cpu.mmu.read16(DATA + 2));
    assertEquals(0xc0, h.cpu.mmu.read8(DATA + 4), "abridged tags");
    assertEquals(0x3f80, h.cpu.mmu.read32(DATA + 24), "MXCSR");
    assertEquals(0xffff, h.cpu.mmu.read32(DATA + 28), "MXCSR_MASK");
    assertEquals(0xC000000000000000L, h.cpu.mmu.read64(DATA + 48), "ST(1) at 48");
    assertEquals(0x3fffL, h.cpu.mmu.read64(DATA + 56), "exponent and six zero bytes");
    assertEquals(0x1122334455667788L, h.cpu.mmu.read64(DATA + 160 + 24), "XMM1 high");
    h.cpu.xmm[3] = 0;
    h.steps(2);
    assertEquals(-2.0, h.st(0));
    assertEquals(1.5, h.st(1));
    assertEquals(0x1122334455667788L, h.cpu.xmm[3]);
    assertEquals(0x3f80, h.cpu.mxcsr);
  }

  @Test
  void fxsaveNeedsSixteenByteAlignment() {
    X87Harness h = code("0f ae 00");
    h.cpu.regs[0] = DATA + 8;
    h.fault(GuestFault.Kind.GENERAL_PROTECTION);
  }

  @Test
  void fxrstorRejectsReservedMxcsrBits() {
    X87Harness h = code("0f ae 08").mem64(DATA + 24, 0x10000);
    h.fault(GuestFault.Kind.GENERAL_PROTECTION);
  }
}
