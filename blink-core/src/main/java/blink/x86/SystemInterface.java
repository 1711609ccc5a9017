package blink.x86;

/** What the CPU asks of the world outside it: the operating system below user mode. */
public interface SystemInterface {
  /** SYSCALL: the number is in %rax, arguments in %rdi %rsi %rdx %r10 %r8 %r9. */
  void syscall(Cpu cpu);
}
