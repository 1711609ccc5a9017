package blink.linux.futex;

import blink.linux.Errno;
import blink.linux.LinuxError;
import blink.memory.HostMemory;
import blink.memory.Mmu;
import java.lang.invoke.VarHandle;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * A 32-bit futex word read and changed atomically through its host address,
 * as the kernel's futex_atomic_cmpxchg_inatomic() does: the word is 4-byte
 * aligned and so never straddles a page.
 */
public final class FutexWord {
  private static final VarHandle INT =
      ValueLayout.JAVA_INT.withOrder(ByteOrder.LITTLE_ENDIAN).varHandle();

  private final long host;

  private FutexWord(long host) {
    this.host = host;
  }

  /**
   * The word at guest address va, which must allow writes if write (a fault is
   * EFAULT) and be 4-byte aligned (EINVAL otherwise, as futex(2)).
   */
  public static FutexWord at(Mmu mmu, long va, boolean write) {
    if ((va & 3) != 0) throw new LinuxError(Errno.EINVAL);
    return new FutexWord(mmu.hostRange(va, 4, write));
  }

  public int get() {
    return (int) INT.getVolatile(HostMemory.ALL, host);
  }

  public void set(int v) {
    INT.setVolatile(HostMemory.ALL, host, v);
  }

  /** Sets the word to update if it holds expect; returns the value it held. */
  public int compareAndExchange(int expect, int update) {
    return (int) INT.compareAndExchange(HostMemory.ALL, host, expect, update);
  }
}
