package blink.x86;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every general-purpose integer instruction form against the host CPU (see
 * {@link IntGen} for the forms, {@link IntHost} for the native runner, {@link
 * DiffTool} for long offline runs). Skipped unless the host is x86-64 Linux with
 * gcc. System properties: {@code blink.test.intCount} (cases per form, default
 * 200), {@code blink.test.intSeed}, {@code blink.test.intOnly} (regex of form names), {@code blink.test.intKnown}
 * (also run the forms {@link IntGen#known} lists as known to differ).
 */
class IntegerDifferentialTest {
  @Test
  void everyIntegerFormMatchesTheHostCpu(@TempDir Path dir) throws Exception {
    assumeTrue(HostCpu.canRunNative(), "needs an x86-64 Linux host with gcc");
    Path exe = IntHost.compile(dir);
    assumeTrue(exe != null, "runner did not compile");
    DiffTool.Result res = DiffTool.run(exe, Integer.getInteger("blink.test.intCount", 200),
        Long.getLong("blink.test.intSeed", 20261121L), System.getProperty("blink.test.intOnly"), 2,
        Boolean.getBoolean("blink.test.intKnown"));
    if (!res.bad().isEmpty()) {
      fail("integer forms that differ from the host CPU (16 GPRs, flags, changed scratch qwords):\n"
          + res.bad() + "\n" + res.report());
    }
  }
}
