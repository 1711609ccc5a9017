package blink.linux.sys;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import blink.linux.Errno;
import blink.linux.KernelFixture;
import blink.linux.Sysno;
import blink.machine.GuestFault;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MemoryTest {
  static final int PROT_READ = 1, PROT_WRITE = 2, PROT_EXEC = 4;
  static final int MAP_SHARED = 1, MAP_PRIVATE = 2, MAP_FIXED = 0x10, MAP_ANONYMOUS = 0x20;
  static final int MAP_FIXED_NOREPLACE = 0x100000, MAP_32BIT = 0x40;
  static final long PAGE = 4096;

  final KernelFixture k = new KernelFixture();
  @TempDir Path dir;

  long anon(long addr, long len, int prot, int flags) {
    return k.sys(Sysno.MMAP, addr, len, prot, MAP_PRIVATE | MAP_ANONYMOUS | flags, -1, 0);
  }

  @Test
  void brkGrowsShrinksAndRefuses() {
    long start = KernelFixture.BRK_START;
    assertEquals(start, k.sys(Sysno.BRK, 0));
    assertEquals(start + 10, k.sys(Sysno.BRK, start + 10));
    k.cpu.mmu.write64(start, 42); // the heap is usable
    assertEquals(start + 3 * PAGE + 1, k.sys(Sysno.BRK, start + 3 * PAGE + 1));
    k.cpu.mmu.write64(start + 3 * PAGE, 7);
    assertEquals(42, k.read64(start));
    // Shrinking unmaps whole pages past the new break.
    assertEquals(start + PAGE, k.sys(Sysno.BRK, start + PAGE));
    assertThrows(GuestFault.class, () -> k.cpu.mmu.read8(start + 2 * PAGE));
    assertEquals(42, k.read64(start));
    // Below the start, or into another mapping: the old break comes back.
    assertEquals(start + PAGE, k.sys(Sysno.BRK, start - PAGE));
    assertEquals(start + 4 * PAGE, anon(start + 4 * PAGE, PAGE, PROT_READ, MAP_FIXED));
    assertEquals(start + PAGE, k.sys(Sysno.BRK, start + 4 * PAGE));
    assertEquals(start + PAGE, k.sys(Sysno.BRK, start + 3 * PAGE + 1)); // must leave a guard page
    assertEquals(start + 3 * PAGE, k.sys(Sysno.BRK, start + 3 * PAGE));
    assertEquals(start + 3 * PAGE, k.sys(Sysno.BRK, -1L));
  }

  @Test
  void anonymousMappingIsZeroedAndUsable() {
    long a = anon(0, 3 * PAGE + 5, PROT_READ | PROT_WRITE, 0);
    assertTrue(a > 0 && a % PAGE == 0, Long.toHexString(a));
    assertEquals(0, k.read64(a + 3 * PAGE + 8)); // rounded up to whole pages
    k.cpu.mmu.write64(a, 0x1122334455667788L);
    assertEquals(0x1122334455667788L, k.read64(a));
    long b = anon(0, PAGE, PROT_READ, 0);
    assertTrue(b != a);
    assertThrows(GuestFault.class, () -> k.cpu.mmu.write8(b, 1));
  }

  @Test
  void hintsAndFixedPlacement() {
    long hint = 0x300000000L;
    assertEquals(hint, anon(hint, PAGE, PROT_READ, 0));
    // An occupied hint is only a hint.
    long other = anon(hint, PAGE, PROT_READ, 0);
    assertTrue(other != hint && other > 0);
    // An unaligned hint is rounded up.
    assertEquals(0x400001000L, anon(0x400000001L, PAGE, PROT_READ, 0));
    assertEquals(-Errno.EEXIST, anon(hint, PAGE, PROT_READ, MAP_FIXED_NOREPLACE));
    assertEquals(hint + PAGE, anon(hint + PAGE, PAGE, PROT_READ, MAP_FIXED_NOREPLACE));
    // MAP_FIXED replaces what was there.
    k.sys(Sysno.MPROTECT, hint, PAGE, PROT_READ | PROT_WRITE);
    k.cpu.mmu.write8(hint, 9);
    assertEquals(hint, anon(hint, PAGE, PROT_READ | PROT_WRITE, MAP_FIXED));
    assertEquals(0, k.cpu.mmu.read8(hint));
    long low = anon(0, PAGE, PROT_READ, MAP_32BIT);
    assertTrue(low > 0 && low < 0x80000000L, Long.toHexString(low));
  }

  @Test
  void mmapArgumentErrors() {
    assertEquals(-Errno.EINVAL, anon(0, 0, PROT_READ, 0));
    assertEquals(-Errno.EINVAL, anon(0x300000001L, PAGE, PROT_READ, MAP_FIXED));
    assertEquals(-Errno.EINVAL, anon(0x300000001L, PAGE, PROT_READ, MAP_FIXED_NOREPLACE));
    assertEquals(-Errno.EINVAL, k.sys(Sysno.MMAP, 0, PAGE, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 100));
    assertEquals(-Errno.EINVAL, k.sys(Sysno.MMAP, 0, PAGE, PROT_READ, MAP_ANONYMOUS, -1, 0)); // no type
    assertEquals(-Errno.ENOMEM, anon(0, 1L << 48, PROT_READ, 0));
    assertEquals(-Errno.ENOMEM, anon(0, -PAGE, PROT_READ, 0));
    assertEquals(-Errno.ENOMEM, anon(0x7ffffffff000L, 2 * PAGE, PROT_READ, MAP_FIXED));
    assertEquals(-Errno.EPERM, anon(PAGE, PAGE, PROT_READ, MAP_FIXED));
    assertEquals(-Errno.EBADF, k.sys(Sysno.MMAP, 0, PAGE, PROT_READ, MAP_PRIVATE, 99, 0));
  }

  @Test
  void privateFileMappingHoldsTheFile() throws Exception {
    byte[] data = new byte[2 * 4096 + 300];
    new Random(7).nextBytes(data);
    Path f = dir.resolve("m");
    Files.write(f, data);
    int fd = k.open(f.toString(), 0, 0);
    long a = k.sys(Sysno.MMAP, 0, data.length, PROT_READ, MAP_PRIVATE, fd, 0);
    assertTrue(a > 0);
    assertArrayEquals(data, k.bytes(a, data.length));
    assertEquals(0, k.cpu.mmu.read8(a + data.length)); // the rest of the last page is zero
    // At an offset, fixed, writable and private: writes do not reach the file.
    long b = k.sys(Sysno.MMAP, 0x500000000L, PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_FIXED, fd, PAGE);
    assertEquals(0x500000000L, b);
    assertEquals(data[4096] & 0xff, k.cpu.mmu.read8(b));
    k.cpu.mmu.write8(b, data[4096] + 1);
    assertArrayEquals(data, Files.readAllBytes(f));
  }

  @Test
  void fileMappingAccessRules() throws Exception {
    Path f = dir.resolve("w");
    Files.writeString(f, "write only");
    int wr = k.open(f.toString(), 1, 0); // O_WRONLY
    assertEquals(-Errno.EACCES, k.sys(Sysno.MMAP, 0, PAGE, PROT_READ, MAP_PRIVATE, wr, 0));
    int rd = k.open(f.toString(), 0, 0);
    assertEquals(-Errno.EACCES, k.sys(Sysno.MMAP, 0, PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, rd, 0));
    int d = k.open(dir.toString(), 0, 0);
    assertEquals(-Errno.ENODEV, k.sys(Sysno.MMAP, 0, PAGE, PROT_READ, MAP_PRIVATE, d, 0));
  }

  @Test
  void munmapRules() {
    long a = anon(0, 4 * PAGE, PROT_READ | PROT_WRITE, 0);
    assertEquals(-Errno.EINVAL, k.sys(Sysno.MUNMAP, a + 1, PAGE));
    assertEquals(-Errno.EINVAL, k.sys(Sysno.MUNMAP, a, 0));
    assertEquals(-Errno.EINVAL, k.sys(Sysno.MUNMAP, 0x7ffffffff000L, 2 * PAGE));
    assertEquals(0, k.sys(Sysno.MUNMAP, a + PAGE, 1)); // one page, rounded up
    k.cpu.mmu.write8(a, 1);
    assertThrows(GuestFault.class, () -> k.cpu.mmu.read8(a + PAGE));
    k.cpu.mmu.write8(a + 2 * PAGE, 1);
    assertEquals(0, k.sys(Sysno.MUNMAP, a, 4 * PAGE));
    assertEquals(0, k.sys(Sysno.MUNMAP, a, 4 * PAGE)); // unmapping nothing is fine
  }

  @Test
  void mprotectRules() {
    long a = anon(0, 2 * PAGE, PROT_READ | PROT_WRITE, 0);
    assertEquals(0, k.sys(Sysno.MPROTECT, a, PAGE, PROT_READ));
    assertThrows(GuestFault.class, () -> k.cpu.mmu.write8(a, 1));
    k.cpu.mmu.write8(a + PAGE, 1);
    assertEquals(-Errno.EINVAL, k.sys(Sysno.MPROTECT, a + 1, PAGE, PROT_READ));
    assertEquals(-Errno.EINVAL, k.sys(Sysno.MPROTECT, a, PAGE, 0x10));
    assertEquals(-Errno.EINVAL, k.sys(Sysno.MPROTECT, a, PAGE, 0x03000000));
    assertEquals(0, k.sys(Sysno.MPROTECT, a, 0, PROT_READ));
    assertEquals(-Errno.ENOMEM, k.sys(Sysno.MPROTECT, a, 3 * PAGE, PROT_READ));
    assertEquals(-Errno.ENOMEM, k.sys(Sysno.MPROTECT, KernelFixture.UNMAPPED, PAGE, PROT_READ));
    assertEquals(0, k.sys(Sysno.MPROTECT, a, 2 * PAGE, PROT_READ | PROT_WRITE | PROT_EXEC));
    k.cpu.mmu.write8(a, 1);
  }

  @Test
  void mremapGrowsShrinksAndMoves() {
    long a = anon(0, 2 * PAGE, PROT_READ | PROT_WRITE, 0);
    k.cpu.mmu.write64(a, 123);
    k.cpu.mmu.write64(a + PAGE, 456);
    // Block growth in place, so it has to move.
    assertEquals(a + 2 * PAGE, anon(a + 2 * PAGE, PAGE, PROT_READ, MAP_FIXED));
    assertEquals(-Errno.ENOMEM, k.sys(Sysno.MREMAP, a, 2 * PAGE, 4 * PAGE, 0, 0));
    long b = k.sys(Sysno.MREMAP, a, 2 * PAGE, 4 * PAGE, 1, 0); // MREMAP_MAYMOVE
    assertTrue(b > 0 && b != a);
    assertEquals(123, k.read64(b));
    assertEquals(456, k.read64(b + PAGE));
    k.cpu.mmu.write64(b + 3 * PAGE, 789);
    assertThrows(GuestFault.class, () -> k.cpu.mmu.read8(a));
    assertEquals(b, k.sys(Sysno.MREMAP, b, 4 * PAGE, PAGE, 0, 0));
    assertThrows(GuestFault.class, () -> k.cpu.mmu.read8(b + PAGE));
    assertEquals(b, k.sys(Sysno.MREMAP, b, PAGE, 2 * PAGE, 0, 0)); // grows in place again
    assertEquals(123, k.read64(b));
    assertEquals(0, k.read64(b + PAGE));
    assertEquals(-Errno.EINVAL, k.sys(Sysno.MREMAP, b + 1, PAGE, PAGE, 0, 0));
    assertEquals(-Errno.EINVAL, k.sys(Sysno.MREMAP, b, PAGE, 0, 0, 0));
    assertEquals(-Errno.EINVAL, k.sys(Sysno.MREMAP, b, PAGE, PAGE, 2, 0)); // FIXED without MAYMOVE
    assertEquals(-Errno.EFAULT, k.sys(Sysno.MREMAP, KernelFixture.UNMAPPED, PAGE, 2 * PAGE, 1, 0));
    long fixed = 0x600000000L;
    assertEquals(fixed, k.sys(Sysno.MREMAP, b, 2 * PAGE, 2 * PAGE, 3, fixed));
    assertEquals(123, k.read64(fixed));
  }

  @Test
  void madviseDontneedZeroesPrivatePages() {
    long a = anon(0, 2 * PAGE, PROT_READ | PROT_WRITE, 0);
    k.cpu.mmu.write64(a, 5);
    k.cpu.mmu.write64(a + PAGE, 6);
    assertEquals(0, k.sys(Sysno.MADVISE, a, PAGE, 4)); // MADV_DONTNEED
    assertEquals(0, k.read64(a));
    assertEquals(6, k.read64(a + PAGE));
    assertEquals(0, k.sys(Sysno.MADVISE, a, 2 * PAGE, 0));
    assertEquals(-Errno.EINVAL, k.sys(Sysno.MADVISE, a + 1, PAGE, 0));
    assertEquals(-Errno.EINVAL, k.sys(Sysno.MADVISE, a, PAGE, 7));
    assertEquals(-Errno.ENOMEM, k.sys(Sysno.MADVISE, KernelFixture.UNMAPPED, PAGE, 0));
  }
}
