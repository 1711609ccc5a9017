package blink.linux.sys;

import blink.linux.Errno;
import blink.linux.LinuxError;
import blink.linux.Task;
import blink.linux.ipc.IpcNamespace;
import blink.linux.ipc.IpcObject;

/**
 * A blocked semop, msgsnd or msgrcv: waits on the IPC namespace's monitor
 * (which Object.wait gives up, so other guest threads go on) in slices of
 * {@link Blocking#SLICE}, and ends with EIDRM when the object is removed,
 * EINTR when the process is killed, EAGAIN when the timeout passes.
 */
final class SysvWait {
  private SysvWait() {}

  /** A deadline for timeout nanoseconds (-1: none). */
  static long deadline(long timeout) {
    return timeout < 0 ? Long.MAX_VALUE : System.nanoTime() + timeout;
  }

  /** One wait for a change to o. Caller holds ns's monitor. */
  static void await(Task t, IpcNamespace ns, IpcObject o, long deadline, int timeoutErrno) {
    long left = deadline == Long.MAX_VALUE ? Blocking.SLICE : deadline - System.nanoTime();
    if (left <= 0) throw new LinuxError(timeoutErrno);
    long slice = Math.min(left, Blocking.SLICE);
    try {
      ns.wait(slice / 1_000_000, (int) (slice % 1_000_000));
    } catch (InterruptedException e) {
      throw new LinuxError(Errno.EINTR);
    }
    if (o.removed) throw new LinuxError(Errno.EIDRM);
    if (Blocking.killed(t)) throw new LinuxError(Errno.EINTR);
  }
}
