package blink.cli;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * The program file blink was asked to run, found through the guest's roots and
 * read; or why it could not be, with the exit status a shell would give (127
 * for a missing file, 126 for one that cannot be executed).
 */
record Program(Path path, byte[] image, String error, int status) {
  static Program read(String prog, FileSystemRoots fs) {
    Path path = ProgramPath.resolve(prog, fs::locate);
    if (path == null && prog.contains("/")) return failure("no such file or directory", 127);
    if (path == null) return failure(null, 127);
    try {
      if (Files.isDirectory(path)) return failure("is a directory", 126);
      return new Program(path, Files.readAllBytes(path), null, 0);
    } catch (NoSuchFileException e) {
      return failure("no such file or directory", 127);
    } catch (AccessDeniedException e) {
      return failure("permission denied", 126);
    } catch (IOException e) {
      return failure(e.getMessage(), 126);
    }
  }

  private static Program failure(String error, int status) {
    return new Program(null, null, error == null ? "" : error, status);
  }

  /** Says why on stderr in one line and returns the exit status. */
  int fail(String prog) {
    System.err.println(error.isEmpty() ? "blink: command not found: " + prog : "blink: " + prog + ": " + error);
    return status;
  }
}
