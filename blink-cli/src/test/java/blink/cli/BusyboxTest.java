package blink.cli;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import blink.cli.Emulator.Mode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Debian's busybox-static as an end-to-end test: each case runs one or more
 * applets natively and under the emulator, each time in a fresh copy of the same
 * fixture tree at the same path, and compares every step's stdout, stderr and
 * exit status, then the tree the steps left behind (names, types, permissions,
 * sizes, contents, link targets, and modification times that were set on purpose).
 * Skipped where /bin/busybox is missing (.ci/run installs busybox-static).
 */
class BusyboxTest {
  private static final Path BUSYBOX = Path.of("/bin/busybox");
  /** The fixture's timestamps; anything later was written by the run itself. */
  private static final Instant FIXTURE_TIME = Instant.parse("2020-01-02T03:04:05Z");

  /** A case: its name, the applet command lines (busybox's argv after "busybox"), and an optional stdin file. */
  record Case(String name, List<List<String>> steps, String stdin) {
    @Override
    public String toString() {
      return name;
    }
  }

  private static Case c(String name, String... argv) {
    return new Case(name, List.of(List.of(argv)), null);
  }

  private static Case steps(String name, String[]... argvs) {
    return new Case(name, Arrays.stream(argvs).map(List::of).toList(), null);
  }

  private static Case stdin(String name, String stdin, String... argv) {
    return new Case(name, List.of(List.of(argv)), stdin);
  }

  static final List<Case> CASES = List.of(
      c("ls -la", "ls", "-la", "t"), c("ls -lR", "ls", "-lR", "t"), c("cat", "cat", "t/a.txt", "t/sub/list"),
      c("cp -a", "cp", "-a", "t", "copy"), c("mv", "mv", "t/a.txt", "t/sub/moved.txt"),
      c("rm -r", "rm", "-r", "t/sub"), c("rm missing", "rm", "t/nope"),
      c("find", "find", "t"), c("find -type f -name", "find", "t", "-type", "f", "-name", "*.txt"),
      c("grep -r", "grep", "-rn", "a", "t"), c("grep no match", "grep", "zzz", "t/a.txt"),
      c("sed", "sed", "-e", "s/a/A/g", "-e", "2d", "t/sub/list"),
      c("awk", "awk", "-F:", "{ n += $2; print NR, $1 } END { print \"sum\", n }", "t/colon.txt"),
      c("sort", "sort", "-r", "t/sub/list"), c("sort -n -k2", "sort", "-t:", "-n", "-k2", "t/colon.txt"),
      c("uniq -c", "uniq", "-c", "t/sub/list"), c("wc", "wc", "t/a.txt", "t/sub/list", "t/bin.dat"),
      c("head", "head", "-n", "2", "t/sub/list"), c("tail", "tail", "-n", "2", "t/colon.txt"),
      c("cut", "cut", "-d:", "-f1,3", "t/colon.txt"), stdin("tr", "t/a.txt", "tr", "a-z", "A-Z"),
      stdin("tr -d", "t/colon.txt", "tr", "-d", ":0-9"),
      c("od", "od", "-A", "x", "-t", "x1z", "t/bin.dat"), c("md5sum", "md5sum", "t/a.txt", "t/bin.dat"),
      c("sha256sum", "sha256sum", "t/a.txt", "t/bin.dat"),
      steps("tar c/t/x", new String[] {"tar", "cf", "t.tar", "t"}, new String[] {"tar", "tvf", "t.tar"},
          new String[] {"mkdir", "x"}, new String[] {"tar", "xf", "t.tar", "-C", "x"}),
      steps("gzip/gunzip", new String[] {"gzip", "-k", "t/bin.dat"}, new String[] {"gunzip", "-c", "t/bin.dat.gz"},
          new String[] {"gzip", "-d", "-f", "t/bin.dat.gz"}),
      c("date -d", "date", "-d", "2021-03-04 05:06:07", "+%s %A %j"), c("date -u @", "date", "-u", "-d", "@86400"),
      c("stat -c", "stat", "-c", "%n %s %a %F %Y %h", "t/a.txt", "t/sub", "t/link"),
      c("du", "du", "-a", "t"), c("dd", "dd", "if=t/bin.dat", "of=t/dd.out", "bs=16", "count=4", "skip=2",
          "status=noxfer"),
      steps("touch", new String[] {"touch", "-d", "2001-02-03 04:05:06", "t/new"}, new String[] {"touch", "t/a.txt"},
          new String[] {"stat", "-c", "%n %s %Y", "t/new"}),
      steps("ln -s/readlink", new String[] {"ln", "-s", "sub/list", "t/l2"}, new String[] {"readlink", "t/l2"},
          new String[] {"readlink", "-f", "t/l2"}, new String[] {"ln", "-s", "x", "t/l2"}),
      c("realpath", "realpath", "t/link", "t/sub/../a.txt"),
      c("mkdir -p", "mkdir", "-p", "d1/d2/d3"), c("mkdir exists", "mkdir", "t"),
      steps("chmod", new String[] {"chmod", "700", "t/sub"}, new String[] {"chmod", "-R", "go-r", "t"}),
      c("seq", "seq", "1", "3", "10"), c("printf", "printf", "%s=%05.1f|%x|%c\\n", "pi", "3.14159", "255", "z"),
      c("expr", "expr", "abcdef", ":", "a\\(..\\)"), c("expr arith", "expr", "7", "*", "6", "-", "2"),
      c("test -f", "test", "-f", "t/a.txt"), c("test false", "test", "3", "-gt", "5"),
      c("df", "df", "-P", "t"), c("ls missing", "ls", "t/missing"));

