/** Signal numbers, default actions and per-process dispositions. */
package blink.linux.signal;
