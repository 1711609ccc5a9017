package blink.linux.sys;

import blink.linux.Errno;
import blink.linux.LinuxError;
import blink.linux.Syscall;
import blink.linux.SyscallTable;
import blink.linux.Sysno;
import blink.linux.Task;
import blink.linux.UserMemory;
import blink.linux.fs.OpenFlags;
import blink.memory.Mmu;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** execve(2) and execveat(2): the arguments are read here, the work is the kernel's. */
public final class Exec implements Syscall {
  private Exec() {}

  /** MAX_ARG_STRLEN (include/uapi/linux/binfmts.h), and the total argv+envp may take. */
  static final int MAX_ARG_STRLEN = 32 * 4096;
  static final long MAX_ARG_TOTAL = 8L * 1024 * 1024 / 4;

  private static final Exec INSTANCE = new Exec();

  public static void register(SyscallTable t) {
    t.add(INSTANCE, Sysno.EXECVE, Sysno.EXECVEAT);
  }

  @Override
  public long call(Task t, int nr, long a0, long a1, long a2, long a3, long a4, long a5) {
    return switch (nr) {
      case Sysno.EXECVE -> execve(t, OpenFlags.AT_FDCWD, a0, a1, a2, 0);
      case Sysno.EXECVEAT -> execve(t, a0, a1, a2, a3, (int) a4);
      default -> throw new IllegalArgumentException("not an Exec syscall: " + nr);
    };
  }

  private static long execve(Task t, long dirfd, long pathAddr, long argvAddr, long envpAddr, int flags) {
    if ((flags & ~(OpenFlags.AT_SYMLINK_NOFOLLOW | OpenFlags.AT_EMPTY_PATH)) != 0) throw new LinuxError(Errno.EINVAL);
    byte[] path = UserMemory.readPath(t.mmu(), pathAddr);
    long[] total = {0};
    List<String> argv = strings(t.mmu(), argvAddr, total);
    List<String> envp = strings(t.mmu(), envpAddr, total);
    if (path.length == 0) {
      if ((flags & OpenFlags.AT_EMPTY_PATH) == 0) throw new LinuxError(Errno.ENOENT);
      // execveat(fd, "", ..., AT_EMPTY_PATH): the file fd names.
      path = ("/proc/self/fd/" + (int) dirfd).getBytes(StandardCharsets.US_ASCII);
      dirfd = OpenFlags.AT_FDCWD;
    }
    return t.kernel().execve(t, dirfd, path, argv, envp, (flags & OpenFlags.AT_SYMLINK_NOFOLLOW) == 0);
  }

  /** A NULL-terminated array of strings (NULL itself is an empty list); E2BIG past the limits. */
  private static List<String> strings(Mmu mmu, long array, long[] total) {
    List<String> out = new ArrayList<>();
    if (array == 0) return out;
    for (long p = array; ; p += 8) {
      long s = mmu.read64(p);
      if (s == 0) return out;
      byte[] b = mmu.readCString(s, MAX_ARG_STRLEN);
      if (b.length == MAX_ARG_STRLEN) throw new LinuxError(Errno.E2BIG);
      total[0] += b.length + 1 + 8;
      if (total[0] > MAX_ARG_TOTAL) throw new LinuxError(Errno.E2BIG);
      // Latin-1 keeps every byte as one char: the loader writes them back unchanged.
      out.add(new String(b, StandardCharsets.ISO_8859_1));
    }
  }
}
