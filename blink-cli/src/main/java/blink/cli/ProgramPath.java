package blink.cli;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the program to run: a name with a slash is a path; otherwise $PATH is searched (execvp(3)). */
final class ProgramPath {
  private ProgramPath() {}

  static Path resolve(String prog) {
    return resolve(prog, Path::of);
  }

  /**
   * As {@link #resolve(String)}, with names taken as the guest's: locate turns a
   * guest path into its host file, or null.
   */
  static Path resolve(String prog, java.util.function.Function<String, Path> locate) {
    if (prog.contains("/")) {
      return locate.apply(prog);
    }
    String path = System.getenv("PATH");
    if (path == null) path = "/usr/local/bin:/usr/bin:/bin";
    for (String dir : path.split(":", -1)) {
      Path p = locate.apply((dir.isEmpty() ? "." : dir) + "/" + prog);
      if (p != null && Files.isRegularFile(p) && Files.isExecutable(p)) return p;
    }
    // Like Blink, a bare name that is a file in the current directory still runs.
    Path here = locate.apply(prog);
    return here != null && Files.isRegularFile(here) ? here : null;
  }
}
