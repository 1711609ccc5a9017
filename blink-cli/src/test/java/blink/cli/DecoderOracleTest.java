package blink.cli;

import static org.junit.jupiter.api.Assertions.*;

import blink.loader.ElfHeader;
import blink.x86.Decoder;
import blink.x86.Insn;
import blink.x86.Isa;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The decoder against GNU objdump: every instruction objdump finds in the test
 * programs' code must decode to the same length, and direct branches to the same
 * target. Instructions the decoder does not know yet are counted, not compared.
 */
class DecoderOracleTest {
  private static final Pattern LINE = Pattern.compile("^\\s+([0-9a-f]+):\\t(.*)$");
  private static final Pattern BRANCH = Pattern.compile("^(j[a-z]+|call|loop[a-z]*|jrcxz)\\s+([0-9a-f]+) <");

  @TestFactory
  Stream<DynamicTest> decoderAgreesWithObjdump() {
    List<Path> programs = new ArrayList<>();
    for (String lib : new String[] {"glibc", "musl"}) {
      for (String name : new String[] {"hello", "printf_float", "string_funcs", "malloc_churn"}) {
        Path p = TestPrograms.root().resolve("test-programs/build").resolve(lib).resolve(name);
        if (Files.isRegularFile(p)) programs.add(p);
      }
    }
    assertFalse(programs.isEmpty(), "no test programs built");
    return programs.stream().map(p -> DynamicTest.dynamicTest(p.getParent().getFileName() + "/" + p.getFileName(), () -> check(p)));
  }

  private static void check(Path program) throws Exception {
    byte[] image = Files.readAllBytes(program);
    ElfHeader elf = ElfHeader.parse(image);
    Decoder.ByteSource bytes = addr -> {
      for (ElfHeader.ProgramHeader ph : elf.segments()) {
        if (ph.type() == ElfHeader.PT_LOAD && addr >= ph.vaddr() && addr < ph.vaddr() + ph.filesz()) {
          return image[(int) (ph.offset() + addr - ph.vaddr())] & 0xff;
        }
      }
      return 0;
    };
    TreeMap<Long, String> listing = objdump(program);
    Decoder decoder = new Decoder(Isa.table());
    int compared = 0, unknown = 0;
    List<String> mismatches = new ArrayList<>();
    Map.Entry<Long, String> prev = null;
    for (Map.Entry<Long, String> e : listing.entrySet()) {
      if (prev != null && e.getKey() - prev.getKey() <= 15 && !prev.getValue().startsWith("(bad)")) {
        long addr = prev.getKey();
        int expect = (int) (e.getKey() - addr);
        Insn insn = decoder.decode(addr, bytes);
        if (insn.opcode < 0) {
          unknown++;
        } else {
          compared++;
          if (insn.length != expect) {
            mismatches.add(String.format("%x: %s: length %d, objdump %d", addr, prev.getValue(), insn.length, expect));
          }
          Matcher m = BRANCH.matcher(prev.getValue());
          if (m.find() && insn.target != Long.parseLong(m.group(2), 16)) {
            mismatches.add(String.format("%x: %s: target %x", addr, prev.getValue(), insn.target));
          }
        }
      }
      prev = e;
    }
    assertTrue(compared > 1000, "too few instructions compared: " + compared);
    assertTrue(mismatches.isEmpty(), mismatches.size() + " mismatches (of " + compared + ", " + unknown
        + " not implemented), first: " + mismatches.subList(0, Math.min(10, mismatches.size())));
  }

  /** Address → instruction text for every instruction in executable sections. */
  private static TreeMap<Long, String> objdump(Path program) throws Exception {
    Process p = new ProcessBuilder("objdump", "-d", "-w", "--no-show-raw-insn", program.toString())
        .redirectErrorStream(true).start();
    TreeMap<Long, String> out = new TreeMap<>();
    try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = r.readLine()) != null) {
        Matcher m = LINE.matcher(line);
        if (m.matches()) {
          out.put(Long.parseLong(m.group(1), 16), m.group(2).trim());
        } else if ((line.trim().equals("...") || line.endsWith(">:")) && !out.isEmpty()) {
          // A run of zero bytes objdump skipped, or a new symbol (sections and functions
          // may be separated by padding objdump doesn't list): the successor is unknown.
          out.put(out.lastKey(), "(bad) " + out.get(out.lastKey()));
        }
      }
    }
    assertEquals(0, p.waitFor(), "objdump failed");
    return out;
  }
}
