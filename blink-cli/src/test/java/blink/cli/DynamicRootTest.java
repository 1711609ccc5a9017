package blink.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import blink.cli.Emulator.Mode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A dynamic program under {@code -C ROOT} gets its dynamic loader (PT_INTERP)
 * and libraries from ROOT, not from the host: with them copied in it prints
 * what it prints natively; with the loader missing, execve's ENOENT (status 127).
 */
class DynamicRootTest {
  /** A variant of test-programs, its PT_INTERP, and the libraries it needs (host paths = guest paths). */
  record Libc(String variant, String loader, List<String> libraries) {
    @Override
    public String toString() {
      return variant;
    }
  }

  static final List<Libc> LIBCS = List.of(
      new Libc("dyn", "/lib64/ld-linux-x86-64.so.2",
          List.of("/lib/x86_64-linux-gnu/libc.so.6", "/lib/x86_64-linux-gnu/libm.so.6")),
      new Libc("dynmusl", "/lib/ld-musl-x86_64.so.1", List.of()));

  record Case(Libc libc, Mode mode) {
    @Override
    public String toString() {
      return libc + " (" + mode.label + ")";
    }
  }

  static List<Case> cases() {
    List<Case> out = new ArrayList<>();
    for (Libc l : LIBCS) {
      for (Mode m : ProgramTest.modes()) out.add(new Case(l, m));
    }
    return out;
  }

  private static Path root(Path work, Libc libc, boolean withLoader) throws Exception {
    Path root = work.resolve("root");
    List<String> files = new ArrayList<>(libc.libraries());
    if (withLoader) files.add(libc.loader());
    for (String f : files) {
      Path host = Path.of(f);
      assumeTrue(Files.exists(host), f + " is not installed on this host");
      Path copy = root.resolve(f.substring(1));
      Files.createDirectories(copy.getParent());
      Files.copy(host.toRealPath(), copy);
    }
    Path bin = Files.createDirectories(root.resolve("bin"));
    Files.copy(TestPrograms.binary(libc.variant(), "hello"), bin.resolve("hello"));
    return root;
  }

  /** blink [mode flags] -C ROOT /bin/hello. */
  private static List<String> command(Mode mode, Path root) {
    List<String> cmd = new ArrayList<>(Emulator.command(mode, Path.of("/bin/hello"), List.of()));
    cmd.addAll(cmd.size() - 1, List.of("-C", root.toString()));
    return cmd;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void loadsTheRootsLoader(Case c, @TempDir Path work) throws Exception {
    Path root = root(work, c.libc(), true);
    Map<String, String> env = TestPrograms.environment(work);
    RunResult expected = Emulator.runNative(TestPrograms.binary(c.libc().variant(), "hello"), List.of(), work, env);
    RunResult actual = Emulator.exec(command(c.mode(), root), work, env, Emulator.TIMEOUT);
    assertEquals(expected.status(), actual.status(), actual.describe());
    assertEquals(expected.out(), actual.out(), actual.describe());
    assertEquals(expected.err(), actual.err(), actual.describe());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void aRootWithoutTheLoaderIsENOENT(Case c, @TempDir Path work) throws Exception {
    Path root = root(work, c.libc(), false);
    RunResult actual = Emulator.exec(command(c.mode(), root), work, TestPrograms.environment(work), Emulator.TIMEOUT);
    assertEquals(127, actual.status(), actual.describe());
    assertEquals("", actual.out());
    assertTrue(actual.err().contains(c.libc().loader() + ": no such file or directory"), actual.describe());
  }
}
