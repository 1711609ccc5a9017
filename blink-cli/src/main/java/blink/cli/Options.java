package blink.cli;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The blink command line, with Blink's flags; {@link OptionParser} fills it, picocli renders its help. */
@Command(name = "blink", usageHelpAutoWidth = true, separator = " ",
    customSynopsis = "blink [-hvejm0sZ] [-L PATH] [-C PATH] PROG [ARGS...]",
    description = "Runs an x86-64-linux program in a virtual machine.",
    footerHeading = "Environment:%n",
    footer = {"  $BLINK_OVERLAYS      file system roots [default \":o\"]",
        "  $BLINK_LOG_FILENAME  log filename (same as -L flag)"})
final class Options {
  @Option(names = "-h", usageHelp = true, description = "help")
  boolean help;

  @Option(names = "-v", description = "print version")
  boolean version;

  @Option(names = "-e", description = "also log to stderr")
  boolean logToStderr;

  @Option(names = "-j", description = "disable JIT")
  boolean noJit;

  @Option(names = "-m", description = "disable linear memory optimization (accepted; memory is always checked)")
  boolean noLinear;

  @Option(names = "-0", description = "to specify argv[0]: blink -0 PROG ARGV0 ARGS...")
  boolean argvZero;

  @Option(names = "-s", description = "log system calls to the log file, strace style (with -e also to stderr)")
  boolean straceHelp;

  /** How many times -s was given (the parser counts; picocli only renders the help). */
  int strace;

  @Option(names = "-Z", description = "print statistics on exit")
  boolean statistics;

  @Option(names = "-L", paramLabel = "PATH", description = "log filename (default $BLINK_LOG_FILENAME or ${TMPDIR:-/tmp}/blink.log)")
  String logPath;

  @Option(names = "-C", paramLabel = "PATH", description = "sets chroot dir or overlay spec [default \":o\"]; overrides $BLINK_OVERLAYS")
  String overlays;

  @Parameters(paramLabel = "PROG", arity = "0..*", description = "the program to run, then its arguments")
  List<String> program = new ArrayList<>();
}
