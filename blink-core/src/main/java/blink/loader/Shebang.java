package blink.loader;

import java.nio.charset.StandardCharsets;

/**
 * The "#!" line of an interpreter script, split as Linux's binfmt_script does:
 * the interpreter is the first word after "#!" (spaces and tabs skipped), the
 * optional argument everything after it up to the end of the line with outer
 * blanks trimmed (one argument, blanks inside kept). Only the first
 * {@link #LINE_MAX} bytes are looked at.
 *
 * @param interpreter the interpreter's path (Latin-1 string of its raw bytes)
 * @param argument the optional argument, or null
 */
public record Shebang(String interpreter, String argument) {
  /** exec_binprm(): at most this many "#!" rewrites before the program that runs (ELOOP beyond). */
  public static final int MAX_REWRITES = 5;
  /** BINPRM_BUF_SIZE: how much of the file the kernel reads for the line. */
  public static final int LINE_MAX = 256;

  /** Whether the file starts with "#!". */
  public static boolean is(byte[] image) {
    return image.length >= 2 && image[0] == '#' && image[1] == '!';
  }

  /**
   * The interpreter line of image, or null when it has none ("#!" followed by
   * nothing but blanks: ENOEXEC). A line cut off at LINE_MAX bytes is refused
   * (ENOEXEC) only if the interpreter name itself does not fit, as since Linux 5.1.
   */
  public static Shebang parse(byte[] image) {
    if (!is(image)) return null;
    int limit = Math.min(image.length, LINE_MAX);
    int end = 2;
    while (end < limit && image[end] != '\n') end++;
    boolean truncated = end == limit && end < image.length && image[end] != '\n';
    int i = 2;
    while (i < end && blank(image[i])) i++;
    if (i == end) return null;
    int nameStart = i;
    while (i < end && !blank(image[i]) && image[i] != 0) i++;
    if (truncated && i == end) return null; // the interpreter name does not fit
    String interp = new String(image, nameStart, i - nameStart, StandardCharsets.ISO_8859_1);
    while (i < end && blank(image[i])) i++;
    int argEnd = end;
    while (argEnd > i && blank(image[argEnd - 1])) argEnd--;
    for (int k = i; k < argEnd; k++) {
      if (image[k] == 0) {
        argEnd = k;
        break;
      }
    }
    String arg = argEnd > i ? new String(image, i, argEnd - i, StandardCharsets.ISO_8859_1) : null;
    return new Shebang(interp, arg);
  }

  /**
   * The interpreter's argv for a script run with argv: the interpreter, its
   * optional argument, the script's path as it was given, then argv[1..]
   * (argv[0] is dropped, as binfmt_script does).
   */
  public java.util.List<String> argv(String scriptPath, java.util.List<String> argv) {
    java.util.List<String> next = new java.util.ArrayList<>();
    next.add(interpreter);
    if (argument != null) next.add(argument);
    next.add(scriptPath);
    if (!argv.isEmpty()) next.addAll(argv.subList(1, argv.size()));
    return next;
  }

  private static boolean blank(byte b) {
    return b == ' ' || b == '\t';
  }
}
