package blink.cli;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import blink.cli.Emulator.Mode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Shell scripts (src/test/resources/shell/) run by the host's shells natively
 * and under the emulator, in both modes, in the same working directory: the
 * shells fork, exec, pipe and wait for real. stdout, stderr and exit status
 * must match. A shell that is not installed skips its cases.
 *
 * <p>Every emulated run has a short time limit ({@code blink.test.shellTimeout}
 * seconds, default 15; natively a script takes milliseconds, emulated a few
 * seconds), so a shell that hangs fails instead of blocking the build.
 */
class ShellScriptTest {
  static final Duration TIMEOUT = Duration.ofSeconds(Long.getLong("blink.test.shellTimeout", 15));

  /** A case: the shell's command line (the script's name is appended) and the script. */
  record Case(List<String> shell, String script) {
    @Override
    public String toString() {
      return String.join(" ", shell) + " " + script;
    }
  }

  static final List<Case> CASES = List.of(
      new Case(List.of("/bin/busybox", "sh"), "posix.sh"),
      new Case(List.of("/bin/dash"), "posix.sh"),
      new Case(List.of("/bin/bash"), "posix.sh"),
      new Case(List.of("/bin/bash"), "bash.sh"),
      // background jobs and wait: the shells sleep until SIGCHLD
      new Case(List.of("/bin/busybox", "sh"), "background.sh"),
      new Case(List.of("/bin/dash"), "background.sh"),
      new Case(List.of("/bin/bash"), "background.sh"));

  static Stream<ModeRun<Case>> runs() {
    return ModeRun.of(CASES);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("runs")
  void matchesNative(ModeRun<Case> r, @TempDir Path work) throws Exception {
    Path shell = Path.of(r.c().shell().get(0));
    assumeTrue(Files.isExecutable(shell), shell + " is not installed on this host");
    copyResource("shell/" + r.c().script(), work.resolve(r.c().script()));
    List<String> args = new ArrayList<>(r.c().shell().subList(1, r.c().shell().size()));
    args.add(r.c().script());
    Map<String, String> env = TestPrograms.environment(work);
    List<String> nativeCmd = new ArrayList<>(r.c().shell());
    nativeCmd.add(r.c().script());
    RunResult expected = Emulator.exec(nativeCmd, work, env, Emulator.NATIVE_TIMEOUT);
    RunResult actual = Emulator.exec(Emulator.command(r.mode(), shell, args), work, env, TIMEOUT);
    NativeComparison.assertSame(r.toString(), expected, actual);
  }

  /** Copies a test resource (a fixture script) to target. */
  static void copyResource(String name, Path target) throws IOException {
    try (InputStream in = ShellScriptTest.class.getResourceAsStream("/" + name)) {
      if (in == null) throw new IOException("missing test resource " + name);
      Files.copy(in, target);
    }
  }
}
