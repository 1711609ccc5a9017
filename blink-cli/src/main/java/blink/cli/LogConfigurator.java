package blink.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.ContextAwareBase;

/** Programmatic logback set-up (no XML scanning): a lazily created log file, optionally stderr. */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_HIGH_PRIORITY)
public final class LogConfigurator extends ContextAwareBase implements ch.qos.logback.classic.spi.Configurator {
  @Override
  public ExecutionStatus configure(LoggerContext context) {
    ch.qos.logback.classic.Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    root.setLevel(Level.INFO);
    LazyFileAppender file = new LazyFileAppender(Log.path(), encoder(context, "%d{HH:mm:ss.SSS} %-5level %logger{0} %msg%n"));
    file.setContext(context);
    file.setName("file");
    file.start();
    root.addAppender(file);
    if (Log.alsoStderr) {
      ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
      console.setContext(context);
      console.setTarget("System.err");
      console.setEncoder(encoder(context, "blink: %msg%n"));
      console.start();
      root.addAppender(console);
    }
    return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
  }

  private static PatternLayoutEncoder encoder(LoggerContext context, String pattern) {
    PatternLayoutEncoder e = new PatternLayoutEncoder();
    e.setContext(context);
    e.setPattern(pattern);
    e.start();
    return e;
  }
}
