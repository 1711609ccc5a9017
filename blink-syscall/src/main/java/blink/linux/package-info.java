/**
 * The Linux kernel the guest sees. {@link blink.linux.LinuxKernel} is the
 * {@link blink.x86.SystemInterface} behind SYSCALL: it looks the number up in
 * the {@link blink.linux.SyscallTable}, calls the subsystem in
 * {@code blink.linux.sys} that registered it, and turns {@link blink.linux.LinuxError}
 * into -errno and guest memory faults into EFAULT.
 *
 * <ul>
 *   <li>{@code blink.linux} — dispatch, processes ({@link blink.linux.GuestProcess}),
 *       threads ({@link blink.linux.Task}), syscall numbers, errno values, copying to
 *       and from guest memory.
 *   <li>{@code blink.linux.sys} — the syscalls, one class per subsystem.
 *   <li>{@code blink.linux.fs} — fd tables, open files, path resolution.
 *   <li>{@code blink.linux.signal} — signal numbers and dispositions.
 *   <li>{@code blink.linux.abi} — Linux x86-64 structure layouts (the guest side).
 *   <li>{@code blink.linux.host} — the host C library, its layouts and constants,
 *       and the errno translation (the host side).
 * </ul>
 */
package blink.linux;
