package blink.cli;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/**
 * What one process run produced: its exit status (128+N when killed by signal N,
 * as {@link Process#exitValue()} reports it), both output streams as raw bytes,
 * whether it was killed for running past its time limit, and the command that
 * ran (for messages).
 */
public record RunResult(List<String> command, int status, byte[] stdout, byte[] stderr, boolean timedOut,
                        Duration elapsed) {

  /** stdout decoded byte-for-byte (ISO-8859-1), so no input is ever lost or replaced. */
  public String out() {
    return new String(stdout, StandardCharsets.ISO_8859_1);
  }

  /** stderr decoded byte-for-byte (ISO-8859-1). */
  public String err() {
    return new String(stderr, StandardCharsets.ISO_8859_1);
  }

  /** Whether the process died of a signal, as a shell would tell. */
  public boolean signaled() {
    return status > 128;
  }

  /** A short multi-line description for failure messages. */
  public String describe() {
    StringBuilder b = new StringBuilder();
    b.append("  command:");
    for (String arg : command) {
      // the emulator's class path is long and always the test JVM's own
      boolean classPath = arg.length() > 200 && arg.contains(java.io.File.pathSeparator);
      b.append(' ').append(classPath ? "<test class path>" : arg);
    }
    b.append('\n');
    b.append("  status: ").append(status).append(timedOut ? " (killed after time limit)" : "")
        .append(", ").append(elapsed.toMillis()).append(" ms\n");
    b.append("  stdout: ").append(stdout.length).append(" bytes\n");
    b.append("  stderr: ").append(stderr.length).append(" bytes").append(stderr.length > 0 ? ":\n" : "\n");
    if (stderr.length > 0) b.append(OutputDiff.excerpt(err(), 25, "    | "));
    return b.toString();
  }
}
