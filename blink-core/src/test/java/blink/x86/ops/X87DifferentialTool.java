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
 */
public final class X87DifferentialTool {
  private X87DifferentialTool() {}

  record Result(Map<String, Integer> bad, String report, long cases, Map<String, Integer> faults) {}

  static Result run(Path exe, int count, long seed, String only, int examples) throws Exception {
    Random rnd = new Random(seed);
    X87DifferentialGen gen = new X87DifferentialGen(rnd);
    Map<String, Integer> bad = new TreeMap<>(), faults = new TreeMap<>();
    StringBuilder report = new StringBuilder();
    X87DifferentialCase.Emu emu = new X87DifferentialCase.Emu();
    List<X87DifferentialGen.Form> forms = new ArrayList<>();
    for (X87DifferentialGen.Form f : X87DifferentialGen.FORMS) {
      if (only == null || f.name().matches(only)) forms.add(f);
    }
    long total = 0, n = (long) count * forms.size();
    final int batch = 20000;
    List<X87DifferentialCase> cases = new ArrayList<>();
    for (long k = 0; k < n; ) {
      cases.clear();
      for (int j = 0; j < batch && k < n; j++, k++) cases.add(gen.make(forms.get((int) (k % forms.size()))));
      int[] at = {0};
      X87DifferentialHost.runAll(exe, cases, line -> {
        X87DifferentialCase t = cases.get(at[0]++);
        String expected = t.normalize(line), actual = t.normalize(emu.run(t));
        if (expected.startsWith("FAULT")) faults.merge(t.name + " " + expected.split(" ", 3)[1], 1, Integer::sum);
        if (expected.equals(actual)) return;
        if (bad.merge(t.name, 1, Integer::sum) <= examples) {
          report.append(t.describe()).append("\n  host ").append(expected).append("\n  emu  ").append(actual)
              .append('\n');
        }
      });
      total += cases.size();
    }
    return new Result(bad, report.toString(), total, faults);
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
    if (r.bad().isEmpty()) {
      System.out.println("no mismatches");
    } else {
      System.out.println("mismatches per form: " + r.bad());
      System.out.print(r.report());
      System.exit(1);
    }
  }
}
