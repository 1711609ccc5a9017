package blink.x86.ops;

import static blink.x86.ops.X87Harness.DATA;
import static blink.x86.ops.X87Harness.code;
import static org.junit.jupiter.api.Assertions.assertEquals;

import blink.machine.GuestFault;
import blink.x86.Flags;
import blink.x86.X87;
import org.junit.jupiter.api.Test;

/**
 * Every x87 opcode form decodes to its own semantics: one check per escape byte,
 * ModRM.reg and register/memory form, following the opcode map (SDM Vol. 2 App. A.4).
 * ST(0) = 3 and ST(1) = 2 unless said otherwise; memory operands are at (%rax).
 */
class X87DecodeTest {
  static final long F32_2 = Float.floatToRawIntBits(2f), F64_2 = Double.doubleToRawLongBits(2.0);

  /** ST(0) after OPCODE MODRM on ST(0) = 3 and a memory operand holding 2. */
  static double mem(String op, long operand) {
    return code(op).push(3).mem64(DATA, operand).step().st(0);
  }

  @Test
  void arithmeticWithMemoryOperands() {
    // D8 /r m32fp, DC /r m64fp, DA /r m32int, DE /r m16int: add mul - - sub subr div divr
    String[] esc = {"d8", "dc", "da", "de"};
    long[] two = {F32_2, F64_2, 2, 2};
    for (int k = 0; k < 4; k++) {
      assertEquals(5.0, mem(esc[k] + " 00", two[k]), esc[k] + " /0 add");
      assertEquals(6.0, mem(esc[k] + " 08", two[k]), esc[k] + " /1 mul");
      assertEquals(1.0, mem(esc[k] + " 20", two[k]), esc[k] + " /4 sub");
      assertEquals(-1.0, mem(esc[k] + " 28", two[k]), esc[k] + " /5 subr");
      assertEquals(1.5, mem(esc[k] + " 30", two[k]), esc[k] + " /6 div");
      assertEquals(2.0 / 3, mem(esc[k] + " 38", two[k]), esc[k] + " /7 divr");
    }
    assertEquals(5.0, mem("de 20", 0xfffe + 0x10000L * 0x1234), "m16int: 16 bits, sign-extended: 3 - (-2)");
  }

  @Test
  void arithmeticRegisterForms() {
    // D8: ST(0) = ST(0) op ST(1)
    assertEquals(5.0, code("d8 c1").push(2, 3).step().st(0));
    assertEquals(1.0, code("d8 e1").push(2, 3).step().st(0), "D8 E0+i: ST(0) - ST(i)");
    assertEquals(-1.0, code("d8 e9").push(2, 3).step().st(0), "D8 E8+i: ST(i) - ST(0)");
    assertEquals(1.5, code("d8 f1").push(2, 3).step().st(0));
    assertEquals(2.0 / 3, code("d8 f9").push(2, 3).step().st(0));
    // DC: ST(i) = … with the same operand order per ModRM.reg
    X87Harness h = code("dc e1").push(2, 3).step();
    assertEquals(1.0, h.st(1), "DC E0+i FSUBR ST(i),ST(0): ST(0) - ST(i)");
    assertEquals(3.0, h.st(0));
    assertEquals(-1.0, code("dc e9").push(2, 3).step().st(1), "DC E8+i FSUB ST(i),ST(0): ST(i) - ST(0)");
    assertEquals(6.0, code("dc c9").push(2, 3).step().st(1));
    assertEquals(1.5, code("dc f1").push(2, 3).step().st(1));
    assertEquals(2.0 / 3, code("dc f9").push(2, 3).step().st(1));
    // DE: the same and pop
    h = code("de c1").push(2, 3).step();
    assertEquals(5.0, h.st(0));
    assertEquals(1, h.depth());
    assertEquals(1.0, code("de e1").push(2, 3).step().st(0), "FSUBRP");
    assertEquals(-1.0, code("de e9").push(2, 3).step().st(0), "FSUBP");
    assertEquals(6.0, code("de c9").push(2, 3).step().st(0));
    assertEquals(1.5, code("de f1").push(2, 3).step().st(0), "FDIVRP");
    assertEquals(2.0 / 3, code("de f9").push(2, 3).step().st(0), "FDIVP");
  }

