package blink.linux.sys;

import blink.linux.Errno;
import blink.linux.GuestProcess;
import blink.linux.LinuxError;
import blink.linux.Syscall;
import blink.linux.SyscallTable;
import blink.linux.Sysno;
import blink.linux.Task;
import blink.linux.fs.FileStat;
import blink.linux.fs.OpenFile;
import blink.linux.fs.OpenFlags;
import blink.linux.host.Host;
import blink.linux.host.HostErrno;
import blink.linux.host.HostFlags;
import blink.memory.AddressSpace;
import blink.memory.HostMemory;
import blink.memory.PageTable;
import blink.memory.Prot;
import blink.memory.Vma;

/**
 * The address space: brk, mmap, munmap, mprotect, mremap, madvise, with the
 * argument rules of mm/mmap.c, mm/mprotect.c and mm/mremap.c. File mappings are
 * private copies: anonymous memory filled from the file.
 */
public final class Memory implements Syscall {
  private Memory() {}

  static final long PAGE = AddressSpace.PAGE;
  /** TASK_SIZE: the end of the x86-64 user address space. */
  static final long TASK_SIZE = AddressSpace.USER_END;
  /** vm.mmap_min_addr's usual default: nothing is mapped below 64 KiB. */
  static final long MMAP_MIN_ADDR = 0x10000;

  // mmap(2) flags (asm-generic/mman-common.h, asm/mman.h).
  static final int MAP_SHARED = 0x01, MAP_PRIVATE = 0x02, MAP_SHARED_VALIDATE = 0x03, MAP_TYPE = 0x0f;
  static final int MAP_FIXED = 0x10, MAP_ANONYMOUS = 0x20, MAP_32BIT = 0x40;
  static final int MAP_GROWSDOWN = 0x100, MAP_DENYWRITE = 0x800, MAP_EXECUTABLE = 0x1000;
  static final int MAP_LOCKED = 0x2000, MAP_NORESERVE = 0x4000, MAP_POPULATE = 0x8000;
  static final int MAP_NONBLOCK = 0x10000, MAP_STACK = 0x20000, MAP_HUGETLB = 0x40000;
  static final int MAP_SYNC = 0x80000, MAP_FIXED_NOREPLACE = 0x100000;
  /** Flags MAP_SHARED_VALIDATE accepts (LEGACY_MAP_MASK plus MAP_SYNC); others are EOPNOTSUPP. */
  static final int LEGACY_MAP_MASK = MAP_SHARED | MAP_PRIVATE | MAP_FIXED | MAP_ANONYMOUS
      | MAP_DENYWRITE | MAP_EXECUTABLE | MAP_GROWSDOWN | MAP_LOCKED | MAP_NORESERVE
      | MAP_POPULATE | MAP_NONBLOCK | MAP_STACK | MAP_HUGETLB;

  static final int PROT_MASK = Prot.READ | Prot.WRITE | Prot.EXEC;
  static final int PROT_SEM = 0x8, PROT_GROWSDOWN = 0x01000000, PROT_GROWSUP = 0x02000000;

  static final int MREMAP_MAYMOVE = 1, MREMAP_FIXED = 2, MREMAP_DONTUNMAP = 4;

  static final int MADV_DONTNEED = 4;

  private static final Memory INSTANCE = new Memory();

  public static void register(SyscallTable t) {
    t.add(INSTANCE, Sysno.BRK, Sysno.MMAP, Sysno.MUNMAP, Sysno.MPROTECT, Sysno.MREMAP,
        Sysno.MADVISE, Sysno.MSYNC);
  }

  @Override
  public long call(Task t, int nr, long a0, long a1, long a2, long a3, long a4, long a5) {
    return switch (nr) {
      case Sysno.BRK -> brk(t, a0);
      case Sysno.MMAP -> mmap(t, a0, a1, a2, a3, a4, a5);
      case Sysno.MUNMAP -> munmap(t, a0, a1);
      case Sysno.MPROTECT -> mprotect(t, a0, a1, a2);
      case Sysno.MREMAP -> mremap(t, a0, a1, a2, a3, a4);
      case Sysno.MADVISE -> madvise(t, a0, a1, a2);
      case Sysno.MSYNC -> msync(t, a0, a1, (int) a2);
      default -> throw new IllegalArgumentException("not a Memory syscall: " + nr);
    };
  }

  static long pageUp(long n) {
    return (n + PAGE - 1) & -PAGE;
  }

  // ---------------------------------------------------------------- brk

