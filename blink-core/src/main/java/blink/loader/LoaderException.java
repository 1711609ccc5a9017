package blink.loader;

/** A program that cannot be loaded; the message is one line for the user. */
public final class LoaderException extends Exception {
  private final boolean missingFile;

  public LoaderException(String message) {
    this(message, false);
  }

  /** missingFile: a file the program needs does not exist (execve's ENOENT, a shell's status 127). */
  public LoaderException(String message, boolean missingFile) {
    super(message, null, false, false);
    this.missingFile = missingFile;
  }

  public boolean missingFile() {
    return missingFile;
  }
}
