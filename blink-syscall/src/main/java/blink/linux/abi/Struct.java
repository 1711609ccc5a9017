package blink.linux.abi;

import blink.memory.Mmu;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * A guest structure being built or read: little-endian bytes with explicit
 * offsets, copied to or from guest memory in one piece (so a fault copies
 * nothing).
 */
public final class Struct {
  private final ByteBuffer b;

  private Struct(byte[] bytes) {
    this.b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
  }

  /** A zeroed structure of size bytes. */
  public static Struct of(int size) {
    return new Struct(new byte[size]);
  }

  /** Reads size bytes of guest memory at va. */
  public static Struct read(Mmu mmu, long va, int size) {
    return new Struct(mmu.readBytes(va, size));
  }

  public int size() {
    return b.capacity();
  }

  public Struct put8(int off, int v) {
    b.put(off, (byte) v);
    return this;
  }

  public Struct put16(int off, int v) {
    b.putShort(off, (short) v);
    return this;
  }

  public Struct put32(int off, int v) {
    b.putInt(off, v);
    return this;
  }

  public Struct put64(int off, long v) {
    b.putLong(off, v);
    return this;
  }

  /** Copies s into a char[cap] field, truncated so a NUL always follows. */
  public Struct putString(int off, int cap, byte[] s) {
    int n = Math.min(s.length, cap - 1);
    b.put(off, s, 0, n);
    return this;
  }

  public int get8(int off) {
    return b.get(off) & 0xff;
  }

  public int get16(int off) {
    return b.getShort(off) & 0xffff;
  }

  public int get32(int off) {
    return b.getInt(off);
  }

  public long get64(int off) {
    return b.getLong(off);
  }

  public byte[] bytes() {
    return b.array();
  }

  /** Copies the structure to guest memory at va. */
  public void write(Mmu mmu, long va) {
    mmu.writeBytes(va, b.array(), 0, b.capacity());
  }
}
