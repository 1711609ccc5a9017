/**
 * The JIT: compiles hot guest paths to JVM bytecode with ASM (hidden classes),
 * chains them and drops them when their code pages are written. Not built yet;
 * until it is, every run interprets, and {@code blink -j} changes nothing.
 */
package blink.jit;
