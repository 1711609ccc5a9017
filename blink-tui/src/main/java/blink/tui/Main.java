package blink.tui;

/** The blinkenlights debugger (not built yet): says so in one line. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.err.println("blinkenlights: the debugger is not implemented yet; use ./blink to run programs");
    System.exit(1);
  }
}
