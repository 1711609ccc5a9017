package blink.x86.ops;

import blink.machine.CodeCache;
import blink.machine.GuestFault;
import blink.machine.Machine;
import blink.memory.AddressSpace;
import blink.memory.FrameAllocator;
import blink.memory.Prot;
import blink.x86.Cpu;
import blink.x86.NativeRunner;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The one-instruction differential harness shared by the SSE/MMX and BMI/ADX/CRC32/CLMUL
 * testers. A small C runner executes one instruction with given XMM0-3,
 * RAX/RCX/RDX/RBX, MXCSR, RFLAGS, MM0-3 and 32 bytes of memory at [RSI] (= [RDI]),
 * and prints the state after it, or the signal it raised; the emulator runs the
 * same bytes from the same state, and the two lines are compared.
 */
final class XmmHost {
  private XmmHost() {}

  static final String RUNNER = """
      #define _GNU_SOURCE
      #include <setjmp.h>
      #include <signal.h>
      #include <stdint.h>
      #include <stdio.h>
      #include <stdlib.h>
      #include <string.h>
      #include <sys/mman.h>
      struct st { uint64_t x[4][2]; uint64_t gpr[4]; uint64_t mxcsr; uint64_t flags; uint64_t mm[4]; };
      extern void run(struct st *s, void *code, void *mem);
      __asm__(".globl run\\nrun:\\n"
          " push %rbx\\n push %rbp\\n push %r12\\n push %r13\\n push %r14\\n push %r15\\n"
          " mov %rdi,%r12\\n mov %rsi,%r13\\n mov %rdx,%rsi\\n mov %rdx,%rdi\\n"
          " movdqu 0(%r12),%xmm0\\n movdqu 16(%r12),%xmm1\\n movdqu 32(%r12),%xmm2\\n movdqu 48(%r12),%xmm3\\n"
          " ldmxcsr 96(%r12)\\n"
          " movq 112(%r12),%mm0\\n movq 120(%r12),%mm1\\n movq 128(%r12),%mm2\\n movq 136(%r12),%mm3\\n"
          " mov 64(%r12),%rax\\n mov 72(%r12),%rcx\\n mov 80(%r12),%rdx\\n mov 88(%r12),%rbx\\n"
          " push 104(%r12)\\n popfq\\n"
          " call *%r13\\n"
          " pushfq\\n pop 104(%r12)\\n"
          " mov %rax,64(%r12)\\n mov %rcx,72(%r12)\\n mov %rdx,80(%r12)\\n mov %rbx,88(%r12)\\n"
          " movdqu %xmm0,0(%r12)\\n movdqu %xmm1,16(%r12)\\n movdqu %xmm2,32(%r12)\\n movdqu %xmm3,48(%r12)\\n"
          " stmxcsr 96(%r12)\\n"
          " movq %mm0,112(%r12)\\n movq %mm1,120(%r12)\\n movq %mm2,128(%r12)\\n movq %mm3,136(%r12)\\n emms\\n"
          " pop %r15\\n pop %r14\\n pop %r13\\n pop %r12\\n pop %rbp\\n pop %rbx\\n ret\\n");
      static sigjmp_buf jb;
      static void onsig(int s) { siglongjmp(jb, s); }
      int main(void) {
        unsigned char *code = mmap(0, 4096, PROT_READ | PROT_WRITE | PROT_EXEC, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        uint64_t *mem = aligned_alloc(64, 64);
        signal(SIGFPE, onsig); signal(SIGSEGV, onsig); signal(SIGILL, onsig); signal(SIGBUS, onsig);
        char line[4096];
        while (fgets(line, sizeof line, stdin)) {
          char hex[64]; struct st s; uint64_t m[4], *f = (uint64_t *)&s; char *p = line; int n;
          if (sscanf(p, "%63s%n", hex, &n) != 1) break;
          p += n;
          for (int k = 0; k < 18; k++) f[k] = strtoull(p, &p, 16);
          for (int k = 0; k < 4; k++) m[k] = strtoull(p, &p, 16);
          size_t len = strlen(hex) / 2;
          for (size_t k = 0; k < len; k++) { unsigned b; sscanf(hex + 2 * k, "%2x", &b); code[k] = b; }
          code[len] = 0xC3;
          memcpy(mem, m, 32);
          s.flags = (s.flags & 0x8d5) | 0x202;
          int sig = sigsetjmp(jb, 1);
          if (sig) { __asm__ volatile("emms"); printf("FAULT %d\\n", sig); fflush(stdout); continue; }
          run(&s, code, mem);
          for (int k = 0; k < 18; k++) printf("%llx ", (unsigned long long)f[k]);
          for (int k = 0; k < 4; k++) printf("%llx ", (unsigned long long)mem[k]);
          printf("\\n");
          fflush(stdout);
        }
        return 0;
      }
      """;

