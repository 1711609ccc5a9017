package blink.linux.ipc;

/** One semaphore set (struct sem_array): values, last operators' pids, waiter counts. */
public final class SemSet extends IpcObject {
  public final int[] value, pid, ncnt, zcnt;
  /** Last semop(2), in seconds since the epoch (0: never). */
  public long otime;

  SemSet(IpcPerm perm, int nsems) {
    super(perm);
    value = new int[nsems];
    pid = new int[nsems];
    ncnt = new int[nsems];
    zcnt = new int[nsems];
  }

  public int nsems() {
    return value.length;
  }
}
