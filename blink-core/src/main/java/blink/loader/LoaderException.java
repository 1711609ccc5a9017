package blink.loader;

/** A program that cannot be loaded; the message is one line for the user. */
public final class LoaderException extends Exception {
  public LoaderException(String message) {
    super(message, null, false, false);
  }
}
