package blink.x86;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The 32-bit and 16-bit decoders against GNU objdump ({@code -m i386}, {@code -m
 * i8086}) on random byte streams: wherever objdump finds an instruction and the
 * decoder knows it, lengths and direct branch targets must agree. Lines objdump
 * prints for a lone prefix or with "(bad)" operands are not compared, nor FWAIT,
 * which objdump joins to the x87 instruction after it. Skipped without objdump. System
 * property {@code blink.test.legacyDecodeBytes} sets the stream length (default 256 KiB).
 */
class LegacyDecoderOracleTest {
  private static final Pattern LINE = Pattern.compile("^\\s*([0-9a-f]+):\\t([0-9a-f ]+)\\t(.*)$");
  private static final Pattern BRANCH = Pattern.compile("^(j[a-z]+|call[wl]?|loop[a-z]*)\\s+0x([0-9a-f]+)$");
  private static final Pattern PREFIX = Pattern.compile(
      "^(cs|ds|es|ss|fs|gs|data16|data32|addr16|addr32|lock|rep[a-z]*|bnd|notrack|xacquire|xrelease)$");
  /** Bytes that make random streams more like code: prefixes, escapes, the mode-specific opcodes. */
  private static final int[] FAVOURED = {0x66, 0x67, 0x0f, 0xf2, 0xf3, 0xf0, 0x26, 0x64, 0xc4, 0xc5, 0x62, 0x8d,
      0x9a, 0xea, 0xe8, 0xe9, 0xa1, 0xa3, 0xc8, 0xd4, 0xd5, 0x27, 0x40, 0x60, 0x63, 0x82, 0xff, 0x8f};

  @ParameterizedTest
  @EnumSource(value = Mode.class, names = {"PROTECTED_32", "REAL_16"})
  void lengthsAgreeWithObjdump(Mode mode, @TempDir Path dir) throws Exception {
    assumeTrue(objdumpWorks(), "needs GNU objdump");
    Random r = new Random(20261121L + mode.ordinal());
    byte[] bytes = new byte[Integer.getInteger("blink.test.legacyDecodeBytes", 256 << 10)];
    for (int k = 0; k < bytes.length; k++) {
      int pick = r.nextInt(10);
      bytes[k] = (byte) (pick < 2 ? FAVOURED[r.nextInt(FAVOURED.length)] : pick < 3 ? 0x0f : r.nextInt(256));
      // Some ModRM-looking bytes with mod != 3 to reach memory forms and 16-bit addressing.
      if (pick == 9) bytes[k] &= 0xbf;
    }
    Path bin = dir.resolve("random.bin");
    Files.write(bin, bytes);
    TreeMap<Long, String> listing = objdump(bin, mode == Mode.PROTECTED_32 ? "i386" : "i8086");
    Decoder decoder = new Decoder(mode);
    Decoder.ByteSource src = a -> a < bytes.length ? bytes[(int) a] & 0xff : 0;
    int compared = 0, unknown = 0;
    List<String> mismatches = new ArrayList<>();
    Long prev = null;
    for (Long addr : listing.keySet()) {
      if (prev != null) check(decoder, src, prev, (int) (addr - prev), listing.get(prev), mismatches);
      prev = addr;
    }
    for (Long addr : listing.keySet()) {
      String text = listing.get(addr);
      if (skipped(text)) continue;
      if (decoder.decode(addr, src).opcode < 0) unknown++;
      else compared++;
    }
    assertTrue(compared > bytes.length / 8, "too few instructions compared: " + compared);
    assertTrue(mismatches.isEmpty(), mismatches.size() + " mismatches (of " + compared + ", " + unknown
        + " not implemented), first: " + String.join("\n", mismatches.subList(0, Math.min(20, mismatches.size()))));
  }

  private static void check(Decoder decoder, Decoder.ByteSource src, long addr, int expect, String text, List<String> out) {
    if (skipped(text)) return;
    Insn insn = decoder.decode(addr, src);
    if (insn.opcode < 0 || insn.opcode == 0x9b) return; // objdump shows FWAIT joined to the x87 op after it
    StringBuilder hex = new StringBuilder();
    for (int k = 0; k < Math.max(expect, insn.length); k++) hex.append(String.format("%02x ", src.fetch(addr + k)));
    if (insn.length != expect) {
      out.add(String.format("%x: %s[%s]: length %d, objdump %d", addr, hex, text, insn.length, expect));
      return;
    }
    // objdump does not wrap a 16-bit IP in a stream longer than 64 KiB; compare the low 16 bits there.
    long mask = insn.size == 2 ? 0xffff : 0xffffffffL;
    Matcher m = BRANCH.matcher(text);
    if (m.find() && insn.target != (Long.parseLong(m.group(2), 16) & mask)) {
      out.add(String.format("%x: %s[%s]: target %x", addr, hex, text, insn.target));
    }
  }

  /** Undecodable bytes and lone prefixes objdump prints as lines of their own. */
  private static boolean skipped(String text) {
    return text.contains("(bad)") || text.startsWith(".byte") || PREFIX.matcher(text).matches();
  }

  private static boolean objdumpWorks() {
    try {
      Process p = new ProcessBuilder("objdump", "--version").redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (Exception e) {
      return false;
    }
  }

  /** Offset → instruction text (with any " # comment" removed). */
  private static TreeMap<Long, String> objdump(Path bin, String machine) throws Exception {
    Process p = new ProcessBuilder("objdump", "-D", "-w", "-b", "binary", "-m", machine, bin.toString())
        .redirectErrorStream(true).start();
    TreeMap<Long, String> out = new TreeMap<>();
    try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = r.readLine()) != null) {
        Matcher m = LINE.matcher(line);
        if (!m.matches()) continue;
        String text = m.group(3).trim();
        int hash = text.indexOf(" #");
        if (hash >= 0) text = text.substring(0, hash).trim();
        out.put(Long.parseLong(m.group(1), 16), text);
      }
    }
    assumeTrue(p.waitFor() == 0, "objdump failed");
    return out;
  }
}
