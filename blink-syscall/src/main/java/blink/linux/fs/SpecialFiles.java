package blink.linux.fs;

import java.util.Deque;

/**
 * The files the emulator provides itself under /proc and /dev (see
 * blink.linux.proc). A walk that reaches "proc" or "dev" at a root hands the rest
 * of the path here.
 */
public interface SpecialFiles {
  /** Whether name, met at the top of a root, is a directory the emulator provides. */
  boolean provides(byte[] name);

  /**
   * Looks up top (as {@link #provides} accepted) followed by the components in
   * rest, consuming them. Returns the final answer, or a {@link PathWalker.Jump}
   * to continue the walk elsewhere with what is left in rest.
   */
  /** A directory entry: name and d_type (DT_DIR 4, DT_REG 8, DT_LNK 10). */
  record Entry(String name, int type) {}

  /**
   * The entries of a provided directory, by its guest path, for getdents64; null
   * if the host's counterpart lists it well enough (/proc, /dev).
   */
  java.util.List<Entry> list(String guestDir);

  Object lookup(PathWalker walker, Root root, byte[] top, Deque<byte[]> rest, boolean follow);
}
