package blink.linux.ipc;

import blink.linux.Errno;
import blink.linux.GuestProcess;
import blink.linux.LinuxError;
import blink.linux.abi.LinuxIpc;
import blink.linux.host.Host;
import blink.linux.host.HostErrno;
import blink.linux.host.Scratch;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * The System V IPC namespace: every semaphore set, message queue and shared
 * memory segment of this JVM, shared by all its guest processes (each lives
 * in this JVM). One monitor guards it all; blocked semop and msgsnd/msgrcv
 * calls wait on it, and every change wakes them to look again.
 */
public final class IpcNamespace {
  private static final IpcNamespace INSTANCE = new IpcNamespace();

  public static IpcNamespace get() {
    return INSTANCE;
  }

  public final IpcLimits limits = new IpcLimits();
  public final IpcTable<SemSet> sems = new IpcTable<>();
  public final IpcTable<MsgQueue> msgs = new IpcTable<>();
  public final IpcTable<ShmSegment> shms = new IpcTable<>();
  /** Semaphores in all sets (for SEMMNS and SEM_INFO). */
  public long semTotal;
  /** Pages in all segments (for SHMALL and SHM_INFO). */
  public long shmPages;
  /** SEM_UNDO adjustments: per process, per set, per semaphore (struct sem_undo). */
  private final Map<GuestProcess, Map<SemSet, int[]>> undo = new IdentityHashMap<>();

  static long now() {
    return System.currentTimeMillis() / 1000;
  }

  /** Wakes every blocked semop, msgsnd and msgrcv to look again. Caller holds the monitor. */
  public void changed() {
    notifyAll();
  }

  // ---------------------------------------------------------------- creation

  public synchronized int semget(int key, int nsems, int flags) {
    if (nsems < 0 || nsems > limits.semmsl) throw new LinuxError(Errno.EINVAL);
    return sems.get(key, flags, limits.semmni, () -> {
      if (nsems == 0) throw new LinuxError(Errno.EINVAL);
      if (semTotal + nsems > limits.semmns) throw new LinuxError(Errno.ENOSPC);
      semTotal += nsems;
      return new SemSet(new IpcPerm(key, flags & 0777, sems.nextSeq()), nsems);
    }, s -> {
      if (nsems > s.nsems()) throw new LinuxError(Errno.EINVAL);
    });
  }

  public synchronized int msgget(int key, int flags) {
    return msgs.get(key, flags, limits.msgmni,
        () -> new MsgQueue(new IpcPerm(key, flags & 0777, msgs.nextSeq()), limits.msgmnb), q -> {});
  }

  public synchronized int shmget(int key, long size, int flags, int pid, Scratch scratch) {
    return shms.get(key, flags, limits.shmmni, () -> {
      if (Long.compareUnsigned(size, IpcLimits.SHMMIN) < 0 || Long.compareUnsigned(size, limits.shmmax) > 0) {
        throw new LinuxError(Errno.EINVAL);
      }
      long pages = (size + 4095) >>> 12;
      if (pages < 0 || shmPages + pages < shmPages || Long.compareUnsigned(shmPages + pages, limits.shmall) > 0) {
        throw new LinuxError(Errno.ENOSPC);
      }
      int seq = shms.nextSeq();
      int fd = memfd(scratch, "SYSV" + String.format("%08x", key), pages << 12);
      shmPages += pages;
      return new ShmSegment(new IpcPerm(key, flags & 0777, seq), size, fd, pid);
    }, s -> {
      if (Long.compareUnsigned(s.size, size) < 0) throw new LinuxError(Errno.EINVAL);
    });
  }

  /** A host memfd of size bytes (memfd_create(2)), the segment's memory. */
  private static int memfd(Scratch scratch, String name, long size) {
    int fd = Host.libc().memfd_create(scratch.cString(name.getBytes(StandardCharsets.US_ASCII)), 1 /* MFD_CLOEXEC */);
    if (fd < 0) throw new LinuxError(HostErrno.toLinux(Host.errno()));
    if (Host.libc().ftruncate(fd, size) < 0) {
      int e = HostErrno.toLinux(Host.errno());
      Host.libc().close(fd);
      throw new LinuxError(e == Errno.EFBIG || e == Errno.EINVAL ? Errno.ENOMEM : e);
    }
    return fd;
  }

