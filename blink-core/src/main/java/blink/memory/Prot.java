package blink.memory;

/** Linux PROT_* bits (mmap(2)) and their page table equivalents. */
public final class Prot {
  private Prot() {}

  public static final int NONE = 0, READ = 1, WRITE = 2, EXEC = 4;

  public static long toPageBits(int prot) {
    long bits = 0;
    if ((prot & READ) != 0) bits |= PageTable.READ;
    if ((prot & WRITE) != 0) bits |= PageTable.WRITE | PageTable.READ;
    if ((prot & EXEC) != 0) bits |= PageTable.EXEC | PageTable.READ;
    return bits;
  }

  /** The PROT_* bits a page table entry allows. */
  public static int fromPageBits(long entry) {
    int p = 0;
    if ((entry & PageTable.READ) != 0) p |= READ;
    if ((entry & PageTable.WRITE) != 0) p |= WRITE;
    if ((entry & PageTable.EXEC) != 0) p |= EXEC;
    return p;
  }
}
