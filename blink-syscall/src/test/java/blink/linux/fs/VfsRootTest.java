package blink.linux.fs;

import static blink.linux.KernelFixture.MEM;
import static org.junit.jupiter.api.Assertions.assertEquals;

import blink.linux.Errno;
import blink.linux.KernelFixture;
import blink.linux.Sysno;
import blink.linux.host.Scratch;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import jnr.ffi.LibraryLoader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The resolver under a root (-C), against the host kernel's own: openat2(2)
 * with RESOLVE_IN_ROOT treats a directory exactly as a chroot does ("..", absolute
 * symlinks, the 40-link limit), so every path must lead to the same file, or
 * fail with the same errno, both ways.
 */
class VfsRootTest {
  /** syscall(2), for openat2 (no libc wrapper). */
  public interface Sys {
    long syscall(long nr, int dirfd, String path, long how, long size);

    int close(int fd);

    int fstat(int fd, long buf);
  }

  private static final int SYS_OPENAT2 = 437;
  private static final long O_PATH = 010000000, O_NOFOLLOW = 0400000, O_CLOEXEC = 02000000;
  private static final long RESOLVE_IN_ROOT = 0x10;

  static Sys sys;

  @TempDir static Path root;

  @BeforeAll
  static void tree() throws IOException {
    sys = LibraryLoader.create(Sys.class).load("c");
    Files.createDirectories(root.resolve("a/b"));
    Files.writeString(root.resolve("a/b/c"), "c");
    Files.writeString(root.resolve("file"), "f");
    Files.createSymbolicLink(root.resolve("a/up"), Path.of("../.."));
    Files.createSymbolicLink(root.resolve("a/abs"), Path.of("/a/b"));
    Files.createSymbolicLink(root.resolve("a/escape"), Path.of("/../../.."));
    Files.createSymbolicLink(root.resolve("a/hostpath"), root.resolve("a/b"));
    Files.createSymbolicLink(root.resolve("loop"), Path.of("loop"));
    Files.createSymbolicLink(root.resolve("l1"), Path.of("l2"));
    Files.createSymbolicLink(root.resolve("l2"), Path.of("/l1"));
    Files.createSymbolicLink(root.resolve("dangling"), Path.of("/nope"));
    Files.createSymbolicLink(root.resolve("rel"), Path.of("a/b/c"));
    Files.createSymbolicLink(root.resolve("filelink"), Path.of("file"));
    for (int i = 0; i < 45; i++) {
      Files.createSymbolicLink(root.resolve("chain" + i), Path.of("chain" + (i + 1)));
    }
    Files.writeString(root.resolve("chain45"), "end");
  }

  static final List<String> PATHS = List.of(
      "/", "/..", "/../..", "/a/b/c", "/a/../a/b/c", "/../a/b/c", "/../../../file", "/a/up", "/a/up/file",
      "/a/up/../../..", "/a/abs", "/a/abs/c", "/a/abs/../../file", "/a/escape", "/a/escape/file",
      "/a/hostpath", "/a/hostpath/c", "/loop", "/loop/x", "/l1", "/dangling", "/dangling/x", "/rel", "/rel/",
      "/filelink", "/filelink/", "/file/", "/file/x", "/a/b/c/..", "/nope", "/nope/x", "/a//b///c", "/a/./b/./c",
      "/chain5", "/chain4", "/chain0/../file", "/a/b/", "/a/up/a/abs/../up/a/escape/a");

  @Test
  void absolutePathsResolveAsInAChroot() {
    KernelFixture k = fixture(root);
    List<String> diffs = new ArrayList<>();
    for (String p : PATHS) {
      for (boolean follow : new boolean[] {true, false}) {
        String want = oracle(p, follow);
        String got = emulated(k, p, follow);
        if (!want.equals(got)) diffs.add(p + (follow ? "" : " (nofollow)") + ": host " + want + ", blink " + got);
      }
    }
    assertEquals(List.of(), diffs);
  }

  @Test
  void relativePathsStayInsideToo() {
    KernelFixture k = fixture(root);
    // The working directory starts where blink started if that is inside the root: here /a.
    setRoots(k, root, root.resolve("a"));
    List<String> diffs = new ArrayList<>();
    for (String rel : List.of("b/c", "..", "../..", "../../../file", "up/file", "abs/c", "escape/file", "b/../../file")) {
      String want = oracle("/a/" + rel, true);
      String got = emulated(k, rel, true);
      if (!want.equals(got)) diffs.add(rel + ": host " + want + ", blink " + got);
    }
    assertEquals(List.of(), diffs);
  }

