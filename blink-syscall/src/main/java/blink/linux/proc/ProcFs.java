package blink.linux.proc;

import blink.linux.Errno;
import blink.linux.GuestProcess;
import blink.linux.LinuxError;
import blink.linux.LinuxKernel;
import blink.linux.Task;
import blink.linux.fs.HostPath;
import blink.linux.fs.OpenFile;
import blink.linux.fs.PathWalker;
import blink.linux.fs.Root;
import blink.linux.fs.SpecialFiles;
import blink.linux.host.HostFlags;
import blink.memory.Mmu;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;

/**
 * /proc and /dev as the emulator provides them. A lookup walks the rest of the
 * path through a small fixed tree: directories (/proc, /proc/PID, its fd/,
 * /dev, /dev/fd), files generated on each open (maps, stat, cpuinfo …), links
 * (exe, cwd, root, fd/N, /proc/self, /dev/stdin …) and the host's device nodes
 * (null, zero, full, random, urandom, tty). Names the tree does not know at the
 * top of /proc or /dev fall through to the root's own directory; elsewhere they
 * do not exist.
 */
public final class ProcFs implements SpecialFiles {
  private static final Set<String> DEVICES = Set.of("null", "zero", "full", "random", "urandom", "tty");
  private static final Set<String> PROC_FILES = Set.of("cpuinfo", "meminfo", "uptime", "version", "mounts");
  private static final Set<String> PID_FILES =
      Set.of("maps", "stat", "status", "cmdline", "environ", "auxv", "comm", "mounts");

  private final GuestProcess process;

  public ProcFs(GuestProcess process) {
    this.process = process;
  }

  @Override
  public boolean provides(byte[] name) {
    return is(name, "proc") || is(name, "dev");
  }

  @Override
  public Object lookup(PathWalker w, Root root, byte[] top, Deque<byte[]> rest, boolean follow) {
    List<String> at = new ArrayList<>();
    at.add(new String(top, StandardCharsets.UTF_8));
    while (true) {
      if (rest.isEmpty()) return directory(at);
      byte[] c = rest.removeFirst();
      boolean last = rest.isEmpty();
      if (PathWalker.isDot(c)) continue;
      if (PathWalker.isDotDot(c)) {
        at.remove(at.size() - 1);
        if (at.isEmpty()) return new PathWalker.Jump(root, root.fd(), true);
        continue;
      }
      String name = new String(c, StandardCharsets.UTF_8);
      String dir = String.join("/", at);
      switch (kind(dir, name)) {
        case DIR -> at.add(name);
        case FILE -> {
          if (!last) throw new LinuxError(Errno.ENOTDIR);
          return file(w.task, dir, name);
        }
        case DEVICE -> {
          if (!last) throw new LinuxError(Errno.ENOTDIR);
          return new HostPath(HostFlags.HOST_AT_FDCWD, ("/dev/" + name).getBytes(StandardCharsets.US_ASCII));
        }
        case LINK -> {
          if (last && !follow) {
            return new HostPath(HostFlags.HOST_AT_FDCWD, hostLink(dir, name), null, false, false, null,
                linkTarget(w.task, dir, name).getBytes(StandardCharsets.UTF_8), false, false);
          }
          w.countLink();
          OpenFile f = fdOf(dir, name);
          String target = f != null && f.guestPath() != null ? f.guestPath() : null;
          if (f != null && f.guestPath() == null) {
            // A magic link leads to the open file itself, wherever it is.
            if (last) {
              return new HostPath(HostFlags.HOST_AT_FDCWD,
                  ("/proc/self/fd/" + f.hostFd()).getBytes(StandardCharsets.US_ASCII), f.root(), false, false,
                  null, null, false, true);
            }
            Root r = f.root() != null ? f.root() : root;
            return new PathWalker.Jump(r, f.hostFd(), false);
          }
          if (target == null) target = linkTarget(w.task, dir, name);
          if (target.startsWith("/")) {
            PathWalker.pushFront(rest, target.getBytes(StandardCharsets.UTF_8));
            return new PathWalker.Jump(root, root.fd(), true);
          }
          PathWalker.pushFront(rest, target.getBytes(StandardCharsets.UTF_8));
        }
        case FALLTHROUGH -> {
          rest.addFirst(c);
          return new PathWalker.Jump(root, w.openDir(root.fd(), top), false);
        }
        default -> throw new LinuxError(Errno.ENOENT);
      }
    }
  }

  private static final int DT_CHR = 2, DT_DIR = 4, DT_REG = 8, DT_LNK = 10;