  /**
   * brk(2) as the raw syscall: returns the new break, or the old one if the
   * request is refused (below the start, or colliding with a mapping).
   */
  static long brk(Task t, long want) {
    GuestProcess p = t.process;
    synchronized (p) {
      long old = p.brk;
      if (want < p.startBrk || want > TASK_SIZE) return old;
      long newTop = pageUp(want), oldTop = pageUp(old);
      AddressSpace space = t.mmu().space();
      if (newTop < oldTop) {
        space.unmap(newTop, oldTop - newTop);
      } else if (newTop > oldTop) {
        // The heap may not grow to within a page of the next mapping (mm/mmap.c brk).
        if (newTop + PAGE > TASK_SIZE || !space.isFree(oldTop, newTop + PAGE)) return old;
        space.mapAnonymous(oldTop, newTop - oldTop, Prot.READ | Prot.WRITE, false, "[heap]");
      }
      p.brk = want;
      return want;
    }
  }

  // ---------------------------------------------------------------- mmap

  static long mmap(Task t, long addr, long len, long protArg, long flagsArg, long fdArg, long off) {
    int flags = (int) flagsArg;
    int prot = (int) protArg & PROT_MASK;
    boolean anonymous = (flags & MAP_ANONYMOUS) != 0;
    // x86-64 sys_mmap: the offset must be page-aligned.
    if ((off & (PAGE - 1)) != 0) throw new LinuxError(Errno.EINVAL);
    OpenFile file = anonymous ? null : t.process.fds.get((int) fdArg);
    if (len == 0) throw new LinuxError(Errno.EINVAL);
    long size = pageUp(len);
    if (size == 0 || Long.compareUnsigned(len, TASK_SIZE) > 0) throw new LinuxError(Errno.ENOMEM);
    // The file offset in pages plus the length must not wrap (EOVERFLOW).
    if (!anonymous && (off >>> 12) + (size >>> 12) < (off >>> 12)) throw new LinuxError(Errno.EOVERFLOW);
    int type = flags & MAP_TYPE;
    if (type != MAP_SHARED && type != MAP_PRIVATE && type != MAP_SHARED_VALIDATE) {
      throw new LinuxError(Errno.EINVAL);
    }
    if (type == MAP_SHARED_VALIDATE && (flags & ~(LEGACY_MAP_MASK | MAP_SYNC | MAP_FIXED_NOREPLACE)) != 0) {
      throw new LinuxError(Errno.EOPNOTSUPP);
    }
    if (file != null) checkFileAccess(t, file, type, prot);
    if ((flags & MAP_FIXED_NOREPLACE) != 0) flags |= MAP_FIXED;
    AddressSpace space = t.mmu().space();
    long at = placement(space, addr, size, flags);
    boolean shared = type != MAP_PRIVATE;
    // /proc/self/maps names a file as d_path() does: symlinks resolved (what /proc/self/fd shows).
    String name = file != null
        ? new String(t.process.vfs.guestPathOf(file, t.scratch), java.nio.charset.StandardCharsets.UTF_8) : "";
    if (file != null && shared && file.type(t.scratch) == FileStat.S_IFREG) {
      mapSharedFile(t, space, file, at, size, off, prot, name);
      return at;
    }
    space.mapAnonymous(at, size, prot, shared, name, file != null ? off : 0);
    if (file != null) {
      try {
        fill(space, file, at, size, off);
      } catch (LinuxError e) {
        space.unmap(at, size);
        throw e;
      }
    }
    return at;
  }

  /** Where a mapping of size bytes goes: the fixed address, the hint if free, or a free gap. */
  private static long placement(AddressSpace space, long addr, long size, int flags) {
    if ((flags & MAP_FIXED) != 0) {
      if ((addr & (PAGE - 1)) != 0) throw new LinuxError(Errno.EINVAL);
      if (Long.compareUnsigned(addr, TASK_SIZE - size) > 0) throw new LinuxError(Errno.ENOMEM);
      // security_mmap_addr(): nothing below mmap_min_addr without CAP_SYS_RAWIO.
      if (addr < MMAP_MIN_ADDR) throw new LinuxError(Errno.EPERM);
      if ((flags & MAP_FIXED_NOREPLACE) != 0 && !isUnmapped(space, addr, addr + size)) {
        throw new LinuxError(Errno.EEXIST);
      }
      return addr;
    }
    if ((flags & MAP_32BIT) != 0) {
      // MAP_32BIT places the mapping in the first 2 GiB; x86-64 uses [1 GiB, 2 GiB).
      long at = findFreeBelow(space, 0x40000000L, 0x80000000L, size);
      if (at < 0) throw new LinuxError(Errno.ENOMEM);
      return at;
    }
    if (addr != 0) {
      // A hint is rounded up to a page and raised to mmap_min_addr, then used if it fits.
      long hint = Math.max(pageUp(addr), MMAP_MIN_ADDR);
      if (hint > 0 && Long.compareUnsigned(hint, TASK_SIZE - size) <= 0 && space.isFree(hint, hint + size)) {
        return hint;
      }
    }
    long at = space.findFree(size);
    if (at < 0) throw new LinuxError(Errno.ENOMEM);
    return at;
  }