  @Test
  void loadsAndStores() {
    assertEquals(2.0, code("d9 00").mem64(DATA, F32_2).step().st(0), "FLD m32");
    assertEquals(2.0, code("dd 00").mem64(DATA, F64_2).step().st(0), "FLD m64");
    assertEquals(-2.0, code("df 00").mem64(DATA, 0xfffe).step().st(0), "FILD m16");
    assertEquals(-2.0, code("db 00").mem64(DATA, 0xfffffffeL).step().st(0), "FILD m32");
    assertEquals(-2.0, code("df 28").mem64(DATA, -2).step().st(0), "FILD m64");
    X87Harness h = code("db 28").mem64(DATA, 0x8000000000000000L).mem64(DATA + 8, 0x4000).step();
    assertEquals(2.0, h.st(0), "FLD m80");
    assertEquals(3.0, code("d9 c1").push(3, 1).step().st(0), "FLD ST(1)");

    h = code("d9 10").push(2.5).step();
    assertEquals(Float.floatToRawIntBits(2.5f), h.cpu.mmu.read32(DATA));
    assertEquals(1, h.depth(), "FST m32 keeps");
    assertEquals(0, code("d9 18").push(2.5).step().depth(), "FSTP m32 pops");
    assertEquals(Double.doubleToRawLongBits(2.5), code("dd 10").push(2.5).step().cpu.mmu.read64(DATA));
    assertEquals(0, code("dd 18").push(2.5).step().depth());
    h = code("db 38").push(2.5).step();
    assertEquals(0xA000000000000000L, h.cpu.mmu.read64(DATA));
    assertEquals(0x4000, h.cpu.mmu.read16(DATA + 8));
    assertEquals(0, h.depth());
    // FIST, FISTP, FISTTP: 2.5 rounds to even (2), truncates to 2; -2.5 → -2 both ways
    assertEquals(0xfffe, code("df 10").push(-2.5).step().cpu.mmu.read16(DATA), "FIST m16");
    assertEquals(0xfffe, code("df 18").push(-2.5).step().cpu.mmu.read16(DATA), "FISTP m16");
    assertEquals(-2, code("db 10").push(-2.5).step().cpu.mmu.read32(DATA), "FIST m32");
  }

  @Test
  void integerStoresRoundAndTruncate() {
    assertEquals(-4, code("db 18").push(-3.5).step().cpu.mmu.read32(DATA), "FISTP m32 to even");
    assertEquals(-3L, code("df 38").push(-3.25).step().cpu.mmu.read64(DATA), "FISTP m64");
    assertEquals(0xfffd, code("df 08").push(-3.75).step().cpu.mmu.read16(DATA), "FISTTP m16");
    assertEquals(-3, code("db 08").push(-3.75).step().cpu.mmu.read32(DATA), "FISTTP m32");
    assertEquals(-3L, code("dd 08").push(-3.75).step().cpu.mmu.read64(DATA), "FISTTP m64");
  }

  @Test
  void bcd() {
    X87Harness h = code("df 30 df 20").push(-1234567.5).step();
    assertEquals(0x01234568L, h.cpu.mmu.read64(DATA), "FBSTP rounds to even");
    assertEquals(0x8000, h.cpu.mmu.read16(DATA + 8));
    assertEquals(-1234568.0, h.step().st(0), "FBLD");
  }

  @Test
  void constants() {
    String[] rm = {"e8", "e9", "ea", "eb", "ec", "ed", "ee"};
    double[] v = {1, Math.log(10) / Math.log(2), 1 / Math.log(2), Math.PI, Math.log10(2), Math.log(2), 0};
    for (int k = 0; k < 7; k++) assertEquals(v[k], code("d9 " + rm[k]).step().st(0), 1e-15, rm[k]);
    assertEquals("4000:c90fdaa22168c235", code("d9 eb").step().raw(0));
    assertEquals("4000:c90fdaa22168c234", code("d9 eb").control(0x077f).step().raw(0), "FLDPI rounded down");
  }

