package blink.x86.ops;

import blink.x86.HostCpu;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import blink.machine.CodeCache;
import blink.machine.GuestFault;
import blink.machine.Machine;
import blink.memory.AddressSpace;
import blink.memory.FrameAllocator;
import blink.memory.Prot;
import blink.x86.Cpu;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * BMI1, BMI2, ADX, CRC32 and PCLMULQDQ against the host CPU, with the runner of
 * {@link SseDifferentialTest}: one instruction runs natively and in the emulator
 * from the same XMM0-3, RAX/RCX/RDX/RBX, RFLAGS and 32 bytes at [RSI], and the
 * states after it are compared. ModRM.reg, ModRM.rm and VEX.vvvv name registers
 * 0..3; a memory operand is [RSI]. Flags the SDM leaves undefined are masked per
 * form. Each family is skipped unless /proc/cpuinfo lists it.
 *
 * <p>System properties: {@code blink.test.bmiCount} (tests per form, default 200),
 * {@code blink.test.bmiSeed}, {@code blink.test.bmiOnly} (a regex of form names).
 */
class BmiDifferentialTest {
  private static final String RUNNER = """
      #define _GNU_SOURCE
      #include <setjmp.h>
      #include <signal.h>
      #include <stdint.h>
      #include <stdio.h>
      #include <stdlib.h>
      #include <string.h>
      #include <sys/mman.h>
      struct st { uint64_t x[4][2]; uint64_t gpr[4]; uint64_t mxcsr; uint64_t flags; };
      extern void run(struct st *s, void *code, void *mem);
      __asm__(".globl run\\nrun:\\n"
          " push %rbx\\n push %rbp\\n push %r12\\n push %r13\\n push %r14\\n push %r15\\n"
          " mov %rdi,%r12\\n mov %rsi,%r13\\n mov %rdx,%rsi\\n mov %rdx,%rdi\\n"
          " movdqu 0(%r12),%xmm0\\n movdqu 16(%r12),%xmm1\\n movdqu 32(%r12),%xmm2\\n movdqu 48(%r12),%xmm3\\n"
          " ldmxcsr 96(%r12)\\n"
          " mov 64(%r12),%rax\\n mov 72(%r12),%rcx\\n mov 80(%r12),%rdx\\n mov 88(%r12),%rbx\\n"
          " push 104(%r12)\\n popfq\\n"
          " call *%r13\\n"
          " pushfq\\n pop 104(%r12)\\n"
          " mov %rax,64(%r12)\\n mov %rcx,72(%r12)\\n mov %rdx,80(%r12)\\n mov %rbx,88(%r12)\\n"
          " movdqu %xmm0,0(%r12)\\n movdqu %xmm1,16(%r12)\\n movdqu %xmm2,32(%r12)\\n movdqu %xmm3,48(%r12)\\n"
          " stmxcsr 96(%r12)\\n"
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
          for (int k = 0; k < 14; k++) f[k] = strtoull(p, &p, 16);
          for (int k = 0; k < 4; k++) m[k] = strtoull(p, &p, 16);
          size_t len = strlen(hex) / 2;
          for (size_t k = 0; k < len; k++) { unsigned b; sscanf(hex + 2 * k, "%2x", &b); code[k] = b; }
          code[len] = 0xC3;
          memcpy(mem, m, 32);
          s.flags = (s.flags & 0x8d5) | 0x202;
          int sig = sigsetjmp(jb, 1);
          if (sig) { printf("FAULT %d\\n", sig); fflush(stdout); continue; }
          run(&s, code, mem);
          for (int k = 0; k < 14; k++) printf("%llx ", (unsigned long long)f[k]);
          for (int k = 0; k < 4; k++) printf("%llx ", (unsigned long long)mem[k]);
          printf("\\n");
          fflush(stdout);
        }
        return 0;
      }
      """;

  private static final int ALL = 0x8d5, CF = 0x1, ZF = 0x40, SF = 0x80, OF = 0x800;

  /**
   * One form. VEX forms: map (2 = 0F38, 3 = 0F3A), pp, opcode, group /ext (-1 for
   * none), imm8, VEX.L. Legacy forms: hex bytes (prefixes and opcode). cpu: the
   * /proc/cpuinfo flag needed; flags: the status flags the SDM defines.
   */
  private record Form(String name, String cpu, int map, int pp, int op, int ext, boolean imm, boolean l,
      String legacy, boolean xmm, boolean w, int flags) {}

  private static final List<Form> FORMS = new ArrayList<>();

