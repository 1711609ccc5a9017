package blink.machine;

/**
 * A processor exception raised by guest code: page faults, divide errors,
 * invalid opcodes, general protection and breakpoints. Thrown out of the
 * executing instruction (which is then not retired) and turned into a signal by
 * the kernel. Carries no Java stack trace: it is guest state, not a host bug.
 */
public final class GuestFault extends RuntimeException {
  public enum Kind {
    /** #PF on an address with no mapping (SEGV_MAPERR). */
    PAGE_NOT_MAPPED,
    /** #PF on a mapped page without the needed permission (SEGV_ACCERR). */
    PAGE_PROTECTION,
    /** #DE: division by zero or quotient overflow. */
    DIVIDE_ERROR,
    /** #UD: undefined or unimplemented opcode. */
    INVALID_OPCODE,
    /** #GP: privileged instruction, non-canonical address. */
    GENERAL_PROTECTION,
    /** #BP from INT3. */
    BREAKPOINT,
    /** #MF/#XM: unmasked floating-point exception. */
    FLOATING_POINT,
  }

  public final Kind kind;
  /** The faulting data address for page faults, else 0. */
  public final long address;
  /** Whether the faulting access was a write (page faults). */
  public final boolean write;
  /** A trap (INTO's #OF): reported after the instruction, so RIP is not wound back. */
  public final boolean trap;

  public GuestFault(Kind kind, long address, boolean write, String detail) {
    super(detail, null, false, false);
    this.kind = kind;
    this.address = address;
    this.write = write;
    this.trap = false;
  }

  private GuestFault(Kind kind, String detail) {
    super(detail, null, false, false);
    this.kind = kind;
    this.address = 0;
    this.write = false;
    this.trap = true;
  }

  /** A trap-class exception: the instruction completed and RIP stays past it. */
  public static GuestFault trap(Kind kind, String detail) {
    return new GuestFault(kind, detail);
  }

  public static GuestFault of(Kind kind, String detail) {
    return new GuestFault(kind, 0, false, detail);
  }
}
