package blink.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import blink.cli.Emulator.Mode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * An interactive shell in a terminal (tmux): Ctrl-C at the keyboard interrupts
 * the foreground `sleep`, and the shell survives to run the next command and
 * report status 130. The same keystrokes go to the shell run natively (the
 * oracle) and under the emulator in each mode.
 */
class InteractiveShellTest {
  private static final Path DASH = Path.of("/bin/dash");
  private static final String SOCKET = "blink-test-" + ProcessHandle.current().pid();

  @Test
  void ctrlCInterruptsTheForegroundJobAndTheShellSurvives() throws Exception {
    assumeTrue(Files.isExecutable(Path.of("/usr/bin/tmux")), "tmux is not installed");
    assumeTrue(Files.isExecutable(DASH), "dash is not installed");
    check("native", List.of(DASH.toString(), "-i"));
    for (Mode mode : Mode.values()) check(mode.label, Emulator.command(mode, DASH, List.of("-i")));
  }

  /** Runs the shell in a fresh tmux session, types at it, and checks the screen. */
  private static void check(String label, List<String> shell) throws Exception {
    String session = "s" + System.nanoTime();
    List<String> cmd = new ArrayList<>(List.of("new-session", "-d", "-s", session, "-x", "100", "-y", "20",
        "/usr/bin/env", "PS1=$ ", "ENV=", "HOME=/tmp"));
    cmd.addAll(shell);
    tmux(cmd.toArray(String[]::new));
    try {
      // capture-pane drops trailing blanks: the prompt "$ " shows as a line "$".
      java.util.function.Predicate<String> prompt = s -> s.lines().anyMatch(l -> l.equals("$"));
      String screen = waitFor(session, prompt, Duration.ofSeconds(90));
      assertTrue(prompt.test(screen), label + ": no prompt:\n" + screen);
      tmux("send-keys", "-t", session, "sleep 60", "Enter");
      Thread.sleep(1500); // let sleep start
      String running = tmux("capture-pane", "-p", "-t", session);
      long start = System.nanoTime();
      tmux("send-keys", "-t", session, "C-c");
      // The shell is back when a fresh prompt follows the echoed ^C.
      waitFor(session, s -> s.contains("^C") && s.substring(s.indexOf("^C")).lines().anyMatch(l -> l.equals("$")),
          Duration.ofSeconds(30));
      tmux("send-keys", "-t", session, "echo survived-$?", "Enter");
      // The answer is a line of its own; the typed command line also contains "survived-".
      screen = waitFor(session, s -> s.lines().anyMatch(l -> l.matches("survived-\\d+")), Duration.ofSeconds(30));
      long seconds = (System.nanoTime() - start) / 1_000_000_000L;
      assertTrue(screen.contains("survived-130"), label + ": the shell did not report an interrupted job:\n" + screen
          + "\nbefore Ctrl-C:\n" + running);
      assertTrue(seconds < 20, label + ": Ctrl-C took " + seconds + " s to end the sleep");
    } finally {
      tmux("kill-session", "-t", session);
    }
  }

  private static String waitFor(String session, java.util.function.Predicate<String> done, Duration limit)
      throws Exception {
    long deadline = System.nanoTime() + limit.toNanos();
    String screen = "";
    while (System.nanoTime() < deadline) {
      screen = tmux("capture-pane", "-p", "-t", session);
      if (done.test(screen)) return screen;
      Thread.sleep(200);
    }
    return screen;
  }

  private static String tmux(String... args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of("tmux", "-L", SOCKET, "-f", "/dev/null"));
    cmd.addAll(List.of(args));
    RunResult r = Emulator.exec(cmd, Path.of("/tmp"), Map.of("PATH", "/usr/bin:/bin", "TERM", "xterm"),
        Duration.ofSeconds(30));
    return new String(r.stdout(), StandardCharsets.UTF_8);
  }
}
