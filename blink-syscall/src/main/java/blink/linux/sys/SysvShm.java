package blink.linux.sys;

import static blink.linux.abi.LinuxIpc.*;

import blink.linux.Errno;
import blink.linux.LinuxError;
import blink.linux.Syscall;
import blink.linux.SyscallTable;
import blink.linux.Sysno;
import blink.linux.Task;
import blink.linux.abi.Struct;
import blink.linux.host.Host;
import blink.linux.host.HostFlags;
import blink.linux.ipc.IpcLimits;
import blink.linux.ipc.IpcNamespace;
import blink.linux.ipc.ShmSegment;
import blink.memory.AddressSpace;
import blink.memory.Mmu;
import blink.memory.Prot;
import blink.memory.Vma;

/**
 * System V shared memory: shmget(2), shmat(2), shmdt(2), shmctl(2), as
 * ipc/shm.c. A segment is a host memfd; each attachment is a host MAP_SHARED
 * mapping of it lent to the guest with AddressSpace.mapHost, so all
 * attachments (and, later, all processes) see the same bytes. The mapping's
 * release (its last page unmapped, by shmdt, munmap or exit) is the detach.
 */
public final class SysvShm implements Syscall {
  private SysvShm() {}

  private static final SysvShm INSTANCE = new SysvShm();
  /** SHMLBA on x86: attach addresses are page-aligned. */
  private static final long SHMLBA = AddressSpace.PAGE;
  /** SHMSEG: linux/shm.h's fixed per-process limit (reported only). */
  private static final int SHMSEG = 4096;

  public static void register(SyscallTable t) {
    t.add(INSTANCE, Sysno.SHMGET, Sysno.SHMAT, Sysno.SHMDT, Sysno.SHMCTL);
  }

  @Override
  public long call(Task t, int nr, long a0, long a1, long a2, long a3, long a4, long a5) {
    IpcNamespace ns = IpcNamespace.get();
    return switch (nr) {
      case Sysno.SHMGET -> ns.shmget((int) a0, a1, (int) a2, t.process.pid(), t.scratch);
      case Sysno.SHMAT -> shmat(t, ns, (int) a0, a1, (int) a2);
      case Sysno.SHMDT -> shmdt(t, ns, a0);
      case Sysno.SHMCTL -> shmctl(t, ns, (int) a0, (int) a1, a2);
      default -> throw new IllegalArgumentException("not a SysvShm syscall: " + nr);
    };
  }

  private static long shmat(Task t, IpcNamespace ns, int shmid, long addr, int flags) {
    if (shmid < 0) throw new LinuxError(Errno.EINVAL);
    if (addr != 0) {
      if ((addr & (SHMLBA - 1)) != 0) {
        if ((flags & SHM_RND) == 0) throw new LinuxError(Errno.EINVAL);
        addr &= -SHMLBA;
        if (addr == 0 && (flags & SHM_REMAP) != 0) throw new LinuxError(Errno.EINVAL);
      }
    } else if ((flags & SHM_REMAP) != 0) {
      throw new LinuxError(Errno.EINVAL);
    }
    boolean readOnly = (flags & SHM_RDONLY) != 0;
    int prot = Prot.READ | (readOnly ? 0 : Prot.WRITE) | ((flags & SHM_EXEC) != 0 ? Prot.EXEC : 0);
    int access = (readOnly ? SysvSem.READ : SysvSem.READ | SysvSem.WRITE) | ((flags & SHM_EXEC) != 0 ? 0111 : 0);
    ShmSegment s = ns.attach(shmid, access);
    int pid = t.process.pid();
    IpcNamespace.Attachment a = null;
    long host = HostFlags.MAP_FAILED;
    try {
      AddressSpace space = t.mmu().space();
      long size = Memory.pageUp(s.size);
      long at = placement(space, addr, size, flags);
      host = Host.libc().mmap(0, size, HostFlags.PROT_READ | (readOnly ? 0 : HostFlags.PROT_WRITE),
          HostFlags.MAP_SHARED, s.hostFd, 0);
      if (host == HostFlags.MAP_FAILED) throw new LinuxError(Errno.ENOMEM);
      a = new IpcNamespace.Attachment(space, at, size, s);
      IpcNamespace.Attachment mine = a;
      long hostAddr = host;
      ns.attached(a, pid);
      // shmat(2): a read-only attachment can never be made writable (no VM_MAYWRITE).
      int maxProt = Prot.READ | Prot.EXEC | (readOnly ? 0 : Prot.WRITE);
      space.mapHost(at, size, prot, host, size, maxProt, s.mapName, 0, () -> {
        Host.libc().munmap(hostAddr, size);
        ns.detached(s, mine, pid);
      });
      return at;
    } catch (RuntimeException e) {
      if (host != HostFlags.MAP_FAILED && a == null) Host.libc().munmap(host, Memory.pageUp(s.size));
      ns.detached(s, a, pid);
      throw e;
    }
  }