  /**
   * One test: instruction bytes; XMM0-3 (lo, hi), RAX, RCX, RDX, RBX, MXCSR, RFLAGS, MM0-3 (18 values); 32 bytes of
   * memory; the RFLAGS bits to compare (the others are undefined for this instruction).
   */
  record Case(String name, String hex, long[] state, long[] mem, long flagsMask) {
    String input() {
      StringBuilder sb = new StringBuilder(hex);
      for (long v : state) sb.append(' ').append(Long.toHexString(v));
      for (long v : mem) sb.append(' ').append(Long.toHexString(v));
      return sb.toString();
    }
  }

  /** Forms that differed (with counts) and up to two examples of each. */
  record Result(Map<String, Integer> bad, String report) {}

  /** Runs every case natively and in the emulator; null if the runner does not compile. */
  static Result compare(Path dir, List<Case> cases) throws Exception {
    Path exe = NativeRunner.compile(dir, "xmmrunner", RUNNER);
    if (exe == null) return null;
    Map<String, Integer> bad = new TreeMap<>();
    StringBuilder report = new StringBuilder();
    int[] at = {0};
    NativeRunner.run(exe, cases.stream().map(Case::input).toList(), line -> {
      Case t = cases.get(at[0]++);
      String expected = normalizeNative(line, t.flagsMask), actual = emulate(t);
      if (expected.equals(actual) || bad.merge(t.name, 1, Integer::sum) > 2) return;
      StringBuilder in = new StringBuilder();
      for (long v : t.state) in.append(Long.toHexString(v)).append(' ');
      in.append("| ");
      for (long v : t.mem) in.append(Long.toHexString(v)).append(' ');
      report.append(t.name).append(' ').append(t.hex)
          .append("\n  in   ").append(in)
          .append("\n  host ").append(expected)
          .append("\n  emu  ").append(actual).append('\n');
    });
    return new Result(bad, report.toString());
  }

  /** One frame pool for the thousands of short-lived machines (each unmaps its pages when done). */
  private static final FrameAllocator FRAMES = new FrameAllocator();

  /** The state after the instruction in the emulator, in the runner's output format. */
  static String emulate(Case t) {
    long code = 0x10000, data = 0x20000;
    AddressSpace space = new AddressSpace(FRAMES);
    Machine m = new Machine(space, new CodeCache(space));
    space.mapAnonymous(code, 0x1000, Prot.READ | Prot.WRITE | Prot.EXEC, false, "code");
    space.mapAnonymous(data, 0x1000, Prot.READ | Prot.WRITE, false, "data");
    try {
      return run(m, t, code, data);
    } finally {
      space.unmap(code, 0x1000);
      space.unmap(data, 0x1000);
    }
  }

  private static String run(Machine m, Case t, long code, long data) {
    byte[] bytes = new byte[t.hex.length() / 2];
    for (int k = 0; k < bytes.length; k++) bytes[k] = (byte) Integer.parseInt(t.hex.substring(2 * k, 2 * k + 2), 16);
    m.space.poke(code, bytes, 0, bytes.length);
    Cpu c = m.cpu;
    c.rip = code;
    System.arraycopy(t.state, 0, c.xmm, 0, 8);
    System.arraycopy(t.state, 8, c.regs, 0, 4);
    c.regs[Cpu.RSI] = data;
    c.regs[Cpu.RDI] = data;
    c.mxcsr = (int) t.state[12];
    c.setFlagsValue(t.state[13] & 0x8d5 | 0x202);
    System.arraycopy(t.state, 14, c.fpu.sig, 0, 4);
    for (int k = 0; k < 4; k++) c.mmu.write64(data + 8 * k, t.mem[k]);
    try {
      m.step();
    } catch (GuestFault f) {
      return switch (f.kind) {
        case FLOATING_POINT -> "FAULT 8";
        case INVALID_OPCODE -> "FAULT 4";
        default -> "FAULT 11";
      };
    }
    StringBuilder sb = new StringBuilder();
    for (int k = 0; k < 8; k++) sb.append(Long.toHexString(c.xmm[k])).append(' ');
    for (int k = 0; k < 4; k++) sb.append(Long.toHexString(c.regs[k])).append(' ');
    sb.append(Integer.toHexString(c.mxcsr)).append(' ');
    sb.append(Long.toHexString(c.getFlags() & t.flagsMask)).append(' ');
    for (int k = 0; k < 4; k++) sb.append(Long.toHexString(c.fpu.sig[k])).append(' ');
    for (int k = 0; k < 4; k++) sb.append(Long.toHexString(c.mmu.read64(data + 8 * k))).append(' ');
    return sb.toString().trim();
  }

  private static String normalizeNative(String s, long flagsMask) {
    if (s == null) return "<no output>";
    if (s.startsWith("FAULT")) return s.trim();
    String[] p = s.trim().split(" ");
    p[13] = Long.toHexString(Long.parseUnsignedLong(p[13], 16) & flagsMask);
    return String.join(" ", p);
  }
}
