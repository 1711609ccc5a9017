package blink.x86.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import blink.machine.Machine;
import blink.x86.Cpu;
import java.math.BigDecimal;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * SseFp and SseSoftFloat against independent oracles: Java's own arithmetic for
 * round-to-nearest results, and exact BigDecimal comparisons for the directed
 * modes ("the result brackets the exact value from the right side, one ulp
 * wide") and for the inexact flag. Operands are drawn across the whole range,
 * denormals and values near overflow included, so both the fast paths and the
 * exact slow path are exercised.
 */
class SseSoftFloatTest {
  static final int ADD = SseFp.ADD, SUB = SseFp.SUB, MUL = SseFp.MUL, DIV = SseFp.DIV, SQRT = 9;
  final Cpu cpu = Machine.create().cpu;
  final Random rnd = new Random(1234);

  long randomDouble() {
    switch (rnd.nextInt(5)) {
      case 0: return Double.doubleToRawLongBits(rnd.nextGaussian());
      case 1: return rnd.nextLong() & 0x800fffffffffffffL | (long) (1 + rnd.nextInt(2046)) << 52;
      case 2: return rnd.nextLong() & 0x800fffffffffffffL | (long) rnd.nextInt(80) << 52; // tiny and denormal
      case 3: return rnd.nextLong() & 0x800fffffffffffffL | (long) (1970 + rnd.nextInt(76)) << 52; // huge
      default: return Double.doubleToRawLongBits(rnd.nextInt(100) - 50 + rnd.nextInt(8) / 8.0);
    }
  }

  int randomFloat() {
    switch (rnd.nextInt(4)) {
      case 0: return Float.floatToRawIntBits((float) rnd.nextGaussian());
      case 1: return rnd.nextInt() & 0x807fffff | (1 + rnd.nextInt(254)) << 23;
      case 2: return rnd.nextInt() & 0x807fffff | rnd.nextInt(6) << 23;
      default: return rnd.nextInt() & 0x807fffff | (248 + rnd.nextInt(7)) << 23;
    }
  }

  /** The sign of (exact result - r), for finite x, y, r. */
  static int compareExact(int op, double x, double y, double r) {
    BigDecimal a = new BigDecimal(x), b = new BigDecimal(y), q = new BigDecimal(r);
    switch (op) {
      case ADD: return a.add(b).compareTo(q);
      case SUB: return a.subtract(b).compareTo(q);
      case MUL: return a.multiply(b).compareTo(q);
      case DIV: return a.compareTo(q.multiply(b)) * b.signum();
      default: return a.compareTo(q.multiply(q)); // SQRT, r >= 0
    }
  }

  static double java(int op, double x, double y) {
    switch (op) {
      case ADD: return x + y;
      case SUB: return x - y;
      case MUL: return x * y;
      case DIV: return x / y;
      default: return Math.sqrt(x);
    }
  }

  long runDouble(int op, long a, long b, int rc) {
    cpu.mxcsr = 0x1f80 | rc << 13;
    return op == SQRT ? SseFp.sqrt(cpu, a) : SseFp.d(cpu, op, a, b);
  }

  int runFloat(int op, int a, int b, int rc) {
    cpu.mxcsr = 0x1f80 | rc << 13;
    return op == SQRT ? SseFp.sqrt(cpu, a) : SseFp.f(cpu, op, a, b);
  }

  /** Checks a finite, non-zero result r of op against the exact value, for rounding mode rc. */
  static void checkDirected(String what, int op, double x, double y, double r, double up, double down, int rc, int flags) {
    int c = compareExact(op, x, y, r);
    assertEquals(c != 0, (flags & SseMxcsr.PE) != 0, what + " PE");
    switch (rc) {
      case 1: assertTrue(c >= 0 && compareExact(op, x, y, up) < 0, what + " down"); break;
      case 2: assertTrue(c <= 0 && compareExact(op, x, y, down) > 0, what + " up"); break;
      case 3:
        if (r > 0) assertTrue(c >= 0 && compareExact(op, x, y, up) < 0, what + " zero+");
        else assertTrue(c <= 0 && compareExact(op, x, y, down) > 0, what + " zero-");
        break;
      default: break;
    }
  }

  @Test
  void binary64AgainstExactArithmetic() {
    for (int n = 0; n < 20000; n++) {
      int op = new int[] {ADD, SUB, MUL, DIV, SQRT}[rnd.nextInt(5)];
      long a = randomDouble(), b = randomDouble();
      if (op == SQRT) a &= Long.MAX_VALUE;
      if ((op == ADD || op == SUB) && rnd.nextInt(4) == 0) b = a ^ rnd.nextInt(16) ^ (rnd.nextBoolean() ? Long.MIN_VALUE : 0);
      double x = Double.longBitsToDouble(a), y = Double.longBitsToDouble(b);
      double expected = java(op, x, y);
      long nearest = runDouble(op, a, b, 0);
      String what = op + " " + Long.toHexString(a) + " " + Long.toHexString(b);
      assertEquals(Double.doubleToRawLongBits(expected), nearest, what);
      for (int rc = 1; rc < 4; rc++) {
        double r = Double.longBitsToDouble(runDouble(op, a, b, rc));
        if (Double.isInfinite(r) || Double.isInfinite(expected) || r == 0 || Math.abs(r) == Double.MAX_VALUE) continue;
        checkDirected(what + " rc" + rc, op, x, y, r, Math.nextUp(r), Math.nextDown(r), rc, cpu.mxcsr);
      }
    }
  }

  @Test
  void binary32AgainstExactArithmetic() {
    for (int n = 0; n < 20000; n++) {
      int op = new int[] {ADD, SUB, MUL, DIV, SQRT}[rnd.nextInt(5)];
      int a = randomFloat(), b = randomFloat();
      if (op == SQRT) a &= Integer.MAX_VALUE;
      float x = Float.intBitsToFloat(a), y = Float.intBitsToFloat(b);
      float expected = (float) java(op, x, y); // one rounding of the binary64 result is exact here
      int nearest = runFloat(op, a, b, 0);
      String what = op + " " + Integer.toHexString(a) + " " + Integer.toHexString(b);
      assertEquals(Float.floatToRawIntBits(expected), nearest, what);
      for (int rc = 1; rc < 4; rc++) {
        float r = Float.intBitsToFloat(runFloat(op, a, b, rc));
        if (Float.isInfinite(r) || Float.isInfinite(expected) || r == 0 || Math.abs(r) == Float.MAX_VALUE) continue;
        checkDirected(what + " rc" + rc, op, x, y, r, Math.nextUp(r), Math.nextDown(r), rc, cpu.mxcsr);
      }
    }
  }

  @Test
  void underflowFlagMeansTinyAndInexact() {
    for (int n = 0; n < 5000; n++) {
      long a = rnd.nextLong() & 0x800fffffffffffffL | (long) rnd.nextInt(600) << 52;
      long b = rnd.nextLong() & 0x800fffffffffffffL | (long) (rnd.nextInt(600) + 300) << 52;
      cpu.mxcsr = 0x1f80;
      long r = SseFp.mul(cpu, a, b);
      double q = Double.longBitsToDouble(r);
      boolean inexact = (cpu.mxcsr & SseMxcsr.PE) != 0;
      boolean ue = (cpu.mxcsr & SseMxcsr.UE) != 0;
      if (Math.abs(q) < Double.MIN_NORMAL) assertEquals(inexact, ue, Long.toHexString(a) + " * " + Long.toHexString(b));
      else if (Math.abs(q) > 2 * Double.MIN_NORMAL) assertTrue(!ue);
    }
  }
}