  private static boolean isUnmapped(AddressSpace space, long start, long end) {
    for (Vma v : space.mappings()) {
      if (v.start() < end && start < v.end()) return false;
    }
    return true;
  }

  /** The highest free page-aligned gap of size bytes within [lo, hi), or -1. */
  private static long findFreeBelow(AddressSpace space, long lo, long hi, long size) {
    long top = hi;
    java.util.List<Vma> maps = space.mappings();
    for (int i = maps.size() - 1; i >= 0; i--) {
      Vma v = maps.get(i);
      if (v.start() >= top) continue;
      if (v.end() <= top && top - v.end() >= size && top - size >= lo) return top - size;
      top = Math.min(top, v.start());
    }
    return top - size >= lo ? top - size : -1;
  }

  /** mmap(2) EACCES/ENODEV rules for a file mapping. */
  private static void checkFileAccess(Task t, OpenFile file, int type, int prot) {
    int fl = HostFlags.openFromHost(Host.check(Host.libc().fcntl(file.hostFd(), HostFlags.F_GETFL, 0)));
    int acc = fl & OpenFlags.O_ACCMODE;
    // Any file mapping needs the file open for reading; a writable shared one needs O_RDWR.
    if (acc == OpenFlags.O_WRONLY) throw new LinuxError(Errno.EACCES);
    if (type != MAP_PRIVATE && (prot & Prot.WRITE) != 0 && acc != OpenFlags.O_RDWR) {
      throw new LinuxError(Errno.EACCES);
    }
    if ((fl & OpenFlags.O_PATH) != 0) throw new LinuxError(Errno.EBADF);
    int kind = file.type(t.scratch);
    // Only regular files and devices can be mapped; pipes, sockets and directories cannot.
    if (kind != FileStat.S_IFREG && kind != FileStat.S_IFCHR && kind != FileStat.S_IFBLK) {
      throw new LinuxError(Errno.ENODEV);
    }
  }

  /**
   * MAP_SHARED of a regular file: the host maps the file and the guest pages are
   * those very host pages, so the mapping, read()/write() and other processes stay
   * coherent. Only whole pages inside the file are backed (touching memory past a
   * host file's end would be a host SIGBUS); the guest's pages past it fault.
   */
  private static void mapSharedFile(Task t, AddressSpace space, OpenFile file, long at, long size, long off,
                                    int prot, String name) {
    int fl = HostFlags.openFromHost(Host.check(Host.libc().fcntl(file.hostFd(), HostFlags.F_GETFL, 0)));
    boolean writable = (fl & OpenFlags.O_ACCMODE) == OpenFlags.O_RDWR;
    long fileSize = file.stat(t.scratch).size();
    long backed = Math.max(0, Math.min(size, (fileSize - off + PAGE - 1) & ~(PAGE - 1)));
    int maxProt = Prot.READ | Prot.EXEC | (writable ? Prot.WRITE : 0);
    if (backed == 0) {
      space.mapHost(at, size, prot, 0, 0, maxProt, name, off, () -> {});
      return;
    }
    int hostProt = HostFlags.PROT_READ | (writable ? HostFlags.PROT_WRITE : 0);
    long host = Host.libc().mmap(0, backed, hostProt, HostFlags.MAP_SHARED, file.hostFd(), off);
    if (host == HostFlags.MAP_FAILED) throw new LinuxError(HostErrno.toLinux(Host.errno()));
    space.mapHost(at, size, prot, host, backed, maxProt, name, off, () -> Host.libc().munmap(host, backed));
  }

  /** Reads the file into the new mapping page by page, straight into each page's frame. */
  private static void fill(AddressSpace space, OpenFile file, long at, long size, long off) {
    for (long p = 0; p < size; p += PAGE) {
      long frame = space.hostAddressForLoad(at + p);
      long n = Host.check(Host.libc().pread64(file.hostFd(), frame, PAGE, off + p));
      // Past end of file the mapping stays zero (Linux would raise SIGBUS for whole pages).
      if (n < PAGE) break;
    }
  }

  // ---------------------------------------------------------------- munmap, mprotect

