package blink.cli;

import blink.linux.GuestProcess;
import blink.linux.LinuxKernel;
import blink.linux.Task;
import blink.linux.trace.SyscallTracer;
import blink.loader.ElfLoader;
import blink.loader.LoadedProgram;
import blink.loader.LoaderException;
import blink.loader.Shebang;
import blink.machine.Machine;
import blink.x86.Cpu;
import blink.x86.Cpuid;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;

/** The blink command: loads an x86-64-linux program and runs it to completion. */
public final class Main {
  /** Exit status for a usage error, as Blink uses. */
  static final int EXIT_USAGE = 48;
  static final String VERSION = "blink for the JVM 0.1.0";

  private Main() {}

  public static void main(String[] args) {
    // Binding the host C library takes ~0.1 s: start it now, in the background.
    blink.linux.host.Host.preload();
    int status;
    try {
      status = run(args);
    } catch (Throwable t) {
      // Never a Java stack trace on the user's terminal: one line, details in the log.
      System.err.println("blink: internal error: " + t);
      Log.error("internal error", t);
      status = 70;
    }
    System.out.flush();
    System.exit(status);
  }

  static int run(String[] args) {
    Options opt;
    try {
      opt = OptionParser.parse(args);
    } catch (OptionParser.UsageException e) {
      System.err.println("blink: " + e.getMessage());
      usage(System.err);
      return EXIT_USAGE;
    }
    if (opt.help) {
      usage(System.out);
      return 0;
    }
    if (opt.version) {
      System.out.println(VERSION);
      return 0;
    }
    Log.configure(opt.logPath, opt.logToStderr);
    if (opt.program.isEmpty()) {
      usage(System.err);
      return EXIT_USAGE;
    }
    String prog = opt.program.get(0);
    // The guest sees its arguments byte for byte (Latin-1 strings carry raw bytes).
    String[] raw = HostArguments.raw(args);
    List<String> rawProgram = List.of(raw).subList(raw.length - opt.program.size(), raw.length);
    List<String> guestArgs = new ArrayList<>(rawProgram.subList(opt.argvZero ? 1 : 0, rawProgram.size()));
    if (opt.argvZero && guestArgs.isEmpty()) {
      System.err.println("blink: -0 needs an argv[0] after PROG");
      return EXIT_USAGE;
    }
    FileSystemRoots fs = FileSystemRoots.open(opt.overlays);
    if (fs == null) {
      System.err.println("blink: " + (opt.overlays != null ? "-C " + opt.overlays : "$BLINK_OVERLAYS")
          + ": no such directory");
      return EXIT_USAGE;
    }
    String execfn = rawProgram.get(0);
    Program program = Program.read(prog, fs);
    if (program.error() != null) return program.fail(prog);
    // An interpreter script runs its "#!" interpreter with the script's path (binfmt_script).
    for (int depth = 0; Shebang.is(program.image()); depth++) {
      Shebang line = Shebang.parse(program.image());
      if (line == null || depth == Shebang.MAX_REWRITES) {
        System.err.println("blink: " + prog + ": " + (line == null ? "exec format error" : "too many levels of interpreters"));
        return 126;
      }
      guestArgs = line.argv(execfn, guestArgs);
      execfn = line.interpreter();
      prog = line.interpreter();
      program = Program.read(prog, fs);
      if (program.error() != null) return program.fail(prog);
    }
    byte[] image = program.image();
    Path path = program.path();
    Machine machine = Machine.create();
    List<String> envp = HostEnvironment.inOrder();
    String exe = fs.guestPath(path);
    LoadedProgram loaded;
    try {
      loaded = ElfLoader.load(machine.space, new ElfLoader.Request(image, guestArgs, envp, execfn,
          HostIdentity.credentials(), Cpuid.query(1, 0)[3], exe, fs::read));
    } catch (LoaderException e) {
      System.err.println("blink: " + prog + ": " + e.getMessage());
      return e.missingFile() ? 127 : 126;
    }
    Cpu cpu = machine.cpu;
    LinuxKernel kernel = new LinuxKernel(exe, loaded.brk());
    fs.install(kernel);
    Task main = kernel.attach(machine);
    HostSignals.install(kernel);
    kernel.process().recordInitialStack(cpu.mmu, loaded.stackPointer());
    if (opt.strace > 0) kernel.traceWith(new SyscallTracer(Log::strace));
    cpu.rip = loaded.entry();
    cpu.regs[Cpu.RSP] = loaded.stackPointer();
    // Linux starts a process with %rdx = 0: glibc's _start treats a non-zero %rdx as
    // an atexit function registered by the dynamic loader.
    cpu.regs[Cpu.RDX] = 0;
    return execute(main, kernel, opt);
  }

  private static int execute(Task main, LinuxKernel kernel, Options opt) {
    long start = System.nanoTime();
    int status;
    try {
      status = kernel.run(main);
    } finally {
      if (opt.statistics) {
        long ns = Math.max(1, System.nanoTime() - start);
        long n = main.machine.instructionCount();
        System.err.printf("blink: %d instructions in %.1f ms (%.1f MIPS)%n", n, ns / 1e6, n * 1e3 / ns);
      }
    }
    GuestProcess p = kernel.process();
    if (p.killedBy == 0) return (status >> 8) & 0xff;
    return p.deathReported ? 128 + p.killedBy : FatalSignal.killed(p.killedBy);
  }

  private static void usage(PrintStream out) {
    new CommandLine(new Options()).usage(out);
  }
}
