package blink.linux.sys;

import blink.linux.Errno;
import blink.linux.LinuxError;
import blink.linux.Task;
import blink.linux.abi.SocketAddress;
import blink.linux.fs.OpenFlags;
import blink.linux.fs.HostPath;
import blink.linux.host.HostFiles;
import blink.linux.host.HostFlags;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * AF_UNIX names in the file system: the guest's sun_path goes through the VFS
 * like any other path, and host names coming back (getsockname, getpeername,
 * accept, recvfrom) are turned back into the names the guest used.
 */
final class SocketPaths {
  private SocketPaths() {}

  /** Host socket path (ISO-8859-1, byte for byte) to the guest name it was made from. */
  private static final Map<String, byte[]> GUEST_NAMES = new ConcurrentHashMap<>();

  /**
   * The host sun_path for a guest file system name. A name relative to a guest
   * working directory the host does not share becomes absolute; if that does not
   * fit sun_path, it goes through the directory's /proc/self/fd link.
   */
  static byte[] toHost(Task t, byte[] guest) {
    // The one call into the VFS for socket names.
    // A final symlink is followed, as connect(2) does; bind(2) on an existing name fails either way.
    HostPath hp = t.process.vfs.resolve(t, OpenFlags.AT_FDCWD, guest, true);
    byte[] host = hp.path();
    if (hp.dirfd() != HostFlags.HOST_AT_FDCWD && (host.length == 0 || host[0] != '/')) {
      byte[] abs = join(HostFiles.pathOf(hp.dirfd(), t.scratch), host);
      host = abs.length <= SocketAddress.SUN_PATH_MAX ? abs
          : join(("/proc/self/fd/" + hp.dirfd()).getBytes(StandardCharsets.US_ASCII), host);
    }
    // sun_path holds the name and, if there is room, its NUL.
    if (host.length > SocketAddress.SUN_PATH_MAX) throw new LinuxError(Errno.ENAMETOOLONG);
    GUEST_NAMES.put(new String(host, StandardCharsets.ISO_8859_1), guest);
    return host;
  }

  /** The guest's name for a host socket path; the host path itself if the guest never named it. */
  static byte[] toGuest(byte[] host) {
    byte[] g = GUEST_NAMES.get(new String(host, StandardCharsets.ISO_8859_1));
    return g != null ? g : host;
  }

  private static byte[] join(byte[] dir, byte[] name) {
    ByteArrayOutputStream b = new ByteArrayOutputStream(dir.length + 1 + name.length);
    b.writeBytes(dir);
    if (dir.length == 0 || dir[dir.length - 1] != '/') b.write('/');
    b.writeBytes(name);
    return b.toByteArray();
  }
}
