package blink.cli;

import static org.junit.jupiter.api.Assertions.fail;

import blink.cli.Emulator.Mode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Inputs that are not runnable x86-64 programs: the emulator must say so in
 * exactly one stderr line starting with {@code blink: }, exit non-zero, and never
 * show a Java stack trace.
 */
@Execution(ExecutionMode.CONCURRENT) // each case is its own processes; runs in parallel if enabled
class MalformedInputTest {
  enum Input {
    TRUNCATED_HEADER {
      Path make(Path dir, byte[] hello) throws IOException {
        return executable(dir.resolve("truncated-header"), Arrays.copyOf(hello, 40));
      }
    },
    TRUNCATED_SEGMENTS {
      // a complete ELF header and program headers, but the segments lie past the end
      Path make(Path dir, byte[] hello) throws IOException {
        return executable(dir.resolve("truncated-segments"), Arrays.copyOf(hello, 1024));
      }
    },
    WRONG_MACHINE {
      Path make(Path dir, byte[] hello) throws IOException {
        byte[] b = hello.clone();
        b[18] = (byte) 0xb7; // e_machine = EM_AARCH64
        b[19] = 0;
        return executable(dir.resolve("aarch64"), b);
      }
    },
    ELF32 {
      Path make(Path dir, byte[] hello) throws IOException {
        byte[] b = hello.clone();
        b[4] = 1; // EI_CLASS = ELFCLASS32
        return executable(dir.resolve("elf32"), b);
      }
    },
    BIG_ENDIAN {
      Path make(Path dir, byte[] hello) throws IOException {
        byte[] b = hello.clone();
        b[5] = 2; // EI_DATA = ELFDATA2MSB
        return executable(dir.resolve("big-endian"), b);
      }
    },
    DIRECTORY {
      Path make(Path dir, byte[] hello) throws IOException {
        return Files.createDirectory(dir.resolve("a-directory"));
      }
    },
    MISSING_FILE {
      Path make(Path dir, byte[] hello) {
        return dir.resolve("does-not-exist");
      }
    },
    NOT_EXECUTABLE_TEXT {
      Path make(Path dir, byte[] hello) throws IOException {
        Path p = dir.resolve("notes.txt");
        Files.writeString(p, "this is just text\nnot a program\n");
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rw-r--r--"));
        return p;
      }
    },
    EMPTY_FILE {
      Path make(Path dir, byte[] hello) throws IOException {
        return executable(dir.resolve("empty"), new byte[0]);
      }
    };

    abstract Path make(Path dir, byte[] hello) throws IOException;

    static Path executable(Path p, byte[] content) throws IOException {
      Files.write(p, content);
      Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
      return p;
    }
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Input.class)
  void rejectedWithOneLine(Input input, @TempDir Path dir) throws Exception {
    byte[] hello = Files.readAllBytes(TestPrograms.binary("glibc", "hello"));
    Path program = input.make(dir, hello);
    RunResult r = Emulator.run(Mode.DEFAULT, program, List.of(), dir, TestPrograms.environment(dir));

    List<String> problems = new ArrayList<>();
    if (r.timedOut()) problems.add("did not finish within " + Emulator.TIMEOUT.toSeconds() + " s");
    else if (r.status() == 0) problems.add("exit status is 0");
    List<String> lines = OutputDiff.lines(r.err()).stream().filter(l -> !l.isBlank()).toList();
    if (lines.size() != 1) problems.add("expected exactly one stderr line, got " + lines.size());
    if (lines.isEmpty() || !lines.get(0).startsWith("blink: ")) problems.add("stderr does not start with 'blink: '");
    for (String stream : List.of(r.out(), r.err())) {
      if (looksLikeStackTrace(stream)) {
        problems.add("output contains a Java stack trace");
        break;
      }
    }
    if (!problems.isEmpty()) {
      fail(input + ": " + String.join("; ", problems) + "\n" + r.describe()
          + (r.stdout().length > 0 ? "  stdout:\n" + OutputDiff.excerpt(r.out(), 10, "    | ") : ""));
    }
  }

  static boolean looksLikeStackTrace(String s) {
    return s.contains("\tat ") || s.contains("Exception in thread") || s.matches("(?s).*\\bat [\\w.$]+\\(.*")
        || s.contains("Caused by: ");
  }
}
