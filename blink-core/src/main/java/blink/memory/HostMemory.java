package blink.memory;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * Raw access to host memory through one global segment. Callers must only pass
 * host addresses obtained from the page table: a wild address here kills the JVM.
 */
public final class HostMemory {
  private HostMemory() {}

  public static final MemorySegment ALL = MemorySegment.NULL.reinterpret(Long.MAX_VALUE);

  private static final ValueLayout.OfShort I16 =
      ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
  private static final ValueLayout.OfInt I32 =
      ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
  private static final ValueLayout.OfLong I64 =
      ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

  public static int get8(long host) { return ALL.get(ValueLayout.JAVA_BYTE, host) & 0xff; }
  public static int get16(long host) { return ALL.get(I16, host) & 0xffff; }
  public static int get32(long host) { return ALL.get(I32, host); }
  public static long get64(long host) { return ALL.get(I64, host); }

  public static void put8(long host, int v) { ALL.set(ValueLayout.JAVA_BYTE, host, (byte) v); }
  public static void put16(long host, int v) { ALL.set(I16, host, (short) v); }
  public static void put32(long host, int v) { ALL.set(I32, host, v); }
  public static void put64(long host, long v) { ALL.set(I64, host, v); }

  private static final java.lang.invoke.VarHandle INT_ATOMIC = ValueLayout.JAVA_INT.withOrder(ByteOrder.LITTLE_ENDIAN)
      .varHandle();
  private static final java.lang.invoke.VarHandle LONG_ATOMIC = ValueLayout.JAVA_LONG
      .withOrder(ByteOrder.LITTLE_ENDIAN).varHandle();

  /**
   * Replaces the size-byte (1, 2, 4, 8) value at the naturally aligned host address
   * with f(old) by compare-and-swap, retrying while another thread changes it;
   * returns old. Bytes and words are swapped within their aligned 32-bit word.
   */
  public static long atomicUpdate(long host, int size, java.util.function.LongUnaryOperator f) {
    if (size == 8) {
      while (true) {
        long old = (long) LONG_ATOMIC.getVolatile(ALL, host);
        if (LONG_ATOMIC.compareAndSet(ALL, host, old, f.applyAsLong(old))) return old;
      }
    }
    long word = host & ~3L;
    int shift = (int) (host - word) * 8;
    long mask = size == 4 ? 0xffffffffL : (1L << (size * 8)) - 1;
    while (true) {
      int w = (int) INT_ATOMIC.getVolatile(ALL, word);
      long old = (w >>> shift) & mask;
      long next = f.applyAsLong(old) & mask;
      int nw = (int) ((w & ~(mask << shift)) | (next << shift));
      if (INT_ATOMIC.compareAndSet(ALL, word, w, nw)) return old;
    }
  }

  public static void copyOut(long host, byte[] dst, int off, int len) {
    MemorySegment.copy(ALL, ValueLayout.JAVA_BYTE, host, dst, off, len);
  }

  public static void copyIn(byte[] src, int off, long host, int len) {
    MemorySegment.copy(src, off, ALL, ValueLayout.JAVA_BYTE, host, len);
  }

  public static void copy(long fromHost, long toHost, long len) {
    MemorySegment.copy(ALL, fromHost, ALL, toHost, len);
  }

  public static void fill(long host, long len, byte value) {
    ALL.asSlice(host, len).fill(value);
  }
}
