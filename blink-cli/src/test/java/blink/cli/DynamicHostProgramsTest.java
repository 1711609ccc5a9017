package blink.cli;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import blink.cli.Emulator.Mode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The host's own dynamically linked programs (ld.so, libc.so and friends come
 * from the host's /lib) run natively and under the emulator in both modes, in
 * the same fixture directory; stdout, stderr and exit status must match. A case
 * whose program is missing on the host is skipped.
 */
class DynamicHostProgramsTest {
  /** The fixture's timestamps, so ls -l prints the same dates in both runs. */
  private static final FileTime FIXTURE_TIME = FileTime.from(Instant.parse("2020-01-02T03:04:05Z"));

  /** A case: a label and the command line (an absolute host program and its arguments). */
  record Case(String label, List<String> argv) {
    @Override
    public String toString() {
      return label;
    }
  }

  private static Case c(String... argv) {
    return new Case(String.join(" ", argv), List.of(argv));
  }

  static final List<Case> CASES = List.of(
      c("/bin/ls", "-la", "t"), c("/bin/ls", "-lR", "t"), c("/bin/ls", "t/missing"),
      c("/bin/cat", "t/a.txt", "t/sub/list"), c("/bin/cat", "t/missing"),
      c("/usr/bin/sort", "t/sub/list"), c("/usr/bin/sort", "-rn", "t/sub/numbers"),
      c("/usr/bin/find", "t"), c("/usr/bin/find", "t", "-name", "*.txt", "-type", "f"),
      c("/usr/bin/env", "-i"), c("/usr/bin/env"),
      c("/bin/dash", "-c", "echo $((1+2))"), c("/bin/dash", "-c", "x=5; echo ${x}; echo err >&2; exit 3"),
      c("/usr/bin/wc", "t/a.txt", "t/sub/list"), c("/usr/bin/head", "-n", "2", "t/sub/list"),
      c("/bin/grep", "-rn", "a", "t"), c("/bin/sed", "s/l/L/g", "t/a.txt"),
      c("/usr/bin/awk", "{ n += $1 } END { print n }", "t/sub/numbers"), c("/usr/bin/md5sum", "t/a.txt"),
      c("/bin/tar", "cf", "-", "t"), c("/bin/gzip", "-c", "t/a.txt"), c("/usr/bin/od", "-c", "t/sub/list"),
      c("/usr/bin/du", "-a", "t"), c("/usr/bin/diff", "t/a.txt", "t/sub/list"), c("/usr/bin/file", "t/a.txt"),
      c("/bin/bash", "-c", "for i in 1 2 3; do echo $((i * i)); done"),
      c("/usr/bin/perl", "-e", "print join(',', map { $_ * 2 } 1..5), \"\\n\""),
      c("/usr/bin/python3", "-c", "print(1+1)"),
      // extension modules (_json, _sha2, _sqlite3, _decimal, zlib) come in through dlopen
      c("/usr/bin/python3", "-c", "import json, hashlib, sqlite3, decimal, zlib; print(json.dumps([1, 'a']), "
          + "hashlib.sha256(b'x').hexdigest(), sqlite3.connect(':memory:').execute('select 6*7').fetchone(), "
          + "decimal.Decimal('1.1') + decimal.Decimal('2.2'), zlib.crc32(b'abc'))"),
      // the dynamic loaders run directly, as programs that load another
      c("/lib64/ld-linux-x86-64.so.2", "/bin/echo", "hi"), c("/lib/ld-musl-x86_64.so.1", "--version"));

  static Stream<ModeRun<Case>> runs() {
    return ModeRun.of(CASES);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("runs")
  void matchesNative(ModeRun<Case> r, @TempDir Path work) throws Exception {
    Path program = Path.of(r.c().argv().get(0));
    assumeTrue(Files.isExecutable(program), program + " is not installed on this host");
    fixture(work);
    Map<String, String> env = TestPrograms.environment(work);
    List<String> args = r.c().argv().subList(1, r.c().argv().size());
    RunResult expected = Emulator.runNative(program, args, work, env);
    RunResult actual = Emulator.run(r.mode(), program, args, work, env);
    NativeComparison.assertSame(r.toString(), expected, actual);
  }

  /** t/a.txt, t/sub/list, t/sub/numbers, a symlink, all with fixed times. */
  private static void fixture(Path work) throws IOException {
    Path t = Files.createDirectories(work.resolve("t"));
    Path sub = Files.createDirectories(t.resolve("sub"));
    Files.writeString(t.resolve("a.txt"), "hello\nworld\n");
    Files.writeString(sub.resolve("list"), "pear\napple\nfig\nbanana\n");
    Files.writeString(sub.resolve("numbers"), "10\n9\n100\n-3\n");
    Files.createSymbolicLink(t.resolve("link"), Path.of("a.txt"));
    for (Path p : List.of(t.resolve("a.txt"), sub.resolve("list"), sub.resolve("numbers"), sub, t)) {
      Files.setLastModifiedTime(p, FIXTURE_TIME);
    }
  }
}
