package blink.machine;

import static org.junit.jupiter.api.Assertions.*;

import blink.memory.Prot;
import blink.x86.Cpu;
import blink.x86.Flags;
import org.junit.jupiter.api.Test;

/** Engine behaviour that no single instruction family owns: faults, self-modifying code, paging. */
class MachineTest {
  static final long CODE = 0x10000, DATA = 0x20000;

  static Machine machine(int... code) {
    Machine m = Machine.create();
    m.space.mapAnonymous(CODE, 0x2000, Prot.READ | Prot.WRITE | Prot.EXEC, false, "code");
    m.space.mapAnonymous(DATA, 0x2000, Prot.READ | Prot.WRITE, false, "data");
    byte[] b = new byte[code.length];
    for (int k = 0; k < code.length; k++) b[k] = (byte) code[k];
    m.space.poke(CODE, b, 0, b.length);
    m.cpu.rip = CODE;
    m.cpu.regs[Cpu.RSP] = DATA + 0x2000;
    return m;
  }

  @Test
  void addSetsCarryOverflowZero() {
    // mov al, 0x80 ; add al, 0x80
    Machine m = machine(0xB0, 0x80, 0x04, 0x80);
    m.step();
    m.step();
    long f = m.cpu.getFlags();
    assertEquals(0, m.cpu.regs[Cpu.RAX] & 0xff);
    assertEquals(Flags.CF | Flags.OF | Flags.ZF | Flags.PF, f & Flags.STATUS);
  }

  @Test
  void incPreservesCarry() {
    // stc ; inc eax (ff c0)
    Machine m = machine(0xF9, 0xFF, 0xC0);
    m.cpu.regs[Cpu.RAX] = 0x7fffffffL;
    m.step();
    m.step();
    long f = m.cpu.getFlags();
    assertEquals(0x80000000L, m.cpu.regs[Cpu.RAX]);
    assertTrue((f & Flags.CF) != 0, "INC must not clear CF");
    assertTrue((f & Flags.OF) != 0);
    assertTrue((f & Flags.SF) != 0);
    assertTrue((f & Flags.AF) != 0);
  }

  @Test
  void thirtyTwoBitWriteZeroExtends() {
    // mov eax, ebx (89 d8)
    Machine m = machine(0x89, 0xD8);
    m.cpu.regs[Cpu.RAX] = -1;
    m.cpu.regs[Cpu.RBX] = 0x1234_5678_9abc_def0L;
    m.step();
    assertEquals(0x9abcdef0L, m.cpu.regs[Cpu.RAX]);
  }

  @Test
  void highByteRegistersWithoutRex() {
    // mov ah, 0x12 (b4 12) ; mov spl, 0x34 with REX (40 b4 34)
    Machine m = machine(0xB4, 0x12, 0x40, 0xB4, 0x34);
    m.step();
    assertEquals(0x1200, m.cpu.regs[Cpu.RAX]);
    long sp = m.cpu.regs[Cpu.RSP];
    m.step();
    assertEquals((sp & ~0xffL) | 0x34, m.cpu.regs[Cpu.RSP]);
  }

  @Test
  void divideByZeroFaultsAtTheInstruction() {
    // xor ecx, ecx ; div ecx
    Machine m = machine(0x31, 0xC9, 0xF7, 0xF1);
    m.step();
    GuestFault f = assertThrows(GuestFault.class, m::step);
    assertEquals(GuestFault.Kind.DIVIDE_ERROR, f.kind);
    assertEquals(CODE + 2, m.cpu.rip);
  }

  @Test
  void writeToUnmappedPageFaultsWithAddress() {
    // mov [rax], ebx
    Machine m = machine(0x89, 0x18);
    m.cpu.regs[Cpu.RAX] = 0x5000;
    GuestFault f = assertThrows(GuestFault.class, m::run);
    assertEquals(GuestFault.Kind.PAGE_NOT_MAPPED, f.kind);
    assertEquals(0x5000, f.address);
    assertEquals(CODE, m.cpu.rip);
  }

  @Test
  void writeToReadOnlyPageIsProtectionFault() {
    Machine m = machine(0x89, 0x18);
    m.space.protect(DATA, 0x1000, Prot.READ);
    m.cpu.regs[Cpu.RAX] = DATA + 8;
    GuestFault f = assertThrows(GuestFault.class, m::run);
    assertEquals(GuestFault.Kind.PAGE_PROTECTION, f.kind);
    assertEquals(DATA + 8, f.address);
  }