  /** The attach address: addr (fixed, EINVAL if taken unless SHM_REMAP) or a free gap. */
  private static long placement(AddressSpace space, long addr, long size, int flags) {
    if (addr == 0) {
      long at = space.findFree(size);
      if (at < 0) throw new LinuxError(Errno.ENOMEM);
      return at;
    }
    if (addr + size < addr) throw new LinuxError(Errno.EINVAL);
    // do_shmat(): without SHM_REMAP the range must not overlap a mapping; then do_mmap's rules.
    if ((flags & SHM_REMAP) == 0) {
      for (Vma v : space.mappings()) {
        if (v.start() < addr + size && addr < v.end()) throw new LinuxError(Errno.EINVAL);
      }
    }
    if (Long.compareUnsigned(addr, Memory.TASK_SIZE - size) > 0) throw new LinuxError(Errno.ENOMEM);
    if (addr < Memory.MMAP_MIN_ADDR) throw new LinuxError(Errno.EPERM);
    return addr;
  }

  private static long shmdt(Task t, IpcNamespace ns, long addr) {
    if ((addr & (AddressSpace.PAGE - 1)) != 0) throw new LinuxError(Errno.EINVAL);
    AddressSpace space = t.mmu().space();
    IpcNamespace.Attachment a = ns.attachmentAt(space, addr);
    if (a == null) throw new LinuxError(Errno.EINVAL);
    // Unmapping the last page runs the release, which detaches.
    space.unmap(a.at(), a.size());
    return 0;
  }

  private static long shmctl(Task t, IpcNamespace ns, int shmid, int cmd, long buf) {
    if (cmd < 0 || shmid < 0) throw new LinuxError(Errno.EINVAL);
    Mmu mmu = t.mmu();
    Struct in = cmd == IPC_SET ? Struct.read(mmu, buf, SHMID_DS_SIZE) : null;
    SysvSem.Reply r;
    synchronized (ns) {
      r = shmctlLocked(ns, shmid, cmd, in);
    }
    return r.writeTo(mmu, buf);
  }

  private static SysvSem.Reply shmctlLocked(IpcNamespace ns, int shmid, int cmd, Struct in) {
    switch (cmd) {
      case IPC_INFO -> {
        Struct si = Struct.of(SHMINFO64_SIZE).put64(0, ns.limits.shmmax).put64(8, IpcLimits.SHMMIN)
            .put64(16, ns.limits.shmmni).put64(24, SHMSEG).put64(32, ns.limits.shmall);
        return new SysvSem.Reply(Math.max(0, ns.shms.maxIndex()), si);
      }
      case SHM_INFO -> {
        Struct si = Struct.of(SHM_INFO_SIZE).put32(0, ns.shms.inUse()).put64(8, ns.shmPages)
            .put64(16, ns.shmPages);
        return new SysvSem.Reply(Math.max(0, ns.shms.maxIndex()), si);
      }
      case SHM_STAT, SHM_STAT_ANY -> {
        ShmSegment s = ns.shms.atIndex(shmid);
        if (cmd == SHM_STAT && !s.perm.allows(SysvSem.READ)) throw new LinuxError(Errno.EACCES);
        return new SysvSem.Reply(s.id(), stat(s));
      }
      case IPC_STAT -> {
        ShmSegment s = ns.shms.get(shmid);
        if (!s.perm.allows(SysvSem.READ)) throw new LinuxError(Errno.EACCES);
        return new SysvSem.Reply(0, stat(s));
      }
      case IPC_SET, IPC_RMID, SHM_LOCK, SHM_UNLOCK -> {
        ShmSegment s = ns.shms.get(shmid);
        if (!s.perm.ownedByCaller()) throw new LinuxError(Errno.EPERM);
        switch (cmd) {
          case IPC_RMID -> ns.removeShm(s);
          case IPC_SET -> {
            s.perm.set(in, 0);
            s.ctime = SysvSem.nowSeconds();
          }
          default -> s.locked = cmd == SHM_LOCK;
        }
        return SysvSem.Reply.of(0);
      }
      default -> throw new LinuxError(Errno.EINVAL);
    }
  }

  private static Struct stat(ShmSegment s) {
    Struct ds = Struct.of(SHMID_DS_SIZE);
    s.perm.write(ds, 0, s.statusBits());
    ds.put64(SHM_SEGSZ, s.size).put64(SHM_ATIME, s.atime).put64(SHM_DTIME, s.dtime).put64(SHM_CTIME, s.ctime)
        .put32(SHM_CPID, s.cpid).put32(SHM_LPID, s.lpid).put64(SHM_NATTCH, s.nattch);
    return ds;
  }
}
