package blink.linux.ipc;

import blink.linux.host.Host;

/**
 * One shared memory segment (struct shmid_kernel), backed by a host memfd so
 * every attachment (a host MAP_SHARED mapping of it) sees the same bytes.
 */
public final class ShmSegment extends IpcObject {
  public final long size;
  public final int hostFd;
  public final int cpid;
  /** What /proc/self/maps names its attachments: "/SYSV%08x (deleted)" with the key it was made with. */
  public final String mapName;
  public int lpid, nattch;
  public long atime, dtime;
  public boolean locked;
  /** Marked for removal (IPC_RMID) while still attached: destroyed at the last detach. */
  public boolean dest;

  ShmSegment(IpcPerm perm, long size, int hostFd, int cpid) {
    super(perm);
    this.size = size;
    this.hostFd = hostFd;
    this.cpid = cpid;
    this.mapName = String.format("/SYSV%08x (deleted)", perm.key);
  }

  /** The mode bits IPC_STAT adds: SHM_DEST once removed, SHM_LOCKED. */
  public int statusBits() {
    return (dest ? 01000 : 0) | (locked ? 02000 : 0);
  }

  void destroy() {
    Host.libc().close(hostFd);
  }
}
