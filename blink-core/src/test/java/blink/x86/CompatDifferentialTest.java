package blink.x86;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * 32-bit mode against the host CPU in compatibility mode (see {@link CompatGen} for
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
    assumeTrue(HostCpu.canRunNative(), "needs an x86-64 Linux host with gcc");
    Path exe = CompatHost.compile(dir);
    assumeTrue(exe != null, "runner did not compile");
    CompatDiffTool.Result res = CompatDiffTool.run(exe, Integer.getInteger("blink.test.compatCount", 100),
        Long.getLong("blink.test.compatSeed", 20261121L), System.getProperty("blink.test.compatOnly"), 2,
        Boolean.getBoolean("blink.test.compatAll"));
    if (!res.bad().isEmpty()) {
      fail("32-bit forms that differ from the host CPU (EAX..EDI, flags, changed memory qwords):\n"
          + res.bad() + "\n" + res.report());
    }
    assertTrue(res.cases() > 1000, "too few cases: " + res.cases());
  }
}
