package blink.linux;

import blink.linux.fs.FileStat;
import blink.linux.fs.HostPath;
import blink.linux.fs.OpenFile;
import blink.linux.fs.OpenFlags;
import blink.linux.futex.FutexExit;
import blink.linux.host.Host;
import blink.linux.host.HostFiles;
import blink.linux.host.HostFlags;
import blink.linux.host.Scratch;
import blink.loader.Credentials;
import blink.loader.ElfLoader;
import blink.loader.LoadedProgram;
import blink.loader.LoaderException;
import blink.loader.Shebang;
import blink.machine.Machine;
import blink.memory.AddressSpace;
import blink.x86.Cpu;
import blink.x86.Cpuid;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * execve(2) in place: the program is read through the process's VFS, "#!"
 * scripts become their interpreter (binfmt_script, up to five levels), the
 * image is loaded into a fresh address space, and only then — past every check
 * that can fail — is the process's old image dropped (flush_old_exec): other
 * threads end, close-on-exec fds close, caught signals revert to default, and the
 * calling thread continues in the new program with the same pid.
 */
final class Execve {
  private Execve() {}

  /** A program file read for execution: its bytes and its canonical guest path. */
  record Program(byte[] bytes, String guestPath) {}

  static long execve(LinuxKernel kernel, Task t, long dirfd, byte[] path, List<String> argv, List<String> envp,
                     boolean follow) {
    String execfn = new String(path, StandardCharsets.ISO_8859_1);
    Program prog = read(t, dirfd, path, follow);
    List<String> args = new ArrayList<>(argv);
    for (int depth = 0; Shebang.is(prog.bytes()); depth++) {
      if (depth == Shebang.MAX_REWRITES) throw new LinuxError(Errno.ELOOP);
      Shebang line = Shebang.parse(prog.bytes());
      if (line == null) throw new LinuxError(Errno.ENOEXEC);
      args = line.argv(execfn, args);
      execfn = line.interpreter();
      prog = read(t, OpenFlags.AT_FDCWD, line.interpreter().getBytes(StandardCharsets.ISO_8859_1), true);
    }
    Machine m = Machine.create();
    LoadedProgram loaded;
    try {
      loaded = ElfLoader.load(m.space, new ElfLoader.Request(prog.bytes(), args, envp, execfn, credentials(),
          Cpuid.query(1, 0)[3], prog.guestPath(), guestPath -> readForLoader(t, guestPath)));
    } catch (LoaderException e) {
      m.space.unmap(0, AddressSpace.USER_END);
      throw new LinuxError(e.missingFile() ? Errno.ENOENT : Errno.ENOEXEC);
    }
    replaceImage(kernel, t, m, loaded, prog.guestPath());
    return 0;
  }

  /** Reads the file path names for execution: ENOENT, EACCES (not a regular file, no x bit) as execve reports them. */
  static Program read(Task t, long dirfd, byte[] path, boolean follow) {
    if (path.length == 0) throw new LinuxError(Errno.ENOENT);
    HostPath hp = t.process.vfs.resolve(t, dirfd, path, follow);
    Scratch s = t.scratch;
    int fd = Host.check(Host.libc().openat(hp.dirfd(), s.cString(hp.path()),
        HostFlags.openToHost(hp.openFlags(OpenFlags.O_RDONLY | OpenFlags.O_CLOEXEC)), 0));
    OpenFile f = new OpenFile(fd, true, new String(path, StandardCharsets.UTF_8));
    try {
      FileStat st = f.stat(s);
      if (!st.isRegular() || !executable(st)) throw new LinuxError(Errno.EACCES);
      String host = new String(HostFiles.pathOf(fd, s), StandardCharsets.UTF_8);
      byte[] bytes;
      try {
        bytes = Files.readAllBytes(Path.of("/proc/self/fd/" + fd));
      } catch (IOException e) {
        throw new LinuxError(Errno.EIO);
      }
      String guest = hp.guestPath() != null ? hp.guestPath() : t.process.vfs.guestPathOfHost(host);
      return new Program(bytes, guest);
    } finally {
      f.release();
    }
  }

  /** The dynamic loader a program names, read as the program itself is (no x bit needed). */
  private static ElfLoader.Image readForLoader(Task t, String guestPath) throws LoaderException {
    try {
      Program p = read(t, OpenFlags.AT_FDCWD, guestPath.getBytes(StandardCharsets.ISO_8859_1), true);
      return new ElfLoader.Image(p.guestPath(), p.bytes());
    } catch (LinuxError e) {
      throw new LoaderException(guestPath + ": " + Errno.name(e.errno), e.errno == Errno.ENOENT);
    }
  }

  /** The x permission for the caller's effective ids (root: any x bit), as may_open()/generic_permission. */
  private static boolean executable(FileStat st) {
    int euid = Host.libc().geteuid();
    int mode = st.mode();
    if (euid == 0) return (mode & 0111) != 0;
    if (st.uid() == euid) return (mode & 0100) != 0;
    if (st.gid() == Host.libc().getegid()) return (mode & 0010) != 0;
    return (mode & 0001) != 0;
  }

  static Credentials credentials() {
    return new Credentials(Host.libc().getuid() & 0xffffffffL, Host.libc().geteuid() & 0xffffffffL,
        Host.libc().getgid() & 0xffffffffL, Host.libc().getegid() & 0xffffffffL);
  }

  /** The point of no return: the process now runs the new program on the calling thread. */
  private static void replaceImage(LinuxKernel kernel, Task t, Machine m, LoadedProgram loaded, String exe) {
    GuestProcess p = t.process;
    endOtherThreads(t);
    // Whichever thread called execve carries on as the process's main thread, with the pid as its tid.
    if (t.tid() != p.pid()) kernel.processes.becomeLeader(t);
    // The old image's robust futexes and clear_child_tid word are dealt with as at exit (mm_release()).
    FutexExit.release(t);
    t.clearChildTid = 0;
    t.robustListHead = 0;
    t.robustListLen = 0;
    AddressSpace old = p.space;
    boolean oldShared = p.spaceShared;
    p.space = m.space;
    p.code = m.code();
    p.spaceShared = false;
    if (!oldShared) old.unmap(0, AddressSpace.USER_END);
    CountDownLatch vfork = p.vforkDone;
    if (vfork != null) vfork.countDown();
    for (OpenFile f : p.fds.removeAll(true)) f.release();
    p.sigactions = p.sigactions.afterExec();
    t.altStackSp = 0;
    t.altStackSize = 0;
    t.altStackFlags = 0;
    t.restartBlock = null;
    t.name = null;
    p.exePath = exe;
    p.execed = true;
    p.startBrk = loaded.brk();
    p.brk = loaded.brk();
    Cpu c = m.cpu;
    c.system = kernel;
    c.rip = loaded.entry();
    c.regs[Cpu.RSP] = loaded.stackPointer();
    p.recordInitialStack(c.mmu, loaded.stackPointer());
    Cpu oldCpu = t.cpu;
    kernel.rebind(t, oldCpu, m);
    oldCpu.attention = true;
  }

  /** de_thread(): every other thread of the process ends before the image changes. */
  private static void endOtherThreads(Task t) {
    List<Task> others = t.process.threadsSnapshot();
    others.remove(t);
    if (others.isEmpty()) return;
    for (Task o : others) o.exit();
    for (Task o : others) o.interrupt();
    synchronized (ProcessTable.LOCK) {
      while (t.process.threads.size() > 1) {
        try {
          ProcessTable.LOCK.wait(10);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }
}
