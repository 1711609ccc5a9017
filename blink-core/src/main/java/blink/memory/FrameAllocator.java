package blink.memory;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Hands out zeroed 4 KiB host page frames carved from larger off-heap slabs.
 * Freed frames are zeroed and reused; slabs live as long as the allocator.
 *
 * <p>A frame may be owned by several page table entries (address spaces forked
 * from one another): {@link #share} adds an owner, {@link #release} drops one and
 * frees the frame with its last owner. Counts are kept only for frames with more
 * than one owner. Every count operation holds this allocator's lock, because the
 * owners live in different address spaces under different locks.
 */
public final class FrameAllocator {
  public static final int PAGE = 4096;
  private static final int SLAB = 256 * PAGE;

  private final List<MemorySegment> slabs = new ArrayList<>();
  private final ArrayDeque<Long> free = new ArrayDeque<>();
  /** Owner count of each frame owned by more than one entry. */
  private final Map<Long, Integer> owners = new HashMap<>();
  private long next;
  private long limit;

  /** Returns the host address of a zeroed, page-aligned frame with one owner. */
  public synchronized long allocate() {
    Long reused = free.pollFirst();
    if (reused != null) {
      HostMemory.fill(reused, PAGE, (byte) 0);
      return reused;
    }
    if (next == limit) {
      MemorySegment slab = Arena.ofAuto().allocate(SLAB, PAGE);
      slabs.add(slab);
      next = slab.address();
      limit = next + SLAB;
    }
    long frame = next;
    next += PAGE;
    return frame;
  }

  /** Adds an owner to a live frame. */
  public synchronized void share(long frame) {
    owners.merge(frame, 2, (n, two) -> n + 1);
  }

  /** Drops one owner of a frame; the last owner's release frees it. */
  public synchronized void release(long frame) {
    Integer n = owners.get(frame);
    if (n == null) free.addFirst(frame);
    else if (n == 2) owners.remove(frame);
    else owners.put(frame, n - 1);
  }

  /**
   * For a write to a copy-on-write frame: the frame itself if the caller is its
   * only owner, else a fresh copy of it, the caller's ownership of the old frame
   * dropped.
   */
  public synchronized long unshare(long frame) {
    if (!owners.containsKey(frame)) return frame;
    long copy = allocate();
    HostMemory.copy(frame, copy, PAGE);
    release(frame);
    return copy;
  }

  /** Frames allocated and not yet freed. */
  synchronized long liveFrames() {
    long carved = (long) slabs.size() * (SLAB / PAGE) - (limit - next) / PAGE;
    return carved - free.size();
  }

  /** Owners of a frame (1 for a frame not shared; also 1 for a free one). */
  synchronized int owners(long frame) {
    return owners.getOrDefault(frame, 1);
  }
}
