package blink.x86.ops;

import blink.x86.NativeRunner;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/**
 * The native side of the x87 differential tester: a C runner (compiled at test
 * time with gcc) with the instruction at {@link X87DifferentialCase#CODE} and
 * 8 KiB of seeded data at {@link X87DifferentialCase#DATA} (RSI = RDI = DATA + an
 * offset: usually 0, sometimes near the end, so that the operand crosses into the
 * unmapped page after it, or misaligned). For
 * each case it builds an FXSAVE image (FCW, FSW, abridged FTW, MXCSR, ST(0-7) as
 * 80-bit values; FOP, FIP, FDP and XMM zero), loads it with FXRSTOR64, loads
 * RAX/RCX/RDX/RBX and RFLAGS, runs the one instruction, and dumps the state with
 * FXSAVE64 (which neither waits nor raises a pending #MF). A fault (#MF as SIGFPE,
 * #GP as SIGSEGV, #UD as SIGILL) is caught on an alternate stack and the state at
 * the fault is taken from the signal context (the kernel's FXSAVE image there).
 *
 * <p>Input line: hex bytes, FCW, FSW, abridged FTW, MXCSR, 8 x (sign+exponent,
 * significand) for ST(0-7), RAX, RCX, RDX, RBX, RFLAGS, data seed, RSI offset, poke count,
 * (qword index, value) pairs. Output line: optional "FAULT sig offset", then FCW, FSW,
 * FTW, FOP, FIP, FDP, MXCSR, 8 x (sign+exponent, significand), a checksum of the
 * XMM registers, RAX, RCX, RDX, RBX, RFLAGS, count of changed data qwords, (index,
 * value) pairs. All numbers hex.
 */
