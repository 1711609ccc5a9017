package blink.linux;

/**
 * The system calls of one subsystem. The kernel looks the number up in the
 * {@link SyscallTable} and calls the subsystem with it; the subsystem switches on
 * the number to a handler whose parameters read like the man page synopsis.
 * Arguments arrive as the six registers %rdi %rsi %rdx %r10 %r8 %r9; the result,
 * or -errno, goes to %rax. Handlers may also throw {@link LinuxError}, or let a
 * guest memory fault escape (it becomes EFAULT).
 *
 * <p>One switch per subsystem rather than a lambda per syscall keeps start-up
 * cheap: each lambda is a class the JVM spins at first use.
 */
public interface Syscall {
  long call(Task t, int nr, long a0, long a1, long a2, long a3, long a4, long a5);
}