  private static void vex(String name, String cpu, int map, int pp, int op, int ext, boolean imm, int flags) {
    FORMS.add(new Form(name, cpu, map, pp, op, ext, imm, false, null, false, false, flags));
    FORMS.add(new Form(name + ".w", cpu, map, pp, op, ext, imm, false, null, false, true, flags));
  }

  private static void legacy(String name, String cpu, String bytes, boolean w) {
    FORMS.add(new Form(name, cpu, 0, 0, 0, -1, false, false, bytes, false, false, ALL));
    if (w) FORMS.add(new Form(name + ".w", cpu, 0, 0, 0, -1, false, false, bytes, false, true, ALL));
  }

  static {
    vex("andn", "bmi1", 2, 0, 0xf2, -1, false, SF | ZF | OF | CF);
    vex("blsr", "bmi1", 2, 0, 0xf3, 1, false, SF | ZF | OF | CF);
    vex("blsmsk", "bmi1", 2, 0, 0xf3, 2, false, SF | ZF | OF | CF);
    vex("blsi", "bmi1", 2, 0, 0xf3, 3, false, SF | ZF | OF | CF);
    vex("bextr", "bmi1", 2, 0, 0xf7, -1, false, ZF | OF | CF);
    vex("bzhi", "bmi2", 2, 0, 0xf5, -1, false, SF | ZF | OF | CF);
    vex("pext", "bmi2", 2, 2, 0xf5, -1, false, ALL);
    vex("pdep", "bmi2", 2, 3, 0xf5, -1, false, ALL);
    vex("mulx", "bmi2", 2, 3, 0xf6, -1, false, ALL);
    vex("shlx", "bmi2", 2, 1, 0xf7, -1, false, ALL);
    vex("sarx", "bmi2", 2, 2, 0xf7, -1, false, ALL);
    vex("shrx", "bmi2", 2, 3, 0xf7, -1, false, ALL);
    vex("rorx", "bmi2", 3, 3, 0xf0, -1, true, ALL);
    FORMS.add(new Form("andn.L1", "bmi1", 2, 0, 0xf2, -1, false, true, null, false, false, ALL));
    FORMS.add(new Form("sarx.L1", "bmi2", 2, 2, 0xf7, -1, false, true, null, false, true, ALL));
    legacy("adcx", "adx", "660f38f6", true);
    legacy("adox", "adx", "f30f38f6", true);
    legacy("crc32b", "sse4_2", "f20f38f0", true);
    legacy("crc32", "sse4_2", "f20f38f1", true);
    legacy("crc32w", "sse4_2", "66f20f38f1", false);
    FORMS.add(new Form("pclmulqdq", "pclmulqdq", 0, 0, 0, -1, true, false, "660f3a44", true, false, ALL));
  }

  private final Random rnd = new Random(Long.getLong("blink.test.bmiSeed", 20261121L));

  /** Random bits, small numbers, BEXTR controls, sparse and dense masks, edges. */
  private long value() {
    switch (rnd.nextInt(9)) {
      case 0: return rnd.nextInt(80) | (long) rnd.nextInt(80) << 8 | (rnd.nextBoolean() ? rnd.nextLong() << 16 : 0);
      case 1: return rnd.nextInt(300) | (rnd.nextBoolean() ? rnd.nextLong() << 32 : 0);
      case 2: return rnd.nextLong() & rnd.nextLong() & rnd.nextLong();
      case 3: return rnd.nextLong() | rnd.nextLong();
      case 4: {
        long[] e = {0, -1, 1, 0xffffffffL, 0x80000000L, Long.MIN_VALUE, 0x100000000L, 0x7fffffffffffffffL};
        return e[rnd.nextInt(e.length)];
      }
      case 5: return 1L << rnd.nextInt(64);
      case 6: return rnd.nextLong() >> rnd.nextInt(64);
      default: return rnd.nextLong();
    }
  }

  /** One test: instruction bytes, then XMM0-3 (lo, hi), RAX, RCX, RDX, RBX, MXCSR, RFLAGS; memory. */
  private record Case(Form form, String hex, long[] state, long[] mem) {}