  @Test
  void registerOperations() {
    X87Harness h = code("d9 c9").push(2, 3).step();
    assertEquals(2.0, h.st(0), "FXCH");
    assertEquals(3.0, h.st(1));
    assertEquals(2.0, code("dd c9").push(2, 3).step().st(0), "FXCH4 alias");
    assertEquals(2.0, code("df c9").push(2, 3).step().st(0), "FXCH7 alias");
    assertEquals(-3.0, code("d9 e0").push(3).step().st(0), "FCHS");
    assertEquals(3.0, code("d9 e1").push(-3).step().st(0), "FABS");
    h = code("dd d1").push(2, 3).step();
    assertEquals(3.0, h.st(1), "FST ST(1)");
    assertEquals(2, h.depth());
    h = code("dd d9").push(2, 3).step();
    assertEquals(3.0, h.st(0), "FSTP ST(1)");
    assertEquals(1, h.depth());
    assertEquals(1, code("d9 d9").push(2, 3).step().depth(), "FSTP1 alias");
    assertEquals(1, code("df d1").push(2, 3).step().depth(), "FSTP8 alias");
    assertEquals(1, code("df d9").push(2, 3).step().depth(), "FSTP9 alias");
    h = code("dd c1").push(2, 3).step();
    assertEquals(1, h.depth(), "FFREE ST(1)");
    assertEquals(0, h.f.top - 7 + 1, "FFREE does not pop");
    h = code("df c1").push(2, 3).step();
    assertEquals(0, h.depth(), "FFREEP frees ST(1) and pops");
    assertEquals(7, code("d9 f6").step().f.top, "FDECSTP");
    assertEquals(1, code("d9 f7").step().f.top, "FINCSTP");
    assertEquals(0, code("d9 d0").step().f.top, "FNOP");
  }

  @Test
  void fcmov() {
    // DA: B E BE U; DB: NB NE NBE NU. With CF set only: B, BE and NE, NU move.
    String[] forms = {"da c1", "da c9", "da d1", "da d9", "db c1", "db c9", "db d1", "db d9"};
    boolean[] moves = {true, false, true, false, false, true, false, true};
    for (int k = 0; k < 8; k++) {
      X87Harness h = code(forms[k]).push(2, 3);
      h.cpu.setFlagsValue(Flags.CF);
      assertEquals(moves[k] ? 2.0 : 3.0, h.step().st(0), forms[k]);
    }
  }

  @Test
  void compares() {
    int less = X87.C0, equal = X87.C3, unordered = X87.C0 | X87.C2 | X87.C3;
    assertEquals(less, code("d8 d1").push(3, 2).step().cc(), "FCOM ST(1)");
    X87Harness h = code("d8 d9").push(3, 2).step();
    assertEquals(less, h.cc());
    assertEquals(1, h.depth(), "FCOMP");
    assertEquals(0, code("de d9").push(3, 2).step().depth(), "FCOMPP");
    assertEquals(equal, code("dd e1").push(2, 2).step().cc(), "FUCOM");
    assertEquals(1, code("dd e9").push(2, 2).step().depth(), "FUCOMP");
    assertEquals(0, code("da e9").push(2, 2).step().depth(), "FUCOMPP");
    assertEquals(unordered, code("dd e1").push(Double.NaN, 2).step().cc());
    assertEquals(0, code("dd e1").push(Double.NaN, 2).step().f.statusWord() & X87.IE, "FUCOM: QNaN quiet");
    assertEquals(X87.IE, code("d8 d1").push(Double.NaN, 2).step().f.statusWord() & X87.IE, "FCOM: QNaN signals");
    assertEquals(less, code("dc d1").push(3, 2).step().cc(), "FCOM2 alias");
    assertEquals(1, code("de d1").push(3, 2).step().depth(), "FCOMP5 alias");
    assertEquals(equal, code("d8 10").push(2).mem64(DATA, F32_2).step().cc(), "FCOM m32");
    assertEquals(0, code("d8 18").push(2).mem64(DATA, F32_2).step().depth(), "FCOMP m32");
    assertEquals(equal, code("dc 10").push(2).mem64(DATA, F64_2).step().cc(), "FCOM m64");
    assertEquals(equal, code("da 10").push(2).mem64(DATA, 2).step().cc(), "FICOM m32");
    assertEquals(0, code("de 18").push(2).mem64(DATA, 2).step().depth(), "FICOMP m16");
    assertEquals(less, code("d9 e4").push(-1).step().cc(), "FTST");
    assertEquals(X87.C2 | X87.C1, code("d9 e5").push(-1).step().cc(), "FXAM normal, negative");
    assertEquals(X87.C3 | X87.C0, code("d9 e5").step().cc(), "FXAM empty");
    // FCOMI/FUCOMI/FCOMIP/FUCOMIP: ZF PF CF
    assertEquals(Flags.CF, code("db f1").push(3, 2).step().cpu.getFlags() & Flags.STATUS, "FCOMI");
    assertEquals(Flags.ZF, code("db e9").push(2, 2).step().cpu.getFlags() & Flags.STATUS, "FUCOMI");
    X87Harness h2 = code("df f1").push(2, 3).step();
    assertEquals(0, h2.cpu.getFlags() & Flags.STATUS, "FCOMIP greater");
    assertEquals(1, h2.depth());
    h2 = code("df e9").push(Double.NaN, 3).step();
    assertEquals(Flags.ZF | Flags.PF | Flags.CF, h2.cpu.getFlags() & Flags.STATUS, "FUCOMIP unordered");
  }

