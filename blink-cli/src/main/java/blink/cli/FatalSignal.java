package blink.cli;

import blink.linux.signal.Signal;
import blink.machine.GuestFault;
import blink.x86.Cpu;

/**
 * A guest fault no handler took: reported as one line and turned into the exit
 * status a shell sees for a process killed by that signal (128 + N).
 */
final class FatalSignal {
  private FatalSignal() {}

  static final int SIGILL = 4, SIGTRAP = 5, SIGFPE = 8, SIGSEGV = 11;

  static int signalOf(GuestFault f) {
    switch (f.kind) {
      case DIVIDE_ERROR: case FLOATING_POINT: return SIGFPE;
      case INVALID_OPCODE: return SIGILL;
      case BREAKPOINT: return SIGTRAP;
      default: return SIGSEGV;
    }
  }

  /**
   * The guest was killed by a signal it sent or was sent (abort(3), kill(2)): like
   * qemu, say so in one line when the default action would dump core.
   */
  static int killed(int sig) {
    if (Signal.defaultAction(sig) == Signal.Default.CORE) System.err.println("blink: " + Signal.name(sig));
    return 128 + sig;
  }

  static int report(Cpu cpu, GuestFault f) {
    int sig = signalOf(f);
    StringBuilder line = new StringBuilder("blink: ").append(Signal.name(sig))
        .append(" at rip=0x").append(Long.toHexString(cpu.rip));
    if (f.kind == GuestFault.Kind.PAGE_NOT_MAPPED || f.kind == GuestFault.Kind.PAGE_PROTECTION) {
      line.append(" addr=0x").append(Long.toHexString(f.address));
    }
    if (f.getMessage() != null) line.append(": ").append(f.getMessage());
    System.err.println(line);
    Log.warn(line.toString());
    return 128 + sig;
  }
}
