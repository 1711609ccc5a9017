package blink.linux;

import blink.machine.Machine;
import blink.memory.AddressSpace;
import blink.memory.Prot;
import blink.x86.Cpu;
import java.nio.charset.StandardCharsets;

/**
 * A machine with a kernel and some mapped memory, for calling syscalls the way
 * the SYSCALL instruction does: number and arguments in registers, result in %rax.
 */
public final class KernelFixture {
  /** Where the scratch memory tests use starts: 64 pages, read/write. */
  public static final long MEM = 0x10000000L;
  public static final long MEM_SIZE = 64 * 4096;
  /** An address nothing is mapped at. */
  public static final long UNMAPPED = 0x20000000L;
  public static final long BRK_START = 0x00600000L;
  public static final String EXE = "/usr/bin/true";

  public final Machine machine = Machine.create();
  public final Cpu cpu = machine.cpu;
  public final AddressSpace space = machine.space;
  public final LinuxKernel kernel = new LinuxKernel(EXE, BRK_START);

  public KernelFixture() {
    cpu.system = kernel;
    space.mapAnonymous(MEM, MEM_SIZE, Prot.READ | Prot.WRITE, false, "test");
  }

  /** What the run loop does when the thread stops: its end, and with it the process's (exit_group's aftermath). */
  public void finish() {
    Exits.threadEnded(kernel, kernel.task(cpu));
  }

  /** Runs syscall nr with up to six arguments; returns %rax. */
  public long sys(int nr, long... args) {
    int[] regs = {Cpu.RDI, Cpu.RSI, Cpu.RDX, Cpu.R10, Cpu.R8, Cpu.R9};
    cpu.regs[Cpu.RAX] = nr;
    for (int i = 0; i < args.length; i++) cpu.regs[regs[i]] = args[i];
    kernel.syscall(cpu);
    return cpu.regs[Cpu.RAX];
  }

  /** Writes a NUL-terminated string at va and returns va. */
  public long cstr(long va, String s) {
    byte[] b = (s + "\0").getBytes(StandardCharsets.UTF_8);
    cpu.mmu.writeBytes(va, b, 0, b.length);
    return va;
  }

  public byte[] bytes(long va, int n) {
    return cpu.mmu.readBytes(va, n);
  }

  public void put(long va, byte[] b) {
    cpu.mmu.writeBytes(va, b, 0, b.length);
  }

  public long read64(long va) {
    return cpu.mmu.read64(va);
  }

  public int read32(long va) {
    return cpu.mmu.read32(va);
  }

  /** Opens path with flags (and mode), returning the guest fd or failing the test. */
  public int open(String path, int flags, int mode) {
    long fd = sys(Sysno.OPENAT, -100, cstr(MEM + MEM_SIZE - 4096, path), flags, mode);
    if (fd < 0) throw new AssertionError("open " + path + ": " + Errno.name((int) -fd));
    return (int) fd;
  }
}
