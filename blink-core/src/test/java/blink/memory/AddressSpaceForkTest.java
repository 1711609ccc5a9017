package blink.memory;

import static org.junit.jupiter.api.Assertions.*;

import blink.machine.GuestFault;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** fork(2) semantics of an address space: private pages copy-on-write, MAP_SHARED ones shared. */
class AddressSpaceForkTest {
  static final long A = 0x40000, PAGE = AddressSpace.PAGE;
  static final int RW = Prot.READ | Prot.WRITE;

  final FrameAllocator frames = new FrameAllocator();
  final AddressSpace parent = new AddressSpace(frames);
  final Mmu pm = new Mmu(parent);

  long frameOf(AddressSpace s, long va) {
    return s.table().get(va) & PageTable.FRAME_MASK;
  }

  @Test
  void childSeesParentsData() {
    parent.mapAnonymous(A, 2 * PAGE, RW, false, "data");
    pm.write64(A + 8, 0x1122334455667788L);
    pm.write32(A + PAGE, 0xcafe);
    Mmu cm = new Mmu(parent.fork());
    assertEquals(0x1122334455667788L, cm.read64(A + 8));
    assertEquals(0xcafe, cm.read32(A + PAGE));
    assertEquals(frameOf(parent, A), frameOf(cm.space(), A), "the frame is shared until a write");
  }

  @Test
  void writesAfterForkArePrivateBothWays() {
    parent.mapAnonymous(A, PAGE, RW, false, "data");
    pm.write64(A, 1);
    assertEquals(1, pm.read64(A)); // both TLBs of the parent now hold the page
    int before = parent.generation();
    Mmu cm = new Mmu(parent.fork());
    assertNotEquals(before, parent.generation());
    pm.sync(); // as the kernel does when the fork syscall returns
    pm.write64(A, 2);
    assertEquals(1, cm.read64(A));
    assertEquals(2, pm.read64(A));
    cm.write64(A, 3);
    assertEquals(2, pm.read64(A));
    assertEquals(3, cm.read64(A));
    assertNotEquals(frameOf(parent, A), frameOf(cm.space(), A));
  }

  @Test
  void readTlbOfTheWriterSeesItsCopy() {
    parent.mapAnonymous(A, PAGE, RW, false, "data");
    pm.write64(A, 1);
    Mmu cm = new Mmu(parent.fork());
    assertEquals(1, cm.read8(A)); // the child's read TLB now holds the shared frame
    cm.write8(A, 7);
    assertEquals(7, cm.read8(A));
    assertEquals(1, pm.read8(A));
  }

  @Test
  void untouchedPagesStayLazyInEachSpace() {
    parent.mapAnonymous(A, 4 * PAGE, RW, false, "data");
    pm.write8(A, 1);
    AddressSpace child = parent.fork();
    assertEquals(1, frames.liveFrames());
    assertEquals(0, child.table().get(A + 2 * PAGE) & PageTable.PRESENT);
    Mmu cm = new Mmu(child);
    cm.write8(A + 2 * PAGE, 5);
    assertEquals(0, pm.read8(A + 2 * PAGE));
    assertEquals(5, cm.read8(A + 2 * PAGE));
    assertNotEquals(frameOf(parent, A + 2 * PAGE), frameOf(child, A + 2 * PAGE));
  }

  @Test
  void sharedAnonymousMemoryStaysShared() {
    parent.mapAnonymous(A, 2 * PAGE, RW, true, "shared");
    pm.write8(A, 1);
    Mmu cm = new Mmu(parent.fork());
    pm.sync();
    assertEquals(0, parent.table().get(A) & PageTable.COW);
    pm.write8(A + PAGE + 3, 9); // a page first touched after the fork
    assertEquals(9, cm.read8(A + PAGE + 3));
    cm.write8(A, 4);
    assertEquals(4, pm.read8(A));
  }

  @Test
  void unmapInOneSpaceLeavesTheOtherAndFramesGoWithTheLastOwner() {
    parent.mapAnonymous(A, 3 * PAGE, RW, false, "data");
    for (int p = 0; p < 3; p++) pm.write8(A + p * PAGE, p + 1);
    assertEquals(3, frames.liveFrames());
    AddressSpace child = parent.fork();
    Mmu cm = new Mmu(child);
    assertEquals(3, frames.liveFrames());
    cm.write8(A, 10);
    assertEquals(4, frames.liveFrames());
    parent.unmap(A, 3 * PAGE);
    assertEquals(3, frames.liveFrames());
    assertEquals(10, cm.read8(A));
    assertEquals(2, cm.read8(A + PAGE));
    assertEquals(3, cm.read8(A + 2 * PAGE));
    assertThrows(GuestFault.class, () -> new Mmu(parent).read8(A));
    child.unmap(A, PAGE);
    assertEquals(2, frames.liveFrames());
    // A fresh frame from a recycled one reads as zero.
    child.mapAnonymous(A, PAGE, RW, false, "again");
    assertEquals(0, new Mmu(child).read64(A));
    child.unmap(A, 3 * PAGE);
    assertEquals(0, frames.liveFrames());
  }

  @Test
  void lastOwnerWritesInPlace() {
    parent.mapAnonymous(A, PAGE, RW, false, "data");
    pm.write8(A, 1);
    long frame = frameOf(parent, A);
    AddressSpace child = parent.fork();
    child.unmap(A, PAGE);
    assertEquals(1, frames.owners(frame));
    pm.sync();
    pm.write8(A, 2);
    assertEquals(frame, frameOf(parent, A));
    assertEquals(0, parent.table().get(A) & PageTable.COW);
    assertEquals(1, frames.liveFrames());
  }

