package blink.linux.ipc;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The limits of svipc(7), taken from the host's /proc/sys/kernel (so the guest
 * sees what a native program would), else Linux's defaults (linux/sem.h,
 * linux/msg.h, linux/shm.h).
 */
public final class IpcLimits {
  /** sem: SEMMSL SEMMNS SEMOPM SEMMNI. */
  public final int semmsl, semmns, semopm, semmni;
  public static final int SEMVMX = 32767, SEMAEM = SEMVMX, SEMUSZ = 20;
  public final int msgmax, msgmnb, msgmni;
  public static final int MSGSSZ = 16;
  public final long shmmax, shmall;
  public final int shmmni;
  public static final int SHMMIN = 1;

  IpcLimits() {
    long[] sem = read("sem", new long[] {32000, 1024000000, 500, 32000});
    semmsl = (int) sem[0];
    semmns = (int) sem[1];
    semopm = (int) sem[2];
    semmni = (int) sem[3];
    msgmax = (int) read("msgmax", new long[] {8192})[0];
    msgmnb = (int) read("msgmnb", new long[] {16384})[0];
    msgmni = (int) read("msgmni", new long[] {32000})[0];
    shmmax = read("shmmax", new long[] {-1L - (1L << 24)})[0];
    shmall = read("shmall", new long[] {-1L - (1L << 24)})[0];
    shmmni = (int) read("shmmni", new long[] {4096})[0];
  }

  private static long[] read(String name, long[] defaults) {
    try {
      // Not Files.readString: it trusts the size a /proc file reports (0) and reads too little.
      String text;
      try (var in = Files.newBufferedReader(Path.of("/proc/sys/kernel", name))) {
        text = in.readLine();
      }
      String[] f = text.trim().split("\\s+");
      if (f.length != defaults.length) return defaults;
      long[] v = new long[f.length];
      for (int i = 0; i < f.length; i++) v[i] = Long.parseUnsignedLong(f[i]);
      return v;
    } catch (Exception e) {
      return defaults;
    }
  }
}
