package blink.cli;

/**
 * Parses Blink's flags the way getopt(3) does with the option string
 * "hvejms0ZL:C:": flags may be clustered (-je), an option's argument may be
 * attached (-Lfile) or follow (-L file), "--" ends the flags, and parsing stops
 * at the first argument that is not a flag (PROG). Written by hand rather than
 * through picocli's reflective model because it runs on every start-up;
 * picocli still renders the help ({@link Options}).
 */
final class OptionParser {
  private OptionParser() {}

  /** A bad command line; the message is one line for the user. */
  static final class UsageException extends Exception {
    UsageException(String message) {
      super(message, null, false, false);
    }
  }

  static Options parse(String[] args) throws UsageException {
    Options o = new Options();
    int k = 0;
    while (k < args.length) {
      String a = args[k];
      if (a.equals("--")) {
        k++;
        break;
      }
      if (a.length() < 2 || a.charAt(0) != '-') break;
      k++;
      for (int j = 1; j < a.length(); j++) {
        char f = a.charAt(j);
        switch (f) {
          case 'h': o.help = true; break;
          case 'v': o.version = true; break;
          case 'e': o.logToStderr = true; break;
          case 'j': o.noJit = true; break;
          case 'm': o.noLinear = true; break;
          case '0': o.argvZero = true; break;
          case 's': o.strace++; break;
          case 'Z': o.statistics = true; break;
          case 'L': case 'C': {
            String value;
            if (j + 1 < a.length()) {
              value = a.substring(j + 1);
            } else if (k < args.length) {
              value = args[k++];
            } else {
              throw new UsageException("option requires an argument -- '" + f + "'");
            }
            if (f == 'L') o.logPath = value;
            else o.overlays = value;
            j = a.length();
            break;
          }
          default: throw new UsageException("invalid option -- '" + f + "'");
        }
      }
    }
    for (; k < args.length; k++) o.program.add(args[k]);
    return o;
  }
}
