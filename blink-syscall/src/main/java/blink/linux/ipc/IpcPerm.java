package blink.linux.ipc;

import blink.linux.abi.LinuxIpc;
import blink.linux.abi.Struct;
import blink.linux.host.Host;

/**
 * struct kern_ipc_perm: an object's key, owner, creator, mode and sequence
 * number, and the ipcperms() and owner rules of ipc/util.c. The caller's
 * credentials are the host's (the emulator runs as the user who started it).
 */
public final class IpcPerm {
  public final int cuid, cgid;
  /** The key; IPC_PRIVATE once a segment is marked for removal. */
  public int key;
  public int uid, gid, mode;
  public final int seq;

  IpcPerm(int key, int mode, int seq) {
    this.key = key;
    this.mode = mode;
    this.seq = seq;
    this.cuid = this.uid = euid();
    this.cgid = this.gid = Host.libc().getegid();
  }

  static int euid() {
    return Host.libc().geteuid();
  }

  /**
   * ipcperms(): whether the caller may have the access flag's rwx bits ask for
   * (owner, group or other bits by who the caller is); root (CAP_IPC_OWNER) may always.
   */
  public boolean allows(int flag) {
    int requested = ((flag >> 6) | (flag >> 3) | flag) & 7;
    int euid = euid();
    int granted = mode;
    if (euid == cuid || euid == uid) granted >>= 6;
    else if (inGroup(cgid) || inGroup(gid)) granted >>= 3;
    return (requested & ~granted & 7) == 0 || euid == 0;
  }

  private static boolean inGroup(int g) {
    return Host.libc().getegid() == g;
  }

  /** ipcctl_obtain_check(): IPC_SET and IPC_RMID are for the owner, the creator or root. */
  public boolean ownedByCaller() {
    int euid = euid();
    return euid == cuid || euid == uid || euid == 0;
  }

  /** Writes struct ipc64_perm at off. */
  public void write(Struct s, int off, int extraModeBits) {
    s.put32(off + LinuxIpc.PERM_KEY, key).put32(off + LinuxIpc.PERM_UID, uid).put32(off + LinuxIpc.PERM_GID, gid)
        .put32(off + LinuxIpc.PERM_CUID, cuid).put32(off + LinuxIpc.PERM_CGID, cgid)
        .put16(off + LinuxIpc.PERM_MODE, mode | extraModeBits).put16(off + LinuxIpc.PERM_SEQ, seq);
  }

  /** IPC_SET: the new uid, gid and permission bits from a struct ipc64_perm at off. */
  public void set(Struct s, int off) {
    uid = s.get32(off + LinuxIpc.PERM_UID);
    gid = s.get32(off + LinuxIpc.PERM_GID);
    mode = (mode & ~0777) | (s.get16(off + LinuxIpc.PERM_MODE) & 0777);
  }
}
