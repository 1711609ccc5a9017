package blink.loader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import blink.memory.AddressSpace;
import blink.memory.Mmu;
import blink.memory.Prot;
import blink.memory.Vma;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The dynamic-loader half of execve (fs/binfmt_elf.c) on small hand-made ELF
 * files: where PT_INTERP's file goes, where execution starts, and what the
 * auxiliary vector tells the loader about the program.
 */
class ElfLoaderTest {
  private static final String LD = "/lib/ld-test.so";
  private static final long PROG_VADDR = 0x400000, PROG_ENTRY = 0x400080, LD_ENTRY = 0x40;

  /** An ELF64 x86-64 file: header, program headers at 64, then the given bytes at their offsets. */
  private static byte[] elf(int type, long entry, long[][] phdrs, int size, Map<Integer, byte[]> contents) {
    ByteBuffer b = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
    b.put(new byte[] {0x7f, 'E', 'L', 'F', 2, 1, 1});
    b.putShort(16, (short) type).putShort(18, (short) ElfHeader.EM_X86_64).putInt(20, 1);
    b.putLong(24, entry).putLong(32, 64).putShort(52, (short) 64).putShort(54, (short) 56)
        .putShort(56, (short) phdrs.length);
    for (int k = 0; k < phdrs.length; k++) {
      long[] p = phdrs[k]; // type, flags, offset, vaddr, filesz, memsz
      int o = 64 + 56 * k;
      b.putInt(o, (int) p[0]).putInt(o + 4, (int) p[1]).putLong(o + 8, p[2]).putLong(o + 16, p[3])
          .putLong(o + 24, p[3]).putLong(o + 32, p[4]).putLong(o + 40, p[5]).putLong(o + 48, 4096);
    }
    contents.forEach((off, bytes) -> b.put(off, bytes));
    return b.array();
  }

  private static byte[] program(byte[] interp) {
    return elf(ElfHeader.ET_EXEC, PROG_ENTRY, new long[][] {
        {ElfHeader.PT_INTERP, ElfHeader.PF_R, 0x100, PROG_VADDR + 0x100, interp.length, interp.length},
        {ElfHeader.PT_LOAD, ElfHeader.PF_R | ElfHeader.PF_X, 0, PROG_VADDR, 0x200, 0x3000}},
        0x200, Map.of(0x100, interp));
  }

  private static byte[] cString(String s) {
    byte[] b = s.getBytes(StandardCharsets.ISO_8859_1);
    return java.util.Arrays.copyOf(b, b.length + 1);
  }

  private static byte[] interpreter() {
    return elf(ElfHeader.ET_DYN, LD_ENTRY, new long[][] {
        {ElfHeader.PT_LOAD, ElfHeader.PF_R | ElfHeader.PF_X, 0, 0, 0x180, 0x180},
        {ElfHeader.PT_LOAD, ElfHeader.PF_R | ElfHeader.PF_W, 0x180, 0x1180, 0x10, 0x2000}},
        0x200, Map.of());
  }

  private static ElfLoader.Request request(byte[] image, ElfLoader.FileSource files) {
    return new ElfLoader.Request(image, List.of("prog"), List.of("A=1"), "prog",
        new Credentials(1, 1, 2, 2), 0, "/bin/prog", files);
  }

  /** The auxiliary vector on the initial stack, past argc, argv and envp. */
  private static Map<Long, Long> auxv(Mmu mmu, long sp) {
    long p = sp + 8 + 8 * (mmu.read64(sp) + 1);
    while (mmu.read64(p) != 0) p += 8;
    Map<Long, Long> aux = new HashMap<>();
    for (p += 8; mmu.read64(p) != InitialStack.AT_NULL; p += 16) aux.put(mmu.read64(p), mmu.read64(p + 8));
    return aux;
  }

  @Test
  void startsInTheInterpreterAndTellsItAboutTheProgram() throws Exception {
    AddressSpace space = new AddressSpace();
    byte[] ld = interpreter();
    LoadedProgram p = ElfLoader.load(space, request(program(cString(LD)), path -> {
      assertEquals(LD, path);
      return new ElfLoader.Image(LD, ld);
    }));
    Map<Long, Long> aux = auxv(new Mmu(space), p.stackPointer());
    long base = aux.get((long) InitialStack.AT_BASE);
    assertTrue(base != 0 && (base & 4095) == 0, "AT_BASE is a page-aligned load address");
    assertTrue(base > PROG_VADDR + 0x3000 && base + 0x4000 <= InitialStack.STACK_TOP - InitialStack.STACK_SIZE);
    assertEquals(base + LD_ENTRY, p.entry());
    assertEquals(PROG_ENTRY, aux.get((long) InitialStack.AT_ENTRY));
    assertEquals(PROG_VADDR + 64, aux.get((long) InitialStack.AT_PHDR));
    assertEquals(2L, aux.get((long) InitialStack.AT_PHNUM));
    assertEquals(PROG_VADDR + 0x3000, p.brk(), "the break follows the program, not the loader");
    // The loader's bytes are at its base, its bss zeroed and writable.
    Mmu mmu = new Mmu(space);
    assertEquals(0x464c457fL, mmu.read64(base) & 0xffffffffL);
    assertEquals(0, mmu.read64(base + 0x2000));
    Map<Long, Vma> maps = new HashMap<>();
    for (Vma v : space.mappings()) maps.put(v.start(), v);
    assertEquals(LD, maps.get(base).name());
    assertEquals(Prot.READ | Prot.EXEC, maps.get(base).prot());
    assertEquals(Prot.READ | Prot.WRITE, maps.get(base + 0x1000).prot());
    assertEquals("/bin/prog", maps.get(PROG_VADDR).name());
    assertEquals("", maps.get(PROG_VADDR + 0x1000).name(), "bss pages past the file have no name");
  }

  @Test
  void aMissingInterpreterFailsBeforeAnythingIsMapped() {
    AddressSpace space = new AddressSpace();
    LoaderException e = assertThrows(LoaderException.class, () -> ElfLoader.load(space,
        request(program(cString(LD)), path -> {
          throw new LoaderException(path + ": no such file or directory");
        })));
    assertEquals(LD + ": no such file or directory", e.getMessage());
    assertTrue(space.mappings().isEmpty());
  }

  @Test
  void anInterpreterPathWithoutItsNulIsRefused() {
    byte[] bad = LD.getBytes(StandardCharsets.ISO_8859_1);
    assertThrows(LoaderException.class, () -> ElfLoader.load(new AddressSpace(), request(program(bad), path -> {
      throw new AssertionError("read " + path);
    })));
  }

  @Test
  void anInterpreterThatIsNotElfIsRefused() {
    LoaderException e = assertThrows(LoaderException.class, () -> ElfLoader.load(new AddressSpace(),
        request(program(cString(LD)), path -> new ElfLoader.Image(path, new byte[100]))));
    assertTrue(e.getMessage().startsWith(LD + ": "), e.getMessage());
  }
}
