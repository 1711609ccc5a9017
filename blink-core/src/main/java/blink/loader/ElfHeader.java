package blink.loader;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/** The parts of an ELF64 file header and program header table a loader needs (elf(5)). */
public record ElfHeader(int type, long entry, long phoff, int phentsize, int phnum, List<ProgramHeader> segments) {
  public static final int ET_EXEC = 2, ET_DYN = 3;
  public static final int EM_X86_64 = 62;
  public static final int PT_LOAD = 1, PT_INTERP = 3, PT_PHDR = 6, PT_GNU_STACK = 0x6474e551;
  public static final int PF_X = 1, PF_W = 2, PF_R = 4;

  public record ProgramHeader(int type, int flags, long offset, long vaddr, long filesz, long memsz, long align) {}

  public static boolean isElf(byte[] f) {
    return f.length >= 4 && f[0] == 0x7f && f[1] == 'E' && f[2] == 'L' && f[3] == 'F';
  }

  /** Parses and validates an x86-64 ELF executable image. */
  public static ElfHeader parse(byte[] f) throws LoaderException {
    if (!isElf(f)) throw new LoaderException("not an ELF executable");
    if (f.length < 64) throw new LoaderException("truncated ELF header");
    if (f[4] != 2) throw new LoaderException("not a 64-bit ELF executable (ELFCLASS" + (f[4] == 1 ? "32" : "NONE") + ")");
    if (f[5] != 1) throw new LoaderException("not a little-endian ELF executable");
    ByteBuffer b = ByteBuffer.wrap(f).order(ByteOrder.LITTLE_ENDIAN);
    int type = b.getShort(16) & 0xffff;
    int machine = b.getShort(18) & 0xffff;
    if (machine != EM_X86_64) throw new LoaderException("ELF machine type " + machine + " is not x86-64");
    if (type != ET_EXEC && type != ET_DYN) throw new LoaderException("ELF type " + type + " is not an executable");
    long entry = b.getLong(24);
    long phoff = b.getLong(32);
    int phentsize = b.getShort(54) & 0xffff;
    int phnum = b.getShort(56) & 0xffff;
    if (phnum == 0 || phentsize < 56) throw new LoaderException("ELF file has no program headers");
    if (phoff < 0 || phoff + (long) phnum * phentsize > f.length) throw new LoaderException("truncated ELF program header table");
    List<ProgramHeader> segs = new ArrayList<>();
    for (int k = 0; k < phnum; k++) {
      int o = (int) (phoff + (long) k * phentsize);
      ProgramHeader ph = new ProgramHeader(b.getInt(o), b.getInt(o + 4), b.getLong(o + 8), b.getLong(o + 16),
          b.getLong(o + 32), b.getLong(o + 40), b.getLong(o + 48));
      if (ph.type() == PT_LOAD) {
        if (ph.filesz() < 0 || ph.offset() < 0 || ph.offset() + ph.filesz() > f.length) {
          throw new LoaderException("truncated ELF file (segment " + k + " extends past the end)");
        }
        if (ph.memsz() < ph.filesz()) throw new LoaderException("malformed ELF segment " + k);
        if (((ph.vaddr() - ph.offset()) & 4095) != 0) throw new LoaderException("ELF segment " + k + " is not page-congruent");
      }
      segs.add(ph);
    }
    if (segs.stream().noneMatch(s -> s.type() == PT_LOAD)) throw new LoaderException("ELF file has no loadable segments");
    return new ElfHeader(type, entry, phoff, phentsize, phnum, List.copyOf(segs));
  }
}
