package blink.memory;

import blink.machine.GuestFault;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The guest address space of one process: the page table, the frames behind it,
 * and the list of mappings. Thread-safe for mapping changes; every change that
 * can make a cached translation wrong bumps {@link #generation}, which each
 * thread's {@link Mmu} checks before trusting its TLB.
 *
 * <p>{@link #fork} makes a child space sharing the frames: private pages become
 * copy-on-write (entry bit COW) in both spaces and are copied on the first write
 * through {@link #translate} or {@link #hostAddressForLoad}, so a page handed out
 * for writing is never COW. The {@link FrameAllocator} counts a frame's owners.
 */
public final class AddressSpace {
  public static final long PAGE = 4096;
  /** Highest user address + 1 (47-bit canonical user half). */
  public static final long USER_END = 0x7ffffffff000L;
  /** Top of the area where mmap places mappings without a hint, as on Linux without ASLR. */
  public static final long MMAP_TOP = 0x7ffff7fff000L;

  private final PageTable table = new PageTable();
  private final FrameAllocator frames;
  private final TreeMap<Long, Vma> vmas = new TreeMap<>();
  /** Host mappings backing guest pages, by host start address. */
  private final TreeMap<Long, HostRegion> hostRegions = new TreeMap<>();
  private volatile int generation;
  private volatile CodeInvalidation codeListener = page -> {};
  /** The views of every thread on this memory (weakly held: a view goes with its thread). */
  private final java.util.Set<Mmu> views = java.util.Collections.newSetFromMap(new java.util.WeakHashMap<>());

  /** Told when a page that holds decoded code is written, unmapped or re-protected. */
  @FunctionalInterface
  public interface CodeInvalidation {
    void invalidate(long pageVa);
  }

  public AddressSpace() {
    this(new FrameAllocator());
  }

  public AddressSpace(FrameAllocator frames) {
    this.frames = frames;
  }

  public void setCodeListener(CodeInvalidation listener) {
    this.codeListener = listener;
  }

  public int generation() {
    return generation;
  }

  public PageTable table() {
    return table;
  }

  public static long pageDown(long a) {
    return a & ~(PAGE - 1);
  }

  public static long pageUp(long a) {
    return (a + PAGE - 1) & ~(PAGE - 1);
  }

  // ---------------------------------------------------------------- mappings

  /** Maps zero-filled anonymous memory over [addr, addr+len), replacing what was there. */
  public synchronized void mapAnonymous(long addr, long len, int prot, boolean shared, String name) {
    mapAnonymous(addr, len, prot, shared, name, 0);
  }

  /**
   * As {@link #mapAnonymous(long, long, int, boolean, String)} for memory the caller
   * fills from the file called name at fileOffset (a private file mapping, an ELF
   * segment): /proc/self/maps shows that offset.
   */
  public synchronized void mapAnonymous(long addr, long len, int prot, boolean shared, String name, long fileOffset) {
    long start = pageDown(addr), end = pageUp(addr + len);
    removeRange(start, end);
    long bits = Prot.toPageBits(prot) | PageTable.MAPPED;
    for (long va = start; va < end; va += PAGE) table.set(va, bits);
    vmas.put(start, new Vma(start, end, prot, shared, name, fileOffset));
    generation++;
  }

  /**
   * A host mapping (e.g. a MAP_SHARED file) lent to the guest; released when its
   * last page goes. Each space keeps its own page count; spaces forked from one
   * another share the release.
   */
  private static final class HostRegion {
    final long start, length;
    final int maxProt;
    final SharedRelease release;
    long pages;

    HostRegion(long start, long length, int maxProt, SharedRelease release, long pages) {
      this.start = start;
      this.length = length;
      this.maxProt = maxProt;
      this.release = release;
      this.pages = pages;
    }
  }

  /** A host mapping's release, run when the last address space holding the mapping lets go. */
  private static final class SharedRelease {
    private final Runnable release;
    private int holders = 1;

    SharedRelease(Runnable release) {
      this.release = release;
    }

    synchronized void retain() {
      holders++;
    }

    synchronized void drop() {
      if (--holders == 0) release.run();
    }
  }

  /**
   * Maps [addr, addr+len) onto host memory at hostAddr (page-aligned, e.g. from a
   * host mmap of a shared file), so guest and host see the same bytes. Only the
   * first hostLen bytes are backed; pages past them (a file's end) stay mapped
   * but inaccessible. The host memory must allow every access maxProt allows;
   * protect() refuses more. release runs once every backed page is unmapped.
   */
  public synchronized void mapHost(long addr, long len, int prot, long hostAddr, long hostLen, int maxProt,
                                   String name, long fileOffset, Runnable release) {
    long start = pageDown(addr), end = pageUp(addr + len);
    long backedEnd = Math.min(end, start + pageUp(hostLen));
    removeRange(start, end);
    long bits = Prot.toPageBits(prot & maxProt) | PageTable.MAPPED;
    for (long va = start; va < backedEnd; va += PAGE) {
      table.set(va, (hostAddr + (va - start)) | bits | PageTable.PRESENT | PageTable.HOST);
    }
    for (long va = backedEnd; va < end; va += PAGE) table.set(va, PageTable.MAPPED);
    long pages = (backedEnd - start) / PAGE;
    if (pages > 0) {
      hostRegions.put(hostAddr, new HostRegion(hostAddr, hostLen, maxProt, new SharedRelease(release), pages));
    }
    else release.run();
    vmas.put(start, new Vma(start, end, prot, true, name, fileOffset));
    generation++;
  }

  /** Removes every mapping in [addr, addr+len); frames are recycled. */
  public synchronized void unmap(long addr, long len) {
    long start = pageDown(addr), end = pageUp(addr + len);
    removeRange(start, end);
    generation++;
  }

  /** Outcome of {@link #protect}: done, part of the range unmapped (ENOMEM), or more than a host mapping allows (EACCES). */
  public enum ProtectResult { OK, NOT_MAPPED, FORBIDDEN }

  /**
   * Changes the protection of [addr, addr+len). Nothing changes unless the whole
   * range is mapped and every host-backed page may take the new protection.
   */
  public synchronized ProtectResult protect(long addr, long len, int prot) {
    long start = pageDown(addr), end = pageUp(addr + len);
    if (!isFullyMapped(start, end)) return ProtectResult.NOT_MAPPED;
    for (long va = start; va < end; va += PAGE) {
      long e = table.get(va);
      if ((e & PageTable.HOST) != 0 && (prot & ~hostRegionOf(e).maxProt) != 0) return ProtectResult.FORBIDDEN;
      if ((e & (PageTable.MAPPED | PageTable.PRESENT | PageTable.PROT_BITS)) == PageTable.MAPPED
          && isHostTail(va)) {
        return ProtectResult.FORBIDDEN; // past the end of a shared file: stays inaccessible
      }
    }
    long bits = Prot.toPageBits(prot);
    for (long va = start; va < end; va += PAGE) {
      long e = table.get(va);
      if ((e & PageTable.CODE) != 0 && (bits & PageTable.EXEC) == 0) {
        codeListener.invalidate(va);
        e &= ~PageTable.CODE;
      }
      table.set(va, (e & ~PageTable.PROT_BITS) | bits);
    }
    splitAt(start);
    splitAt(end);
    for (Map.Entry<Long, Vma> en : vmas.subMap(start, end).entrySet()) {
      en.setValue(en.getValue().withProt(prot));
    }
    generation++;
    return ProtectResult.OK;
  }

  private HostRegion hostRegionOf(long entry) {
    return hostRegions.floorEntry(entry & PageTable.FRAME_MASK).getValue();
  }

  /** Whether va lies in a shared (host-backed) mapping. */
  private boolean isHostTail(long va) {
    Map.Entry<Long, Vma> e = vmas.floorEntry(va);
    if (e == null || !e.getValue().shared() || va >= e.getValue().end()) return false;
    return (table.get(e.getValue().start()) & PageTable.HOST) != 0;
  }

  public synchronized boolean isFullyMapped(long start, long end) {
    for (long va = pageDown(start); va < end; va += PAGE) {
      if ((table.get(va) & PageTable.MAPPED) == 0) return false;
    }
    return true;
  }

  public synchronized boolean isFree(long start, long end) {
    if (start < 0 || end > USER_END || end < start) return false;
    Map.Entry<Long, Vma> below = vmas.lowerEntry(end);
    return below == null || below.getValue().end() <= start;
  }

  /** Finds a free page-aligned range of len bytes, searching down from MMAP_TOP. */
  public synchronized long findFree(long len) {
    long size = pageUp(len);
    long top = MMAP_TOP;
    for (Vma v : vmas.descendingMap().values()) {
      if (v.start() >= top) continue;
      if (v.end() <= top && top - v.end() >= size) return top - size;
      top = Math.min(top, v.start());
    }
    return top - size >= 0x10000 ? top - size : -1;
  }

  public synchronized List<Vma> mappings() {
    return new ArrayList<>(vmas.values());
  }

  private void splitAt(long at) {
    Map.Entry<Long, Vma> e = vmas.lowerEntry(at);
    if (e == null) return;
    Vma v = e.getValue();
    if (v.start() < at && at < v.end()) {
      vmas.put(v.start(), v.withRange(v.start(), at));
      vmas.put(at, v.withRange(at, v.end()));
    }
  }

  private void removeRange(long start, long end) {
    splitAt(start);
    splitAt(end);
    vmas.subMap(start, end).clear();
    table.forEach(start, end, (va, e) -> {
      if ((e & PageTable.CODE) != 0) codeListener.invalidate(va);
      if ((e & PageTable.HOST) != 0) {
        HostRegion r = hostRegionOf(e);
        if (--r.pages == 0) {
          hostRegions.remove(r.start);
          r.release.drop();
        }
      } else if ((e & PageTable.PRESENT) != 0) {
        frames.release(e & PageTable.FRAME_MASK); // one owner less if shared (COW or MAP_SHARED)
      }
      table.set(va, 0);
    });
  }

  // ---------------------------------------------------------------- translation

  /**
   * Translates a guest address for an access, allocating the frame on first touch.
   * Returns the page's entry (host frame | bits). Throws a page fault when the page
   * is not mapped or forbids the access.
   */
  public long translate(long va, long need) {
    long page = pageDown(va);
    boolean write = (need & PageTable.WRITE) != 0;
    while (true) {
      long e = table.get(page);
      if ((e & PageTable.MAPPED) == 0) throw new GuestFault(GuestFault.Kind.PAGE_NOT_MAPPED, va, write, null);
      if ((e & need) != need) throw new GuestFault(GuestFault.Kind.PAGE_PROTECTION, va, write, null);
      // Another thread may change the entry between these steps; look again.
      if ((e & PageTable.PRESENT) == 0) populate(page);
      else if (write && (e & PageTable.COW) != 0) breakCow(page);
      else return e;
    }
  }

  /** Gives a mapped page its zero-filled frame. */
  private synchronized long populate(long page) {
    long e = table.get(page);
    if ((e & (PageTable.PRESENT | PageTable.MAPPED)) != PageTable.MAPPED) return e;
    e |= frames.allocate() | PageTable.PRESENT;
    table.set(page, e);
    return e;
  }

  /**
   * Before a write to a copy-on-write page: copies its frame, unless this entry
   * is the frame's last owner, and clears COW. A new frame invalidates cached
   * read translations of the old one.
   */
  private synchronized long breakCow(long page) {
    long e = table.get(page);
    if ((e & PageTable.COW) == 0) return e;
    long frame = e & PageTable.FRAME_MASK;
    long own = frames.unshare(frame);
    e = (e & ~(PageTable.FRAME_MASK | PageTable.COW)) | own;
    table.set(page, e);
    if (own != frame) generation++;
    return e;
  }

  /**
   * The child's address space for fork(2), or clone(2) without CLONE_VM: the same
   * mappings over the same frames. Private pages become copy-on-write in both
   * spaces. MAP_SHARED anonymous memory stays shared, so all its pages get their
   * frames now; host-backed pages are shared as they are. Pages not yet touched
   * stay lazily allocated, separately in each space. The child starts with no
   * decoded code.
   */
  public synchronized AddressSpace fork() {
    AddressSpace child = new AddressSpace(frames);
    for (HostRegion r : hostRegions.values()) {
      r.release.retain();
      child.hostRegions.put(r.start, new HostRegion(r.start, r.length, r.maxProt, r.release, r.pages));
    }
    for (Vma v : vmas.values()) {
      child.vmas.put(v.start(), v);
      // Pages past the end of a shared file stay without a frame (see protect()).
      boolean anonShared = v.shared() && !isHostTail(v.start());
      table.forEach(v.start(), v.end(), (va, e) -> {
        if (anonShared && (e & (PageTable.PRESENT | PageTable.HOST)) == 0) e = populate(va);
        if ((e & (PageTable.PRESENT | PageTable.HOST)) == PageTable.PRESENT) {
          frames.share(e & PageTable.FRAME_MASK);
          if (!v.shared()) {
            e |= PageTable.COW;
            table.set(va, e);
          }
        }
        child.table.set(va, e & ~PageTable.CODE);
      });
    }
    generation++; // write translations cached before now may point at frames that are COW now
    return child;
  }

  /**
   * MADV_DONTNEED (madvise(2)) over [addr, addr+len): pages of private mappings
   * drop their frames and read as zero when next touched; shared pages keep theirs.
   */
  public synchronized void discard(long addr, long len) {
    long start = pageDown(addr), end = pageUp(addr + len);
    for (Vma v : vmas.values()) {
      if (v.shared() || v.end() <= start || v.start() >= end) continue;
      table.forEach(Math.max(start, v.start()), Math.min(end, v.end()), (va, e) -> {
        if ((e & PageTable.PRESENT) == 0) return;
        if ((e & PageTable.CODE) != 0) codeListener.invalidate(va);
        frames.release(e & PageTable.FRAME_MASK);
        table.set(va, e & (PageTable.MAPPED | PageTable.PROT_BITS));
      });
    }
    generation++;
  }

  /** Registers a thread's view, so {@link #markCode} can reach its TLB. */
  synchronized void addView(Mmu mmu) {
    views.add(mmu);
  }

  /**
   * Marks a page as holding decoded instructions, so writes to it are noticed.
   * Every thread's cached write translations are dropped at once (not only at its
   * next TLB check), so a thread that could write the page before cannot go on
   * writing it behind the decoder's back (cross-modifying code, SDM Vol. 3A §9.1.3).
   */
  public synchronized void markCode(long va) {
    long page = pageDown(va);
    long e = table.get(page);
    if ((e & PageTable.CODE) == 0 && e != 0) {
      table.set(page, e | PageTable.CODE);
      for (Mmu m : views) m.forgetWrites();
      generation++;
    }
  }

  /** Called before a write to a page holding code: drops its decoded instructions. */
  public synchronized void codeWritten(long va) {
    long page = pageDown(va);
    long e = table.get(page);
    if ((e & PageTable.CODE) != 0) {
      table.set(page, e & ~PageTable.CODE);
      codeListener.invalidate(page);
      generation++;
    }
  }

  /**
   * Host address of a byte for raw loader access (reads and writes); allocates the
   * frame and copies a copy-on-write one. Bypasses protection.
   */
  public long hostAddressForLoad(long va) {
    long page = pageDown(va);
    while (true) {
      long e = table.get(page);
      if ((e & PageTable.MAPPED) == 0) throw new GuestFault(GuestFault.Kind.PAGE_NOT_MAPPED, va, true, null);
      if ((e & PageTable.PRESENT) == 0) populate(page);
      else if ((e & PageTable.COW) != 0) breakCow(page);
      else return (e & PageTable.FRAME_MASK) + (va & (PAGE - 1));
    }
  }

  /** Copies bytes into guest memory ignoring protection (used by loaders). */
  public void poke(long va, byte[] src, int off, int len) {
    while (len > 0) {
      int n = (int) Math.min(len, PAGE - (va & (PAGE - 1)));
      if ((table.get(pageDown(va)) & PageTable.CODE) != 0) codeWritten(va);
      HostMemory.copyIn(src, off, hostAddressForLoad(va), n);
      va += n;
      off += n;
      len -= n;
    }
  }
}
