package blink.x86;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/**
 * The native side of the 32-bit and 16-bit differential tester: a C runner (a
 * 64-bit Linux process, compiled at test time with gcc) that runs each case's
 * instruction bytes in compatibility mode. It far-jumps (ljmp m16:32) to the 32-bit user code
 * segment 0x23 (__USER32_CS) into a stub copied below 4 GiB, which loads DS and ES
 * with 0x2b (__USER_DS), EFLAGS and EAX..EDI including ESP, and jumps to the bytes
 * at {@link CompatCase#CODE}. They are followed by an indirect jump to a 32-bit
 * epilogue that stores the registers and EFLAGS (through SS, in case DS was
 * changed) and far-jumps back through a 64-bit trampoline to the 64-bit code
 * segment 0x33 (__USER_CS). Faults are caught with sigsetjmp/siglongjmp; the
 * kernel runs the handler in 64-bit mode and the registers come from its context.
 * Code, stack, stub and scratch all lie below 4 GiB; a second scratch area at
 * {@link CompatCase#LOW} (below 64 KiB) serves 16-bit addressing, when the
 * kernel's vm.mmap_min_addr allows it (cases needing it print "NOLOW" otherwise).
 *
 * <p>With the argument "16" the runner instead installs two LDT entries
 * (modify_ldt): a 16-bit code segment (selector 0x07) and a 16-bit stack segment
 * (0x0f, so pushes use SP), both with base 0 and limit 64 KiB, and runs the bytes
 * at {@link CompatCase#CODE16} as 16-bit code through a 16-bit stub below 64 KiB.
 * DS and ES stay flat (0x2b), which is what the emulator's {@link Mode#REAL_16}
 * with zero segment bases computes too. The first output line is "READY", or
 * "UNSUPPORTED reason" when the host cannot do this.
 *
 * <p>Input line: hex bytes, EAX..EDI, EFLAGS, scratch seed, flags (1 = needs low
 * memory), poke count, then (byte offset, byte) pairs (offsets past the scratch
 * area fall in the low area). Output line: "FAULT sig eip-offset" or nothing, then
 * EAX..EDI, EFLAGS, diff count, (qword index, value) pairs. All numbers hex.
 */
