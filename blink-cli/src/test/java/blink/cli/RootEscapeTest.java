package blink.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import blink.cli.Emulator.Mode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The guest's file system root (-C DIR, BLINK_OVERLAYS): a program under
 * {@code blink -C ROOT} tries every way out (test-programs/src/vfs_escape.c) and
 * must see what it sees natively under {@code chroot ROOT} (when the host lets
 * us chroot), and in any case nothing outside ROOT; overlays are searched left
 * to right and new files go to the first root holding their directory.
 */
class RootEscapeTest {
  private static final String SECRET = "SECRET_OUTSIDE";

  static Stream<Arguments> variantsAndModes() {
    List<Arguments> out = new ArrayList<>();
    for (String v : List.of("glibc", "musl")) for (Mode m : Mode.values()) out.add(Arguments.of(v, m));
    return out.stream();
  }

  @ParameterizedTest(name = "{0} ({1})")
  @MethodSource("variantsAndModes")
  void escapeAttemptsStayInside(String variant, Mode mode, @TempDir Path dir) throws Exception {
    Path root = Files.createDirectory(dir.resolve("root"));
    Files.writeString(dir.resolve(SECRET), "secret\n");
    Files.copy(TestPrograms.binary(variant, "vfs_escape"), root.resolve("prog"));
    List<String> args = List.of(SECRET, dir.toString());

    RunResult emulated = blink(mode, dir, env(dir), "-C", root.toString(), "/prog", args);
    assertEquals(0, emulated.status(), emulated.describe());
    for (String line : emulated.out().split("\n")) {
      boolean fortyLinks = line.startsWith("/chain5 ");
      assertEquals(fortyLinks, line.contains("SEEN"), "escaped: " + line + "\n" + emulated.describe());
      assertFalse(line.contains(SECRET), line);
    }
    assertTrue(emulated.out().contains("/loop1 (loop)                ELOOP"), emulated.describe());
    assertTrue(emulated.out().contains("/chain4 (41 links)           ELOOP"), emulated.describe());
    assertTrue(emulated.out().contains("cwd after chdir(..) x10: /\n"), emulated.describe());
    try (Stream<Path> left = Files.list(root)) {
      assertEquals(List.of(root.resolve("prog")), left.toList(), "the program cleans up after itself");
    }

    RunResult nativeRun = chroot(root, "/prog", args, dir);
    Assumptions.assumeTrue(nativeRun != null, "this host does not let us chroot; the invariants above passed");
    assertEquals(nativeRun.out(), emulated.out(), "blink -C ROOT differs from chroot ROOT");
    assertEquals(nativeRun.status(), emulated.status());
  }

  @Test
  void overlaysAreSearchedInOrderAndCreateInTheFirstThatHasTheDirectory(@TempDir Path dir) throws Exception {
    Path a = overlayTree(dir);
    Path b = dir.resolve("b");
    Map<String, String> env = env(dir);
    env.put("BLINK_OVERLAYS", a + ":" + b);
    RunResult r = blink(Mode.DEFAULT, dir, env, "/prog", List.of("cat:/etc/both", "cat:/only/f",
        "write:/etc/created=new", "mkdir:/only/sub", "write:/only/sub/x=y", "cwd", "readlink:/proc/self/exe",
        "ls:/only"));
    assertEquals("""
        cat /etc/both: A
        cat /only/f: Bonly
        write /etc/created: ok
        mkdir /only/sub: ok
        write /only/sub/x: ok
        cwd: /
        readlink /proc/self/exe: /prog
        ls /only: . .. f sub
        """, r.out(), r.describe());
    assertEquals("new", Files.readString(a.resolve("etc/created")));
    assertEquals("y", Files.readString(b.resolve("only/sub/x")));
    assertFalse(Files.exists(b.resolve("etc/created")));
    assertFalse(Files.exists(a.resolve("only")));
  }

  @Test
  void relativeEntriesAreTakenFromTheStartingDirectory(@TempDir Path dir) throws Exception {
    overlayTree(dir);
    Map<String, String> env = env(dir);
    env.put("BLINK_OVERLAYS", "a:b");
    RunResult r = blink(Mode.DEFAULT, dir, env, "/prog", List.of("cat:/etc/both", "cat:/only/f"));
    assertEquals("cat /etc/both: A\ncat /only/f: Bonly\n", r.out(), r.describe());
  }

  @Test
  void anEmptyEntryIsTheHostRoot(@TempDir Path dir) throws Exception {
    Path a = overlayTree(dir);
    Map<String, String> env = env(dir);
    env.put("BLINK_OVERLAYS", ":" + dir.resolve("b"));
    // The host's "/" first: a host path works as is; what the host lacks comes from b.
    RunResult r = blink(Mode.DEFAULT, dir, env, "/prog",
        List.of("cat:" + a.resolve("etc/both"), "cat:/only/f"));
    assertEquals("cat " + a.resolve("etc/both") + ": A\ncat /only/f: Bonly\n", r.out(), r.describe());
  }

