package blink.x86.ops;

import static blink.x86.OpcodeTable.*;

import blink.x86.Cpu;
import blink.x86.Flags;
import blink.x86.Insn;
import blink.x86.OpcodeTable;

/**
 * ADX: ADCX (66 0F 38 F6 /r) and ADOX (F3 0F 38 F6 /r), unsigned add with carry
 * through one flag only, so two carry chains can interleave (SDM Vol. 2A "ADCX",
 * "ADOX"). ADCX reads and writes CF, ADOX reads and writes OF; no other flag
 * changes. The 66 of ADCX is a mandatory prefix, so the operand size is 32 bits,
 * or 64 with REX.W.
 */
public final class Adx {
  private Adx() {}

  public static void register(OpcodeTable t) {
    t.op(MAP_0F38, 0xF6).pfx(P_66).def(MODRM, (int) Flags.CF, Adx::addCarry);
    t.op(MAP_0F38, 0xF6).pfx(P_F3).def(MODRM, (int) Flags.OF, Adx::addCarry);
  }

  /** G = G + E + carry, where the carry flag (CF or OF) is i.sub; it receives the carry out. */
  static void addCarry(Cpu c, Insn i) {
    int s = i.size == 8 ? 8 : 4;
    long flag = i.sub;
    long f = c.getFlags();
    long a = c.getReg(i.reg, s), b = c.readRm(i, s), cin = (f & flag) != 0 ? 1 : 0;
    long res;
    boolean cout;
    if (s == 8) {
      res = a + b + cin;
      cout = Long.compareUnsigned(res, a) < 0 || (cin != 0 && res == a);
    } else {
      long sum = a + b + cin; // 33-bit sum of zero-extended operands
      res = sum & 0xffffffffL;
      cout = (sum >>> 32) != 0;
    }
    c.writeReg(i, s, res);
    c.setFlagsValue(cout ? f | flag : f & ~flag);
  }
}
