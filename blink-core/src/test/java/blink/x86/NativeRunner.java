package blink.x86;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/**
 * The plumbing every differential test shares: a small C runner, compiled with
 * gcc at test time, reads one case per line on stdin and prints one result line
 * per case. A feeder thread writes the inputs while the caller consumes the
 * outputs, so neither pipe fills up.
 */
public final class NativeRunner {
  private NativeRunner() {}

  /** Compiles source (C, may contain top-level asm) to dir/name; null, with gcc's output printed, if it fails. */
  public static Path compile(Path dir, String name, String source) throws IOException, InterruptedException {
    Path src = dir.resolve(name + ".c"), exe = dir.resolve(name);
    Files.writeString(src, source);
    Process cc = new ProcessBuilder("gcc", "-O1", "-o", exe.toString(), src.toString())
        .redirectErrorStream(true).start();
    String msg = new String(cc.getInputStream().readAllBytes());
    if (cc.waitFor() != 0) {
      System.err.println(msg);
      return null;
    }
    return exe;
  }

  /** Runs exe once over all inputs, handing each output line (null after a runner crash) to sink in order. */
  public static void run(Path exe, List<String> inputs, Consumer<String> sink) throws IOException, InterruptedException {
    try {
      run(exe, List.of(), null, inputs, sink);
    } catch (NotReady e) {
      throw new IllegalStateException("no ready line was asked for", e);
    }
  }

  /** The runner's first line was not the one it prints when it can run the cases; the message is that line. */
  public static final class NotReady extends Exception {
    public NotReady(String line) {
      super(line == null ? "runner died" : line);
    }
  }

  /**
   * Runs exe with args over all inputs. With a readyLine, the runner's first output
   * line must be exactly that (anything else, such as the reason it cannot run
   * here, is thrown as {@link NotReady}); the lines after it go to sink.
   */
  public static void run(Path exe, List<String> args, String readyLine, List<String> inputs, Consumer<String> sink)
      throws IOException, InterruptedException, NotReady {
    List<String> cmd = new java.util.ArrayList<>();
    cmd.add(exe.toString());
    cmd.addAll(args);
    Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    Thread feeder = new Thread(() -> {
      try (PrintWriter w = new PrintWriter(new BufferedWriter(new OutputStreamWriter(p.getOutputStream()), 1 << 16))) {
        for (String line : inputs) w.println(line);
      }
    });
    feeder.start();
    try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream()), 1 << 16)) {
      if (readyLine != null) {
        String first = out.readLine();
        if (!readyLine.equals(first)) throw new NotReady(first);
      }
      for (int k = 0; k < inputs.size(); k++) sink.accept(out.readLine());
    } finally {
      p.destroy();
      feeder.join();
    }
  }
}