  @Test
  void executingNonExecutablePageFaults() {
    Machine m = machine(0x90);
    m.cpu.rip = DATA;
    GuestFault f = assertThrows(GuestFault.class, m::step);
    assertEquals(GuestFault.Kind.PAGE_PROTECTION, f.kind);
  }

  @Test
  void selfModifyingCodeSeesTheNewInstruction() {
    // 0: mov byte [rip+1], 0x42   (c6 05 01 00 00 00 42) -> patches the imm8 of the next insn
    // 7: mov al, 0x00             (b0 00)
    Machine m = machine(0xC6, 0x05, 0x01, 0x00, 0x00, 0x00, 0x42, 0xB0, 0x00);
    // Decode the second instruction first so it sits in the cache.
    m.instructionAt(CODE + 7);
    m.step();
    m.step();
    assertEquals(0x42, m.cpu.regs[Cpu.RAX] & 0xff);
  }

  @Test
  void aWriteCachedBeforeThePageBecameCodeStillInvalidatesIt() {
    // The first accesses to page 1 fill the TLB while page 1 holds no code yet (so
    // fetching from it later hits the TLB and nothing flushes it); after page 1
    // runs, the same fast-path write must still drop its decoded code.
    Machine m = machine(
        0x50, 0x58,                   // push rax ; pop rax        (the stack page in the TLB)
        0xC6, 0x03, 0xB0,             // mov byte [rbx], 0xb0      (mov al, imm8)
        0xC6, 0x43, 0x01, 0x11,       // mov byte [rbx+1], 0x11
        0x8A, 0x4B, 0x02,             // mov cl, [rbx+2]           (fills the read TLB too)
        0xFF, 0xD3,                   // call rbx                  -> mov al, 0x11 ; ret
        0xC6, 0x43, 0x01, 0x22,       // mov byte [rbx+1], 0x22
        0xFF, 0xD3);                  // call rbx                  -> mov al, 0x22 ; ret
    m.space.poke(CODE + 0x1002, new byte[] {(byte) 0xC3}, 0, 1);
    m.cpu.regs[Cpu.RBX] = CODE + 0x1000;
    for (int k = 0; k < 8; k++) m.step();
    assertEquals(0x11, m.cpu.regs[Cpu.RAX] & 0xff);
    for (int k = 0; k < 4; k++) m.step();
    assertEquals(0x22, m.cpu.regs[Cpu.RAX] & 0xff);
  }

  @Test
  void unalignedAccessAcrossPages() {
    // mov rax, [rbx]
    Machine m = machine(0x48, 0x8B, 0x03);
    m.space.poke(DATA + 0xffc, new byte[] {1, 2, 3, 4, 5, 6, 7, 8}, 0, 8);
    m.cpu.regs[Cpu.RBX] = DATA + 0xffc;
    m.step();
    assertEquals(0x0807060504030201L, m.cpu.regs[Cpu.RAX]);
  }

  @Test
  void repMovsbOverlappingForwardReplicates() {
    // rep movsb with rdi = rsi + 1 spreads the first byte (element-by-element semantics)
    Machine m = machine(0xF3, 0xA4);
    m.space.poke(DATA, new byte[] {7, 1, 2, 3, 4, 5, 6, 8}, 0, 8);
    m.cpu.regs[Cpu.RSI] = DATA;
    m.cpu.regs[Cpu.RDI] = DATA + 1;
    m.cpu.regs[Cpu.RCX] = 6;
    m.step();
    assertArrayEquals(new byte[] {7, 7, 7, 7, 7, 7, 7, 8}, m.cpu.mmu.readBytes(DATA, 8));
    assertEquals(0, m.cpu.regs[Cpu.RCX]);
  }

  @Test
  void callAndReturn() {
    // call +1 ; hlt? no: 0: e8 01 00 00 00 (call 6) ; 5: 90 ; 6: c3 (ret)
    Machine m = machine(0xE8, 0x01, 0x00, 0x00, 0x00, 0x90, 0xC3);
    long sp = m.cpu.regs[Cpu.RSP];
    m.step();
    assertEquals(CODE + 6, m.cpu.rip);
    assertEquals(CODE + 5, m.cpu.mmu.read64(sp - 8));
    m.step();
    assertEquals(CODE + 5, m.cpu.rip);
    assertEquals(sp, m.cpu.regs[Cpu.RSP]);
  }

  @Test
  void invalidOpcodeNamesTheBytes() {
    Machine m = machine(0x0F, 0xFF, 0x00);
    GuestFault f = assertThrows(GuestFault.class, m::step);
    assertEquals(GuestFault.Kind.INVALID_OPCODE, f.kind);
    assertTrue(f.getMessage().contains("0f ff"), f.getMessage());
  }
}