  static long munmap(Task t, long addr, long len) {
    // munmap(2): the start must be page-aligned, the range inside user space, len non-zero.
    if ((addr & (PAGE - 1)) != 0 || Long.compareUnsigned(addr, TASK_SIZE) > 0
        || Long.compareUnsigned(len, TASK_SIZE - addr) > 0) {
      throw new LinuxError(Errno.EINVAL);
    }
    long size = pageUp(len);
    if (size == 0) throw new LinuxError(Errno.EINVAL);
    t.mmu().space().unmap(addr, size);
    return 0;
  }

  static long mprotect(Task t, long addr, long len, long protArg) {
    int prot = (int) protArg;
    if ((addr & (PAGE - 1)) != 0) throw new LinuxError(Errno.EINVAL);
    // PROT_GROWSDOWN and PROT_GROWSUP together are EINVAL; alone they extend to the
    // stack's edge, which this kernel does not model and ignores.
    int grows = prot & (PROT_GROWSDOWN | PROT_GROWSUP);
    if (grows == (PROT_GROWSDOWN | PROT_GROWSUP)) throw new LinuxError(Errno.EINVAL);
    prot &= ~grows;
    if ((prot & ~(PROT_MASK | PROT_SEM)) != 0) throw new LinuxError(Errno.EINVAL);
    if (len == 0) return 0;
    long size = pageUp(len);
    long end = addr + size;
    if (size == 0 || Long.compareUnsigned(end, addr) <= 0) throw new LinuxError(Errno.ENOMEM);
    if (Long.compareUnsigned(end, TASK_SIZE) > 0) throw new LinuxError(Errno.ENOMEM);
    // Any unmapped page in the range is ENOMEM, and then nothing changes.
    switch (t.mmu().space().protect(addr, size, prot & PROT_MASK)) {
      case NOT_MAPPED: throw new LinuxError(Errno.ENOMEM);
      // mprotect(2): PROT_WRITE on a MAP_SHARED mapping of a file not open for writing.
      case FORBIDDEN: throw new LinuxError(Errno.EACCES);
      default: return 0;
    }
  }

  // ---------------------------------------------------------------- mremap

  static long mremap(Task t, long old, long oldLen, long newLen, long flagsArg, long newAddr) {
    int flags = (int) flagsArg;
    if ((flags & ~(MREMAP_MAYMOVE | MREMAP_FIXED | MREMAP_DONTUNMAP)) != 0) throw new LinuxError(Errno.EINVAL);
    if ((flags & MREMAP_FIXED) != 0 && (flags & MREMAP_MAYMOVE) == 0) throw new LinuxError(Errno.EINVAL);
    if ((flags & MREMAP_DONTUNMAP) != 0 && ((flags & MREMAP_MAYMOVE) == 0 || oldLen != newLen)) {
      throw new LinuxError(Errno.EINVAL);
    }
    if ((old & (PAGE - 1)) != 0) throw new LinuxError(Errno.EINVAL);
    long oldSize = pageUp(oldLen), newSize = pageUp(newLen);
    if (newSize == 0) throw new LinuxError(Errno.EINVAL);
    if (oldSize == 0) {
      // old_size 0 duplicates a shared mapping; not modelled.
      Unsupported.once("mremap with old_size 0");
      throw new LinuxError(Errno.EINVAL);
    }
    if ((flags & MREMAP_DONTUNMAP) != 0) {
      Unsupported.once("mremap MREMAP_DONTUNMAP");
      throw new LinuxError(Errno.EINVAL);
    }
    AddressSpace space = t.mmu().space();
    Vma vma = vmaAt(space, old);
    // The old range must be mapped (vma_to_resize(): EFAULT).
    if (vma == null || !space.isFullyMapped(old, old + oldSize)) throw new LinuxError(Errno.EFAULT);
    if ((flags & MREMAP_FIXED) != 0) {
      if ((newAddr & (PAGE - 1)) != 0) throw new LinuxError(Errno.EINVAL);
      if (Long.compareUnsigned(newAddr, TASK_SIZE - newSize) > 0) throw new LinuxError(Errno.EINVAL);
      // The old and new ranges may not overlap.
      if (newAddr < old + oldSize && old < newAddr + newSize) throw new LinuxError(Errno.EINVAL);
      return move(space, vma, old, oldSize, newAddr, newSize);
    }
    if (newSize <= oldSize) {
      if (newSize < oldSize) space.unmap(old + newSize, oldSize - newSize);
      return old;
    }
    long tail = old + oldSize;
    if (Long.compareUnsigned(old + newSize, TASK_SIZE) <= 0 && space.isFree(tail, old + newSize)) {
      // Grow in place; the new tail is zero-filled even for file mappings (a simplification).
      space.mapAnonymous(tail, newSize - oldSize, vma.prot(), vma.shared(), vma.name());
      return old;
    }
    if ((flags & MREMAP_MAYMOVE) == 0) throw new LinuxError(Errno.ENOMEM);
    long to = space.findFree(newSize);
    if (to < 0) throw new LinuxError(Errno.ENOMEM);
    return move(space, vma, old, oldSize, to, newSize);
  }

