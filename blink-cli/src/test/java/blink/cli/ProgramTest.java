package blink.cli;

import static org.junit.jupiter.api.Assertions.fail;

import blink.cli.Emulator.Mode;
import blink.cli.TestPrograms.Program;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Differential test: every program in test-programs/ runs natively and under the
 * emulator (interpreter and default mode) with the same arguments, environment,
 * empty stdin and working directory; stdout, stderr and exit status must match.
 *
 * <p>When the program dies natively of a signal whose default action dumps core
 * (status 128+N: SIGSEGV, SIGFPE, SIGABRT, …), the emulator also prints one line
 * {@code blink: SIG...} on stderr, as qemu does; that line is required and then left
 * out of the comparison. For other fatal signals no such line may appear.
 *
 * <p>Select with {@code -Dblink.test.programs=alu_*,hello}, {@code -Dblink.test.variants=glibc},
 * {@code -Dblink.test.modes=interpreter} (see {@link TestPrograms}, {@link Emulator}).
 */
@Execution(ExecutionMode.CONCURRENT) // each case is its own processes; runs in parallel if enabled
class ProgramTest {
  private static final String SIGNAL_LINE = "blink: SIG";

  /** One comparison: a program in one emulator mode. */
  record Case(Program program, Mode mode) {
    @Override
    public String toString() {
      return program + " (" + mode.label + ")";
    }
  }

  static Stream<Case> cases() {
    List<Mode> modes = modes();
    List<Case> out = new ArrayList<>();
    for (Program p : TestPrograms.all()) {
      for (Mode m : modes) out.add(new Case(p, m));
    }
    return out.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void matchesNative(Case c, @TempDir Path work) throws Exception {
    Map<String, String> env = TestPrograms.environment(work);
    Program p = c.program();

    RunResult expected = Emulator.runNative(p.path(), p.args(), work, env);
    if (expected.timedOut()) fail("the native run timed out:\n" + expected.describe());
    clean(work);
    RunResult actual = Emulator.run(c.mode(), p.path(), p.args(), work, env);

    List<String> problems = new ArrayList<>();
    if (actual.timedOut()) problems.add("the emulator did not finish within " + Emulator.TIMEOUT.toSeconds() + " s");
    String actualErr = actual.err();
    if (expected.signaled() && !actual.timedOut()) {
      List<String> lines = OutputDiff.lines(actualErr);
      long sigLines = lines.stream().filter(l -> l.startsWith(SIGNAL_LINE)).count();
      long want = dumpsCore(expected.status() - 128) ? 1 : 0;
      if (sigLines != want) {
        problems.add("the program dies of a signal natively (status " + expected.status() + "), so the emulator "
            + "must print " + want + " stderr line(s) starting with '" + SIGNAL_LINE + "'; it printed " + sigLines);
      }
      actualErr = withoutSignalLines(actualErr);
    }
    if (actual.status() != expected.status() && !actual.timedOut()) {
      problems.add("exit status differs: native " + expected.status() + ", emulator " + actual.status());
    }
    String d = OutputDiff.describe("stdout", expected.out(), actual.out());
    if (d != null) problems.add(d);
    d = OutputDiff.describe("stderr", expected.err(), actualErr);
    if (d != null) problems.add(d);

    if (!problems.isEmpty()) {
      StringBuilder msg = new StringBuilder(c + " differs from the native run:\n");
      for (String s : problems) msg.append("* ").append(s.strip()).append('\n');
      msg.append("native:\n").append(expected.describe());
      msg.append("emulator:\n").append(actual.describe());
      fail(msg.toString());
    }
  }

  /** Whether sig's default action dumps core (signal(7)): SIGQUIT ILL TRAP ABRT BUS FPE SEGV XCPU XFSZ SYS. */
  static boolean dumpsCore(int sig) {
    switch (sig) {
      case 3, 4, 5, 6, 7, 8, 11, 24, 25, 31: return true;
      default: return false;
    }
  }

  /** Drops the emulator's fatal-signal report lines (they have no native counterpart). */
  static String withoutSignalLines(String err) {
    StringBuilder b = new StringBuilder();
    int start = 0;
    while (start < err.length()) {
      int nl = err.indexOf('\n', start);
      int end = nl < 0 ? err.length() : nl + 1;
      if (!err.startsWith(SIGNAL_LINE, start)) b.append(err, start, end);
      start = end;
    }
    return b.toString();
  }

  static List<Mode> modes() {
    String v = System.getProperty("blink.test.modes", "").trim();
    if (v.isEmpty()) return List.of(Mode.INTERPRETER, Mode.DEFAULT);
    return Arrays.stream(v.split(",")).map(String::trim).filter(s -> !s.isEmpty())
        .map(s -> Arrays.stream(Mode.values()).filter(m -> m.label.equals(s) || m.name().equalsIgnoreCase(s))
            .findFirst().orElseThrow(() -> new IllegalArgumentException("blink.test.modes: unknown mode " + s
                + " (interpreter, default)")))
        .toList();
  }

  /** Empties the working directory between the native and the emulated run. */
  private static void clean(Path dir) throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
        if (!p.equals(dir)) Files.delete(p);
      }
    }
  }
}
