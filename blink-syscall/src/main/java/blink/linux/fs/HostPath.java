package blink.linux.fs;

/**
 * Where a guest path leads on the host: the host dirfd and name to hand to the
 * host's *at() call, plus what the resolver learnt on the way.
 *
 * @param dirfd host directory fd (or the host's AT_FDCWD) the name is relative to
 * @param path the name (no NUL); may hold slashes only when the host resolves it itself
 * @param root the root the file lies in, or null for the host's own namespace
 * @param noFollow the resolver followed every symlink itself: the host must follow none
 * @param missing the final component did not exist when resolved (a create may make it)
 * @param guestPath for a file or directory the emulator provides, its guest path; else null
 * @param linkTarget for a link the emulator provides (/proc/self/exe), what readlink says; else null
 * @param readOnly a provided file that cannot be opened for writing
 * @param hostFollows path is one of the host's /proc/self/fd links standing for the file
 *     itself (a provided file's memfd, a guest fd's file): the host must follow it even
 *     where the guest asked not to follow a symlink
 */
public record HostPath(int dirfd, byte[] path, Root root, boolean noFollow, boolean missing,
    String guestPath, byte[] linkTarget, boolean readOnly, boolean hostFollows) {

  /** A path the host resolves by itself. */
  public HostPath(int dirfd, byte[] path) {
    this(dirfd, path, null, false, false, null, null, false, false);
  }

  /** Linux AT_* flags for the host call: AT_SYMLINK_NOFOLLOW added when the host must not follow. */
  public int atFlags(int linuxFlags) {
    if (hostFollows) return linuxFlags & ~OpenFlags.AT_SYMLINK_NOFOLLOW;
    return noFollow ? linuxFlags | OpenFlags.AT_SYMLINK_NOFOLLOW : linuxFlags;
  }

  /** Linux open flags for the host call: O_NOFOLLOW added when the host must not follow. */
  public int openFlags(int linuxFlags) {
    if (hostFollows) return linuxFlags & ~OpenFlags.O_NOFOLLOW;
    return noFollow ? linuxFlags | OpenFlags.O_NOFOLLOW : linuxFlags;
  }
}
