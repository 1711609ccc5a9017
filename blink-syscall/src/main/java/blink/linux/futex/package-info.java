/**
 * Futexes between guest threads and processes of one JVM (futex(2),
 * kernel/futex/ in Linux): wait queues in hashed buckets ({@link
 * blink.linux.futex.FutexTable}) keyed by {@link blink.linux.futex.FutexKey},
 * priority-inheritance locks without the priority part ({@link
 * blink.linux.futex.PiFutex}), and what a thread's exit does to futexes
 * ({@link blink.linux.futex.RobustList}, {@link blink.linux.futex.FutexExit}).
 * The syscall itself is {@code blink.linux.sys.Futex}.
 */
package blink.linux.futex;