final class X87DifferentialHost {
  static final String RUNNER = """
      #define _GNU_SOURCE
      #include <setjmp.h>
      #include <signal.h>
      #include <stdint.h>
      #include <stdio.h>
      #include <stdlib.h>
      #include <string.h>
      #include <sys/mman.h>
      #include <ucontext.h>
      #define DATA 0x10000000UL
      #define DATA_SIZE 0x2000
      #define CODE 0x5a5a0000UL
      struct st { uint8_t in[512]; uint8_t out[512]; uint64_t gpr[4]; uint64_t flags; uint64_t rip; };
      extern void run(struct st *s, void *code, void *mem);
      __asm__(".globl run\\nrun:\\n"
          " push %rbx\\n push %rbp\\n push %r12\\n push %r13\\n push %r14\\n push %r15\\n"
          " mov %rdi,%r12\\n mov %rsi,%r13\\n mov %rdx,%rsi\\n mov %rdx,%rdi\\n"
          " fxrstor64 0(%r12)\\n"
          " mov 1024(%r12),%rax\\n mov 1032(%r12),%rcx\\n mov 1040(%r12),%rdx\\n mov 1048(%r12),%rbx\\n"
          " push 1056(%r12)\\n popfq\\n"
          " call *%r13\\n"
          " pushfq\\n pop 1056(%r12)\\n"
          " mov %rax,1024(%r12)\\n mov %rcx,1032(%r12)\\n mov %rdx,1040(%r12)\\n mov %rbx,1048(%r12)\\n"
          " fxsave64 512(%r12)\\n"
          " pop %r15\\n pop %r14\\n pop %r13\\n pop %r12\\n pop %rbp\\n pop %rbx\\n ret\\n");
      static struct st s __attribute__((aligned(64)));
      static sigjmp_buf jb;
      static void onsig(int sig, siginfo_t *si, void *ctx) {
        ucontext_t *uc = ctx;
        memcpy(s.out, uc->uc_mcontext.fpregs, 512);
        s.gpr[0] = uc->uc_mcontext.gregs[REG_RAX]; s.gpr[1] = uc->uc_mcontext.gregs[REG_RCX];
        s.gpr[2] = uc->uc_mcontext.gregs[REG_RDX]; s.gpr[3] = uc->uc_mcontext.gregs[REG_RBX];
        s.flags = uc->uc_mcontext.gregs[REG_EFL];
        s.rip = uc->uc_mcontext.gregs[REG_RIP];
        siglongjmp(jb, sig);
      }
      static uint64_t sm;
      static uint64_t next(void) {
        uint64_t z = (sm += 0x9e3779b97f4a7c15ULL);
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
        return z ^ (z >> 31);
      }
      #define U16(p, o) (*(uint16_t *)((p) + (o)))
      #define U32(p, o) (*(uint32_t *)((p) + (o)))
      #define U64(p, o) (*(uint64_t *)((p) + (o)))
      int main(void) {
        uint64_t *mem = mmap((void *)DATA, DATA_SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
        unsigned char *code = mmap((void *)CODE, 4096, PROT_READ | PROT_WRITE | PROT_EXEC, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
        if (mem != (void *)DATA || code != (void *)CODE) { fprintf(stderr, "mmap\\n"); return 1; }
        static uint64_t init[DATA_SIZE / 8];
        stack_t ss = { .ss_sp = malloc(1 << 16), .ss_size = 1 << 16, .ss_flags = 0 };
        sigaltstack(&ss, 0);
        struct sigaction sa; memset(&sa, 0, sizeof sa);
        sa.sa_sigaction = onsig; sa.sa_flags = SA_ONSTACK | SA_NODEFER | SA_SIGINFO;
        sigaction(SIGFPE, &sa, 0); sigaction(SIGSEGV, &sa, 0); sigaction(SIGILL, &sa, 0); sigaction(SIGBUS, &sa, 0);
        static char line[1 << 16];
        while (fgets(line, sizeof line, stdin)) {
          char hex[128]; char *p = line; int n;
          if (sscanf(p, "%127s%n", hex, &n) != 1) break;
          p += n;
          memset(&s, 0, sizeof s);
          U16(s.in, 0) = strtoull(p, &p, 16);
          U16(s.in, 2) = strtoull(p, &p, 16);
          s.in[4] = strtoull(p, &p, 16);
          U32(s.in, 24) = strtoull(p, &p, 16);
          U32(s.in, 28) = 0xffff;
          for (int k = 0; k < 8; k++) {
            U16(s.in, 40 + 16 * k) = strtoull(p, &p, 16);
            U64(s.in, 32 + 16 * k) = strtoull(p, &p, 16);
          }
          for (int k = 0; k < 4; k++) s.gpr[k] = strtoull(p, &p, 16);
          s.flags = (strtoull(p, &p, 16) & 0xcd5) | 0x202;
          sm = strtoull(p, &p, 16);
          unsigned long off = strtoull(p, &p, 16);
          for (int k = 0; k < DATA_SIZE / 8; k++) mem[k] = next();
          int np = (int)strtoull(p, &p, 16);
          for (int k = 0; k < np; k++) {
            unsigned i = (unsigned)strtoull(p, &p, 16);
            uint64_t v = strtoull(p, &p, 16);
            mem[i] = v;
          }
          memcpy(init, mem, DATA_SIZE);
          size_t len = strlen(hex) / 2;
          for (size_t k = 0; k < len; k++) { unsigned b; sscanf(hex + 2 * k, "%2x", &b); code[k] = b; }
          code[len] = 0xc3;
          int sig = sigsetjmp(jb, 1);
          if (sig) printf("FAULT %d %llx ", sig, (unsigned long long)(s.rip - CODE));
          else run(&s, code, (char *)mem + off);
          uint8_t *o = s.out;
          printf("%x %x %x %x %llx %llx %x", U16(o, 0), U16(o, 2), o[4], U16(o, 6), (unsigned long long)U64(o, 8),
              (unsigned long long)U64(o, 16), U32(o, 24));
          for (int k = 0; k < 8; k++)
            printf(" %x %llx", U16(o, 40 + 16 * k), (unsigned long long)U64(o, 32 + 16 * k));
          uint64_t sum = 0;
          for (int k = 0; k < 32; k++) sum = sum * 31 + U64(o, 160 + 8 * k);
          printf(" %llx", (unsigned long long)sum);
          for (int k = 0; k < 4; k++) printf(" %llx", (unsigned long long)s.gpr[k]);
          printf(" %llx", (unsigned long long)s.flags);
          int nd = 0;
          for (int k = 0; k < DATA_SIZE / 8; k++) nd += mem[k] != init[k];
          printf(" %x", nd);
          for (int k = 0; k < DATA_SIZE / 8; k++)
            if (mem[k] != init[k]) printf(" %x %llx", k, (unsigned long long)mem[k]);
          printf("\\n");
          fflush(stdout);
        }
        return 0;
      }
      """;

  private X87DifferentialHost() {}

  /** Compiles the runner into dir; null (with the compiler output printed) if it fails. */
  static Path compile(Path dir) throws IOException, InterruptedException {
    return NativeRunner.compile(dir, "x87runner", RUNNER);
  }

  /** Runs the cases through the runner, handing each output line to sink in order. */
  static void runAll(Path exe, List<X87DifferentialCase> cases, Consumer<String> sink) throws Exception {
    NativeRunner.run(exe, cases.stream().map(X87DifferentialCase::input).toList(), sink);
  }
}
