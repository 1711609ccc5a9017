package blink.cli;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import blink.cli.Emulator.Mode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Real host programs that start other processes, natively and under the
 * emulator in both modes: pipelines of dynamically linked tools under dash,
 * python3's subprocess, threading and multiprocessing, gcc's driver running
 * cc1, as and collect2/ld, and make building a two-file program. Output and exit
 * status must match the native run; what gcc and make build must run (natively)
 * with the same output as what they build natively. A case whose program is not
 * installed is skipped.
 *
 * <p>Time limits per emulated run: {@code blink.test.shellTimeout} (default 15 s)
 * for the tools and python3, and {@link Emulator#TIMEOUT} for gcc and
 * make, so a hang (threads waiting on futexes, a shell waiting for SIGCHLD) fails.
 */
class RealProgramsTest {
  private static final FileTime FIXTURE_TIME = FileTime.from(Instant.parse("2020-01-02T03:04:05Z"));
  private static final Path DASH = Path.of("/bin/dash");
  private static final Path PYTHON = Path.of("/usr/bin/python3");
  private static final Path GCC = Path.of("/usr/bin/gcc");
  private static final Path MAKE = Path.of("/usr/bin/make");

  /** A case: a label, the command line (an absolute host program first) and its time limit. */
  record Case(String label, List<String> argv, Duration timeout) {
    @Override
    public String toString() {
      return label;
    }
  }

  private static Case sh(String script) {
    return new Case("dash -c '" + script + "'", List.of(DASH.toString(), "-c", script), ShellScriptTest.TIMEOUT);
  }

  private static Case py(String label, String code) {
    return new Case("python3 " + label, List.of(PYTHON.toString(), "-c", code), ShellScriptTest.TIMEOUT);
  }

  static final List<Case> CASES = List.of(
      // ls writes more than a pipe holds; when head is done, ls must die of SIGPIPE quietly
      sh("/bin/ls -la /usr/bin | head -n 5; echo \"status $?\""),
      sh("/usr/bin/sort -r t/sub/list | /usr/bin/uniq -c; /usr/bin/sort -n t/sub/numbers | /usr/bin/tail -n 2"),
      sh("/usr/bin/find t | /usr/bin/sort"),
      sh("/usr/bin/find t -type f -exec /usr/bin/wc -c {} + | /usr/bin/sort"),
      sh("x=$(/bin/ls t | /usr/bin/wc -l); echo \"entries: $x\"; /bin/cat t/a.txt | /usr/bin/tr a-z A-Z | /bin/grep -c O"),
      py("print", "import sys; print('hello', sum(range(100)), sys.argv); sys.exit(4)"),
      py("subprocess", "import subprocess\n"
          + "r = subprocess.run(['/bin/echo', 'from echo'], capture_output=True, text=True)\n"
          + "print(repr(r.stdout), r.returncode)\n"
          + "print(subprocess.check_output(['/bin/sh', '-c', 'echo $((6 * 7)); exit 0']))\n"
          + "print(subprocess.run(['/bin/sh', '-c', 'exit 9']).returncode)\n"
          + "p = subprocess.Popen(['/usr/bin/sort'], stdin=subprocess.PIPE, stdout=subprocess.PIPE)\n"
          + "print(p.communicate(b'b\\na\\nc\\n')[0], p.returncode)\n"
          + "try:\n  subprocess.check_call(['/bin/false'])\nexcept subprocess.CalledProcessError as e:\n"
          + "  print('CalledProcessError', e.returncode)\n"
          + "try:\n  subprocess.run(['/nonexistent'])\nexcept FileNotFoundError as e:\n  print('FileNotFoundError', e.errno)"),
      py("os.fork", "import os\npid = os.fork()\nif pid == 0:\n  os._exit(12)\n"
          + "p, st = os.waitpid(pid, 0)\nprint(p == pid, os.WEXITSTATUS(st))"),
      py("threading", "import threading\nout = []\n"
          + "ts = [threading.Thread(target=lambda i=i: out.append(i * i)) for i in range(4)]\n"
          + "[t.start() for t in ts]\n[t.join() for t in ts]\nprint(sorted(out))"),
      py("multiprocessing.Pool", "import multiprocessing\n"
          + "if __name__ == '__main__':\n  with multiprocessing.Pool(2) as p:\n    print(p.map(abs, [-1, -2, 3, -4]))"));

  static Stream<ModeRun<Case>> runs() {
    return ModeRun.of(CASES);
  }

  static Stream<Mode> modes() {
    return ProgramTest.modes().stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("runs")
  void matchesNative(ModeRun<Case> r, @TempDir Path work) throws Exception {
    Path program = Path.of(r.c().argv().get(0));
    assumeTrue(Files.isExecutable(program), program + " is not installed on this host");
    fixture(work);
    Map<String, String> env = TestPrograms.environment(work);
    List<String> args = r.c().argv().subList(1, r.c().argv().size());
    RunResult expected = Emulator.exec(r.c().argv(), work, env, Emulator.NATIVE_TIMEOUT);
    RunResult actual = Emulator.exec(Emulator.command(r.mode(), program, args), work, env, r.c().timeout());
    NativeComparison.assertSame(r.toString(), expected, actual);
  }

  /** gcc hello.c -o hello (driver, cc1, as, collect2, ld): same messages, and the program runs the same. */
  @ParameterizedTest(name = "gcc hello.c ({0})")
  @MethodSource("modes")
  void gccBuildsTheSameProgram(Mode mode, @TempDir Path work) throws Exception {
    assumeTrue(Files.isExecutable(GCC), "gcc is not installed on this host");
    List<String> args = List.of("hello.c", "-o", "hello");
    Path nat = Files.createDirectories(work.resolve("native")), emu = Files.createDirectories(work.resolve("emu"));
    for (Path d : List.of(nat, emu)) ShellScriptTest.copyResource("gcc/hello.c", d.resolve("hello.c"));
    List<String> cmd = new ArrayList<>(List.of(GCC.toString()));
    cmd.addAll(args);
    RunResult expected = Emulator.exec(cmd, nat, TestPrograms.environment(nat), Emulator.NATIVE_TIMEOUT);
    RunResult actual = Emulator.exec(Emulator.command(mode, GCC, args), emu, TestPrograms.environment(emu),
        Emulator.TIMEOUT);
    NativeComparison.assertSame("gcc hello.c -o hello (" + mode.label + ")", expected, actual);
    sameProgramOutput("hello", nat, emu, List.of("x", "y"));
  }

  /** make run, then make: the commands make prints, the program's output, and "nothing to be done". */
  @ParameterizedTest(name = "make ({0})")
  @MethodSource("modes")
  void makeBuildsTheSameProgram(Mode mode, @TempDir Path work) throws Exception {
    assumeTrue(Files.isExecutable(MAKE) && Files.isExecutable(GCC), "make or gcc is not installed on this host");
    Path nat = Files.createDirectories(work.resolve("native")), emu = Files.createDirectories(work.resolve("emu"));
    for (Path d : List.of(nat, emu)) {
      for (String f : List.of("Makefile", "main.c", "util.c", "util.h")) {
        ShellScriptTest.copyResource("make/" + f, d.resolve(f));
        Files.setLastModifiedTime(d.resolve(f), FIXTURE_TIME);
      }
    }
    for (List<String> args : List.of(List.of("run"), List.<String>of())) {
      List<String> cmd = new ArrayList<>(List.of(MAKE.toString()));
      cmd.addAll(args);
      RunResult expected = Emulator.exec(cmd, nat, TestPrograms.environment(nat), Emulator.NATIVE_TIMEOUT);
      RunResult actual = Emulator.exec(Emulator.command(mode, MAKE, args), emu, TestPrograms.environment(emu),
          Emulator.TIMEOUT);
      NativeComparison.assertSame("make " + String.join(" ", args) + " (" + mode.label + ")", expected, actual);
    }
    sameProgramOutput("prog", nat, emu, List.of("4"));
  }

  /** Runs nat/name and emu/name natively: the emulated build must behave like the native one. */
  private static void sameProgramOutput(String name, Path nat, Path emu, List<String> args) throws Exception {
    if (!Files.isExecutable(emu.resolve(name))) fail("the emulated build made no executable " + name);
    RunResult expected = Emulator.runNative(nat.resolve(name), args, nat, TestPrograms.environment(nat));
    RunResult actual = Emulator.runNative(emu.resolve(name), args, emu, TestPrograms.environment(emu));
    NativeComparison.assertSame("the program built under the emulator, run natively,", expected, actual);
  }

  /** t/a.txt, t/sub/list, t/sub/numbers, a symlink, all with fixed times. */
  private static void fixture(Path work) throws IOException {
    Path t = Files.createDirectories(work.resolve("t"));
    Path sub = Files.createDirectories(t.resolve("sub"));
    Files.writeString(t.resolve("a.txt"), "hello\nworld\nfoo\n");
    Files.writeString(sub.resolve("list"), "pear\napple\nfig\napple\nbanana\n");
    Files.writeString(sub.resolve("numbers"), "10\n9\n100\n-3\n");
    Files.createSymbolicLink(t.resolve("link"), Path.of("a.txt"));
    for (Path p : List.of(t.resolve("a.txt"), sub.resolve("list"), sub.resolve("numbers"), sub, t)) {
      Files.setLastModifiedTime(p, FIXTURE_TIME);
    }
  }
}
