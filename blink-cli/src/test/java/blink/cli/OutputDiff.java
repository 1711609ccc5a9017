package blink.cli;

import java.util.ArrayList;
import java.util.List;

/** Human-readable differences between expected and actual program output. */
public final class OutputDiff {
  private static final int MAX_LINE = 240;

  private OutputDiff() {}

  /** Splits on '\n', keeping a final unterminated line (and no empty line after a final '\n'). */
  public static List<String> lines(String s) {
    List<String> out = new ArrayList<>();
    int start = 0;
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) == '\n') {
        out.add(s.substring(start, i));
        start = i + 1;
      }
    }
    if (start < s.length()) out.add(s.substring(start));
    return out;
  }

  /**
   * Null if equal; otherwise where the texts first differ: line number, the
   * expected and actual lines (escaped), a little context, and both sizes.
   */
  public static String describe(String what, String expected, String actual) {
    if (expected.equals(actual)) return null;
    List<String> e = lines(expected), a = lines(actual);
    int n = Math.min(e.size(), a.size());
    int i = 0;
    while (i < n && e.get(i).equals(a.get(i))) i++;
    StringBuilder b = new StringBuilder();
    b.append(what).append(" differs (expected ").append(expected.length()).append(" bytes/")
        .append(e.size()).append(" lines, got ").append(actual.length()).append(" bytes/")
        .append(a.size()).append(" lines)");
    if (i == n && e.size() == a.size()) {
      // same lines: only the final newline differs
      b.append(": only the trailing newline differs\n");
      return b.toString();
    }
    b.append(", first difference at line ").append(i + 1).append(":\n");
    for (int k = Math.max(0, i - 2); k < i; k++) b.append("    ").append(escape(e.get(k))).append('\n');
    b.append("  - ").append(i < e.size() ? escape(e.get(i)) : "<end of output>").append('\n');
    b.append("  + ").append(i < a.size() ? escape(a.get(i)) : "<end of output>").append('\n');
    for (int k = i + 1; k < Math.min(i + 3, a.size()); k++) b.append("  + ").append(escape(a.get(k))).append('\n');
    return b.toString();
  }

  /** The first {@code max} lines of {@code s}, each prefixed, escaped. */
  public static String excerpt(String s, int max, String prefix) {
    List<String> l = lines(s);
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < Math.min(max, l.size()); i++) b.append(prefix).append(escape(l.get(i))).append('\n');
    if (l.size() > max) b.append(prefix).append("... (").append(l.size() - max).append(" more lines)\n");
    return b.toString();
  }

  /** Makes control and non-ASCII bytes visible; truncates very long lines. */
  public static String escape(String s) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < s.length() && b.length() < MAX_LINE; i++) {
      char c = s.charAt(i);
      if (c == '\\') b.append("\\\\");
      else if (c == '\t') b.append("\\t");
      else if (c == '\r') b.append("\\r");
      else if (c < 0x20 || c >= 0x7f) b.append(String.format("\\x%02x", (int) c));
      else b.append(c);
    }
    if (b.length() >= MAX_LINE) b.append("... (").append(s.length()).append(" chars)");
    return b.toString();
  }
}
