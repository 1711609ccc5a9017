package blink.cli;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import ch.qos.logback.core.encoder.Encoder;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/** Appends to a file that is created only when the first event arrives (as Blink's log is). */
final class LazyFileAppender extends AppenderBase<ILoggingEvent> {
  private final String path;
  private final Encoder<ILoggingEvent> encoder;
  private OutputStream out;
  private boolean failed;

  LazyFileAppender(String path, Encoder<ILoggingEvent> encoder) {
    this.path = path;
    this.encoder = encoder;
  }

  @Override
  protected void append(ILoggingEvent event) {
    if (failed) return;
    try {
      if (out == null) out = new FileOutputStream(path, true);
      out.write(encoder.encode(event));
      out.flush();
    } catch (IOException e) {
      failed = true; // an unwritable log must never disturb the guest
    }
  }
}