  @Override
  public List<Entry> list(String guestDir) {
    List<Entry> out = new ArrayList<>();
    GuestProcess owner = guestDir.startsWith("/proc/") ? ownerOf(guestDir.substring(1)) : null;
    if (owner != null && guestDir.indexOf('/', 6) < 0) {
      out.add(new Entry(".", DT_DIR));
      out.add(new Entry("..", DT_DIR));
      for (String n : new java.util.TreeSet<>(PID_FILES)) out.add(new Entry(n, DT_REG));
      for (String n : List.of("cwd", "exe", "root")) out.add(new Entry(n, DT_LNK));
      out.add(new Entry("fd", DT_DIR));
      return out;
    }
    // In the host's namespace /proc and /dev list the host's own, as on Linux; in a
    // root of its own the guest sees only what is provided (not the host's pids).
    if (process.vfs.roots() != null && (guestDir.equals("/proc") || guestDir.equals("/dev"))) {
      out.add(new Entry(".", DT_DIR));
      out.add(new Entry("..", DT_DIR));
      if (guestDir.equals("/dev")) {
        for (String n : new java.util.TreeSet<>(DEVICES)) out.add(new Entry(n, DT_CHR));
        for (String n : List.of("fd", "stderr", "stdin", "stdout")) out.add(new Entry(n, DT_LNK));
      } else {
        out.add(new Entry("self", DT_LNK));
        for (int pid : guestPids()) out.add(new Entry(Integer.toString(pid), DT_DIR));
        for (String n : new java.util.TreeSet<>(PROC_FILES)) out.add(new Entry(n, DT_REG));
      }
      return out;
    }
    if (owner != null && guestDir.endsWith("/fd")) {
      out.add(new Entry(".", DT_DIR));
      out.add(new Entry("..", DT_DIR));
      for (int fd : owner.fds.openFds()) out.add(new Entry(Integer.toString(fd), DT_LNK));
      return out;
    }
    return null;
  }

  private enum Kind { DIR, FILE, DEVICE, LINK, FALLTHROUGH, NONE }

  /** What name is in the provided directory dir ("proc", "proc/PID", "proc/PID/fd", "dev", "dev/fd"). */
  private Kind kind(String dir, String name) {
    switch (dir) {
      case "proc" -> {
        if (processOf(name) != null) return Kind.DIR;
        // Pids are the machine's own, as in a pid namespace: a host process with the
        // same number must not show through.
        if (isNumber(name)) return Kind.NONE;
        if (name.equals("self")) return Kind.LINK;
        if (PROC_FILES.contains(name)) return Kind.FILE;
        return Kind.FALLTHROUGH;
      }
      case "dev" -> {
        if (DEVICES.contains(name)) return Kind.DEVICE;
        if (name.equals("fd") || name.equals("stdin") || name.equals("stdout") || name.equals("stderr")) {
          return Kind.LINK;
        }
        return Kind.FALLTHROUGH;
      }
      default -> {
        GuestProcess owner = ownerOf(dir);
        if (owner == null) return Kind.NONE;
        if (!dir.endsWith("/fd")) {
          if (PID_FILES.contains(name)) return Kind.FILE;
          if (name.equals("exe") || name.equals("cwd") || name.equals("root")) return Kind.LINK;
          if (name.equals("fd")) return Kind.DIR;
          return Kind.NONE;
        }
        return fdNumber(owner, name) >= 0 ? Kind.LINK : Kind.NONE;
      }
    }
  }

  /** The guest fd a name in an fd directory stands for if it is open, else -1. */
  private static int fdNumber(GuestProcess owner, String name) {
    if (name.isEmpty() || name.length() > 9 || (name.length() > 1 && name.charAt(0) == '0')) return -1;
    for (int k = 0; k < name.length(); k++) if (name.charAt(k) < '0' || name.charAt(k) > '9') return -1;
    int fd = Integer.parseInt(name);
    return owner.fds.isOpen(fd) ? fd : -1;
  }

  /** The open file a link stands for (cwd, fd/N and the /dev aliases of fd 0-2), or null. */
  private OpenFile fdOf(String dir, String name) {
    if (dir.endsWith("/fd")) return ownerOf(dir).fds.get(Integer.parseInt(name));
    if (name.equals("cwd")) return ownerOf(dir).cwd();
    if (dir.equals("dev")) {
      int fd = switch (name) {
        case "stdin" -> 0;
        case "stdout" -> 1;
        case "stderr" -> 2;
        default -> -1;
      };
      if (fd >= 0) {
        if (!process.fds.isOpen(fd)) throw new LinuxError(Errno.ENOENT);
        return process.fds.get(fd);
      }
    }
    return null;
  }

  /** What readlink(2) says for a link. */
  private String linkTarget(Task t, String dir, String name) {
    if (dir.equals("proc")) return Integer.toString(process.pid());
    if (dir.equals("dev")) return name.equals("fd") ? "/proc/self/fd" : "/proc/self/fd/" + stdFd(name);
    GuestProcess owner = ownerOf(dir);
    if (name.equals("exe")) return owner.exePath;
    if (name.equals("root")) return "/";
    if (name.equals("cwd")) return new String(owner.vfs.cwd(t.scratch), StandardCharsets.UTF_8);
    OpenFile f = fdOf(dir, name);
    return new String(process.vfs.guestPathOf(f, t.scratch), StandardCharsets.UTF_8);
  }

