package blink.x86;

/** The semantics of one instruction: every handler has this one shape. */
@FunctionalInterface
public interface Exec {
  void exec(Cpu cpu, Insn insn);
}
