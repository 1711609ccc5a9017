package blink.linux;

/** The syscall table: x86-64 syscall number to the subsystem that implements it. */
public final class SyscallTable {
  private final Syscall[] calls = new Syscall[Sysno.LIMIT];

  /** The implementation of syscall nr, or null if it is not implemented. */
  public Syscall get(long nr) {
    return nr >= 0 && nr < calls.length ? calls[(int) nr] : null;
  }

  /** Registers s as the implementation of each of numbers. */
  public void add(Syscall s, int... numbers) {
    for (int nr : numbers) {
      if (calls[nr] != null) throw new IllegalStateException("syscall " + Sysno.name(nr) + " registered twice");
      calls[nr] = s;
    }
  }

  /** Whether nr has an implementation. */
  public boolean has(int nr) {
    return get(nr) != null;
  }
}