  private static int stdFd(String name) {
    return switch (name) {
      case "stdin" -> 0;
      case "stdout" -> 1;
      default -> 2;
    };
  }

  /** The host path lstat and the like see for a provided link: the host's magic link when there is one. */
  private byte[] hostLink(String dir, String name) {
    OpenFile f = dir.equals("dev") ? null : fdOf(dir, name);
    String p = f != null ? "/proc/self/fd/" + f.hostFd() : "/proc/self/exe";
    return p.getBytes(StandardCharsets.US_ASCII);
  }

  /** A provided directory: the host's counterpart for stat and listing, its guest path for what lies below. */
  private HostPath directory(List<String> at) {
    String guest = "/" + String.join("/", at);
    // The trailing slash makes even lstat(2) of the host's /proc/self take the directory.
    String host = switch (at.size()) {
      case 1 -> guest + "/";
      case 2 -> "/proc/self/";
      default -> "/proc/self/fd/";
    };
    return new HostPath(HostFlags.HOST_AT_FDCWD, host.getBytes(StandardCharsets.US_ASCII), null, false, false,
        guest, null, false, false);
  }

  private HostPath file(Task caller, String dir, String name) {
    if (caller == null) throw new LinuxError(Errno.ENOENT);
    GuestProcess owner = dir.equals("proc") ? process : ownerOf(dir);
    Task t = caller;
    Mmu memory = caller.mmu();
    if (owner != caller.process) {
      // Another guest process: its first thread's view, and its memory read through a view of our own.
      List<Task> threads = owner.threadsSnapshot();
      if (threads.isEmpty()) throw new LinuxError(Errno.ESRCH);
      t = threads.get(0);
      memory = new Mmu(owner.space);
    }
    StackLayout s = owner.stackLayout();
    byte[] content = switch (dir.equals("proc") ? "/" + name : name) {
      case "/cpuinfo" -> SystemFiles.cpuinfo();
      case "/meminfo" -> SystemFiles.host("/proc/meminfo");
      case "/uptime" -> SystemFiles.host("/proc/uptime");
      case "/version" -> SystemFiles.version();
      case "/mounts", "mounts" -> SystemFiles.mounts(process.vfs.roots() != null);
      case "maps" -> ProcessFiles.maps(t);
      case "stat" -> ProcessFiles.stat(t, s);
      case "status" -> ProcessFiles.status(t);
      case "cmdline" -> ProcessFiles.memory(memory, s.argStart(), s.argEnd());
      case "environ" -> ProcessFiles.memory(memory, s.envStart(), s.envEnd());
      case "auxv" -> ProcessFiles.memory(memory, s.auxvStart(), s.auxvEnd());
      case "comm" -> ProcessFiles.comm(t);
      default -> throw new LinuxError(Errno.ENOENT);
    };
    byte[] host = MemFile.create(caller.scratch, name, content);
    return new HostPath(HostFlags.HOST_AT_FDCWD, host, null, false, false, "/" + dir + "/" + name, null, true, true);
  }

  /** The live guest process a /proc entry name ("1234") stands for, or null. */
  private GuestProcess processOf(String name) {
    if (!isNumber(name)) return null;
    int pid = Integer.parseInt(name);
    if (pid == process.pid()) return process;
    LinuxKernel k = process.kernel;
    GuestProcess p = k == null ? null : k.processes.process(pid);
    return p == null || p.zombieOrGone() ? null : p;
  }

  private static boolean isNumber(String name) {
    if (name.isEmpty() || name.length() > 9) return false;
    for (int k = 0; k < name.length(); k++) if (name.charAt(k) < '0' || name.charAt(k) > '9') return false;
    return true;
  }

  /** The process whose directory dir ("proc/PID" or "proc/PID/fd", with or without a leading '/') is, or null. */
  private GuestProcess ownerOf(String dir) {
    String d = dir.startsWith("/") ? dir.substring(1) : dir;
    if (!d.startsWith("proc/")) return null;
    String rest = d.substring(5);
    int slash = rest.indexOf('/');
    if (slash >= 0 && !rest.substring(slash).equals("/fd")) return null;
    return processOf(slash < 0 ? rest : rest.substring(0, slash));
  }

  /** The pids of every live guest process, ascending (this one's included). */
  private List<Integer> guestPids() {
    java.util.TreeSet<Integer> pids = new java.util.TreeSet<>();
    pids.add(process.pid());
    if (process.kernel != null) for (GuestProcess p : process.kernel.processes.all()) pids.add(p.pid());
    return new ArrayList<>(pids);
  }

  private static boolean is(byte[] b, String s) {
    return b.length == s.length() && new String(b, StandardCharsets.US_ASCII).equals(s);
  }
}
