package blink.x86;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** What the differential tests need to know about the host: can it run x86-64 code we compile, and which CPU features it has. */
public final class HostCpu {
  private HostCpu() {}

  private static final String FLAGS = readFlags();

  /** An x86-64 Linux host with gcc: native runners can be built and run. */
  public static boolean canRunNative() {
    String os = System.getProperty("os.name", ""), arch = System.getProperty("os.arch", "");
    if (!os.toLowerCase().contains("linux") || !(arch.equals("amd64") || arch.equals("x86_64"))) return false;
    try {
      return new ProcessBuilder("gcc", "--version").redirectErrorStream(true).start().waitFor(30, TimeUnit.SECONDS);
    } catch (IOException | InterruptedException e) {
      return false;
    }
  }

  /** Whether /proc/cpuinfo lists the feature flag (e.g. "bmi2", "popcnt"). */
  public static boolean has(String flag) {
    return FLAGS.contains(" " + flag + " ");
  }

  private static String readFlags() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
        if (line.startsWith("flags")) return " " + line.substring(line.indexOf(':') + 1).trim() + " ";
      }
    } catch (IOException e) {
      return "";
    }
    return "";
  }
}
