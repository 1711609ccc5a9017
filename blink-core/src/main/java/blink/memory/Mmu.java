package blink.memory;

import blink.machine.GuestFault;
import java.nio.charset.StandardCharsets;

/**
 * One guest thread's view of an {@link AddressSpace}: typed little-endian loads
 * and stores through a direct-mapped software TLB. The fast path is a tag compare
 * and an add; misses, page-straddling accesses and writes to pages that hold
 * decoded code take the slow path. Faults are thrown as {@link GuestFault}.
 */
public final class Mmu {
  private static final int TLB_SIZE = 256;
  private static final int TLB_MASK = TLB_SIZE - 1;

  private final AddressSpace space;
  private final long[] readTag = new long[TLB_SIZE];
  private final long[] readAddend = new long[TLB_SIZE];
  private final long[] writeTag = new long[TLB_SIZE];
  private final long[] writeAddend = new long[TLB_SIZE];
  private int generation;

  public Mmu(AddressSpace space) {
    this.space = space;
    flush();
    space.addView(this);
  }

  public AddressSpace space() {
    return space;
  }

  /** Drops every cached translation. */
  public void flush() {
    java.util.Arrays.fill(readTag, -1);
    java.util.Arrays.fill(writeTag, -1);
    generation = space.generation();
  }

  /**
   * Drops the cached write translations (another thread made a page code). Called
   * from other threads: a write racing it may still go through the old entry, as
   * a store racing cross-modification may on hardware.
   */
  void forgetWrites() {
    java.util.Arrays.fill(writeTag, -1);
  }

  /** Flushes the TLB if the address space changed since it was filled. */
  public void sync() {
    if (generation != space.generation()) flush();
  }

  // ---------------------------------------------------------------- loads

  public int read8(long va) {
    int i = (int) (va >>> 12) & TLB_MASK;
    if (readTag[i] == (va >>> 12)) return HostMemory.get8(va + readAddend[i]);
    return HostMemory.get8(readMiss(va));
  }

  public int read16(long va) {
    int i = (int) (va >>> 12) & TLB_MASK;
    if (readTag[i] == (va >>> 12) && (va & 0xfff) <= 0xffe) return HostMemory.get16(va + readAddend[i]);
    return (int) readSlow(va, 2);
  }

  public int read32(long va) {
    int i = (int) (va >>> 12) & TLB_MASK;
    if (readTag[i] == (va >>> 12) && (va & 0xfff) <= 0xffc) return HostMemory.get32(va + readAddend[i]);
    return (int) readSlow(va, 4);
  }

  public long read64(long va) {
    int i = (int) (va >>> 12) & TLB_MASK;
    if (readTag[i] == (va >>> 12) && (va & 0xfff) <= 0xff8) return HostMemory.get64(va + readAddend[i]);
    return readSlow(va, 8);
  }

  /** Reads 1, 2, 4 or 8 bytes, zero-extended. */
  public long read(long va, int size) {
    switch (size) {
      case 1: return read8(va);
      case 2: return read16(va);
      case 4: return read32(va) & 0xffffffffL;
      default: return read64(va);
    }
  }

  /** Instruction fetch: like read8 but requires execute permission. */
  public int fetch8(long va) {
    long e = space.translate(va, PageTable.EXEC);
    return HostMemory.get8((e & PageTable.FRAME_MASK) + (va & 0xfff));
  }

  private long readMiss(long va) {
    sync();
    long e = space.translate(va, PageTable.READ);
    long page = va >>> 12;
    int i = (int) page & TLB_MASK;
    readTag[i] = page;
    readAddend[i] = (e & PageTable.FRAME_MASK) - (page << 12);
    return va + readAddend[i];
  }

  private long readSlow(long va, int size) {
    long v = 0;
    for (int k = 0; k < size; k++) v |= (long) read8(va + k) << (8 * k);
    return v;
  }

  // ---------------------------------------------------------------- stores

  public void write8(long va, int v) {
    int i = (int) (va >>> 12) & TLB_MASK;
    if (writeTag[i] == (va >>> 12)) HostMemory.put8(va + writeAddend[i], v);
    else HostMemory.put8(writeMiss(va), v);
  }

  public void write16(long va, int v) {
    int i = (int) (va >>> 12) & TLB_MASK;
    if (writeTag[i] == (va >>> 12) && (va & 0xfff) <= 0xffe) HostMemory.put16(va + writeAddend[i], v);
    else writeSlow(va, v, 2);
  }

  public void write32(long va, int v) {
    int i = (int) (va >>> 12) & TLB_MASK;
    if (writeTag[i] == (va >>> 12) && (va & 0xfff) <= 0xffc) HostMemory.put32(va + writeAddend[i], v);
    else writeSlow(va, v, 4);
  }

