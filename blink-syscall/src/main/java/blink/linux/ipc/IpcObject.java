package blink.linux.ipc;

/** What semaphore sets, message queues and shared memory segments have in common. */
public abstract class IpcObject {
  public final IpcPerm perm;
  /** The identifier: sequence number * IPCMNI + index. */
  int id;
  /** Last change (creation, IPC_SET, SETVAL...), in seconds since the epoch. */
  public long ctime = IpcNamespace.now();
  /** Set by IPC_RMID: waiters end with EIDRM. */
  public boolean removed;

  IpcObject(IpcPerm perm) {
    this.perm = perm;
  }

  public int id() {
    return id;
  }
}
