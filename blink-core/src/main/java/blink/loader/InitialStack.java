package blink.loader;

import blink.memory.AddressSpace;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the process's initial stack exactly as Linux's ELF loader lays it out
 * (System V x86-64 ABI §3.4.1; Linux fs/binfmt_elf.c). From high to low addresses:
 *
 * <pre>
 *   STACK_TOP - 8   end marker (8 zero bytes)
 *                   execfn string
 *                   envp strings, argv strings
 *                   "x86_64" (AT_PLATFORM), 16 random bytes (AT_RANDOM)
 *                   padding to 16
 *                   auxv pairs, AT_NULL
 *                   envp[], NULL
 *                   argv[], NULL
 *   %rsp --------&gt;  argc                        (16-byte aligned)
 * </pre>
 */
public final class InitialStack {
  /** Top of the stack, as Linux places it without address randomisation. */
  public static final long STACK_TOP = 0x7ffffffff000L;
  public static final long STACK_SIZE = 8L << 20;

  public static final int AT_NULL = 0, AT_PHDR = 3, AT_PHENT = 4, AT_PHNUM = 5, AT_PAGESZ = 6, AT_BASE = 7;
  public static final int AT_FLAGS = 8, AT_ENTRY = 9, AT_UID = 11, AT_EUID = 12, AT_GID = 13, AT_EGID = 14;
  public static final int AT_PLATFORM = 15, AT_HWCAP = 16, AT_CLKTCK = 17, AT_SECURE = 23, AT_RANDOM = 25;
  public static final int AT_HWCAP2 = 26, AT_EXECFN = 31, AT_MINSIGSTKSZ = 51;

  private final AddressSpace space;
  private long sp;

  public InitialStack(AddressSpace space) {
    this.space = space;
  }

  private long pushBytes(byte[] b) {
    sp -= b.length;
    space.poke(sp, b, 0, b.length);
    return sp;
  }

  /** Strings are byte strings: one Latin-1 char per byte, as the CLI reads argv and environ. */
  private long pushString(String s) {
    byte[] b = s.getBytes(StandardCharsets.ISO_8859_1);
    byte[] z = new byte[b.length + 1];
    System.arraycopy(b, 0, z, 0, b.length);
    return pushBytes(z);
  }

  private static void putLong(byte[] b, int off, long v) {
    for (int k = 0; k < 8; k++) b[off + k] = (byte) (v >>> (8 * k));
  }

  /**
   * Maps the stack and writes argc/argv/envp/auxv. The auxv list must not contain
   * AT_RANDOM, AT_PLATFORM or AT_EXECFN; they are added here. Returns the initial %rsp.
   */
  public long build(List<String> argv, List<String> envp, String execfn, List<long[]> aux, boolean executable) {
    space.mapAnonymous(STACK_TOP - STACK_SIZE, STACK_SIZE,
        blink.memory.Prot.READ | blink.memory.Prot.WRITE | (executable ? blink.memory.Prot.EXEC : 0), false, "[stack]");
    sp = STACK_TOP - 8;
    long execfnAddr = pushString(execfn);
    long[] envAddrs = new long[envp.size()];
    for (int k = envp.size() - 1; k >= 0; k--) envAddrs[k] = pushString(envp.get(k));
    long[] argAddrs = new long[argv.size()];
    for (int k = argv.size() - 1; k >= 0; k--) argAddrs[k] = pushString(argv.get(k));
    sp &= ~15L;
    long platform = pushString("x86_64");
    byte[] random = new byte[16];
    new SecureRandom().nextBytes(random);
    long randomAddr = pushBytes(random);

    List<long[]> auxv = new ArrayList<>(aux);
    auxv.add(new long[] {AT_RANDOM, randomAddr});
    auxv.add(new long[] {AT_EXECFN, execfnAddr});
    auxv.add(new long[] {AT_PLATFORM, platform});
    auxv.add(new long[] {AT_NULL, 0});

    int words = 1 + argv.size() + 1 + envp.size() + 1 + auxv.size() * 2;
    sp = (sp - words * 8L) & ~15L;
    byte[] table = new byte[words * 8];
    int o = 0;
    putLong(table, o, argv.size());
    o += 8;
    for (long a : argAddrs) { putLong(table, o, a); o += 8; }
    o += 8;
    for (long a : envAddrs) { putLong(table, o, a); o += 8; }
    o += 8;
    for (long[] pair : auxv) {
      putLong(table, o, pair[0]);
      putLong(table, o + 8, pair[1]);
      o += 16;
    }
    space.poke(sp, table, 0, table.length);
    return sp;
  }
}
