package blink.cli;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Runs programs natively and under the emulator, for tests that compare the two.
 *
 * <p>The emulator is {@code blink.cli.Main} in a fresh JVM (the test JVM's own
 * {@code java} and class path), started with the options the {@code ./blink}
 * launcher uses. Every run gets exactly the environment it is given, stdin from
 * /dev/null, both outputs drained concurrently, and a time limit after which the
 * process tree is killed and the result marked {@link RunResult#timedOut()}.
 *
 * <p>System properties (pass them to Maven with {@code -D}):
 * <ul>
 *   <li>{@code blink.test.emulator}: a command prefix to use instead of the JVM,
 *       split on blanks (e.g. {@code qemu-x86_64}, or {@code ./blink} for the
 *       packaged launcher); mode flags are still appended for {@link Mode#INTERPRETER}.
 *   <li>{@code blink.test.jvmArgs}: extra JVM options for the emulator, split on blanks.
 *   <li>{@code blink.test.timeout}: seconds per emulator run (default 120).
 * </ul>
 */
public final class Emulator {
  /** How the emulator executes guest code. */
  public enum Mode {
    /** {@code -j}: the interpreter only, no JIT. */
    INTERPRETER("interpreter", "-j"),
    /** No flags: the default (JIT) configuration. */
    DEFAULT("default");

    public final String label;
    public final List<String> flags;

    Mode(String label, String... flags) {
      this.label = label;
      this.flags = List.of(flags);
    }
  }

  /** JVM options of the emulator process; the same as the ./blink launcher's. */
  public static final List<String> JVM_OPTIONS = List.of(
      "--enable-native-access=ALL-UNNAMED",
      "--add-opens", "java.base/java.io=ALL-UNNAMED",
      "-Djnr.ffi.x86asm.enabled=false",
      // the JVM's own messages must not be mistaken for the guest's output
      "-Xlog:disable", "-Xlog:all=warning:stderr");

  public static final String MAIN_CLASS = "blink.cli.Main";

  /** Time limit for one emulator run. */
  public static final Duration TIMEOUT =
      Duration.ofSeconds(Long.getLong("blink.test.timeout", 120));

  /** Time limit for one native run (the programs take well under a second). */
  public static final Duration NATIVE_TIMEOUT = Duration.ofSeconds(60);

  private Emulator() {}

  /** The command line that runs {@code program args} under the emulator in {@code mode}. */
  public static List<String> command(Mode mode, Path program, List<String> args) {
    List<String> cmd = new ArrayList<>();
    String override = System.getProperty("blink.test.emulator", "").trim();
    if (!override.isEmpty()) {
      cmd.addAll(Arrays.asList(override.split("\\s+")));
    } else {
      cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      cmd.addAll(JVM_OPTIONS);
      String extra = System.getProperty("blink.test.jvmArgs", "").trim();
      if (!extra.isEmpty()) cmd.addAll(Arrays.asList(extra.split("\\s+")));
      cmd.add("-cp");
      cmd.add(classPath());
      cmd.add(MAIN_CLASS);
    }
    cmd.addAll(mode.flags);
    cmd.add(program.toString());
    cmd.addAll(args);
    return cmd;
  }

  /** Runs {@code program args} under the emulator. */
  public static RunResult run(Mode mode, Path program, List<String> args, Path cwd, Map<String, String> env)
      throws IOException, InterruptedException {
    return exec(command(mode, program, args), cwd, env, TIMEOUT);
  }

  /** Runs {@code program args} directly on the host. */
  public static RunResult runNative(Path program, List<String> args, Path cwd, Map<String, String> env)
      throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>();
    cmd.add(program.toString());
    cmd.addAll(args);
    return exec(cmd, cwd, env, NATIVE_TIMEOUT);
  }

  /**
   * Runs {@code command} in {@code cwd} with exactly {@code env}, stdin from
   * /dev/null; kills the process and its descendants after {@code timeout}.
   */
  public static RunResult exec(List<String> command, Path cwd, Map<String, String> env, Duration timeout)
      throws IOException, InterruptedException {
    return exec(command, cwd, env, timeout, Path.of("/dev/null"));
  }

  /** As {@link #exec(List, Path, Map, Duration)}, with stdin read from the file {@code stdin}. */
  public static RunResult exec(List<String> command, Path cwd, Map<String, String> env, Duration timeout, Path stdin)
      throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder(command);
    pb.directory(cwd.toFile());
    pb.environment().clear();
    pb.environment().putAll(env);
    pb.redirectInput(ProcessBuilder.Redirect.from(stdin.toFile()));
    long start = System.nanoTime();
    Process p = pb.start();
    CompletableFuture<byte[]> out = drain(p.getInputStream());
    CompletableFuture<byte[]> err = drain(p.getErrorStream());
    boolean finished = p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    if (!finished) {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
      p.waitFor(10, TimeUnit.SECONDS);
    }
    Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
    byte[] o = join(out), e = join(err);
    return new RunResult(List.copyOf(command), finished ? p.exitValue() : -1, o, e, !finished, elapsed);
  }

  /** The class path that has blink.cli.Main and its dependencies: the test JVM's own. */
  static String classPath() {
    // Surefire may start the test JVM with a manifest-only jar; it then records
    // the real test class path in this property.
    String cp = System.getProperty("surefire.test.class.path");
    if (cp == null || cp.isBlank()) cp = System.getProperty("java.class.path");
    return cp;
  }

  private static CompletableFuture<byte[]> drain(InputStream in) {
    CompletableFuture<byte[]> f = new CompletableFuture<>();
    Thread t = new Thread(() -> {
      try (in) {
        f.complete(in.readAllBytes());
      } catch (IOException ex) {
        f.completeExceptionally(ex);
      }
    }, "drain");
    t.setDaemon(true);
    t.start();
    return f;
  }

  private static byte[] join(CompletableFuture<byte[]> f) throws InterruptedException {
    try {
      // after a kill, descendants holding the pipe open may keep it from closing
      return f.get(30, TimeUnit.SECONDS);
    } catch (ExecutionException ex) {
      throw new UncheckedIOException(new IOException("reading process output", ex.getCause()));
    } catch (java.util.concurrent.TimeoutException ex) {
      return "<output stream did not close>".getBytes();
    }
  }
}
