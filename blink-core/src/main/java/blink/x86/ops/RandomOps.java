package blink.x86.ops;

import static blink.x86.OpcodeTable.*;

import blink.x86.Cpu;
import blink.x86.Flags;
import blink.x86.Insn;
import blink.x86.OpcodeTable;
import java.security.SecureRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * RDRAND (0F C7 /6) and RDSEED (0F C7 /7), register forms only (SDM Vol. 2B
 * "RDRAND", "RDSEED"): a random r16/r32/r64, CF = 1 ("valid random value"), and
 * OF, SF, ZF, AF, PF cleared. The emulator never reports exhaustion (CF = 0).
 *
 * <p>The memory forms of 0F C7 are CMPXCHG8B/16B ({@link Atomic}); the register
 * forms resolve through the mod == 3 fork registered here. F3 0F C7 /7 with
 * mod == 3 is RDPID, which shares the slot ({@link TscOps#rdpid}).
 *
 * <p>Values come from SplitMix64 over a counter seeded by {@link SecureRandom}:
 * lock-free, allocation-free and unpredictable to the guest across runs, though
 * not of cryptographic strength.
 */
public final class RandomOps {
  private RandomOps() {}

  private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;
  private static final AtomicLong STATE = new AtomicLong(new SecureRandom().nextLong());

  public static void register(OpcodeTable t) {
    t.op(MAP_0F, 0xC7).mod3().reg(6).def(MODRM, RandomOps::rdrand);
    t.op(MAP_0F, 0xC7).mod3().reg(7).def(MODRM, RandomOps::rdseed);
  }

  /** The next 64 random bits (SplitMix64's output mix). */
  public static long next() {
    long z = STATE.addAndGet(GOLDEN_GAMMA);
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  static void rdrand(Cpu c, Insn i) {
    c.setReg(i.rm, i.size, next());
    c.setFlagsValue(c.eflags & ~Flags.STATUS | Flags.CF);
  }

  /** RDSEED, or RDPID when the F3 prefix is present (F3 0F C7 /7). */
  static void rdseed(Cpu c, Insn i) {
    if (i.rep == 0xF3) {
      TscOps.rdpid(c, i);
      return;
    }
    rdrand(c, i);
  }
}
