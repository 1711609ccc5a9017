package blink.cli;

import blink.cli.Emulator.Mode;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** One test case run in one emulator mode: the argument of the parameterized whole-program tests. */
record ModeRun<C>(C c, Mode mode) {
  @Override
  public String toString() {
    return c + " (" + mode.label + ")";
  }

  /** Every case in every mode the run asks for ({@link ProgramTest#modes()}). */
  static <C> Stream<ModeRun<C>> of(List<C> cases) {
    List<ModeRun<C>> out = new ArrayList<>();
    for (C c : cases) {
      for (Mode m : ProgramTest.modes()) out.add(new ModeRun<>(c, m));
    }
    return out.stream();
  }
}
