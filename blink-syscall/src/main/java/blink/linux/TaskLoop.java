package blink.linux;

import blink.linux.sys.Signals;
import blink.machine.GuestFault;
import blink.x86.Cpu;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The life of one guest thread on its Java thread: run guest code until the CPU
 * asks for attention, then look at the world — a fault to turn into a signal,
 * pending signals, an execve that swapped the machine, the thread's or the
 * process's end — and go on, until the thread ends.
 */
final class TaskLoop {
  private TaskLoop() {}

  private static final class Log {
    static final Logger LOG = LoggerFactory.getLogger(TaskLoop.class);
  }

  static void run(LinuxKernel kernel, Task t) {
    t.thread = Thread.currentThread();
    try {
      loop(t);
    } catch (Throwable e) {
      // A bug in the emulator: end the process with one line, never a stack trace on the terminal.
      System.err.println("blink: internal error: " + e);
      Log.LOG.error("internal error in {}", t, e);
      t.process.exitCode = 70;
      t.process.beginExit();
    } finally {
      Exits.threadEnded(kernel, t);
    }
  }

  private static void loop(Task t) {
    while (true) {
      Cpu c = t.cpu;
      if (!t.mustStop()) {
        c.mmu.sync(); // another thread may have changed the mappings (see LinuxKernel.shootDown)
        try {
          t.machine.run();
        } catch (GuestFault f) {
          Signals.fault(t, f);
        }
      }
      if (t.cpu != c) continue; // execve gave the thread a new machine
      // Clear the request before looking at its causes, so one made meanwhile is not lost.
      c.attention = false;
      if (t.mustStop()) return;
      Signals.deliverPending(t);
    }
  }
}
