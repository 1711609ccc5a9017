package blink.linux;

import blink.memory.AddressSpace;
import blink.memory.HostMemory;
import blink.memory.Mmu;

/**
 * Moving bytes between guest memory and host memory, the emulator's
 * copy_from_user/copy_to_user. Guest addresses are checked page by page through
 * the MMU, so a bad pointer becomes a {@link blink.machine.GuestFault} (EFAULT),
 * never a wild host access.
 */
public final class UserMemory {
  private UserMemory() {}

  /** TASK_SIZE_MAX on x86-64: the end of user space, (1 << 47) - 4096. */
  public static final long TASK_SIZE_MAX = AddressSpace.USER_END;
  /** PATH_MAX, counting the NUL (limits.h). */
  public static final int PATH_MAX = 4096;

  /** access_ok(): the range lies in user space (its pages may still be unmapped). */
  public static boolean accessOk(long addr, long size) {
    return Long.compareUnsigned(size, TASK_SIZE_MAX) <= 0
        && Long.compareUnsigned(addr, TASK_SIZE_MAX - size) <= 0;
  }

  /** A NUL-terminated path (without the NUL); ENAMETOOLONG past PATH_MAX, as strncpy_from_user. */
  public static byte[] readPath(Mmu mmu, long va) {
    byte[] p = mmu.readCString(va, PATH_MAX);
    if (p.length >= PATH_MAX) throw new LinuxError(Errno.ENAMETOOLONG);
    return p;
  }

  /** Copies len guest bytes at va to host memory. */
  public static void copyIn(Mmu mmu, long va, long host, long len) {
    while (len > 0) {
      int n = (int) Math.min(len, 4096 - (va & 0xfff));
      HostMemory.copy(mmu.hostRange(va, n, false), host, n);
      va += n;
      host += n;
      len -= n;
    }
  }

  /** Copies len host bytes to guest memory at va; checks the whole range first so a fault writes nothing. */
  public static void copyOut(Mmu mmu, long host, long va, long len) {
    if (len <= 0) return;
    mmu.checkWritable(va, len);
    while (len > 0) {
      int n = (int) Math.min(len, 4096 - (va & 0xfff));
      HostMemory.copy(host, mmu.hostRange(va, n, true), n);
      va += n;
      host += n;
      len -= n;
    }
  }
}
