package blink.machine;

import blink.memory.AddressSpace;
import blink.x86.Insn;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Decoded instructions of one address space, one array of slots per 4 KiB code
 * page indexed by the page offset. A write to a code page (self-modifying code),
 * an unmap or an mprotect that drops PROT_EXEC kills the page's entry; threads that
 * still hold it notice {@link CodePage#dead} and look the page up again.
 */
public final class CodeCache implements AddressSpace.CodeInvalidation {
  /** Decoded instructions of one guest page. */
  public static final class CodePage {
    public final long base;
    public final Insn[] slots = new Insn[4096];
    public volatile boolean dead;

    CodePage(long base) {
      this.base = base;
    }
  }

  private final ConcurrentHashMap<Long, CodePage> pages = new ConcurrentHashMap<>();
  private final AddressSpace space;

  public CodeCache(AddressSpace space) {
    this.space = space;
    space.setCodeListener(this);
  }

  public CodePage page(long pageBase) {
    CodePage p = pages.get(pageBase);
    if (p == null) {
      p = pages.computeIfAbsent(pageBase, CodePage::new);
      space.markCode(pageBase);
    }
    return p;
  }

  @Override
  public void invalidate(long pageVa) {
    kill(pageVa);
    // An instruction that starts on the previous page may straddle into this one.
    CodePage prev = pages.get(pageVa - 4096);
    if (prev != null) {
      for (int k = 4096 - 15; k < 4096; k++) prev.slots[k] = null;
    }
  }

  /** Drops every decoded instruction (the decoding mode changed). */
  public void clear() {
    for (Long base : pages.keySet()) kill(base);
  }

  private void kill(long pageVa) {
    CodePage p = pages.remove(pageVa);
    if (p != null) p.dead = true;
  }
}
