package blink.loader;

/** Where a loaded program starts: entry point, initial stack pointer, program break. */
public record LoadedProgram(long entry, long stackPointer, long brk, long phdr, long base) {}
