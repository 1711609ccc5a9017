/**
 * The system calls, by subsystem: file data ({@code FileIo}), descriptors
 * ({@code Descriptors}), file status ({@code FileStatus}), directories, terminals,
 * memory, threads, identity, limits, signals, time and system information. Each
 * registers its numbers in the syscall table and dispatches them with one switch.
 */
package blink.linux.sys;