  @Test
  void procSelfRootIsTheRoot() {
    KernelFixture k = fixture(root);
    assertEquals(oracle("/", true), emulated(k, "/proc/self/root", true));
    assertEquals(oracle("/", true), emulated(k, "/proc/self/root/..", true));
    assertEquals(oracle("/file", true), emulated(k, "/proc/self/root/../../file", true));
    assertEquals(oracle("/a/b", true), emulated(k, "/proc/self/root/a/abs", true));
    assertEquals(oracle("/", true), emulated(k, "/proc/../..", true));
    long buf = MEM + 4096;
    long n = k.sys(Sysno.READLINK, k.cstr(MEM, "/proc/self/root"), buf, 100);
    assertEquals("/", new String(k.bytes(buf, (int) n), StandardCharsets.UTF_8));
  }

  @Test
  void getcwdIsTheGuestPath() {
    KernelFixture k = fixture(root);
    setRoots(k, root, root.resolve("a/b"));
    long buf = MEM + 4096;
    long n = k.sys(Sysno.GETCWD, buf, 4096);
    assertEquals("/a/b", new String(k.bytes(buf, (int) n - 1), StandardCharsets.UTF_8));
    assertEquals(0, k.sys(Sysno.CHDIR, k.cstr(MEM, "../../../..")));
    n = k.sys(Sysno.GETCWD, buf, 4096);
    assertEquals("/", new String(k.bytes(buf, (int) n - 1), StandardCharsets.UTF_8));
  }

  @Test
  void anEmptyPathNamesTheFdItself() {
    KernelFixture k = fixture(root);
    int fd = k.open("/a/b/c", blink.linux.fs.OpenFlags.O_RDONLY, 0);
    long buf = MEM + 8192;
    assertEquals(0, k.sys(Sysno.NEWFSTATAT, fd, k.cstr(MEM, ""), buf, OpenFlags.AT_EMPTY_PATH));
    assertEquals(oracle("/a/b/c", true), k.read64(buf) + ":" + k.read64(buf + 8));
    assertEquals(0, k.sys(Sysno.FACCESSAT2, fd, k.cstr(MEM, ""), 4, OpenFlags.AT_EMPTY_PATH));
  }

  @Test
  void overlayEntriesAreAbsolute() {
    assertEquals(List.of("/", "/work/x/o", "/abs", "/work/y"), Overlays.parse(":o:/abs:../y", "/work/x"));
  }

  private static KernelFixture fixture(Path r) {
    KernelFixture k = new KernelFixture();
    setRoots(k, r, Path.of("/"));
    return k;
  }

  private static void setRoots(KernelFixture k, Path r, Path cwd) {
    List<Root> roots = Overlays.open(List.of(r.toString()), new Scratch());
    try {
      k.kernel.process().vfs.setRoots(roots, cwd.toRealPath().toString());
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  /** "dev:ino" of the file path leads to under the emulator, or the errno name. */
  private static String emulated(KernelFixture k, String path, boolean follow) {
    long buf = MEM + 8192;
    long rc = k.sys(Sysno.NEWFSTATAT, -100, k.cstr(MEM, path), buf, follow ? 0 : 0x100);
    if (rc < 0) return Errno.name((int) -rc);
    return k.read64(buf) + ":" + k.read64(buf + 8);
  }

  /** The same, asked of the host kernel: openat2(root, path, O_PATH, RESOLVE_IN_ROOT), then fstat. */
  private static String oracle(String path, boolean follow) {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment how = arena.allocate(24);
      how.set(ValueLayout.JAVA_LONG, 0, O_PATH | O_CLOEXEC);
      int rootFd = (int) sys.syscall(SYS_OPENAT2, -100, root.toString(), how.address(), 24);
      how.set(ValueLayout.JAVA_LONG, 0, O_PATH | O_CLOEXEC | (follow ? 0 : O_NOFOLLOW));
      how.set(ValueLayout.JAVA_LONG, 16, RESOLVE_IN_ROOT);
      int fd = (int) sys.syscall(SYS_OPENAT2, rootFd, path, how.address(), 24);
      int err = jnr.ffi.Runtime.getRuntime(sys).getLastError();
      sys.close(rootFd);
      if (fd < 0) return Errno.name(blink.linux.host.HostErrno.toLinux(err));
      MemorySegment st = arena.allocate(144);
      sys.fstat(fd, st.address());
      sys.close(fd);
      return st.get(ValueLayout.JAVA_LONG, 0) + ":" + st.get(ValueLayout.JAVA_LONG, 8);
    }
  }
}
