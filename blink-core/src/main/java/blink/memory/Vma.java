package blink.memory;

/** One contiguous mapping of the guest address space, as /proc/self/maps shows it. */
public record Vma(long start, long end, int prot, boolean shared, String name, long fileOffset) {
  public Vma withRange(long s, long e) {
    return new Vma(s, e, prot, shared, name, fileOffset + (s - start));
  }

  public Vma withProt(int p) {
    return new Vma(start, end, p, shared, name, fileOffset);
  }
}
