package blink.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Checks the differential-test machinery itself, without the emulator. */
class HarnessTest {
  @Test
  void signalLinesAreDropped() {
    assertEquals("a\nb\n", ProgramTest.withoutSignalLines("a\nblink: SIGSEGV at rip=0x401000 addr=0x0\nb\n"));
    assertEquals("x", ProgramTest.withoutSignalLines("blink: SIGFPE at rip=0x1\nx"));
    assertEquals("blink: other\n", ProgramTest.withoutSignalLines("blink: other\n"));
  }

  @Test
  void diffPointsAtFirstDifferentLine() {
    assertNull(OutputDiff.describe("stdout", "a\nb\n", "a\nb\n"));
    String d = OutputDiff.describe("stdout", "a\nb\nc\n", "a\nB\nc\n");
    assertTrue(d.contains("line 2"), d);
    assertTrue(d.contains("- b") && d.contains("+ B"), d);
    assertTrue(OutputDiff.describe("stdout", "a\n", "a").contains("trailing newline"));
    assertTrue(OutputDiff.describe("stdout", "a\n", "a\nmore\n").contains("<end of output>"));
    assertEquals("\\x00\\t\\xff", OutputDiff.escape("\0\t\u00ff"));
  }

  @Test
  void exitStatusOfSignaledProcessIs128PlusN(@TempDir Path dir) throws Exception {
    RunResult r = Emulator.exec(List.of("/bin/sh", "-c", "echo out; echo err >&2; kill -SEGV $$"), dir,
        Map.of("PATH", "/usr/bin:/bin"), Duration.ofSeconds(30));
    assertEquals(139, r.status());
    assertTrue(r.signaled());
    assertEquals("out\n", r.out());
    assertEquals("err\n", r.err());
  }

  @Test
  void environmentAndDirectoryAreExactlyAsGiven(@TempDir Path dir) throws Exception {
    RunResult r = Emulator.exec(List.of("/usr/bin/env"), dir, Map.of("ONLY", "this"), Duration.ofSeconds(30));
    assertEquals("ONLY=this\n", r.out());
    r = Emulator.exec(List.of("/bin/pwd"), dir, Map.of(), Duration.ofSeconds(30));
    assertEquals(dir.toRealPath() + "\n", r.out());
  }

  @Test
  void timeoutKillsTheProcess(@TempDir Path dir) throws Exception {
    RunResult r = Emulator.exec(List.of("/bin/sleep", "60"), dir, Map.of(), Duration.ofMillis(300));
    assertTrue(r.timedOut());
    assertTrue(r.elapsed().toSeconds() < 30);
  }

  @Test
  void largeOutputOnBothStreamsDoesNotDeadlock(@TempDir Path dir) throws Exception {
    RunResult r = Emulator.exec(List.of("/bin/sh", "-c", "i=0; while [ $i -lt 2000 ]; do "
        + "echo 0123456789012345678901234567890123456789; echo abcdefghijabcdefghijabcdefghij >&2; i=$((i+1)); done"),
        dir, Map.of("PATH", "/usr/bin:/bin"), Duration.ofSeconds(60));
    assertFalse(r.timedOut());
    assertEquals(2000 * 41, r.stdout().length);
    assertEquals(2000 * 31, r.stderr().length);
  }

  @Test
  void argsFilesAndProgramsAreFound() throws Exception {
    Path dir = TestPrograms.dir();
    assertTrue(Files.isRegularFile(dir.resolve("Makefile")));
    assertEquals(List.of("exit", "77"), TestPrograms.args("exit_status"));
    assertTrue(TestPrograms.args("argv_envp").contains(""), "an empty line is an empty argument");
    assertEquals(List.of(), TestPrograms.args("hello"));
    assertTrue(TestPrograms.all().stream().anyMatch(p -> p.name().equals("hello") && p.variant().equals("musl")));
  }

  @Test
  void helloIsExactlyHelloWorld(@TempDir Path dir) throws Exception {
    for (String v : List.of("glibc", "musl")) {
      RunResult r = Emulator.runNative(TestPrograms.binary(v, "hello"), List.of(), dir, TestPrograms.environment(dir));
      assertEquals(0, r.status());
      assertEquals("hello world\n", r.out());
    }
    RunResult r = Emulator.runNative(TestPrograms.binary("asm", "hello_raw"), List.of(), dir, Map.of());
    assertEquals("hello world\n", r.out());
  }
}
