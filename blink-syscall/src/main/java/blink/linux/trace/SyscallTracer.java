package blink.linux.trace;

import blink.linux.Errno;
import blink.linux.Sysno;
import blink.memory.Mmu;
import blink.machine.GuestFault;
import java.util.function.Consumer;

/**
 * Formats one line per system call in strace's style, e.g.
 * {@code openat(AT_FDCWD, "/etc/passwd", O_RDONLY|O_CLOEXEC) = 3} or
 * {@code stat("/nope", 0x7ffd…) = -1 ENOENT}, and hands it to a sink (the log).
 * Guest memory is read only through the MMU; an unreadable string prints as its
 * address, as strace does.
 */
public final class SyscallTracer {
  /** How many bytes of a buffer argument to show. */
  private static final int BUFFER_BYTES = 32;
  /** Linux's AT_FDCWD (fcntl.h). */
  private static final int AT_FDCWD = -100;

  /** lseek(2) whence values. */
  private static final String[] WHENCE = {"SEEK_SET", "SEEK_CUR", "SEEK_END", "SEEK_DATA", "SEEK_HOLE"};

  private final Consumer<String> sink;

  public SyscallTracer(Consumer<String> sink) {
    this.sink = sink;
  }

  /** Records a call that returned result (or -errno); tid prefixes the line. */
  public void trace(Mmu mmu, int tid, long nr, long[] args, long result) {
    sink.accept(format(mmu, tid, nr, args, result));
  }

  static String format(Mmu mmu, int tid, long nr, long[] args, long result) {
    String name = Sysno.name(nr);
    String spec = name == null ? null : Signatures.of((int) nr);
    StringBuilder sb = new StringBuilder(96);
    sb.append('[').append(tid).append("] ");
    sb.append(name != null ? name : "syscall_" + nr).append('(');
    boolean addressResult = false;
    if (spec == null) {
      for (int k = 0; k < 3; k++) sb.append(k > 0 ? ", " : "").append(hex(args[k]));
    } else {
      int colon = spec.indexOf(':');
      addressResult = colon >= 0;
      String kinds = colon >= 0 ? spec.substring(0, colon) : spec;
      for (int k = 0; k < kinds.length(); k++) {
        char kind = kinds.charAt(k);
        // strace shows open's mode only when the flags before it create a file.
        if (kind == 'M' && !OpenFlagNames.creates((int) args[k - 1])) continue;
        if (k > 0) sb.append(", ");
        argument(sb, mmu, kind, args[k], k + 1 < args.length ? args[k + 1] : 0, result);
      }
    }
    sb.append(") = ");
    if (nr == Sysno.EXIT || nr == Sysno.EXIT_GROUP) {
      sb.append('?'); // they do not return
    } else if (result < 0 && result >= -4095) {
      String e = Errno.name((int) -result);
      sb.append("-1 ").append(e != null ? e : "errno " + -result);
    } else if (addressResult) {
      sb.append(hex(result));
    } else {
      sb.append(result);
    }
    return sb.toString();
  }

  private static void argument(StringBuilder sb, Mmu mmu, char kind, long v, long next, long result) {
    switch (kind) {
      case 'i', 'f' -> sb.append((int) v);
      case 'u' -> sb.append(Long.toUnsignedString(v));
      case 'd' -> sb.append((int) v == AT_FDCWD ? "AT_FDCWD" : Integer.toString((int) v));
      case 's' -> string(sb, mmu, v);
      case 'w' -> buffer(sb, mmu, v, next);
      case 'r' -> buffer(sb, mmu, v, result < 0 ? -1 : result);
      case 'o' -> OpenFlagNames.append(sb, (int) v);
      case 'W' -> sb.append(v >= 0 && v < WHENCE.length ? WHENCE[(int) v] : Long.toString(v));
      case 'm', 'M' -> sb.append((v & 07777) == 0 ? "0" : "0" + Long.toOctalString(v & 07777));
      case 'g' -> sb.append(blink.linux.signal.Signal.name((int) v));
      default -> sb.append(hex(v));
    }
  }

  private static void string(StringBuilder sb, Mmu mmu, long va) {
    if (va == 0) {
      sb.append("NULL");
      return;
    }
    try {
      byte[] s = mmu.readCString(va, 4096);
      quote(sb, s, s.length, false);
    } catch (GuestFault f) {
      sb.append(hex(va));
    }
  }

  private static void buffer(StringBuilder sb, Mmu mmu, long va, long len) {
    if (len < 0) {
      sb.append(hex(va));
      return;
    }
    int n = (int) Math.min(len, BUFFER_BYTES);
    try {
      byte[] b = new byte[n];
      for (int k = 0; k < n; k++) b[k] = (byte) mmu.read8(va + k);
      quote(sb, b, n, len > n);
    } catch (GuestFault f) {
      sb.append(hex(va));
    }
  }

  /** As strace quotes: C escapes for the usual controls, octal for other bytes (three digits before a digit). */
  private static void quote(StringBuilder sb, byte[] b, int n, boolean more) {
    sb.append('"');
    for (int k = 0; k < n; k++) {
      int c = b[k] & 0xff;
      switch (c) {
        case '\n' -> sb.append("\\n");
        case '\t' -> sb.append("\\t");
        case '\r' -> sb.append("\\r");
        case '\f' -> sb.append("\\f");
        case 0x0b -> sb.append("\\v");
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        default -> {
          if (c >= 0x20 && c < 0x7f) {
            sb.append((char) c);
          } else {
            boolean digitNext = k + 1 < n && b[k + 1] >= '0' && b[k + 1] <= '7';
            String o = Integer.toOctalString(c);
            sb.append('\\').append(digitNext ? "000".substring(o.length()) + o : o);
          }
        }
      }
    }
    sb.append('"');
    if (more) sb.append("...");
  }

  private static String hex(long v) {
    return v == 0 ? "0" : "0x" + Long.toHexString(v);
  }
}
