package blink.loader;

import blink.memory.AddressSpace;
import blink.memory.PageTable;
import blink.memory.Prot;
import java.util.ArrayList;
import java.util.List;

/**
 * Loads static and static-PIE x86-64 ELF executables into an address space and
 * builds the initial stack, as Linux's execve does.
 */
public final class ElfLoader {
  /** Where Linux puts ET_DYN executables without randomisation (ELF_ET_DYN_BASE). */
  public static final long PIE_BASE = 0x555555554000L;

  private ElfLoader() {}

  /** The request: the file's bytes, its arguments and environment, and the ids to report. */
  public record Request(byte[] image, List<String> argv, List<String> envp, String execfn,
                        Credentials credentials, int hwcap) {}

  public static LoadedProgram load(AddressSpace space, Request req) throws LoaderException {
    ElfHeader elf = ElfHeader.parse(req.image());
    for (ElfHeader.ProgramHeader ph : elf.segments()) {
      if (ph.type() == ElfHeader.PT_INTERP) {
        throw new LoaderException("dynamically linked executables are not supported yet");
      }
    }
    long bias = elf.type() == ElfHeader.ET_DYN ? PIE_BASE : 0;
    long end = 0;
    boolean execStack = false;
    long phdr = 0;
    for (ElfHeader.ProgramHeader ph : elf.segments()) {
      if (ph.type() == ElfHeader.PT_GNU_STACK) execStack = (ph.flags() & ElfHeader.PF_X) != 0;
      if (ph.type() == ElfHeader.PT_PHDR) phdr = ph.vaddr() + bias;
      if (ph.type() != ElfHeader.PT_LOAD || ph.memsz() == 0) continue;
      long start = AddressSpace.pageDown(ph.vaddr() + bias);
      long stop = AddressSpace.pageUp(ph.vaddr() + bias + ph.memsz());
      if (start < 0x1000 || stop > InitialStack.STACK_TOP - InitialStack.STACK_SIZE || stop < start) {
        throw new LoaderException("ELF segment address out of range");
      }
      mapSegment(space, start, stop, prot(ph.flags()));
      space.poke(ph.vaddr() + bias, req.image(), (int) ph.offset(), (int) ph.filesz());
      if (phdr == 0 && ph.offset() <= elf.phoff() && elf.phoff() < ph.offset() + ph.filesz()) {
        phdr = ph.vaddr() + bias + (elf.phoff() - ph.offset());
      }
      end = Math.max(end, stop);
    }
    long entry = elf.entry() + bias;
    Credentials id = req.credentials();
    List<long[]> aux = new ArrayList<>();
    aux.add(new long[] {InitialStack.AT_HWCAP, req.hwcap() & 0xffffffffL});
    aux.add(new long[] {InitialStack.AT_PAGESZ, 4096});
    aux.add(new long[] {InitialStack.AT_CLKTCK, 100});
    aux.add(new long[] {InitialStack.AT_PHDR, phdr});
    aux.add(new long[] {InitialStack.AT_PHENT, elf.phentsize()});
    aux.add(new long[] {InitialStack.AT_PHNUM, elf.phnum()});
    aux.add(new long[] {InitialStack.AT_BASE, 0});
    aux.add(new long[] {InitialStack.AT_FLAGS, 0});
    aux.add(new long[] {InitialStack.AT_ENTRY, entry});
    aux.add(new long[] {InitialStack.AT_UID, id.uid()});
    aux.add(new long[] {InitialStack.AT_EUID, id.euid()});
    aux.add(new long[] {InitialStack.AT_GID, id.gid()});
    aux.add(new long[] {InitialStack.AT_EGID, id.egid()});
    aux.add(new long[] {InitialStack.AT_SECURE, 0});
    long sp = new InitialStack(space).build(req.argv(), req.envp(), req.execfn(), aux, execStack);
    return new LoadedProgram(entry, sp, end, phdr, bias);
  }

  private static int prot(int flags) {
    int p = 0;
    if ((flags & ElfHeader.PF_R) != 0) p |= Prot.READ;
    if ((flags & ElfHeader.PF_W) != 0) p |= Prot.WRITE;
    if ((flags & ElfHeader.PF_X) != 0) p |= Prot.EXEC;
    return p;
  }

  /** Maps a segment's pages; a page shared with an earlier segment gets both protections. */
  private static void mapSegment(AddressSpace space, long start, long stop, int prot) {
    long first = start;
    if ((space.table().get(start) & PageTable.MAPPED) != 0) {
      space.protect(start, AddressSpace.PAGE, prot | Prot.fromPageBits(space.table().get(start)));
      first += AddressSpace.PAGE;
    }
    if (first < stop) space.mapAnonymous(first, stop - first, prot, false, "");
  }
}
