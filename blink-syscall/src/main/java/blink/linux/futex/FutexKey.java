package blink.linux.futex;

import blink.linux.Task;
import blink.memory.AddressSpace;
import blink.memory.PageTable;
import blink.memory.Vma;

/**
 * What identifies a futex (get_futex_key() in kernel/futex/core.c): a private
 * futex, or any futex in private memory, is its guest address in one address
 * space; a futex in shared memory (a MAP_SHARED file, System V shm, anonymous
 * MAP_SHARED memory) is the host address of the word, so every process mapping
 * that memory meets on it. A private futex is never keyed by host address: a
 * copy-on-write fault would move the word to another frame.
 *
 * @param space the address space, or {@link #SHARED} for a host-address key
 * @param address the guest virtual address, or the host address
 */
public record FutexKey(Object space, long address) {
  /** The domain of keys by host address. */
  public static final Object SHARED = new Object() {
    @Override
    public String toString() {
      return "shared";
    }
  };

  /** The key of the word at uaddr for t; private asks for FUTEX_PRIVATE_FLAG's key. */
  public static FutexKey of(Task t, long uaddr, boolean isPrivate) {
    AddressSpace space = t.mmu().space();
    if (isPrivate) return new FutexKey(space, uaddr);
    long e = space.table().get(AddressSpace.pageDown(uaddr));
    if ((e & PageTable.HOST) == 0) {
      if (!inSharedMapping(space, uaddr)) return new FutexKey(space, uaddr);
      // Shared anonymous memory: the frame is what the sharers have in common.
      e = space.translate(uaddr, PageTable.READ);
    }
    if ((e & PageTable.PRESENT) == 0) e = space.translate(uaddr, PageTable.READ); // faults when unmapped
    return new FutexKey(SHARED, (e & PageTable.FRAME_MASK) | (uaddr & (AddressSpace.PAGE - 1)));
  }

  private static boolean inSharedMapping(AddressSpace space, long va) {
    for (Vma v : space.mappings()) {
      if (v.start() <= va && va < v.end()) return v.shared();
    }
    // Not mapped: a shared key needs the page (EFAULT, as get_user_pages_fast() fails).
    space.translate(va, PageTable.READ);
    return false;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FutexKey k && k.space == space && k.address == address;
  }

  @Override
  public int hashCode() {
    return System.identityHashCode(space) * 31 + Long.hashCode(address * 0x9E3779B97F4A7C15L);
  }
}
