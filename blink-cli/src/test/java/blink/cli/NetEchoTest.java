package blink.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import blink.cli.Emulator.Mode;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A guest TCP echo server and a guest client as two emulated processes talking
 * over loopback (IPv4 and IPv6), compared with the same two programs run natively:
 * the client's and the server's output (the port aside) and both exit statuses.
 */
class NetEchoTest {
  static Stream<Object[]> cases() {
    List<Object[]> out = new ArrayList<>();
    for (String variant : List.of("glibc", "musl")) {
      for (String family : List.of("4", "6")) {
        for (Mode m : ProgramTest.modes()) out.add(new Object[] {variant, family, m});
      }
    }
    return out.stream();
  }

  @ParameterizedTest(name = "{0} IPv{1} ({2})")
  @MethodSource("cases")
  void serverAndClientMatchNative(String variant, String family, Mode mode, @TempDir Path work) throws Exception {
    Path prog = TestPrograms.binary(variant, "net_echo");
    assumeTrue(Files.isExecutable(prog), "test program not built: " + prog);
    Map<String, String> env = TestPrograms.environment(work);
    String expected = run(work, env, prog, family, null);
    String actual = run(work, env, prog, family, mode);
    assertEquals(expected, actual, "the emulated server and client differ from the native pair");
  }

  /** Starts the server (natively when mode is null), reads its port, runs the client; both outputs and statuses. */
  private static String run(Path work, Map<String, String> env, Path prog, String family, Mode mode) throws Exception {
    List<String> serverCmd = mode == null ? List.of(prog.toString(), "server", family)
        : Emulator.command(mode, prog, List.of("server", family));
    ProcessBuilder pb = new ProcessBuilder(serverCmd).directory(work.toFile()).redirectErrorStream(true);
    pb.environment().clear();
    pb.environment().putAll(env);
    Process server = pb.start();
    try (BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.ISO_8859_1))) {
      String port = out.readLine();
      assertTrue(port != null && port.matches("\\d+"), "the server printed no port: " + port);
      List<String> clientCmd = mode == null ? List.of(prog.toString(), "client", family, port)
          : Emulator.command(mode, prog, List.of("client", family, port));
      RunResult client = Emulator.exec(clientCmd, work, env, mode == null ? Emulator.NATIVE_TIMEOUT : Emulator.TIMEOUT);
      StringBuilder rest = new StringBuilder();
      for (String line; (line = out.readLine()) != null; ) rest.append(line).append('\n');
      boolean done = server.waitFor(60, TimeUnit.SECONDS);
      if (!done) server.destroyForcibly();
      return "client status " + client.status() + "\n" + client.out() + client.err() + "server status "
          + (done ? server.exitValue() : "timeout") + "\n" + rest;
    } finally {
      server.destroyForcibly();
    }
  }
}
