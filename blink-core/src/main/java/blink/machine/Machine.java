package blink.machine;

import blink.memory.AddressSpace;
import blink.memory.Mmu;
import blink.x86.Cpu;
import blink.x86.Decoder;
import blink.x86.Insn;
import blink.x86.Isa;
import blink.x86.Mode;

/**
 * Executes one guest thread: fetches decoded instructions from the code cache
 * (decoding on a miss) and runs their handlers. {@link #step()} runs exactly one
 * instruction; {@link #run()} runs until the CPU halts or asks for attention.
 * A fault leaves RIP at the faulting instruction and is thrown to the caller.
 * 16- and 32-bit code ({@link #setMode}) runs in a loop of its own that fetches at
 * CS base + (E)IP, so the 64-bit loop carries nothing for it.
 */
public final class Machine {
  public final Cpu cpu;
  public final AddressSpace space;
  private final CodeCache code;
  private Decoder decoder = new Decoder(Isa.table());
  private final Decoder.ByteSource fetch;
  /** Outside 64-bit mode: instruction bytes at CS base + (E)IP, the offset wrapping at the code width. */
  private final Decoder.ByteSource legacyFetch;
  private CodeCache.CodePage page;
  private long instructions;

  public Machine(AddressSpace space, CodeCache code) {
    this.space = space;
    this.code = code;
    Mmu mmu = new Mmu(space);
    this.cpu = new Cpu(mmu);
    this.fetch = mmu::fetch8;
    this.legacyFetch = ip -> mmu.fetch8((cpu.csBase + (ip & Mode.mask(cpu.mode.operandSize))) & 0xffffffffL);
  }

  /** A machine with a fresh address space. */
  public static Machine create() {
    AddressSpace space = new AddressSpace();
    return new Machine(space, new CodeCache(space));
  }

  /**
   * Switches the kind of code executed (64-bit, 32-bit or 16-bit): the decoder for
   * that mode takes over and instructions decoded in the old mode are dropped.
   * Segment state is left to the caller (flat 32-bit needs none).
   */
  public void setMode(Mode mode) {
    if (mode == cpu.mode) return;
    cpu.mode = mode;
    decoder = new Decoder(mode);
    code.clear();
    page = null;
  }

  /** The decoded code of this machine's address space (shared by threads of one process). */
  public CodeCache code() {
    return code;
  }

  public long instructionCount() {
    return instructions;
  }

  /**
   * The decoded-code page at base. Making a page code drops every thread's
   * cached write translations (see {@link AddressSpace#markCode}), which would
   * otherwise let later writes skip the self-modifying-code check.
   */
  private CodeCache.CodePage codePage(long base) {
    CodeCache.CodePage p = code.page(base);
    cpu.mmu.sync();
    return p;
  }

  /** The decoded instruction at addr (decoding and caching it if needed). */
  public Insn instructionAt(long addr) {
    long base = addr & ~0xfffL;
    CodeCache.CodePage p = page;
    if (p == null || p.base != base || p.dead) page = p = codePage(base);
    Insn i = p.slots[(int) (addr & 0xfff)];
    if (i == null) {
      i = decoder.decode(addr, fetch);
      p.slots[(int) (addr & 0xfff)] = i;
    }
    return i;
  }

  /**
   * The decoded instruction at (E)IP ip of 16/32-bit code, fetched at CS base + ip.
   * The cache is indexed by linear address and holds instructions whose addresses
   * are offsets, so one decoded at the same place under another CS base is redone.
   */
  public Insn legacyInstructionAt(long ip) {
    long linear = (cpu.csBase + ip) & 0xffffffffL;
    long base = linear & ~0xfffL;
    CodeCache.CodePage p = page;
    if (p == null || p.base != base || p.dead) page = p = codePage(base);
    Insn i = p.slots[(int) (linear & 0xfff)];
    if (i == null || i.addr != ip) {
      i = decoder.decode(ip, legacyFetch);
      p.slots[(int) (linear & 0xfff)] = i;
    }
    return i;
  }

  /** Executes one instruction. */
  public void step() {
    Cpu c = cpu;
    if (c.mode != Mode.LONG_64) {
      stepLegacy();
      return;
    }
    Insn i = instructionAt(c.rip);
    try {
      c.rip = i.next;
      i.exec.exec(c, i);
      instructions++;
    } catch (GuestFault f) {
      if (!f.trap) c.rip = i.addr;
      throw f;
    }
  }

  private void stepLegacy() {
    Cpu c = cpu;
    Insn i = legacyInstructionAt(c.rip);
    try {
      c.rip = i.next & Mode.mask(c.mode.operandSize);
      i.exec.exec(c, i);
      instructions++;
    } catch (GuestFault f) {
      if (!f.trap) c.rip = i.addr;
      throw f;
    }
  }

  /** Runs until the CPU halts or sets {@link Cpu#attention}; faults propagate with RIP restored. */
  public void run() {
    Cpu c = cpu;
    if (c.mode != Mode.LONG_64) {
      runLegacy();
      return;
    }
    long n = 0;
    long at = c.rip;
    try {
      while (!c.attention) {
        at = c.rip;
        Insn i = instructionAt(at);
        c.rip = i.next;
        i.exec.exec(c, i);
        n++;
      }
    } catch (GuestFault f) {
      // Handlers commit RIP last, so the faulting instruction is the one at 'at'.
      if (!f.trap) c.rip = at;
      throw f;
    } finally {
      instructions += n;
    }
  }

  /** The run loop for 16/32-bit code: fetch at CS base + (E)IP, which wraps at the code width. */
  private void runLegacy() {
    Cpu c = cpu;
    long mask = Mode.mask(c.mode.operandSize);
    long n = 0;
    long at = c.rip;
    try {
      while (!c.attention) {
        at = c.rip;
        Insn i = legacyInstructionAt(at);
        c.rip = i.next & mask;
        i.exec.exec(c, i);
        n++;
      }
    } catch (GuestFault f) {
      if (!f.trap) c.rip = at;
      throw f;
    } finally {
      instructions += n;
    }
  }
}