final class CompatHost {
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
      #include <asm/ldt.h>
      #include <ucontext.h>
      #include <unistd.h>
      #define SCRATCH 0x10000000UL
      #define SCRATCH_SIZE 0x2000
      #define LOW 0x7000UL
      #define LOW_SIZE 0x1000
      #define CODE 0x5a5a0000UL
      #define ST 0x5a5b0000UL
      #define STUB 0x5a5c0000UL
      #define CODE16 0x4000UL
      #define STUB16 0x3000UL
      /* ST layout (bytes): 0x00-0x38 EAX..EDI in (a qword each), 0x40 EFLAGS in, 0x48 epilogue address,
         0x50 host RSP, 0x58 code address, 0x60 far pointer to the 32-bit prologue, 0x70 address of
         back64, 0x78 far pointer to the 64-bit trampoline, 0x100-0x138 EAX..EDI out, 0x140 EFLAGS out,
         0x148 EIP at a fault; stack for the stub up to 0x800. */
      extern void run(void);
      extern char back64[], pro32[], back32[], tramp64[], stub_end[], pro16[], back16[], tramp64b[], stub16_end[];
      __asm__(".globl run\\n.globl back64\\n.globl pro32\\n.globl back32\\n.globl tramp64\\n.globl stub_end\\n"
          ".globl pro16\\n.globl back16\\n.globl tramp64b\\n.globl stub16_end\\n"
          "run:\\n"
          " push %rbx\\n push %rbp\\n push %r12\\n push %r13\\n push %r14\\n push %r15\\n"
          " mov %rsp,0x5a5b0050\\n"
          " ljmpl *0x5a5b0060\\n"
          "back64:\\n"
          " mov 0x5a5b0050,%rsp\\n"
          " pop %r15\\n pop %r14\\n pop %r13\\n pop %r12\\n pop %rbp\\n pop %rbx\\n ret\\n"
          ".code32\\n"
          "pro32:\\n"
          " mov $0x2b,%eax\\n mov %eax,%ds\\n mov %eax,%es\\n"
          " mov $0x5a5b0800,%esp\\n pushl 0x5a5b0040\\n popfl\\n"
          " mov 0x5a5b0008,%ecx\\n mov 0x5a5b0010,%edx\\n mov 0x5a5b0018,%ebx\\n mov 0x5a5b0028,%ebp\\n"
          " mov 0x5a5b0030,%esi\\n mov 0x5a5b0038,%edi\\n mov 0x5a5b0000,%eax\\n mov 0x5a5b0020,%esp\\n"
          " jmp *0x5a5b0058\\n"
          "back32:\\n"
          " mov %eax,%ss:0x5a5b0100\\n mov %ecx,%ss:0x5a5b0108\\n mov %edx,%ss:0x5a5b0110\\n mov %ebx,%ss:0x5a5b0118\\n"
          " mov %esp,%ss:0x5a5b0120\\n mov %ebp,%ss:0x5a5b0128\\n mov %esi,%ss:0x5a5b0130\\n mov %edi,%ss:0x5a5b0138\\n"
          " mov $0x5a5b0800,%esp\\n pushfl\\n popl %ss:0x5a5b0140\\n cld\\n"
          " ljmpl *%ss:0x5a5b0078\\n"
          ".code64\\n"
          "tramp64:\\n"
          " jmp *0x5a5b0070\\n"
          "stub_end:\\n"
          ".code16\\n"
          "pro16:\\n"
          " mov $0x2b,%ax\\n mov %ax,%ds\\n mov %ax,%es\\n mov $0x0f,%ax\\n mov %ax,%ss\\n"
          " mov $0x3ff0,%sp\\n addr32 pushl 0x5a5b0040\\n popfl\\n"
          " addr32 movl 0x5a5b0008,%ecx\\n addr32 movl 0x5a5b0010,%edx\\n addr32 movl 0x5a5b0018,%ebx\\n"
          " addr32 movl 0x5a5b0028,%ebp\\n addr32 movl 0x5a5b0030,%esi\\n addr32 movl 0x5a5b0038,%edi\\n"
          " addr32 movl 0x5a5b0000,%eax\\n addr32 movl 0x5a5b0020,%esp\\n"
          " addr32 jmp *0x5a5b0058\\n"
          "back16:\\n"
          " addr32 movl %eax,0x5a5b0100\\n addr32 movl %ecx,0x5a5b0108\\n addr32 movl %edx,0x5a5b0110\\n"
          " addr32 movl %ebx,0x5a5b0118\\n addr32 movl %esp,0x5a5b0120\\n addr32 movl %ebp,0x5a5b0128\\n"
          " addr32 movl %esi,0x5a5b0130\\n addr32 movl %edi,0x5a5b0138\\n"
          " mov $0x3ff0,%sp\\n pushfl\\n addr32 popl 0x5a5b0140\\n cld\\n"
          " mov $0x2b,%ax\\n mov %ax,%ss\\n"
          " addr32 ljmpl *0x5a5b0078\\n"
          ".code64\\n"
          "tramp64b:\\n"
          " jmp *0x5a5b0070\\n"
          "stub16_end:\\n");
      static sigjmp_buf jb;
      static const int greg[8] = {REG_RAX, REG_RCX, REG_RDX, REG_RBX, REG_RSP, REG_RBP, REG_RSI, REG_RDI};
      static void onsig(int s, siginfo_t *si, void *ctx) {
        ucontext_t *uc = ctx;
        uint64_t *st = (uint64_t *)ST;
        for (int k = 0; k < 8; k++) st[32 + k] = (uint32_t)uc->uc_mcontext.gregs[greg[k]];
        st[40] = (uint32_t)uc->uc_mcontext.gregs[REG_EFL];
        st[41] = (uint32_t)uc->uc_mcontext.gregs[REG_RIP];
        siglongjmp(jb, s);
      }
      static uint64_t sm;
      static uint64_t next(void) {
        uint64_t z = (sm += 0x9e3779b97f4a7c15ULL);
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
        return z ^ (z >> 31);
      }
      static void far(uint64_t *slot, uint32_t offset, uint16_t sel) {
        memcpy(slot, &offset, 4);
        memcpy((char *)slot + 4, &sel, 2);
      }
      #define NQ ((SCRATCH_SIZE + LOW_SIZE) / 8)
      static int ldt(int entry, int contents) {
        struct user_desc d; memset(&d, 0, sizeof d);
        d.entry_number = entry; d.base_addr = 0; d.limit = 0xffff; d.seg_32bit = 0;
        d.contents = contents; d.useable = 1;
        return syscall(SYS_modify_ldt, 1, &d, sizeof d);
      }
      int main(int argc, char **argv) {
        int m16 = argc > 1 && strcmp(argv[1], "16") == 0;
        unsigned char *mem = mmap((void *)SCRATCH, SCRATCH_SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
        unsigned char *low = mmap((void *)LOW, LOW_SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
        int haveLow = low == (void *)LOW;
        unsigned long codeAt = m16 ? CODE16 : CODE, stubAt = m16 ? STUB16 : STUB;
        int fixed = m16 ? MAP_FIXED_NOREPLACE : MAP_FIXED;
        unsigned char *code = mmap((void *)codeAt, 4096, PROT_READ | PROT_WRITE | PROT_EXEC, MAP_PRIVATE | MAP_ANONYMOUS | fixed, -1, 0);
        uint64_t *st = mmap((void *)ST, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
        unsigned char *stub = mmap((void *)stubAt, 4096, PROT_READ | PROT_WRITE | PROT_EXEC, MAP_PRIVATE | MAP_ANONYMOUS | fixed, -1, 0);
        if (m16 && (!haveLow || code != (void *)codeAt || stub != (void *)stubAt)) {
          printf("UNSUPPORTED 16-bit code needs memory below 64 KiB (vm.mmap_min_addr)\\n");
          return 0;
        }
        if (m16 && (ldt(0, 2) != 0 || ldt(1, 0) != 0)) {
          printf("UNSUPPORTED modify_ldt failed\\n");
          return 0;
        }
        if (mem != (void *)SCRATCH || code != (void *)codeAt || st != (void *)ST || stub != (void *)stubAt) {
          printf("UNSUPPORTED mmap failed\\n");
          return 0;
        }
        if (m16) {
          memcpy(stub, pro16, stub16_end - pro16);
          st[9] = STUB16 + (back16 - pro16);
          far(&st[12], STUB16, 0x07);
          far(&st[15], STUB16 + (tramp64b - pro16), 0x33);
        } else {
          memcpy(stub, pro32, stub_end - pro32);
          st[9] = STUB + (back32 - pro32);
          far(&st[12], STUB, 0x23);
          far(&st[15], STUB + (tramp64 - pro32), 0x33);
        }
        st[14] = (uint64_t)back64;
        printf("READY\\n");
        fflush(stdout);
        stack_t ss = { .ss_sp = malloc(1 << 16), .ss_size = 1 << 16, .ss_flags = 0 };
        sigaltstack(&ss, 0);
        struct sigaction sa; memset(&sa, 0, sizeof sa);
        sa.sa_sigaction = onsig; sa.sa_flags = SA_ONSTACK | SA_NODEFER | SA_SIGINFO;
        sigaction(SIGFPE, &sa, 0); sigaction(SIGSEGV, &sa, 0); sigaction(SIGILL, &sa, 0);
        sigaction(SIGBUS, &sa, 0); sigaction(SIGTRAP, &sa, 0);
        static unsigned char all[SCRATCH_SIZE + LOW_SIZE], init[SCRATCH_SIZE + LOW_SIZE];
        static char line[1 << 16];
        while (fgets(line, sizeof line, stdin)) {
          char hex[128]; char *p = line; int n;
          if (sscanf(p, "%127s%n", hex, &n) != 1) break;
          p += n;
          for (int k = 0; k < 9; k++) st[k] = strtoull(p, &p, 16);
          st[8] = (uint32_t)st[8];
          sm = strtoull(p, &p, 16);
          int needLow = (int)strtoull(p, &p, 16);
          if (needLow && !haveLow) { printf("NOLOW\\n"); fflush(stdout); continue; }
          for (int k = 0; k < NQ; k++) { uint64_t v = next(); memcpy(all + 8 * k, &v, 8); }
          int np = (int)strtoull(p, &p, 16);
          for (int k = 0; k < np; k++) {
            unsigned off = (unsigned)strtoull(p, &p, 16);
            unsigned v = (unsigned)strtoull(p, &p, 16);
            all[off] = v;
          }
          memcpy(init, all, sizeof all);
          memcpy(mem, all, SCRATCH_SIZE);
          if (haveLow) memcpy(low, all + SCRATCH_SIZE, LOW_SIZE);
          size_t len = strlen(hex) / 2;
          for (size_t k = 0; k < len; k++) { unsigned b; sscanf(hex + 2 * k, "%2x", &b); code[k] = b; }
          /* jmp *[ST + 0x48] (near, absolute; 67h makes it 32-bit addressing in 16-bit code) */
          size_t at = len;
          if (m16) code[at++] = 0x67;
          code[at] = 0xff; code[at + 1] = 0x25;
          uint32_t a = (uint32_t)(ST + 9 * 8); memcpy(code + at + 2, &a, 4);
          st[11] = codeAt;
          memset(&st[32], 0, 10 * 8);
          int sig = sigsetjmp(jb, 1);
          if (sig) printf("FAULT %d %llx ", sig, (unsigned long long)(st[41] - codeAt));
          else run();
          for (int k = 0; k < 9; k++) printf("%llx ", (unsigned long long)st[32 + k]);
          memcpy(all, mem, SCRATCH_SIZE);
          if (haveLow) memcpy(all + SCRATCH_SIZE, low, LOW_SIZE);
          int nd = 0;
          for (int k = 0; k < NQ; k++) nd += memcmp(all + 8 * k, init + 8 * k, 8) != 0;
          printf("%x", nd);
          for (int k = 0; k < NQ; k++) {
            if (memcmp(all + 8 * k, init + 8 * k, 8) != 0) {
              uint64_t v; memcpy(&v, all + 8 * k, 8);
              printf(" %x %llx", k, (unsigned long long)v);
            }
          }
          printf("\\n");
          fflush(stdout);
        }
        return 0;
      }
      """;

  private CompatHost() {}

  /** Compiles the runner into dir; null (with the compiler output printed) if it fails. */
  static Path compile(Path dir) throws IOException, InterruptedException {
    return NativeRunner.compile(dir, "compatrunner", RUNNER);
  }

  static String input(CompatCase c) {
    StringBuilder sb = new StringBuilder(256);
    for (byte b : c.code) sb.append(String.format("%02x", b & 0xff));
    for (long v : c.regs) sb.append(' ').append(Long.toHexString(v & 0xffffffffL));
    sb.append(' ').append(Long.toHexString(c.flags)).append(' ').append(Long.toHexString(c.seed));
    sb.append(' ').append(c.needsLow ? 1 : 0);
    sb.append(' ').append(Integer.toHexString(c.pokes.size() / 2));
    for (int v : c.pokes) sb.append(' ').append(Integer.toHexString(v));
    return sb.toString();
  }

  /** The host cannot run code of this mode (the runner said why). */
  static final class Unsupported extends Exception {
    Unsupported(String why) {
      super(why);
    }
  }

  /** Runs the cases (all of one mode) through the runner, handing each output line to sink in order. */
  static void runAll(Path exe, Mode mode, List<CompatCase> cases, Consumer<String> sink) throws Exception {
    try {
      NativeRunner.run(exe, List.of(mode == Mode.REAL_16 ? "16" : "32"), "READY",
          cases.stream().map(CompatHost::input).toList(), sink);
    } catch (NativeRunner.NotReady e) {
      throw new Unsupported(e.getMessage());
    }
  }
}