  @Test
  void oneOperandArithmetic() {
    assertEquals(Math.sqrt(2), code("d9 fa").push(2).step().st(0), "FSQRT");
    assertEquals(2.0, code("d9 fc").push(2.5).step().st(0), "FRNDINT");
    assertEquals(12.0, code("d9 fd").push(2, 3).step().st(0), "FSCALE");
    X87Harness h = code("d9 f4").push(12).step();
    assertEquals(1.5, h.st(0), "FXTRACT significand");
    assertEquals(3.0, h.st(1), "FXTRACT exponent");
    assertEquals(1.0, code("d9 f8").push(2, 7).step().st(0), "FPREM");
    assertEquals(-1.0, code("d9 f5").push(2, 7).step().st(0), "FPREM1");
    assertEquals(Math.sin(1), code("d9 fe").push(1).step().st(0), 1e-16, "FSIN");
    assertEquals(Math.cos(1), code("d9 ff").push(1).step().st(0), 1e-16, "FCOS");
    h = code("d9 fb").push(1).step();
    assertEquals(Math.cos(1), h.st(0), 1e-16, "FSINCOS");
    assertEquals(Math.sin(1), h.st(1), 1e-16);
    h = code("d9 f2").push(1).step();
    assertEquals(1.0, h.st(0), "FPTAN pushes 1");
    assertEquals(Math.tan(1), h.st(1), 1e-15);
    assertEquals(Math.atan2(1, 2), code("d9 f3").push(1, 2).step().st(0), 1e-16, "FPATAN");
    assertEquals(Math.sqrt(2) - 1, code("d9 f0").push(0.5).step().st(0), 1e-15, "F2XM1");
    assertEquals(3 * 3.0, code("d9 f1").push(3, 8).step().st(0), "FYL2X");
    assertEquals(2 * 1.0, code("d9 f9").push(2, 1).step().st(0), "FYL2XP1");
  }

  @Test
  void controlAndStatus() {
    X87Harness h = code("d9 38").control(0x0b7f).step();
    assertEquals(0x0b7f, h.cpu.mmu.read16(DATA), "FNSTCW");
    h = code("d9 28").mem64(DATA, 0x0c7f).step();
    assertEquals(0x0c7f, h.f.control, "FLDCW");
    h = code("dd 38").push(1).step();
    assertEquals(0x3800, h.cpu.mmu.read16(DATA), "FNSTSW m16");
    h = code("df e0").push(1).step();
    assertEquals(0x3800, h.cpu.regs[0] & 0xffff, "FNSTSW AX");
    h = code("db e3").push(1).control(0).step();
    assertEquals(0x037f, h.f.control, "FNINIT");
    assertEquals(0, h.depth());
    h = code("d9 e8 de f9 db e2").push(0).steps(3);
    assertEquals(0, h.f.statusWord() & 0x3f, "FNCLEX");
    code("db e0 db e1 db e4 9b").steps(4); // FENI, FDISI, FSETPM are no-ops; FWAIT
  }

  @Test
  void undefinedForms() {
    code("d9 d1").fault(GuestFault.Kind.INVALID_OPCODE);
    code("d9 08").fault(GuestFault.Kind.INVALID_OPCODE);
    code("d9 e2").fault(GuestFault.Kind.INVALID_OPCODE);
    code("db 20").fault(GuestFault.Kind.INVALID_OPCODE);
    code("0f ae c0").fault(GuestFault.Kind.INVALID_OPCODE);
  }
}
