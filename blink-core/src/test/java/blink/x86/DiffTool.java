package blink.x86;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * Offline integer differential tester: {@code DiffTool COUNT [SEED] [REGEX]} runs
 * COUNT random instances of every integer form (or those matching REGEX) on the
 * host CPU and in the emulator and prints the mismatches. See bench/difftest.sh.
 */
public final class DiffTool {
  record Result(Map<String, Integer> bad, String report, long cases, Map<String, Integer> faults) {}

  static Result run(Path exe, int count, long seed, String only, int examples) throws Exception {
    return run(exe, count, seed, only, examples, true);
  }

  static Result run(Path exe, int count, long seed, String only, int examples, boolean withKnown) throws Exception {
    Random rnd = new Random(seed);
    Map<String, Integer> bad = new TreeMap<>(), faults = new TreeMap<>();
    StringBuilder report = new StringBuilder();
    IntCase.Emu emu = new IntCase.Emu();
    long total = 0;
    final int batch = 20000;
    List<IntCase> cases = new ArrayList<>();
    List<IntGen.Form> forms = new ArrayList<>();
    for (IntGen.Form f : IntGen.FORMS) {
      if ((only == null || f.name().matches(only)) && (withKnown || !IntGen.known(f.name()))) forms.add(f);
    }
    long n = (long) count * forms.size();
    for (long k = 0; k < n; ) {
      cases.clear();
      for (int j = 0; j < batch && k < n; j++, k++) cases.add(IntGen.make(forms.get((int) (k % forms.size())), rnd));
      int[] at = {0};
      IntHost.runAll(exe, cases, line -> {
        IntCase t = cases.get(at[0]++);
        String expected = t.normalize(line), actual = t.normalize(emu.run(t));
        if (expected.startsWith("FAULT")) {
          String[] w = expected.split(" ", 3);
          faults.merge(t.name + " " + w[0] + " " + w[1], 1, Integer::sum);
        }
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
    Path dir = Files.createTempDirectory("blink-difftest");
    Path exe = IntHost.compile(dir);
    if (exe == null) throw new IllegalStateException("runner did not compile");
    long t0 = System.nanoTime();
    Result r = run(exe, count, seed, only, 3);
    System.out.printf("%d cases over %d forms, seed %d, %.1f s%n", r.cases(),
        IntGen.FORMS.stream().filter(f -> only == null || f.name().matches(only)).count(), seed,
        (System.nanoTime() - t0) / 1e9);
    System.out.println("host faults (expected for #DE/#GP cases): " + r.faults());
    if (r.bad().isEmpty()) {
      System.out.println("no mismatches");
    } else {
      System.out.println("mismatches per form: " + r.bad());
      System.out.print(r.report());
      System.exit(1);
    }
  }
}
