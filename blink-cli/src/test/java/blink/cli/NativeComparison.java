package blink.cli;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;

/**
 * The comparison every whole-program test makes: the emulated run must finish
 * in time and match the native run's exit status, stdout and stderr. Fails with
 * every difference (OutputDiff) and both runs described.
 */
final class NativeComparison {
  private NativeComparison() {}

  /** What differs between the native and the emulated run; empty if nothing. */
  static List<String> problems(RunResult expected, RunResult actual) {
    List<String> problems = new ArrayList<>();
    if (actual.timedOut()) {
      problems.add("the emulator did not finish within its time limit (a hang: killed)");
    } else if (actual.status() != expected.status()) {
      problems.add("exit status differs: native " + expected.status() + ", emulator " + actual.status());
    }
    String d = OutputDiff.describe("stdout", expected.out(), actual.out());
    if (d != null) problems.add(d);
    d = OutputDiff.describe("stderr", expected.err(), actual.err());
    if (d != null) problems.add(d);
    return problems;
  }

  /** Fails the test with the problems, if any, and both runs described. */
  static void assertSame(String what, RunResult expected, RunResult actual) {
    if (expected.timedOut()) fail(what + ": the native run timed out:\n" + expected.describe());
    failIfAny(what, problems(expected, actual), expected, actual);
  }

  /** Fails with the given problems (if any) and both runs described. */
  static void failIfAny(String what, List<String> problems, RunResult expected, RunResult actual) {
    if (problems.isEmpty()) return;
    StringBuilder msg = new StringBuilder(what + " differs from the native run:\n");
    for (String s : problems) msg.append("* ").append(s.strip()).append('\n');
    msg.append("native:\n").append(expected.describe());
    msg.append("emulator:\n").append(actual.describe());
    fail(msg.toString());
  }
}