  static Stream<Object[]> cases() {
    List<Object[]> out = new ArrayList<>();
    for (Case k : CASES) {
      for (Mode m : ProgramTest.modes()) out.add(new Object[] {k, m});
    }
    return out.stream();
  }

  @ParameterizedTest(name = "busybox {0} ({1})")
  @MethodSource("cases")
  void matchesNative(Case k, Mode mode, @TempDir Path work) throws Exception {
    assumeTrue(Files.isExecutable(BUSYBOX), "busybox-static is not installed");
    Map<String, String> env = TestPrograms.environment(work);
    List<String> nativeRuns = run(k, work, env, null);
    String nativeTree = snapshot(work);
    List<String> emulatedRuns = run(k, work, env, mode);
    String emulatedTree = snapshot(work);
    List<String> problems = new ArrayList<>();
    for (int s = 0; s < k.steps.size(); s++) {
      String d = OutputDiff.describe("step " + (s + 1) + " " + k.steps.get(s), nativeRuns.get(s), emulatedRuns.get(s));
      if (d != null) problems.add(d);
    }
    String d = OutputDiff.describe("tree after the run", nativeTree, emulatedTree);
    if (d != null) problems.add(d);
    if (!problems.isEmpty()) fail("busybox " + k + " (" + mode.label + ") differs from native:\n" + String.join("\n", problems));
  }

  /** Builds a fresh fixture in work and runs the steps natively (mode null) or emulated; one summary per step. */
  private static List<String> run(Case k, Path work, Map<String, String> env, Mode mode) throws Exception {
    fixture(work);
    List<String> results = new ArrayList<>();
    for (List<String> argv : k.steps) {
      List<String> cmd = new ArrayList<>();
      cmd.add(BUSYBOX.toString());
      cmd.addAll(argv);
      if (mode != null) cmd = Emulator.command(mode, BUSYBOX, argv);
      Path in = k.stdin == null ? Path.of("/dev/null") : work.resolve(k.stdin);
      RunResult r = Emulator.exec(cmd, work, env, mode == null ? Emulator.NATIVE_TIMEOUT : Emulator.TIMEOUT, in);
      results.add("status " + (r.timedOut() ? "timeout" : r.status()) + "\n--- stdout\n" + r.out() + "\n--- stderr\n"
          + r.err());
      if (argv.get(0).equals("df")) results.set(results.size() - 1, results.get(results.size() - 1)
          .replaceAll("[0-9]+", "N")); // block counts change as the disk is used
    }
    return results;
  }

  /** A small tree with text, binary, empty files, a symlink and a subdirectory, all dated FIXTURE_TIME. */
  private static void fixture(Path work) throws IOException {
    try (Stream<Path> s = Files.list(work)) {
      for (Path p : s.toList()) deleteTree(p);
    }
    Path t = Files.createDirectories(work.resolve("t"));
    Path sub = Files.createDirectories(t.resolve("sub"));
    Files.writeString(t.resolve("a.txt"), "hello\nworld of busybox\n");
    Files.writeString(sub.resolve("list"), "banana\napple\napple\ncherry\napple\n");
    Files.writeString(t.resolve("colon.txt"), "root:0:x\ndaemon:1:y\nbin:20:z\nsys:3:w\n");
    byte[] bin = new byte[256];
    for (int i = 0; i < bin.length; i++) bin[i] = (byte) i;
    Files.write(t.resolve("bin.dat"), bin);
    Files.write(t.resolve("empty"), new byte[0]);
    Files.createSymbolicLink(t.resolve("link"), Path.of("a.txt"));
    try (Stream<Path> s = Files.walk(t)) {
      for (Path p : s.toList()) {
        if (!Files.isSymbolicLink(p)) {
          Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(Files.isDirectory(p) ? "rwxr-xr-x" : "rw-r--r--"));
          Files.setLastModifiedTime(p, FileTime.from(FIXTURE_TIME));
        }
      }
    }
  }

  private static void deleteTree(Path p) throws IOException {
    if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
      p.toFile().setWritable(true);
      Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwx------"));
      try (Stream<Path> s = Files.list(p)) {
        for (Path c : s.toList()) deleteTree(c);
      }
    }
    Files.delete(p);
  }

  /** One line per path under work: type, permissions, size, content hash or link target, and set mtimes. */
  private static String snapshot(Path work) throws Exception {
    StringBuilder sb = new StringBuilder();
    List<Path> paths;
    try (Stream<Path> s = Files.walk(work)) {
      paths = s.sorted().toList();
    }
    MessageDigest sha = MessageDigest.getInstance("SHA-256");
    for (Path p : paths) {
      if (p.equals(work)) continue;
      sb.append(work.relativize(p)).append(' ');
      if (Files.isSymbolicLink(p)) {
        sb.append("link -> ").append(Files.readSymbolicLink(p)).append('\n');
        continue;
      }
      sb.append(Files.isDirectory(p) ? "dir " : "file ");
      sb.append(PosixFilePermissions.toString(Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS)));
      Instant mtime = Files.getLastModifiedTime(p, LinkOption.NOFOLLOW_LINKS).toInstant();
      sb.append(mtime.isBefore(FIXTURE_TIME.plusSeconds(86400)) ? " mtime " + mtime.getEpochSecond() : " mtime now");
      if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS) && Files.isReadable(p)) {
        byte[] b = Files.readAllBytes(p);
        sb.append(" size ").append(b.length).append(" sha256 ").append(HexFormat.of().formatHex(sha.digest(b), 0, 8));
      }
      sb.append('\n');
    }
    return sb.toString();
  }
}
