package blink.memory;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * Hands out zeroed 4 KiB host page frames carved from larger off-heap slabs.
 * Freed frames are zeroed and reused; slabs live as long as the allocator.
 */
public final class FrameAllocator {
  public static final int PAGE = 4096;
  private static final int SLAB = 256 * PAGE;

  private final List<MemorySegment> slabs = new ArrayList<>();
  private final ArrayDeque<Long> free = new ArrayDeque<>();
  private long next;
  private long limit;

  /** Returns the host address of a zeroed, page-aligned frame. */
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

  public synchronized void release(long frame) {
    free.addFirst(frame);
  }
}
