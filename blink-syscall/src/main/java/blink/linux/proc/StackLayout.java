package blink.linux.proc;

import blink.memory.Mmu;

/**
 * Where the initial stack (System V x86-64 ABI §3.4.1) keeps the argument and
 * environment strings and the auxiliary vector, found once at start-up as Linux
 * records mm->arg_start, env_start and saved_auxv: what /proc/self/cmdline,
 * environ and auxv show even after the guest moves its argv pointers.
 */
public record StackLayout(long sp, long argStart, long argEnd, long envStart, long envEnd, long auxvStart,
    long auxvEnd) {
  public static final StackLayout NONE = new StackLayout(0, 0, 0, 0, 0, 0, 0);

  /** Reads the layout from the stack at sp: argc, argv[], NULL, envp[], NULL, auxv pairs to AT_NULL. */
  public static StackLayout read(Mmu mmu, long sp) {
    long argc = mmu.read64(sp);
    long p = sp + 8;
    long argStart = argc > 0 ? mmu.read64(p) : 0, argEnd = argStart;
    for (long k = 0; k < argc; k++, p += 8) argEnd = end(mmu, mmu.read64(p), argEnd);
    p += 8;
    long envStart = 0, envEnd = 0;
    for (long a; (a = mmu.read64(p)) != 0; p += 8) {
      if (envStart == 0) envStart = envEnd = a;
      envEnd = end(mmu, a, envEnd);
    }
    p += 8;
    long auxvStart = p;
    while (mmu.read64(p) != 0) p += 16;
    return new StackLayout(sp, argStart, argEnd, envStart, envEnd, auxvStart, p + 16);
  }

  /** The end (past the NUL) of the string at a, or end if that is further. */
  private static long end(Mmu mmu, long a, long end) {
    long n = mmu.readCString(a, 1 << 20).length + 1L;
    return Math.max(end, a + n);
  }
}
