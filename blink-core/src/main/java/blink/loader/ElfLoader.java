package blink.loader;

import blink.memory.AddressSpace;
import blink.memory.PageTable;
import blink.memory.Prot;
import java.util.ArrayList;
import java.util.List;

/**
 * Loads x86-64 ELF executables into an address space and builds the initial
 * stack, as Linux's execve does (fs/binfmt_elf.c): static, static-PIE, and
 * dynamically linked programs, whose PT_INTERP names the dynamic loader that
 * is mapped beside them and started first.
 */
public final class ElfLoader {
  /** Where Linux puts ET_DYN executables without randomisation (ELF_ET_DYN_BASE). */
  public static final long PIE_BASE = 0x555555554000L;
  /** PT_INTERP longer than this is refused, as Linux refuses one longer than PATH_MAX. */
  private static final int PATH_MAX = 4096;

  private ElfLoader() {}

  /** A file's contents and the name /proc/self/maps gives its mappings (symlinks resolved). */
  public record Image(String name, byte[] bytes) {}

  /** Reads a file named by a guest path (the dynamic loader's), through the guest's file system. */
  @FunctionalInterface
  public interface FileSource {
    /** The file; a LoaderException with a one-line reason if it cannot be read. */
    Image read(String guestPath) throws LoaderException;
  }

  /**
   * The request: the file's bytes, its arguments and environment, the ids to
   * report, the name its mappings get in /proc/self/maps, and where the dynamic
   * loader is read from.
   */
  public record Request(byte[] image, List<String> argv, List<String> envp, String execfn,
                        Credentials credentials, int hwcap, String name, FileSource files) {
    /** A request for a program that needs no other file (static executables). */
    public Request(byte[] image, List<String> argv, List<String> envp, String execfn,
                   Credentials credentials, int hwcap) {
      this(image, argv, envp, execfn, credentials, hwcap, "", path -> {
        throw new LoaderException(path + ": no such file or directory", true);
      });
    }
  }

  public static LoadedProgram load(AddressSpace space, Request req) throws LoaderException {
    ElfHeader elf = ElfHeader.parse(req.image());
    String interpPath = interpreterPath(elf, req.image());
    // The dynamic loader is read and checked before anything is mapped, as execve
    // fails without side effects when it is missing or malformed.
    Image interpFile = interpPath == null ? null : req.files().read(interpPath);
    ElfHeader interp = null;
    if (interpFile != null) {
      try {
        interp = ElfHeader.parse(interpFile.bytes());
      } catch (LoaderException e) {
        throw new LoaderException(interpPath + ": " + e.getMessage());
      }
    }
    long bias = elf.type() == ElfHeader.ET_DYN ? PIE_BASE : 0;
    Mapped program = mapImage(space, elf, req.image(), bias, req.name());
    long entry = elf.entry() + bias;
    long start = entry;
    long interpBase = 0;
    if (interp != null) {
      interpBase = interp.type() == ElfHeader.ET_DYN ? interpreterBase(space, interp) : 0;
      mapImage(space, interp, interpFile.bytes(), interpBase, interpFile.name());
      start = interp.entry() + interpBase;
    }
    boolean execStack = false;
    for (ElfHeader.ProgramHeader ph : elf.segments()) {
      if (ph.type() == ElfHeader.PT_GNU_STACK) execStack = (ph.flags() & ElfHeader.PF_X) != 0;
    }
    List<long[]> aux = auxv(req, elf, program.phdr(), interpBase, entry);
    long sp = new InitialStack(space).build(req.argv(), req.envp(), req.execfn(), aux, execStack);
    return new LoadedProgram(start, sp, program.end(), program.phdr(), bias);
  }

  /** The auxiliary vector binfmt_elf's create_elf_tables() writes, less what InitialStack adds. */
  private static List<long[]> auxv(Request req, ElfHeader elf, long phdr, long interpBase, long entry) {
    Credentials id = req.credentials();
    List<long[]> aux = new ArrayList<>();
    aux.add(new long[] {InitialStack.AT_HWCAP, req.hwcap() & 0xffffffffL});
    aux.add(new long[] {InitialStack.AT_PAGESZ, 4096});
    aux.add(new long[] {InitialStack.AT_CLKTCK, 100});
    aux.add(new long[] {InitialStack.AT_PHDR, phdr});
    aux.add(new long[] {InitialStack.AT_PHENT, elf.phentsize()});
    aux.add(new long[] {InitialStack.AT_PHNUM, elf.phnum()});
    aux.add(new long[] {InitialStack.AT_BASE, interpBase});
    aux.add(new long[] {InitialStack.AT_FLAGS, 0});
    aux.add(new long[] {InitialStack.AT_ENTRY, entry});
    aux.add(new long[] {InitialStack.AT_UID, id.uid()});
    aux.add(new long[] {InitialStack.AT_EUID, id.euid()});
    aux.add(new long[] {InitialStack.AT_GID, id.gid()});
    aux.add(new long[] {InitialStack.AT_EGID, id.egid()});
    aux.add(new long[] {InitialStack.AT_SECURE, 0});
    return aux;
  }

