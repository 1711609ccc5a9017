package blink.cli;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the program to run: a name with a slash is a path; otherwise $PATH is searched (execvp(3)). */
final class ProgramPath {
  private ProgramPath() {}

  static Path resolve(String prog) {
    if (prog.contains("/")) return Path.of(prog);
    String path = System.getenv("PATH");
    if (path == null) path = "/usr/local/bin:/usr/bin:/bin";
    for (String dir : path.split(":", -1)) {
      Path p = Path.of(dir.isEmpty() ? "." : dir, prog);
      if (Files.isRegularFile(p) && Files.isExecutable(p)) return p;
    }
    // Like Blink, a bare name that is a file in the current directory still runs.
    Path here = Path.of(prog);
    return Files.isRegularFile(here) ? here : null;
  }
}
