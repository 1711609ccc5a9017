package blink.x86;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * Offline 32/16-bit-mode differential tester: {@code CompatDiffTool COUNT [SEED]
 * [REGEX] [all|-] [32|16]} runs COUNT random instances of every form (or those
 * matching REGEX) on the host CPU in a 32-bit (or 16-bit) code segment and in the
 * emulator in {@link Mode#PROTECTED_32} (or {@link Mode#REAL_16}), and prints the mismatches. DAA/DAS/AAA/AAS always run
 * for every AL, AF and CF; "all" adds every AL and imm8 of AAM/AAD.
 */
public final class CompatDiffTool {
  record Result(Map<String, Integer> bad, String report, long cases, long skipped, Map<String, Integer> faults) {}

  static Result run(Path exe, Mode mode, int count, long seed, String only, int examples, boolean exhaustive) throws Exception {
    Random rnd = new Random(seed);
    List<CompatCase> all = new ArrayList<>();
    if (only == null || "daa.all".matches(only)) all.addAll(CompatGen.bcdExhaustive(rnd, mode));
    if (exhaustive) all.addAll(CompatGen.asciiExhaustive(rnd, mode));
    List<CompatGen.Form> forms = new ArrayList<>();
    for (CompatGen.Form f : CompatGen.FORMS) {
      if ((only == null || f.name().matches(only)) && (mode != Mode.REAL_16 || CompatGen.in16(f.name()))) forms.add(f);
    }
    Map<String, Integer> bad = new TreeMap<>(), faults = new TreeMap<>();
    StringBuilder report = new StringBuilder();
    CompatCase.Emu emu = new CompatCase.Emu(mode);
    long total = 0, skipped = 0;
    final int batch = 20000;
    long n = (long) count * forms.size() + all.size();
    List<CompatCase> cases = new ArrayList<>();
    for (long k = 0; k < n; ) {
      cases.clear();
      for (int j = 0; j < batch && k < n; j++, k++) {
        cases.add(k < all.size() ? all.get((int) k) : CompatGen.make(forms.get((int) ((k - all.size()) % forms.size())), rnd, mode));
      }
      int[] at = {0};
      long[] skip = {0};
      CompatHost.runAll(exe, mode, cases, line -> {
        CompatCase t = cases.get(at[0]++);
        if ("NOLOW".equals(line)) {
          skip[0]++;
          return;
        }
        String expected = t.normalize(line), actual = t.normalize(emu.run(t));
        if (expected.startsWith("FAULT")) {
          String[] w = expected.split(" ", 3);
          faults.merge(t.name + " " + w[0] + " " + w[1], 1, Integer::sum);
        }
        if (expected.equals(actual)) return;
        if (bad.merge(t.name, 1, Integer::sum) <= examples) {
          report.append(t.describe()).append("\n  host ").append(expected).append("\n  emu  ").append(actual).append('\n');
        }
      });
      total += cases.size();
      skipped += skip[0];
    }
    return new Result(bad, report.toString(), total, skipped, faults);
  }

  public static void main(String[] args) throws Exception {
    int count = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
    long seed = args.length > 1 ? Long.parseLong(args[1]) : System.nanoTime();
    String only = args.length > 2 && !args[2].isEmpty() ? args[2] : null;
    boolean exhaustive = args.length > 3 && args[3].equals("all");
    Mode mode = args.length > 4 && args[4].equals("16") ? Mode.REAL_16 : Mode.PROTECTED_32;
    Path dir = Files.createTempDirectory("blink-compattest");
    Path exe = CompatHost.compile(dir);
    if (exe == null) throw new IllegalStateException("runner did not compile");
    long t0 = System.nanoTime();
    Result r = run(exe, mode, count, seed, only, 3, exhaustive);
    System.out.printf("%s: %d cases (%d skipped: no low memory), seed %d, %.1f s%n", mode, r.cases(), r.skipped(), seed,
        (System.nanoTime() - t0) / 1e9);
    System.out.println("host faults: " + r.faults());
    if (r.bad().isEmpty()) {
      System.out.println("no mismatches");
    } else {
      System.out.println("mismatches per form: " + r.bad());
      System.out.print(r.report());
      System.exit(1);
    }
  }
}