  private Case make(Form sp) {
    boolean mem = rnd.nextInt(4) == 0;
    int reg = sp.ext >= 0 ? sp.ext : rnd.nextInt(4), rm = rnd.nextInt(4), v = rnd.nextInt(4);
    int modrm = mem ? reg << 3 | 6 : 0xc0 | reg << 3 | rm;
    String hex;
    if (sp.legacy != null) {
      String b = sp.legacy, prefix = "";
      while (b.startsWith("66") || b.startsWith("f2") || b.startsWith("f3")) {
        prefix += b.substring(0, 2);
        b = b.substring(2);
      }
      hex = prefix + (sp.w ? "48" : "") + b + String.format("%02x", modrm);
    } else {
      // Three-byte VEX: C4, R X B mmmmm (inverted R/X/B all 1 for registers 0..7), W vvvv(inverted) L pp.
      int b1 = 0xe0 | sp.map, b2 = (sp.w ? 0x80 : 0) | (~v & 15) << 3 | (sp.l ? 4 : 0) | sp.pp;
      hex = String.format("c4%02x%02x%02x%02x", b1, b2, sp.op, modrm);
    }
    if (sp.imm) hex += String.format("%02x", rnd.nextInt(256));
    long[] st = new long[14];
    for (int k = 0; k < 12; k++) st[k] = value();
    st[12] = 0x1f80;
    st[13] = rnd.nextLong() & 0x8d5;
    long[] m = new long[4];
    for (int k = 0; k < 4; k++) m[k] = value();
    return new Case(sp, hex, st, m);
  }

  private static final FrameAllocator FRAMES = new FrameAllocator();

  private static String emulate(Case t) {
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
    sb.append(Long.toHexString(c.getFlags() & t.form.flags)).append(' ');
    for (int k = 0; k < 4; k++) sb.append(Long.toHexString(c.mmu.read64(data + 8 * k))).append(' ');
    return sb.toString().trim();
  }

  private static String normalizeNative(String s, Form f) {
    if (s == null) return "<no output>";
    if (s.startsWith("FAULT")) return s.trim();
    String[] p = s.trim().split(" ");
    p[13] = Long.toHexString(Long.parseUnsignedLong(p[13], 16) & f.flags);
    return String.join(" ", p);
  }

  @Test
  void everyFormMatchesTheHostCpu(@TempDir Path dir) throws Exception {
    assumeTrue(HostCpu.canRunNative(), "needs an x86-64 Linux host with gcc");
    Path src = dir.resolve("runner.c"), exe = dir.resolve("runner");
    Files.writeString(src, RUNNER);
    Process cc = new ProcessBuilder("gcc", "-O1", "-o", exe.toString(), src.toString()).redirectErrorStream(true).start();
    String ccOut = new String(cc.getInputStream().readAllBytes());
    assumeTrue(cc.waitFor() == 0, "runner did not compile: " + ccOut);

    int count = Integer.getInteger("blink.test.bmiCount", 200);
    String only = System.getProperty("blink.test.bmiOnly");
    List<Case> cases = new ArrayList<>();
    for (Form sp : FORMS) {
      if (only != null && !sp.name.matches(only)) continue;
      if (!HostCpu.has(sp.cpu)) continue;
      for (int k = 0; k < count; k++) cases.add(make(sp));
    }
    assumeTrue(!cases.isEmpty(), "the host CPU has none of these extensions");
    Process p = new ProcessBuilder(exe.toString()).start();
    Thread feeder = new Thread(() -> {
      try (PrintWriter w = new PrintWriter(new BufferedWriter(new OutputStreamWriter(p.getOutputStream())))) {
        for (Case t : cases) {
          StringBuilder sb = new StringBuilder(t.hex);
          for (long v : t.state) sb.append(' ').append(Long.toHexString(v));
          for (long v : t.mem) sb.append(' ').append(Long.toHexString(v));
          w.println(sb);
        }
      }
    });
    feeder.start();
    Map<String, Integer> bad = new TreeMap<>();
    StringBuilder report = new StringBuilder();
    try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream()))) {
      for (Case t : cases) {
        String expected = normalizeNative(r.readLine(), t.form);
        String actual = emulate(t);
        if (expected.equals(actual)) continue;
        if (bad.merge(t.form.name, 1, Integer::sum) <= 2) {
          StringBuilder in = new StringBuilder();
          for (long v : t.state) in.append(Long.toHexString(v)).append(' ');
          in.append("| ");
          for (long v : t.mem) in.append(Long.toHexString(v)).append(' ');
          report.append(t.form.name).append(' ').append(t.hex)
              .append("\n  in   ").append(in)
              .append("\n  host ").append(expected)
              .append("\n  emu  ").append(actual).append('\n');
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      feeder.join();
      p.destroy();
    }
    if (!bad.isEmpty()) {
      fail("BMI/ADX/CRC32/CLMUL forms that differ from the host CPU (xmm0..3 lo/hi, rax rcx rdx rbx, mxcsr, flags, memory):\n"
          + bad + "\n" + report);
    }
  }
}