  @Test
  void theDefaultIsTheHostRootThenDotO(@TempDir Path dir) throws Exception {
    Files.createDirectories(dir.resolve("o/only-in-o"));
    Files.writeString(dir.resolve("o/only-in-o/f"), "from o\n");
    Path prog = TestPrograms.binary("musl", "vfs_tool");
    RunResult r = blink(Mode.DEFAULT, dir, env(dir), prog.toString(),
        List.of("cat:/only-in-o/f", "cat:" + dir.resolve("o/only-in-o/f"), "cwd"));
    assertEquals("cat /only-in-o/f: from o\ncat " + dir.resolve("o/only-in-o/f") + ": from o\ncwd: "
        + dir.toRealPath() + "\n", r.out(), r.describe());
  }

  @Test
  void chrootOptionOverridesOverlays(@TempDir Path dir) throws Exception {
    Path a = overlayTree(dir);
    Map<String, String> env = env(dir);
    env.put("BLINK_OVERLAYS", a.toString());
    RunResult r = blink(Mode.DEFAULT, dir, env, "-C", dir.resolve("b").toString(), "/prog",
        List.of("cat:/etc/both", "ls:/", "ls:/dev"));
    // Under a root of its own the guest lists only the provided /dev, not the host's.
    assertEquals("cat /etc/both: B\nls /: . .. etc only prog\n"
        + "ls /dev: . .. fd full null random stderr stdin stdout tty urandom zero\n", r.out(), r.describe());
  }

  @Test
  void blinkPrefixIsOneOverlayBeforeTheHostRoot(@TempDir Path dir) throws Exception {
    Path a = overlayTree(dir);
    Map<String, String> env = env(dir);
    env.put("BLINK_PREFIX", dir.resolve("b").toString());
    // The prefix first (its /etc/both and /only), then the host's own files.
    RunResult r = blink(Mode.DEFAULT, dir, env, "/prog",
        List.of("cat:/etc/both", "cat:/only/f", "cat:" + a.resolve("etc/both")));
    assertEquals("cat /etc/both: B\ncat /only/f: Bonly\ncat " + a.resolve("etc/both") + ": A\n", r.out(),
        r.describe());
    env.put("BLINK_OVERLAYS", a + ":");
    r = blink(Mode.DEFAULT, dir, env, dir.resolve("b/prog").toString(), List.of("cat:/etc/both"));
    assertEquals("cat /etc/both: A\n", r.out(), "BLINK_OVERLAYS wins over BLINK_PREFIX: " + r.describe());
  }

  @Test
  void aMissingRootIsAUsageError(@TempDir Path dir) throws Exception {
    RunResult r = blink(Mode.DEFAULT, dir, env(dir), "-C", dir.resolve("nonexistent").toString(), "/prog", List.of());
    assertEquals(Main.EXIT_USAGE, r.status(), r.describe());
    assertTrue(r.err().contains("no such directory"), r.describe());
  }

  /** dir/a/etc/both (A), dir/b/etc/both (B), dir/b/only/f, dir/b/prog (vfs_tool); returns dir/a. */
  private static Path overlayTree(Path dir) throws IOException {
    Path a = dir.resolve("a"), b = dir.resolve("b");
    Files.createDirectories(a.resolve("etc"));
    Files.createDirectories(b.resolve("etc"));
    Files.createDirectories(b.resolve("only"));
    Files.writeString(a.resolve("etc/both"), "A\n");
    Files.writeString(b.resolve("etc/both"), "B\n");
    Files.writeString(b.resolve("only/f"), "Bonly\n");
    Files.copy(TestPrograms.binary("musl", "vfs_tool"), b.resolve("prog"));
    return a;
  }

  private static Map<String, String> env(Path dir) {
    return new LinkedHashMap<>(TestPrograms.environment(dir));
  }

  /** Runs blink with one option (-C DIR), then the program and its arguments. */
  private static RunResult blink(Mode mode, Path cwd, Map<String, String> env, String opt, String value,
      String prog, List<String> args) throws IOException, InterruptedException {
    List<String> rest = new ArrayList<>(List.of(value, prog));
    rest.addAll(args);
    // Emulator.command puts its "program" right after the mode flags: here the option goes there.
    return Emulator.exec(Emulator.command(mode, Path.of(opt), rest), cwd, env, Emulator.TIMEOUT);
  }

  private static RunResult blink(Mode mode, Path cwd, Map<String, String> env, String prog, List<String> args)
      throws IOException, InterruptedException {
    return Emulator.exec(Emulator.command(mode, Path.of(prog), args), cwd, env, Emulator.TIMEOUT);
  }

  /** The program run natively under chroot(8), or null if the host does not allow it. */
  private static RunResult chroot(Path root, String prog, List<String> args, Path cwd)
      throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of("chroot", root.toString(), prog));
    cmd.addAll(args);
    RunResult r;
    try {
      r = Emulator.exec(cmd, cwd, env(cwd), Duration.ofSeconds(60));
    } catch (IOException e) {
      return null; // no chroot(8)
    }
    // chroot(8) exits 125 when it cannot chroot (EPERM without CAP_SYS_CHROOT).
    return r.status() == 125 || r.err().startsWith("chroot:") ? null : r;
  }
}
