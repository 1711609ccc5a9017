package blink.memory;

/**
 * A four-level radix page table over the 48-bit guest address space, shaped like
 * the hardware's PML4 (Intel SDM Vol. 3A §4.5). Leaf entries are longs:
 *
 * <pre>
 *   63                          12 11    7  6   5   4   3   2   1   0
 *  +------------------------------+-------+---+---+---+---+---+---+---+
 *  | host frame address (aligned) |  - |HST|COW|MAP|COD| X | W | R | P |
 *  +------------------------------+----+---+---+---+---+---+---+---+---+
 * </pre>
 *
 * MAP means the page belongs to a mapping; P means its frame has been allocated
 * (frames of anonymous memory are allocated on first touch). COD marks pages whose
 * bytes have been decoded, so writes to them must invalidate the decode cache.
 * COW marks a private page whose frame other entries (in forked address spaces)
 * may share: R/W/X keep the page's protection, and a write copies the frame first.
 * HST marks a page backed by host memory that is not one of our frames.
 */
public final class PageTable {
  public static final long PRESENT = 1, READ = 2, WRITE = 4, EXEC = 8, CODE = 16, MAPPED = 32, COW = 64, HOST = 128;
  public static final long PROT_BITS = READ | WRITE | EXEC;
  public static final long FRAME_MASK = ~0xfffL;

  private final Object[] root = new Object[512];

  /** Returns the leaf entry for a guest page address, or 0 if none. */
  public long get(long va) {
    if ((va >>> 48) != 0) return 0;
    Object[] l3 = (Object[]) root[(int) (va >>> 39) & 511];
    if (l3 == null) return 0;
    Object[] l2 = (Object[]) l3[(int) (va >>> 30) & 511];
    if (l2 == null) return 0;
    long[] l1 = (long[]) l2[(int) (va >>> 21) & 511];
    if (l1 == null) return 0;
    return l1[(int) (va >>> 12) & 511];
  }

  public void set(long va, long entry) {
    if ((va >>> 48) != 0) throw new IllegalArgumentException("non-canonical page " + Long.toHexString(va));
    Object[] l3 = (Object[]) root[(int) (va >>> 39) & 511];
    if (l3 == null) root[(int) (va >>> 39) & 511] = l3 = new Object[512];
    Object[] l2 = (Object[]) l3[(int) (va >>> 30) & 511];
    if (l2 == null) l3[(int) (va >>> 30) & 511] = l2 = new Object[512];
    long[] l1 = (long[]) l2[(int) (va >>> 21) & 511];
    if (l1 == null) l2[(int) (va >>> 21) & 511] = l1 = new long[512];
    l1[(int) (va >>> 12) & 511] = entry;
  }

  /** Calls the visitor for every non-zero entry with start <= va < end, in order. */
  public void forEach(long start, long end, EntryVisitor visitor) {
    for (long va = start & FRAME_MASK; va < end && va >= 0; ) {
      Object[] l3 = (Object[]) root[(int) (va >>> 39) & 511];
      if (l3 == null) { va = ((va >>> 39) + 1) << 39; continue; }
      Object[] l2 = (Object[]) l3[(int) (va >>> 30) & 511];
      if (l2 == null) { va = ((va >>> 30) + 1) << 30; continue; }
      long[] l1 = (long[]) l2[(int) (va >>> 21) & 511];
      if (l1 == null) { va = ((va >>> 21) + 1) << 21; continue; }
      long e = l1[(int) (va >>> 12) & 511];
      if (e != 0) visitor.visit(va, e);
      va += 4096;
    }
  }

  @FunctionalInterface
  public interface EntryVisitor {
    void visit(long va, long entry);
  }
}
