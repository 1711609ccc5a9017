package blink.cli;

import blink.linux.GuestProcess;
import blink.linux.LinuxKernel;
import blink.linux.fs.Overlays;
import blink.linux.fs.Root;
import blink.linux.host.Scratch;
import blink.loader.ElfLoader;
import blink.loader.LoaderException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * The guest's "/" from -C or $BLINK_OVERLAYS (see {@link Overlays}), and finding
 * the program in it: PROG names a guest path, looked up through the roots.
 */
final class FileSystemRoots {
  private final List<Root> roots;
  private final String hostCwd = System.getProperty("user.dir");
  /** A process only for resolving names before the real one exists. */
  private final GuestProcess probe;

  private FileSystemRoots(List<Root> roots) {
    this.roots = roots;
    this.probe = hostOnly() ? null : new GuestProcess("/", 0);
    if (probe != null) probe.vfs.setRoots(roots, hostCwd);
  }

  /**
   * The roots the spec names (-C wins over $BLINK_OVERLAYS, which wins over older
   * Blink's $BLINK_PREFIX — one root searched before the host's, "PREFIX:" — which
   * wins over ":o"); null if none exists.
   */
  static FileSystemRoots open(String option) {
    String spec = option != null ? option : System.getenv("BLINK_OVERLAYS");
    String prefix = System.getenv("BLINK_PREFIX");
    if (spec == null && prefix != null && !prefix.isEmpty()) spec = prefix + ":";
    if (spec == null) spec = Overlays.DEFAULT;
    List<Root> roots = Overlays.open(Overlays.parse(spec, System.getProperty("user.dir")), new Scratch());
    return roots.isEmpty() ? null : new FileSystemRoots(roots);
  }

  /** Whether the guest sees the host's own namespace (no chroot, no overlay that exists). */
  boolean hostOnly() {
    return roots.size() == 1 && roots.get(0).isHostRoot();
  }

  /** The host file behind a guest path, or null if there is none. */
  Path locate(String guestPath) {
    if (hostOnly()) return Path.of(guestPath);
    String host = probe.vfs.hostPath(guestPath);
    return host == null ? null : Path.of(host);
  }

  /**
   * The file at a guest path (the dynamic loader a program names), read through
   * these roots, with its canonical guest name; failures read as execve(2) reports them.
   */
  ElfLoader.Image read(String guestPath) throws LoaderException {
    Path host = locate(guestPath);
    try {
      if (host == null) throw new NoSuchFileException(guestPath);
      if (Files.isDirectory(host)) throw new LoaderException(guestPath + ": is a directory");
      return new ElfLoader.Image(guestPath(host), Files.readAllBytes(host));
    } catch (NoSuchFileException e) {
      throw new LoaderException(guestPath + ": no such file or directory", true);
    } catch (AccessDeniedException e) {
      throw new LoaderException(guestPath + ": permission denied");
    } catch (IOException e) {
      throw new LoaderException(guestPath + ": " + e.getMessage());
    }
  }

  /**
   * The guest's name for the program at host path (what /proc/self/exe says): the
   * file's own path, symlinks resolved, as the kernel's d_path() gives it.
   */
  String guestPath(Path host) {
    if (hostOnly()) {
      try {
        return host.toRealPath().toString();
      } catch (IOException e) {
        return host.toAbsolutePath().normalize().toString();
      }
    }
    return probe.vfs.guestPathOfHost(host.toString());
  }

  /** Gives the kernel's process these roots (before the guest runs). */
  void install(LinuxKernel kernel) {
    kernel.process().vfs.setRoots(roots, hostCwd);
  }
}
