package blink.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import blink.cli.Emulator.Mode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code blink -s} against the host's strace(1): the same program traced natively
 * and under the emulator must give the same lines for the calls whose arguments
 * are plain values, strings and buffers (file_io covers open flags, modes, lseek
 * whences, errno names, short reads and failed reads; hello_raw has no libc).
 * Skipped where strace is not installed.
 */
class StraceOracleTest {
  private static final Set<String> COMPARED =
      Set.of("openat", "write", "read", "close", "mkdir", "unlink", "rmdir", "lseek", "rename", "exit", "exit_group");

  @ParameterizedTest
  @EnumSource(Mode.class)
  void fileIoMatchesStrace(Mode mode, @TempDir Path dir) throws Exception {
    compare(mode, dir, TestPrograms.binary("glibc", "file_io"));
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void rawProgramMatchesStrace(Mode mode, @TempDir Path dir) throws Exception {
    compare(mode, dir, TestPrograms.binary("asm", "hello_raw"));
  }

  private static void compare(Mode mode, Path dir, Path program) throws Exception {
    assumeTrue(Files.isExecutable(Path.of("/usr/bin/strace")), "needs strace");
    assumeTrue(Files.isExecutable(program), "test program not built: " + program);
    Path hostLog = dir.resolve("host.trace"), guestLog = dir.resolve("blink.log");
    Path work = Files.createDirectories(dir.resolve("work"));
    RunResult host = Emulator.exec(List.of("/usr/bin/strace", "-qq", "-o", hostLog.toString(),
        "-e", "trace=" + String.join(",", COMPARED), program.toString()), work, TestPrograms.environment(work),
        Duration.ofSeconds(60));
    assumeTrue(!host.err().contains("PTRACE"), "strace cannot trace here: " + host.err());
    List<String> cmd = new ArrayList<>(Emulator.command(mode, program, List.of()));
    cmd.addAll(cmd.size() - 1, List.of("-s", "-L", guestLog.toString()));
    Files.walk(work).sorted(java.util.Comparator.reverseOrder()).filter(p -> !p.equals(work))
        .forEach(p -> p.toFile().delete());
    Emulator.exec(cmd, work, TestPrograms.environment(work), Emulator.TIMEOUT);
    assertEquals(String.join("\n", calls(Files.readAllLines(hostLog))),
        String.join("\n", calls(Files.readAllLines(guestLog))));
  }

  /**
   * The compared calls, normalised: our log prefix and "[tid] " dropped, strace's
   * column padding before " = " and its "(strerror text)" after errno names removed,
   * and buffer addresses (strace prints a failed read's buffer as an address that
   * differs between the two runs) replaced by "ADDR".
   */
  private static List<String> calls(List<String> lines) {
    List<String> out = new ArrayList<>();
    for (String s : lines) {
      int tid = s.indexOf("] ");
      if (s.contains(" strace ") && tid >= 0) s = s.substring(tid + 2);
      int paren = s.indexOf('(');
      if (paren < 0 || !COMPARED.contains(s.substring(0, paren))) continue;
      s = s.replaceAll("\\s+= ", " = ").replaceAll(" = (-1 E[A-Z0-9]+) \\(.*\\)$", " = $1")
          .replaceAll("0x[0-9a-f]{6,}", "ADDR");
      out.add(s);
    }
    return out;
  }
}
