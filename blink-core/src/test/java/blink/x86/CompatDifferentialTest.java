package blink.x86;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * 32-bit mode against the host CPU in compatibility mode, and 16-bit mode against
 * it in a 16-bit code segment (see {@link CompatGen} for
 * the forms, {@link CompatHost} for the native runner, {@link CompatDiffTool} for
 * long offline runs): EAX..EDI, the defined EFLAGS bits and memory must agree.
 * DAA/DAS/AAA/AAS run for every AL, AF and CF. Skipped unless the host is x86-64
 * Linux with gcc. System properties: {@code blink.test.compatCount} (cases per
 * form, default 100), {@code blink.test.compatSeed}, {@code blink.test.compatOnly}
 * (regex of form names), {@code blink.test.compatAll} (also every AL and imm8 of AAM/AAD).
 */
class CompatDifferentialTest {
  @Test
  void thirtyTwoBitModeMatchesTheHostCpu(@TempDir Path dir) throws Exception {
    check(dir, Mode.PROTECTED_32, 100);
  }

  /** 16-bit code runs on the host in a 16-bit LDT code segment (needs vm.mmap_min_addr below 0x3000). */
  @Test
  void sixteenBitModeMatchesTheHostCpu(@TempDir Path dir) throws Exception {
    check(dir, Mode.REAL_16, 40);
  }

  private static void check(Path dir, Mode mode, int count) throws Exception {
    assumeTrue(HostCpu.canRunNative(), "needs an x86-64 Linux host with gcc");
    Path exe = CompatHost.compile(dir);
    assumeTrue(exe != null, "runner did not compile");
    CompatDiffTool.Result res;
    try {
      res = CompatDiffTool.run(exe, mode, Integer.getInteger("blink.test.compatCount", count),
          Long.getLong("blink.test.compatSeed", 20261121L), System.getProperty("blink.test.compatOnly"), 2,
          Boolean.getBoolean("blink.test.compatAll"));
    } catch (CompatHost.Unsupported e) {
      assumeTrue(false, "host cannot run " + mode + " code: " + e.getMessage());
      return;
    }
    if (!res.bad().isEmpty()) {
      fail(mode + " forms that differ from the host CPU (EAX..EDI, flags, changed memory qwords):\n"
          + res.bad() + "\n" + res.report());
    }
    assertTrue(res.cases() - res.skipped() > 1000, "too few cases: " + res.cases() + " (skipped " + res.skipped() + ")");
  }
}
