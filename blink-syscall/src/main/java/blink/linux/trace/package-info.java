/** System call tracing for {@code blink -s}: one strace-like line per call, written to the log. */
package blink.linux.trace;
