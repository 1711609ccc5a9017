package blink.linux.sys;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.LoggerFactory;

/** Logs, once each, the features a guest asked for that the kernel does not emulate yet. */
final class Unsupported {
  private Unsupported() {}

  private static final Set<String> SEEN = ConcurrentHashMap.newKeySet();

  static void once(String what) {
    if (SEEN.add(what)) LoggerFactory.getLogger(Unsupported.class).warn("unsupported: {}", what);
  }
}
