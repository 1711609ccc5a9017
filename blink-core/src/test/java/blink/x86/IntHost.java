package blink.x86;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/**
 * The native side of the integer differential tester: a C runner (compiled at
 * test time with gcc) that maps scratch memory at {@link IntCase#SCRATCH}, code
 * at {@link IntCase#CODE}, loads all 16 GPRs and RFLAGS, jumps to the
 * instruction bytes (followed by an absolute indirect jump back), stores all
 * GPRs and RFLAGS, and prints them with the scratch qwords that changed. Faults
 * are caught with sigsetjmp/siglongjmp on an alternate signal stack, and the
 * registers at the fault come from the signal context. The runner is built as a
 * PIE so that its own image and heap lie far from the fixed pages: a stray BT
 * bit offset must not land in memory the emulator does not have.
 *
 * <p>Input line: hex bytes, 16 GPRs, RFLAGS, scratch seed, poke count, then
 * (byte offset, byte) pairs. Output line: "FAULT sig" or 16 GPRs, RFLAGS, diff
 * count, then (qword index, value) pairs. All numbers hex.
 */
final class IntHost {
  static final String RUNNER = """
      #define _GNU_SOURCE
      #include <setjmp.h>
      #include <signal.h>
      #include <stdint.h>
      #include <stdio.h>
      #include <stdlib.h>
      #include <string.h>
      #include <sys/mman.h>
      #include <sys/syscall.h>
      #include <unistd.h>
      #define SCRATCH 0x10000000UL
      #define SCRATCH_SIZE 0x2000
      #define CODE 0x5a5a0000UL
      #define ST 0x5a5b0000UL
      /* ST layout (qwords): 0-15 regs in, 16 flags in, 17 back address, 18 host rsp, 19 code address,
         32-47 regs out, 48 flags out */
      extern void run(void);
      extern char back[];
      __asm__(".globl run\\n.globl back\\nrun:\\n"
          " push %rbx\\n push %rbp\\n push %r12\\n push %r13\\n push %r14\\n push %r15\\n"
          " mov %rsp,0x5a5b0090\\n"
          " pushq 0x5a5b0080\\n popfq\\n"
          " mov 0x5a5b0008,%rcx\\n mov 0x5a5b0010,%rdx\\n mov 0x5a5b0018,%rbx\\n"
          " mov 0x5a5b0028,%rbp\\n mov 0x5a5b0030,%rsi\\n mov 0x5a5b0038,%rdi\\n mov 0x5a5b0040,%r8\\n"
          " mov 0x5a5b0048,%r9\\n mov 0x5a5b0050,%r10\\n mov 0x5a5b0058,%r11\\n mov 0x5a5b0060,%r12\\n"
          " mov 0x5a5b0068,%r13\\n mov 0x5a5b0070,%r14\\n mov 0x5a5b0078,%r15\\n"
          " mov 0x5a5b0000,%rax\\n mov 0x5a5b0020,%rsp\\n"
          " jmp *0x5a5b0098\\n"
          "back:\\n"
          " mov %rax,0x5a5b0100\\n mov %rcx,0x5a5b0108\\n mov %rdx,0x5a5b0110\\n mov %rbx,0x5a5b0118\\n"
          " mov %rsp,0x5a5b0120\\n mov %rbp,0x5a5b0128\\n mov %rsi,0x5a5b0130\\n mov %rdi,0x5a5b0138\\n"
          " mov %r8,0x5a5b0140\\n mov %r9,0x5a5b0148\\n mov %r10,0x5a5b0150\\n mov %r11,0x5a5b0158\\n"
          " mov %r12,0x5a5b0160\\n mov %r13,0x5a5b0168\\n mov %r14,0x5a5b0170\\n mov %r15,0x5a5b0178\\n"
          " mov 0x5a5b0090,%rsp\\n pushfq\\n popq 0x5a5b0180\\n cld\\n"
          " pop %r15\\n pop %r14\\n pop %r13\\n pop %r12\\n pop %rbp\\n pop %rbx\\n ret\\n");
      #include <ucontext.h>
      static sigjmp_buf jb;
      static const int greg[16] = {REG_RAX, REG_RCX, REG_RDX, REG_RBX, REG_RSP, REG_RBP, REG_RSI, REG_RDI,
          REG_R8, REG_R9, REG_R10, REG_R11, REG_R12, REG_R13, REG_R14, REG_R15};
      static void onsig(int s, siginfo_t *si, void *ctx) {
        ucontext_t *uc = ctx;
        uint64_t *st = (uint64_t *)ST;
        for (int k = 0; k < 16; k++) st[32 + k] = uc->uc_mcontext.gregs[greg[k]];
        st[48] = uc->uc_mcontext.gregs[REG_EFL];
        st[49] = uc->uc_mcontext.gregs[REG_RIP];
        siglongjmp(jb, s);
      }
      static uint64_t sm;
      static uint64_t next(void) {
        uint64_t z = (sm += 0x9e3779b97f4a7c15ULL);
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
        return z ^ (z >> 31);
      }
      int main(void) {
        uint64_t *mem = mmap((void *)SCRATCH, SCRATCH_SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
        unsigned char *code = mmap((void *)CODE, 4096, PROT_READ | PROT_WRITE | PROT_EXEC, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
        uint64_t *st = mmap((void *)ST, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
        if (mem != (void *)SCRATCH || code != (void *)CODE || st != (void *)ST) { fprintf(stderr, "mmap\\n"); return 1; }
        static uint64_t init[SCRATCH_SIZE / 8];
        if (syscall(SYS_arch_prctl, 0x1001 /* ARCH_SET_GS */, SCRATCH) != 0) { fprintf(stderr, "arch_prctl\\n"); return 1; }
        stack_t ss = { .ss_sp = malloc(1 << 16), .ss_size = 1 << 16, .ss_flags = 0 };
        sigaltstack(&ss, 0);
        struct sigaction sa; memset(&sa, 0, sizeof sa);
        sa.sa_sigaction = onsig; sa.sa_flags = SA_ONSTACK | SA_NODEFER | SA_SIGINFO;
        sigaction(SIGFPE, &sa, 0); sigaction(SIGSEGV, &sa, 0); sigaction(SIGILL, &sa, 0);
        sigaction(SIGBUS, &sa, 0); sigaction(SIGTRAP, &sa, 0);
        static char line[1 << 16];
        while (fgets(line, sizeof line, stdin)) {
          char hex[128]; char *p = line; int n;
          if (sscanf(p, "%127s%n", hex, &n) != 1) break;
          p += n;
          for (int k = 0; k < 17; k++) st[k] = strtoull(p, &p, 16);
          sm = strtoull(p, &p, 16);
          for (int k = 0; k < SCRATCH_SIZE / 8; k++) mem[k] = next();
          int np = (int)strtoull(p, &p, 16);
          for (int k = 0; k < np; k++) {
            unsigned off = (unsigned)strtoull(p, &p, 16);
            unsigned v = (unsigned)strtoull(p, &p, 16);
            ((unsigned char *)mem)[off] = v;
          }
          memcpy(init, mem, SCRATCH_SIZE);
          size_t len = strlen(hex) / 2;
          for (size_t k = 0; k < len; k++) { unsigned b; sscanf(hex + 2 * k, "%2x", &b); code[k] = b; }
          code[len] = 0xff; code[len + 1] = 0x24; code[len + 2] = 0x25;
          uint32_t a = (uint32_t)(ST + 17 * 8); memcpy(code + len + 3, &a, 4);
          st[17] = (uint64_t)back; st[19] = CODE;
          int sig = sigsetjmp(jb, 1);
          if (sig) printf("FAULT %d %llx ", sig, (unsigned long long)(st[49] - CODE));
          else run();
          for (int k = 0; k < 17; k++) printf("%llx ", (unsigned long long)st[32 + k]);
          int nd = 0;
          for (int k = 0; k < SCRATCH_SIZE / 8; k++) nd += mem[k] != init[k];
          printf("%x", nd);
          for (int k = 0; k < SCRATCH_SIZE / 8; k++)
            if (mem[k] != init[k]) printf(" %x %llx", k, (unsigned long long)mem[k]);
          printf("\\n");
          fflush(stdout);
        }
        return 0;
      }
      """;

  private IntHost() {}

  /** Compiles the runner into dir; null (with the compiler output printed) if it fails. */
  static Path compile(Path dir) throws IOException, InterruptedException {
    return NativeRunner.compile(dir, "intrunner", RUNNER);
  }

  static String input(IntCase c) {
    StringBuilder sb = new StringBuilder(256);
    for (byte b : c.code) sb.append(String.format("%02x", b & 0xff));
    for (long v : c.regs) sb.append(' ').append(Long.toHexString(v));
    sb.append(' ').append(Long.toHexString(c.flags)).append(' ').append(Long.toHexString(c.seed));
    sb.append(' ').append(Integer.toHexString(c.pokes.size() / 2));
    for (int v : c.pokes) sb.append(' ').append(Integer.toHexString(v));
    return sb.toString();
  }

  /** Runs the cases through the runner, handing each output line to sink in order. */
  static void runAll(Path exe, List<IntCase> cases, Consumer<String> sink) throws Exception {
    NativeRunner.run(exe, cases.stream().map(IntHost::input).toList(), sink);
  }
}