  /** The path in PT_INTERP (NUL-terminated in the file), or null for a static program. */
  static String interpreterPath(ElfHeader elf, byte[] image) throws LoaderException {
    for (ElfHeader.ProgramHeader ph : elf.segments()) {
      if (ph.type() != ElfHeader.PT_INTERP) continue;
      // binfmt_elf: the string must fit in the file and PATH_MAX, and end in NUL (else ENOEXEC).
      if (ph.filesz() < 2 || ph.filesz() > PATH_MAX || ph.offset() < 0 || ph.offset() + ph.filesz() > image.length
          || image[(int) (ph.offset() + ph.filesz() - 1)] != 0) {
        throw new LoaderException("malformed PT_INTERP segment");
      }
      int len = 0;
      while (image[(int) ph.offset() + len] != 0) len++;
      return new String(image, (int) ph.offset(), len, java.nio.charset.StandardCharsets.ISO_8859_1);
    }
    return null;
  }

  /**
   * A free page-aligned base for an ET_DYN dynamic loader: below the mmap area's
   * top, where Linux puts it too (the first mapping made from mmap_base).
   */
  private static long interpreterBase(AddressSpace space, ElfHeader interp) throws LoaderException {
    long lo = Long.MAX_VALUE, hi = 0;
    for (ElfHeader.ProgramHeader ph : interp.segments()) {
      if (ph.type() != ElfHeader.PT_LOAD || ph.memsz() == 0) continue;
      lo = Math.min(lo, AddressSpace.pageDown(ph.vaddr()));
      hi = Math.max(hi, AddressSpace.pageUp(ph.vaddr() + ph.memsz()));
    }
    if (hi <= lo || hi - lo > (1L << 40)) throw new LoaderException("dynamic loader's segments out of range");
    long at = space.findFree(hi - lo);
    if (at < 0) throw new LoaderException("no room for the dynamic loader");
    return at - lo;
  }

  /** What mapping an image produced: the end of its highest page, and its program headers' address. */
  private record Mapped(long end, long phdr) {}

  /** Maps an image's PT_LOAD segments at bias, each with its protection and zeroed bss. */
  private static Mapped mapImage(AddressSpace space, ElfHeader elf, byte[] image, long bias, String name)
      throws LoaderException {
    long end = 0, phdr = 0;
    for (ElfHeader.ProgramHeader ph : elf.segments()) {
      if (ph.type() == ElfHeader.PT_PHDR) phdr = ph.vaddr() + bias;
      if (ph.type() != ElfHeader.PT_LOAD || ph.memsz() == 0) continue;
      long start = AddressSpace.pageDown(ph.vaddr() + bias);
      long stop = AddressSpace.pageUp(ph.vaddr() + bias + ph.memsz());
      if (start < 0x1000 || stop > InitialStack.STACK_TOP - InitialStack.STACK_SIZE || stop < start) {
        throw new LoaderException("ELF segment address out of range");
      }
      // The bss beyond filesz has no file behind it: Linux shows those whole pages unnamed.
      long fileStop = AddressSpace.pageUp(ph.vaddr() + bias + ph.filesz());
      long offset = AddressSpace.pageDown(ph.offset());
      mapSegment(space, start, Math.min(stop, Math.max(fileStop, start)), prot(ph.flags()), name, offset);
      if (fileStop < stop) mapSegment(space, fileStop, stop, prot(ph.flags()), "", 0);
      space.poke(ph.vaddr() + bias, image, (int) ph.offset(), (int) ph.filesz());
      if (phdr == 0 && ph.offset() <= elf.phoff() && elf.phoff() < ph.offset() + ph.filesz()) {
        phdr = ph.vaddr() + bias + (elf.phoff() - ph.offset());
      }
      end = Math.max(end, stop);
    }
    return new Mapped(end, phdr);
  }

  private static int prot(int flags) {
    int p = 0;
    if ((flags & ElfHeader.PF_R) != 0) p |= Prot.READ;
    if ((flags & ElfHeader.PF_W) != 0) p |= Prot.WRITE;
    if ((flags & ElfHeader.PF_X) != 0) p |= Prot.EXEC;
    return p;
  }

  /**
   * Maps a segment's pages (the first at file offset offset); a page shared with
   * an earlier segment gets both protections.
   */
  private static void mapSegment(AddressSpace space, long start, long stop, int prot, String name, long offset) {
    if (stop <= start) return;
    long first = start;
    if ((space.table().get(start) & PageTable.MAPPED) != 0) {
      space.protect(start, AddressSpace.PAGE, prot | Prot.fromPageBits(space.table().get(start)));
      first += AddressSpace.PAGE;
    }
    if (first < stop) space.mapAnonymous(first, stop - first, prot, false, name, offset + (first - start));
  }
}