  @Test
  void protectKeepsCopyOnWrite() {
    parent.mapAnonymous(A, PAGE, RW, false, "data");
    pm.write8(A, 1);
    AddressSpace child = parent.fork();
    Mmu cm = new Mmu(child);
    assertEquals(AddressSpace.ProtectResult.OK, child.protect(A, PAGE, Prot.READ));
    GuestFault f = assertThrows(GuestFault.class, () -> cm.write8(A, 2));
    assertEquals(GuestFault.Kind.PAGE_PROTECTION, f.kind);
    assertNotEquals(0, child.table().get(A) & PageTable.COW);
    child.protect(A, PAGE, RW);
    cm.sync();
    cm.write8(A, 3);
    assertEquals(1, pm.read8(A));
    assertEquals(3, cm.read8(A));
  }

  @Test
  void forkOfAForkSharesOneFrameThreeWays() {
    parent.mapAnonymous(A, PAGE, RW, false, "data");
    pm.write8(A, 1);
    long frame = frameOf(parent, A);
    AddressSpace child = parent.fork();
    AddressSpace grandchild = child.fork();
    assertEquals(3, frames.owners(frame));
    Mmu cm = new Mmu(child), gm = new Mmu(grandchild);
    cm.write8(A, 2);
    assertEquals(2, frames.owners(frame));
    pm.sync();
    pm.write8(A, 3);
    assertEquals(1, frames.owners(frame));
    assertEquals(3, frames.liveFrames());
    gm.write8(A, 4); // the last owner: no copy
    assertEquals(frame, frameOf(grandchild, A));
    assertEquals(3, frames.liveFrames());
    assertEquals(3, pm.read8(A));
    assertEquals(2, cm.read8(A));
    assertEquals(4, gm.read8(A));
  }

  @Test
  void childWritingACodePageLeavesTheParentsCodeCache() {
    List<Long> invalidated = new ArrayList<>();
    parent.setCodeListener(invalidated::add);
    parent.mapAnonymous(A, PAGE, RW | Prot.EXEC, false, "text");
    parent.poke(A, new byte[] {(byte) 0x90, (byte) 0xc3}, 0, 2);
    parent.markCode(A);
    AddressSpace child = parent.fork();
    assertEquals(0, child.table().get(A) & PageTable.CODE);
    assertNotEquals(0, parent.table().get(A) & PageTable.CODE);
    Mmu cm = new Mmu(child);
    cm.write8(A, 0xcc);
    assertEquals(List.of(), invalidated);
    assertEquals(0x90, pm.read8(A));
    pm.sync();
    pm.write8(A + 1, 0xc3);
    assertEquals(List.of(A), invalidated);
    assertEquals(0xcc, cm.read8(A));
  }

  @Test
  void loaderWritesCopyToo() {
    parent.mapAnonymous(A, PAGE, RW, false, "data");
    pm.write8(A, 1);
    AddressSpace child = parent.fork();
    child.poke(A, new byte[] {2}, 0, 1);
    HostMemory.put8(parent.hostAddressForLoad(A + 1), 3);
    assertEquals(1, pm.read8(A));
    assertEquals(3, pm.read8(A + 1));
    Mmu cm = new Mmu(child);
    assertEquals(2, cm.read8(A));
    assertEquals(0, cm.read8(A + 1));
  }

  @Test
  void hostMemoryIsSharedAndReleasedWithTheLastSpace() {
    MemorySegment host = Arena.ofAuto().allocate(2 * PAGE, PAGE);
    AtomicInteger releases = new AtomicInteger();
    parent.mapHost(A, 2 * PAGE, RW, host.address(), 2 * PAGE, RW, "file", 0, releases::incrementAndGet);
    pm.write8(A, 1);
    AddressSpace child = parent.fork();
    Mmu cm = new Mmu(child);
    cm.write8(A + PAGE, 2);
    assertEquals(2, pm.read8(A + PAGE));
    assertEquals(1, cm.read8(A));
    parent.unmap(A, 2 * PAGE);
    child.unmap(A, PAGE);
    assertEquals(0, releases.get());
    child.unmap(A + PAGE, PAGE);
    assertEquals(1, releases.get());
    assertEquals(0, frames.liveFrames());
  }

  @Test
  void bothSpacesWritingAtOnceCopyEachPageOnce() throws Exception {
    int pages = 256;
    parent.mapAnonymous(A, pages * PAGE, RW, false, "data");
    for (int p = 0; p < pages; p++) pm.write8(A + p * PAGE, 0xee);
    AddressSpace child = parent.fork();
    pm.sync();
    AtomicInteger wrong = new AtomicInteger();
    List<Thread> threads = new ArrayList<>();
    for (AddressSpace s : List.of(parent, child)) {
      int mark = s == parent ? 1 : 2;
      threads.add(Thread.ofPlatform().start(() -> {
        Mmu m = new Mmu(s);
        for (int p = 0; p < pages; p++) {
          if (m.read8(A + p * PAGE) != 0xee) wrong.incrementAndGet();
          m.write8(A + p * PAGE + 1, mark);
        }
        for (int p = 0; p < pages; p++) {
          if (m.read8(A + p * PAGE + 1) != mark) wrong.incrementAndGet();
        }
      }));
    }
    for (Thread t : threads) t.join();
    assertEquals(0, wrong.get());
    assertEquals(2 * pages, frames.liveFrames());
  }

  @Test
  void discardDropsOnlyThisSpacesPages() {
    parent.mapAnonymous(A, PAGE, RW, false, "data");
    pm.write8(A, 1);
    Mmu cm = new Mmu(parent.fork());
    parent.discard(A, PAGE);
    pm.sync();
    assertEquals(0, pm.read8(A));
    assertEquals(1, cm.read8(A));
  }
}
