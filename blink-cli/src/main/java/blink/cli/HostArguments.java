package blink.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The command-line arguments as the raw bytes the host passed, one Latin-1 char
 * per byte. The JVM decodes argv with the locale's charset (ASCII under LANG=C),
 * which would lose bytes that a guest program must see unchanged.
 */
final class HostArguments {
  private HostArguments() {}

  static String[] raw(String[] args) {
    try {
      // proc(5): /proc/self/cmdline is the NUL-separated argv; ours end with args.
      List<String> all = nulTerminated(Files.readAllBytes(Path.of("/proc/self/cmdline")));
      if (all.size() < args.length) return args;
      String[] out = all.subList(all.size() - args.length, all.size()).toArray(new String[0]);
      for (int k = 0; k < args.length; k++) {
        // Only trust the match if every pure-ASCII argument agrees.
        if (args[k].chars().allMatch(c -> c < 128) && !args[k].equals(out[k])) return args;
      }
      return out;
    } catch (IOException | RuntimeException e) {
      return args;
    }
  }

  /** Splits NUL-terminated strings (as /proc/self/cmdline and environ hold them), one Latin-1 char per byte. */
  static List<String> nulTerminated(byte[] b) {
    List<String> out = new ArrayList<>();
    int start = 0;
    for (int k = 0; k <= b.length; k++) {
      if (k == b.length ? k > start : b[k] == 0) {
        out.add(new String(b, start, k - start, StandardCharsets.ISO_8859_1));
        start = k + 1;
      }
    }
    return out;
  }
}
