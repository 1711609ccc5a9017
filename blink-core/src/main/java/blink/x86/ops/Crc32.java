package blink.x86.ops;

import static blink.x86.OpcodeTable.*;

import blink.x86.Cpu;
import blink.x86.Insn;
import blink.x86.OpcodeTable;

/**
 * CRC32 (F2 0F 38 F0 /r with r/m8, F2 0F 38 F1 /r with r/m16/32/64), the SSE4.2
 * accumulate step of CRC-32C (Castagnoli, polynomial 11EDC6F41h) in its
 * bit-reflected form (SDM Vol. 2A "CRC32"): the destination holds a 32-bit
 * running CRC, the source bytes are folded in lowest first, and no bit inversion
 * happens at either end. The destination is r32 or r64 (REX.W); either way the
 * result is 32 bits, zero-extended. Flags are unchanged.
 *
 * <p>The F0/F1 slots are shared with MOVBE (no prefix or 66); with F2 (and also
 * 66 F2, which selects the 16-bit source) they are CRC32.
 */
public final class Crc32 {
  private Crc32() {}

  /** The reflected CRC-32C polynomial: bit k holds the coefficient of x^(31-k). */
  static final int POLY = 0x82F63B78;
  private static final int[] TABLE = new int[256];

  static {
    for (int n = 0; n < 256; n++) {
      int r = n;
      for (int k = 0; k < 8; k++) r = (r >>> 1) ^ ((r & 1) != 0 ? POLY : 0);
      TABLE[n] = r;
    }
  }

  public static void register(OpcodeTable t) {
    t.op(MAP_0F38, 0xF0).pfx(P_F2).def(MODRM | SZ_B, Crc32::crc32);
    t.op(MAP_0F38, 0xF1).pfx(P_F2).def(MODRM, Crc32::crc32);
  }

  /** Folds the low 'bytes' bytes of data, least significant first, into crc. */
  public static int update(int crc, long data, int bytes) {
    for (int k = 0; k < bytes; k++, data >>>= 8) crc = (crc >>> 8) ^ TABLE[(crc ^ (int) data) & 0xff];
    return crc;
  }

  /** i.size is the source size: 1 (F0), 2 (66 F2 F1), 4 or 8 (REX.W). */
  static void crc32(Cpu c, Insn i) {
    int s = i.size;
    long src = c.readRm(i, s);
    c.setReg(i.reg, 4, update((int) c.regs[i.reg], src, s));
  }
}