  /** Moves the pages of [old, old+oldSize) to a fresh mapping at to, then unmaps the old range. */
  private static long move(AddressSpace space, Vma vma, long old, long oldSize, long to, long newSize) {
    space.mapAnonymous(to, newSize, vma.prot(), vma.shared(), vma.name());
    long n = Math.min(oldSize, newSize);
    PageTable table = space.table();
    for (long p = 0; p < n; p += PAGE) {
      long e = table.get(old + p);
      // Pages never touched have no frame and read as zero in the new place too.
      if ((e & PageTable.PRESENT) != 0) {
        HostMemory.copy(e & PageTable.FRAME_MASK, space.hostAddressForLoad(to + p), PAGE);
      }
    }
    space.unmap(old, oldSize);
    return to;
  }

  private static Vma vmaAt(AddressSpace space, long addr) {
    for (Vma v : space.mappings()) {
      if (v.start() <= addr && addr < v.end()) return v;
    }
    return null;
  }

  // ---------------------------------------------------------------- madvise

  // msync(2) flags (asm-generic/mman-common.h); the host's are the same numbers on Linux and the BSDs.
  static final int MS_ASYNC = 1, MS_INVALIDATE = 2, MS_SYNC = 4;

  /**
   * msync(2) (mm/msync.c): shared file mappings are the host's own mmaps of the
   * file, so the host msync writes them back; private and anonymous memory has
   * nothing to write. Unmapped pages in the range are ENOMEM.
   */
  static long msync(Task t, long addr, long len, int flags) {
    if ((flags & ~(MS_ASYNC | MS_INVALIDATE | MS_SYNC)) != 0 || (addr & (PAGE - 1)) != 0
        || (flags & (MS_ASYNC | MS_SYNC)) == (MS_ASYNC | MS_SYNC)) {
      throw new LinuxError(Errno.EINVAL);
    }
    long size = pageUp(len);
    if (addr + size < addr || (len != 0 && size == 0)) throw new LinuxError(Errno.ENOMEM);
    if (size == 0) return 0;
    AddressSpace space = t.mmu().space();
    PageTable table = space.table();
    long runStart = -1, runHost = -1;
    for (long p = addr; p <= addr + size; p += PAGE) {
      long e = p < addr + size ? table.get(p) : 0;
      long host = (e & PageTable.HOST) != 0 ? e & PageTable.FRAME_MASK : -1;
      if (runStart >= 0 && host != runHost + (p - runStart)) {
        Host.check(Host.libc().msync(runHost, p - runStart, flags));
        runStart = -1;
      }
      if (host >= 0 && runStart < 0) {
        runStart = p;
        runHost = host;
      }
    }
    if (!space.isFullyMapped(addr, addr + size)) throw new LinuxError(Errno.ENOMEM);
    return 0;
  }

  static long madvise(Task t, long addr, long len, long adviceArg) {
    int advice = (int) adviceArg;
    if ((addr & (PAGE - 1)) != 0) throw new LinuxError(Errno.EINVAL);
    // Known advice values (asm-generic/mman-common.h): 0-4, 8-25, 100, 101.
    boolean known = (advice >= 0 && advice <= 4) || (advice >= 8 && advice <= 25) || advice == 100 || advice == 101;
    if (!known) throw new LinuxError(Errno.EINVAL);
    long size = pageUp(len);
    if (len != 0 && size == 0) throw new LinuxError(Errno.EINVAL);
    if (size == 0) return 0;
    AddressSpace space = t.mmu().space();
    // Advice over unmapped pages is ENOMEM (after applying it to the mapped ones).
    boolean mapped = space.isFullyMapped(addr, addr + size);
    if (advice == MADV_DONTNEED) {
      // Private pages read back as zero after MADV_DONTNEED (madvise(2)); shared ones
      // keep their contents. (Private file pages should be re-read from the file; they
      // read as zero here.) A page shared copy-on-write with another process only
      // loses this process's reference.
      space.discard(addr, size);
    }
    if (!mapped) throw new LinuxError(Errno.ENOMEM);
    return 0;
  }
}