  public void write64(long va, long v) {
    int i = (int) (va >>> 12) & TLB_MASK;
    if (writeTag[i] == (va >>> 12) && (va & 0xfff) <= 0xff8) HostMemory.put64(va + writeAddend[i], v);
    else writeSlow(va, v, 8);
  }

  /** Writes the low 1, 2, 4 or 8 bytes of v. */
  public void write(long va, long v, int size) {
    switch (size) {
      case 1: write8(va, (int) v); break;
      case 2: write16(va, (int) v); break;
      case 4: write32(va, (int) v); break;
      default: write64(va, v);
    }
  }

  private long writeMiss(long va) {
    long e;
    do {
      sync();
      e = space.translate(va, PageTable.WRITE);
      // A copy-on-write break (or a fork, or an unmap) moved the address space on:
      // flush the read translations of the old frame and look again, so the entry
      // cached below is current and never COW.
    } while (generation != space.generation());
    if ((e & PageTable.CODE) != 0) {
      // Self-modifying code: drop the decoded instructions, never cache the page.
      space.codeWritten(va);
      return (e & PageTable.FRAME_MASK) + (va & 0xfff);
    }
    long page = va >>> 12;
    int i = (int) page & TLB_MASK;
    writeTag[i] = page;
    writeAddend[i] = (e & PageTable.FRAME_MASK) - (page << 12);
    return va + writeAddend[i];
  }

  private void writeSlow(long va, long v, int size) {
    // Probe both pages first so a fault leaves memory untouched, as on hardware.
    writeMiss(va);
    writeMiss(va + size - 1);
    for (int k = 0; k < size; k++) write8(va + k, (int) (v >>> (8 * k)));
  }

  /** Fails with a page fault unless every byte of [va, va+len) is writable. */
  public void checkWritable(long va, long len) {
    for (long p = va; p < va + len; p = (p | 0xfff) + 1) writeMiss(p);
  }

  /** Fails with a page fault unless every byte of [va, va+len) is readable. */
  public void checkReadable(long va, long len) {
    for (long p = va; p < va + len; p = (p | 0xfff) + 1) readMiss(p);
  }

  // ---------------------------------------------------------------- atomics

  /** Serializes locked operations the host cannot do atomically (split across pages, misaligned, 16 bytes). */
  public static final Object SPLIT_LOCK = new Object();

  /**
   * A LOCKed read-modify-write of the size-byte value at va (SDM Vol. 3A §9.1.2):
   * replaces it with f(old) atomically with respect to every other thread, the
   * emulator's futex code included, and returns old. f may run more than once
   * (when another thread changed the value meanwhile) and must be free of side
   * effects the caller cannot repeat. Faults as a write would.
   */
  public long atomicUpdate(long va, int size, java.util.function.LongUnaryOperator f) {
    long host = hostRange(va, size, true);
    if (host < 0 || (host & (size - 1)) != 0) {
      synchronized (SPLIT_LOCK) {
        checkWritable(va, size);
        long old = read(va, size);
        write(va, f.applyAsLong(old), size);
        return old;
      }
    }
    return HostMemory.atomicUpdate(host, size, f);
  }

  // ---------------------------------------------------------------- bulk

  public void readBytes(long va, byte[] dst, int off, int len) {
    while (len > 0) {
      int n = (int) Math.min(len, 4096 - (va & 0xfff));
      HostMemory.copyOut(readMiss(va), dst, off, n);
      va += n;
      off += n;
      len -= n;
    }
  }

  public byte[] readBytes(long va, int len) {
    byte[] b = new byte[len];
    readBytes(va, b, 0, len);
    return b;
  }

  public void writeBytes(long va, byte[] src, int off, int len) {
    checkWritable(va, len);
    while (len > 0) {
      int n = (int) Math.min(len, 4096 - (va & 0xfff));
      HostMemory.copyIn(src, off, writeMiss(va), n);
      va += n;
      off += n;
      len -= n;
    }
  }

  /** Reads a NUL-terminated string of at most max bytes (without the NUL). */
  public byte[] readCString(long va, int max) {
    int n = 0;
    while (n < max && read8(va + n) != 0) n++;
    return readBytes(va, n);
  }

  public String readString(long va, int max) {
    return new String(readCString(va, max), StandardCharsets.UTF_8);
  }

  /**
   * Returns the host address of [va, va+len) if it lies in one page and allows the
   * access, for zero-copy host calls; -1 if it spans pages.
   */
  public long hostRange(long va, int len, boolean write) {
    if (len <= 0 || (va & 0xfff) + len > 4096) return -1;
    return write ? writeMiss(va) : readMiss(va);
  }
}
