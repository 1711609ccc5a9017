package blink.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The environment to hand the guest, in the order and the bytes the host process received it (one Latin-1 char per byte). */
final class HostEnvironment {
  private HostEnvironment() {}

  static List<String> inOrder() {
    List<String> env = new ArrayList<>();
    try {
      // proc(5): /proc/self/environ holds the initial environment, NUL-separated, in order.
      byte[] raw = Files.readAllBytes(Path.of("/proc/self/environ"));
      int start = 0;
      for (int k = 0; k < raw.length; k++) {
        if (raw[k] == 0) {
          if (k > start) env.add(new String(raw, start, k - start, StandardCharsets.ISO_8859_1));
          start = k + 1;
        }
      }
      if (start < raw.length) env.add(new String(raw, start, raw.length - start, StandardCharsets.ISO_8859_1));
      return env;
    } catch (IOException | RuntimeException e) {
      // Not Linux: the JDK's map has no order, but it has the contents.
      for (Map.Entry<String, String> e2 : System.getenv().entrySet()) env.add(e2.getKey() + "=" + e2.getValue());
      return env;
    }
  }
}
