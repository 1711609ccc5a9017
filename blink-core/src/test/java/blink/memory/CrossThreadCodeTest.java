package blink.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Two threads on one address space: when one starts executing a page (making it
 * code), the other's write translation for that page, cached before, must not
 * let its next write skip the self-modifying-code check.
 */
class CrossThreadCodeTest {
  static final long PAGE = 0x400000;

  @Test
  void aPageBecomingCodeDropsOtherThreadsWriteTranslations() {
    AddressSpace space = new AddressSpace();
    space.mapAnonymous(PAGE, 4096, Prot.READ | Prot.WRITE | Prot.EXEC, false, "code");
    List<Long> invalidated = new ArrayList<>();
    space.setCodeListener(invalidated::add);
    Mmu writer = new Mmu(space), executor = new Mmu(space);
    writer.write8(PAGE + 16, 0x90); // caches the writer's translation
    executor.fetch8(PAGE);
    space.markCode(PAGE);          // the executor decoded the page
    writer.write8(PAGE + 16, 0xc3);
    assertEquals(List.of(PAGE), invalidated);
    assertEquals(0xc3, executor.read8(PAGE + 16));
  }
}
