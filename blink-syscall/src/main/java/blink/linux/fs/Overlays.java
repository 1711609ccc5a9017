package blink.linux.fs;

import blink.linux.host.Scratch;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Blink's overlay spec (BLINK_OVERLAYS, or -C, which is the same and wins): a
 * colon-separated list of host directories that together are the guest's "/",
 * searched left to right. An empty entry is the host's own "/"; a relative entry
 * is taken from the directory blink started in. The default ":o" is the host's
 * "/", then ./o. A single entry other than "" makes a chroot.
 */
public final class Overlays {
  private Overlays() {}

  /** Blink's default: the host's root, then ./o. */
  public static final String DEFAULT = ":o";

  /** The spec's entries as absolute, normalised host paths ("" becomes "/"). */
  public static List<String> parse(String spec, String cwd) {
    List<String> out = new ArrayList<>();
    for (String e : spec.split(":", -1)) {
      Path p = e.isEmpty() ? Path.of("/") : Path.of(cwd).resolve(e).normalize();
      out.add(p.toString());
    }
    return out;
  }

  /**
   * Opens the entries that are directories, by their real paths, in order; the
   * others are left out (./o of the default usually does not exist).
   */
  public static List<Root> open(List<String> entries, Scratch scratch) {
    List<Root> roots = new ArrayList<>();
    for (String e : entries) {
      try {
        Path real = Path.of(e).toRealPath();
        if (!Files.isDirectory(real)) continue;
        String s = real.toString();
        if (roots.stream().anyMatch(r -> r.hostPath.equals(s))) continue;
        roots.add(Root.open(s, scratch));
      } catch (IOException | RuntimeException ignored) {
        // Missing or unreadable: not part of the guest's file system.
      }
    }
    return roots;
  }
}
