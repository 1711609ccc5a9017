/** Files as a process holds them: fd tables, open file descriptions, path resolution. */
package blink.linux.fs;
