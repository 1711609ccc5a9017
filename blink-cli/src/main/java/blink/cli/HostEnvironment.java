package blink.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The environment to hand the guest, in the order and the bytes the host process received it (one Latin-1 char per byte). */
final class HostEnvironment {
  private HostEnvironment() {}

  static List<String> inOrder() {
    try {
      // proc(5): /proc/self/environ holds the initial environment, NUL-separated, in order.
      return HostArguments.nulTerminated(Files.readAllBytes(Path.of("/proc/self/environ")));
    } catch (IOException | RuntimeException e) {
      // Not Linux: the JDK's map has no order, but it has the contents.
      List<String> env = new ArrayList<>();
      for (Map.Entry<String, String> e2 : System.getenv().entrySet()) env.add(e2.getKey() + "=" + e2.getValue());
      return env;
    }
  }
}
