/**
 * The host side of every syscall: the C library bound with jnr-ffi
 * ({@link blink.linux.host.Libc}, loaded by {@link blink.linux.host.Host}), the
 * host's structure layouts and flag values, and host-to-Linux errno translation.
 * Nothing outside this package knows the host's numbers.
 */
package blink.linux.host;
