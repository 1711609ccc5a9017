package blink.cli;

import org.slf4j.LoggerFactory;

/**
 * Where the emulator's own log goes: -L PATH, else $BLINK_LOG_FILENAME, else
 * ${TMPDIR:-/tmp}/blink.log, created only when something is first logged; -e also
 * copies it to stderr. Logback is configured by {@link LogConfigurator} when the
 * first logger is asked for, so a run that logs nothing pays nothing.
 */
public final class Log {
  private Log() {}

  static volatile String path;
  static volatile boolean alsoStderr;

  static void configure(String flagPath, boolean stderr) {
    String p = flagPath;
    if (p == null) p = System.getenv("BLINK_LOG_FILENAME");
    if (p == null || p.isEmpty()) {
      String tmp = System.getenv("TMPDIR");
      p = (tmp == null || tmp.isEmpty() ? "/tmp" : tmp) + "/blink.log";
    }
    path = p;
    alsoStderr = stderr;
  }

  static String path() {
    if (path == null) configure(null, false);
    return path;
  }

  static void warn(String message) {
    LoggerFactory.getLogger("blink").warn(message);
  }

  /** One line of the -s system call trace. */
  static void strace(String line) {
    LoggerFactory.getLogger("strace").info(line);
  }

  static void error(String message, Throwable t) {
    LoggerFactory.getLogger("blink").error(message, t);
  }
}
