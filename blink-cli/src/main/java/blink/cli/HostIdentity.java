package blink.cli;

import blink.loader.Credentials;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The host user's ids, read without native calls (start-up must stay cheap). */
final class HostIdentity {
  private HostIdentity() {}

  static Credentials credentials() {
    long uid = 0, euid = 0, gid = 0, egid = 0;
    try {
      // proc(5): "Uid: real effective saved fs", same for "Gid:".
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("Uid:")) {
          String[] f = line.substring(4).trim().split("\\s+");
          uid = Long.parseLong(f[0]);
          euid = Long.parseLong(f[1]);
        } else if (line.startsWith("Gid:")) {
          String[] f = line.substring(4).trim().split("\\s+");
          gid = Long.parseLong(f[0]);
          egid = Long.parseLong(f[1]);
        }
      }
    } catch (IOException | RuntimeException e) {
      // Not Linux: fall back to the JDK's view of the user.
      try {
        com.sun.security.auth.module.UnixSystem u = new com.sun.security.auth.module.UnixSystem();
        uid = euid = u.getUid();
        gid = egid = u.getGid();
      } catch (Throwable ignored) {
        // leave zeros
      }
    }
    return new Credentials(uid, euid, gid, egid);
  }
}
