package blink.x86.ops;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * Offline x87 differential tester: {@code X87DifferentialTool COUNT [SEED] [REGEX]}
 * runs COUNT random instances of every x87 form (or those matching REGEX) on the
 * host CPU and in the emulator and prints the mismatches. See bench/x87difftest.sh.
 * System properties: {@code examples} (mismatches shown per form, default 3),
 * {@code x87.strict} (compare the transcendentals bit for bit too).
 */
public final class X87DifferentialTool {
  private X87DifferentialTool() {}

  /** -Dx87.strict=true: no tolerance for the transcendentals (to study the host's last bits). */
  static final boolean STRICT = Boolean.getBoolean("x87.strict");

  /**
   * The outcome: mismatches per form with examples, host faults per form and signal,
   * and per transcendental form the cases accepted only within the accuracy bound.
   */
  record Result(Map<String, Integer> bad, String report, long cases, Map<String, Integer> faults,
      Map<String, Integer> lastBit, Map<String, Integer> counts) {}

  static Result run(Path exe, int count, long seed, String only, int examples) throws Exception {
    Random rnd = new Random(seed);
    X87DifferentialGen gen = new X87DifferentialGen(rnd);
    Map<String, Integer> bad = new TreeMap<>(), faults = new TreeMap<>(), lastBit = new TreeMap<>(),
        counts = new TreeMap<>();
    StringBuilder report = new StringBuilder();
    X87DifferentialCase.Emu emu = new X87DifferentialCase.Emu();
    List<X87DifferentialGen.Form> forms = new ArrayList<>();
    for (X87DifferentialGen.Form f : X87DifferentialGen.FORMS) {
      if (only == null || f.name().matches(only)) forms.add(f);
    }
    long total = 0, n = (long) count * forms.size();
    final int batch = 20000;
    List<X87DifferentialCase> cases = new ArrayList<>(), differing = new ArrayList<>();
    for (long k = 0; k < n; ) {
      cases.clear();
      differing.clear();
      for (int j = 0; j < batch && k < n; j++, k++) cases.add(gen.make(forms.get((int) (k % forms.size()))));
      int[] at = {0};
      X87DifferentialHost.runAll(exe, cases, line -> {
        X87DifferentialCase t = cases.get(at[0]++);
        String expected = t.normalize(line);
        if (expected.startsWith("FAULT")) faults.merge(t.name + " " + expected.split(" ", 3)[1], 1, Integer::sum);
        counts.merge(t.name, 1, Integer::sum);
        if (!agree(t, expected, t.normalize(emu.run(t)), lastBit)) differing.add(t);
      });
      // A second host run for the cases that differ: a context switch between the two
      // instructions of a form zeroes FIP, FDP and FOP on this host (its XSAVE keeps them
      // only while an exception is pending), so only a difference that stays counts.
      int[] again = {0};
      X87DifferentialHost.runAll(exe, differing, line -> {
        X87DifferentialCase t = differing.get(again[0]++);
        String expected = t.normalize(line), actual = t.normalize(emu.run(t));
        if (agree(t, expected, actual, lastBit)) return;
        if (bad.merge(t.name, 1, Integer::sum) <= examples) {
          report.append(t.describe()).append("\n  host ").append(expected).append("\n  emu  ").append(actual)
              .append('\n');
        }
      });
      total += cases.size();
    }
    return new Result(bad, report.toString(), total, faults, lastBit, counts);
  }

  /** Whether the host's and the emulator's results match (counting those only within the bound). */
  private static boolean agree(X87DifferentialCase t, String expected, String actual, Map<String, Integer> lastBit) {
    if (expected.equals(actual)) return true;
    if (t.lastBit && !STRICT && withinBound(expected, actual)) {
      lastBit.merge(t.name, 1, Integer::sum);
      return true;
    }
    return false;
  }

  /**
   * Whether two result lines differ only as the transcendentals may (SDM Vol. 1
   * §8.3.10: an error below 1 ulp): stack registers one unit in the last place
   * apart (same sign, finite) and C1, which reports the rounding direction, the
   * rest (the other flags, TOP, tags, the other registers, memory) equal.
   */
  static boolean withinBound(String host, String emu) {
    String[] h = host.split(" "), e = emu.split(" ");
    if (h.length != e.length || h.length < 30 || h[0].equals("FAULT") || e[0].equals("FAULT")) return false;
    for (int k = 0; k < h.length; k++) {
      if (h[k].equals(e[k])) continue;
      if (k == 1) {
        if (((Integer.parseInt(h[k], 16) ^ Integer.parseInt(e[k], 16)) & ~0x200) != 0) return false;
      } else if (k >= 7 && k <= 22) {
        int r = (k - 7) & ~1;
        if (!oneUlpApart(Integer.parseInt(h[7 + r], 16), Long.parseUnsignedLong(h[8 + r], 16),
            Integer.parseInt(e[7 + r], 16), Long.parseUnsignedLong(e[8 + r], 16))) {
          return false;
        }
      } else {
        return false;
      }
    }
    return true;
  }

  /** Two finite 80-bit values of one sign, normal or denormal, adjacent or equal. */
  static boolean oneUlpApart(int se1, long sig1, int se2, long sig2) {
    if ((se1 & 0x8000) != (se2 & 0x8000)) return false;
    int e1 = se1 & 0x7fff, e2 = se2 & 0x7fff;
    if (e1 == 0x7fff || e2 == 0x7fff || (e1 != 0 && sig1 >= 0) || (e2 != 0 && sig2 >= 0)) return false;
    if (e1 < e2) return oneUlpApart(se2, sig2, se1, sig1);
    // The position in the ordered encodings: exponent × 2^63 + fraction (denormals: exponent 0).
    long frac1 = e1 == 0 ? sig1 : sig1 & Long.MAX_VALUE, frac2 = e2 == 0 ? sig2 : sig2 & Long.MAX_VALUE;
    if (e1 == e2) return Math.abs(frac1 - frac2) <= 1;
    return e1 == e2 + 1 && frac1 == 0 && frac2 == Long.MAX_VALUE
        || e1 == 1 && e2 == 0 && frac1 == 0 && sig2 == Long.MAX_VALUE;
  }

  public static void main(String[] args) throws Exception {
    int count = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
    long seed = args.length > 1 ? Long.parseLong(args[1]) : System.nanoTime();
    String only = args.length > 2 ? args[2] : null;
    int examples = Integer.getInteger("examples", 3);
    Path dir = Files.createTempDirectory("blink-x87difftest");
    Path exe = X87DifferentialHost.compile(dir);
    if (exe == null) throw new IllegalStateException("runner did not compile");
    long t0 = System.nanoTime();
    Result r = run(exe, count, seed, only, examples);
    System.out.printf("%d cases, seed %d, %.1f s%n", r.cases(), seed, (System.nanoTime() - t0) / 1e9);
    System.out.println("host faults: " + r.faults());
    if (!r.lastBit().isEmpty()) {
      System.out.print("within the accuracy bound only (last bit, C1):");
      r.lastBit().forEach((k, v) -> System.out.printf(" %s %d/%d (%.2f%%)", k, v, r.counts().get(k), 100.0 * v / r.counts().get(k)));
      System.out.println();
    }
    if (r.bad().isEmpty()) {
      System.out.println("no mismatches");
    } else {
      System.out.println("mismatches per form: " + r.bad());
      System.out.print(r.report());
      System.exit(1);
    }
  }
}
