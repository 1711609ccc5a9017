package blink.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The x86-64 programs that test-programs/ builds (see its Makefile):
 * {@code build/glibc/NAME} and {@code build/musl/NAME} from {@code src/NAME.c},
 * {@code build/asm/NAME} from {@code src/NAME.S}; a few also as {@code build/pie/NAME}
 * (static-PIE), {@code build/dyn/NAME} and {@code build/dynmusl/NAME} (dynamically
 * linked against the host's glibc and musl). Optional {@code src/NAME.args}
 * holds the program's arguments, one per line (an empty line is an empty argument).
 *
 * <p>System properties: {@code blink.test.programsDir} (where test-programs/ is,
 * default: found by walking up from the working directory),
 * {@code blink.test.programs} (comma-separated globs of program names to run,
 * e.g. {@code alu_*,hello}), {@code blink.test.variants} (comma-separated subset
 * of glibc,musl,asm,pie,dyn,dynmusl).
 */
public final class TestPrograms {
  /** One built program. */
  public record Program(String variant, String name, Path path, List<String> args) {
    @Override
    public String toString() {
      return variant + "/" + name;
    }
  }

  public static final List<String> VARIANTS = List.of("glibc", "musl", "asm", "pie", "dyn", "dynmusl");

  private TestPrograms() {}

  /** The test-programs directory. */
  public static Path dir() {
    String configured = System.getProperty("blink.test.programsDir");
    if (configured != null && !configured.isBlank()) return Path.of(configured).toAbsolutePath().normalize();
    for (Path p = Path.of(System.getProperty("user.dir")).toAbsolutePath(); p != null; p = p.getParent()) {
      Path candidate = p.resolve("test-programs");
      if (Files.isRegularFile(candidate.resolve("Makefile"))) return candidate;
    }
    throw new IllegalStateException("cannot find test-programs/ above " + System.getProperty("user.dir")
        + " (set -Dblink.test.programsDir)");
  }

  /** The repository root (the directory holding test-programs/). */
  public static Path root() {
    return dir().getParent();
  }

  /** A built program by variant and name, e.g. {@code ("glibc", "hello")}. */
  public static Path binary(String variant, String name) {
    Path p = dir().resolve("build").resolve(variant).resolve(name);
    if (!Files.isExecutable(p)) {
      throw new IllegalStateException(p + " is missing: build it with `make -C " + dir() + "` "
          + "(the test-programs module does that during the Maven build)");
    }
    return p;
  }

  /** Every built program, filtered by the system properties; fails if none is built. */
  public static List<Program> all() {
    Path build = dir().resolve("build");
    List<String> variants = listProperty("blink.test.variants", VARIANTS);
    List<PathMatcher> globs = listProperty("blink.test.programs", List.of("*")).stream()
        .map(g -> FileSystems.getDefault().getPathMatcher("glob:" + g)).toList();
    List<Program> out = new ArrayList<>();
    for (String v : variants) {
      Path d = build.resolve(v);
      if (!Files.isDirectory(d)) continue;
      try (Stream<Path> files = Files.list(d)) {
        for (Path f : files.sorted(Comparator.comparing(Path::toString)).toList()) {
          String name = f.getFileName().toString();
          if (!Files.isRegularFile(f) || !Files.isExecutable(f)) continue;
          if (globs.stream().noneMatch(m -> m.matches(Path.of(name)))) continue;
          // a binary whose source is gone is stale output, not a test
          if (!Files.isRegularFile(dir().resolve("src").resolve(name + (v.equals("asm") ? ".S" : ".c")))) continue;
          out.add(new Program(v, name, f, args(name)));
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    if (out.isEmpty()) {
      throw new IllegalStateException("no test programs under " + build + " (variants " + variants
          + ", programs " + System.getProperty("blink.test.programs", "*") + "); build them with `make -C "
          + dir() + "`");
    }
    return out;
  }

  /** Arguments from src/NAME.args: one per line; no file, no arguments. */
  public static List<String> args(String name) {
    Path f = dir().resolve("src").resolve(name + ".args");
    if (!Files.isRegularFile(f)) return List.of();
    try {
      String text = Files.readString(f, StandardCharsets.UTF_8);
      if (text.endsWith("\n")) text = text.substring(0, text.length() - 1);
      if (text.isEmpty()) return List.of();
      return List.of(text.split("\n", -1));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The small fixed environment every compared run gets (the same natively and
   * under the emulator); HOME and TMPDIR point at the run's working directory.
   */
  public static Map<String, String> environment(Path workDir) {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("PATH", "/usr/local/bin:/usr/bin:/bin");
    env.put("HOME", workDir.toString());
    env.put("TMPDIR", workDir.toString());
    env.put("LANG", "C");
    env.put("TZ", "UTC");
    env.put("TEST", "blink-differential-test");
    return env;
  }

  private static List<String> listProperty(String key, List<String> fallback) {
    String v = System.getProperty(key, "").trim();
    if (v.isEmpty()) return fallback;
    return Arrays.stream(v.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
  }
}
