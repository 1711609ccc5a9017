package blink.linux.host;

import blink.memory.HostMemory;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;

/**
 * Off-heap memory a syscall hands to the host: path strings, structures the host
 * fills in, and bounce buffers for guest data that spans pages (guest pages are
 * not contiguous in host memory). A bump allocator, emptied at the start of each
 * syscall; one per guest thread.
 */
public final class Scratch {
  /** The largest bounce buffer one host call gets; bigger transfers are chunked. */
  public static final int MAX_CHUNK = 1 << 20;

  private static final long INITIAL = 64 * 1024;

  private MemorySegment base;
  private long used;
  private long wanted;
  private final List<MemorySegment> overflow = new ArrayList<>();
  /** Host fds that live until the end of the syscall (directories a path walk opened). */
  private int[] toClose = new int[8];
  private int closing;

  /** Forgets every allocation; grows the base buffer if the last syscall overflowed it. */
  public void reset() {
    used = 0;
    while (closing > 0) Host.libc().close(toClose[--closing]);
    if (!overflow.isEmpty()) {
      overflow.clear();
      base = Arena.ofAuto().allocate(Math.min(wanted, 2L * MAX_CHUNK + INITIAL), 4096);
    }
    wanted = 0;
  }

  /** Host address of size fresh bytes (16-byte aligned, contents undefined), valid until reset. */
  public long alloc(long size) {
    long n = (size + 15) & ~15L;
    if (base == null) base = Arena.ofAuto().allocate(INITIAL, 4096);
    wanted += n;
    if (used + n <= base.byteSize()) {
      long a = base.address() + used;
      used += n;
      return a;
    }
    MemorySegment s = Arena.ofAuto().allocate(Math.max(n, 16), 4096);
    overflow.add(s);
    return s.address();
  }

  /** Closes host fd at the next {@link #reset}, that is once the syscall is done; returns fd. */
  public int closeAtReset(int fd) {
    if (closing == toClose.length) toClose = java.util.Arrays.copyOf(toClose, closing * 2);
    toClose[closing++] = fd;
    return fd;
  }

  /** Host address of zeroed bytes. */
  public long calloc(long size) {
    long a = alloc(size);
    HostMemory.fill(a, size, (byte) 0);
    return a;
  }

  /** Host address of a NUL-terminated copy of s. */
  public long cString(byte[] s) {
    long a = alloc(s.length + 1L);
    HostMemory.copyIn(s, 0, a, s.length);
    HostMemory.put8(a + s.length, 0);
    return a;
  }
}