  // ---------------------------------------------------------------- removal

  public synchronized void removeSem(SemSet s) {
    sems.remove(s);
    semTotal -= s.nsems();
    for (Map<SemSet, int[]> m : undo.values()) m.remove(s);
    changed();
  }

  public synchronized void removeMsg(MsgQueue q) {
    msgs.remove(q);
    changed();
  }

  /** IPC_RMID of a segment: destroyed now if nothing is attached, else at the last detach. */
  public synchronized void removeShm(ShmSegment s) {
    s.dest = true;
    s.perm.key = LinuxIpc.IPC_PRIVATE;
    if (s.nattch == 0) destroy(s);
  }

  /** One shmat(2) mapping: which address space, where, how long, of what. */
  public record Attachment(Object space, long at, long size, ShmSegment segment) {}

  private final List<Attachment> attachments = new ArrayList<>();

  /** shmat(2) before mapping: the segment, its attach count raised so IPC_RMID cannot destroy it meanwhile. */
  public synchronized ShmSegment attach(int shmid, int access) {
    ShmSegment s = shms.get(shmid);
    if (!s.perm.allows(access)) throw new LinuxError(Errno.EACCES);
    s.nattch++;
    return s;
  }

  /** shmat(2) after mapping: records the attachment. */
  public synchronized void attached(Attachment a, int pid) {
    attachments.add(a);
    a.segment.atime = now();
    a.segment.lpid = pid;
  }

  /** The attachment at address at of space, or null. */
  public synchronized Attachment attachmentAt(Object space, long at) {
    for (Attachment a : attachments) if (a.space == space && a.at == at) return a;
    return null;
  }

  /** An attachment of s went away (a, if it was recorded: shmat may have failed half-way). */
  public synchronized void detached(ShmSegment s, Attachment a, int pid) {
    if (a != null) attachments.remove(a);
    s.nattch--;
    s.dtime = now();
    s.lpid = pid;
    if (s.nattch == 0 && s.dest) destroy(s);
  }

  private void destroy(ShmSegment s) {
    shms.remove(s);
    shmPages -= (s.size + 4095) >>> 12;
    s.destroy();
  }

  // ---------------------------------------------------------------- SEM_UNDO

  /** The process's adjustments for set s (created on first use). Caller holds the monitor. */
  public int[] undo(GuestProcess p, SemSet s) {
    return undo.computeIfAbsent(p, k -> new HashMap<>()).computeIfAbsent(s, k -> new int[s.nsems()]);
  }

  /** SETVAL and SETALL clear every process's adjustment of the semaphores they set. Caller holds the monitor. */
  public void clearUndo(SemSet s, int semnum) {
    for (Map<SemSet, int[]> m : undo.values()) {
      int[] a = m.get(s);
      if (a == null) continue;
      if (semnum < 0) java.util.Arrays.fill(a, 0);
      else a[semnum] = 0;
    }
  }

  /** exit_sem(): applies the exiting process's adjustments, clamped to [0, SEMVMX]. */
  public synchronized void exit(GuestProcess p) {
    Map<SemSet, int[]> m = undo.remove(p);
    if (m == null) return;
    for (Map.Entry<SemSet, int[]> e : m.entrySet()) {
      SemSet s = e.getKey();
      if (s.removed) continue;
      int[] adj = e.getValue();
      for (int i = 0; i < adj.length; i++) {
        if (adj[i] == 0) continue;
        s.value[i] = Math.max(0, Math.min(IpcLimits.SEMVMX, s.value[i] + adj[i]));
        s.pid[i] = p.pid();
      }
      s.otime = now();
    }
    changed();
  }
}
