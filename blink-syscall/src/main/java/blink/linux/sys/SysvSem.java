package blink.linux.sys;

import static blink.linux.abi.LinuxIpc.*;

import blink.linux.Errno;
import blink.linux.LinuxError;
import blink.linux.Syscall;
import blink.linux.SyscallTable;
import blink.linux.Sysno;
import blink.linux.Task;
import blink.linux.abi.LinuxTime;
import blink.linux.abi.Struct;
import blink.linux.ipc.IpcLimits;
import blink.linux.ipc.IpcNamespace;
import blink.linux.ipc.SemSet;
import blink.memory.Mmu;

/** System V semaphores: semget(2), semop(2), semtimedop(2), semctl(2), as ipc/sem.c. */
public final class SysvSem implements Syscall {
  private SysvSem() {}

  private static final SysvSem INSTANCE = new SysvSem();
  /** ipcperms() flags asking for read and for write ("alter") access. */
  static final int READ = 0444, WRITE = 0222;
  /** SEMMNU, SEMMAP and SEMUME as linux/sem.h defines them (not tunable). */
  private static final int SEMMNU = 32000 * 32000, SEMUME = 500;

  public static void register(SyscallTable t) {
    t.add(INSTANCE, Sysno.SEMGET, Sysno.SEMOP, Sysno.SEMTIMEDOP, Sysno.SEMCTL);
  }

  @Override
  public long call(Task t, int nr, long a0, long a1, long a2, long a3, long a4, long a5) {
    IpcNamespace ns = IpcNamespace.get();
    return switch (nr) {
      case Sysno.SEMGET -> ns.semget((int) a0, (int) a1, (int) a2);
      case Sysno.SEMOP -> semtimedop(t, ns, (int) a0, a1, a2, 0);
      case Sysno.SEMTIMEDOP -> semtimedop(t, ns, (int) a0, a1, a2, a3);
      case Sysno.SEMCTL -> semctl(t, ns, (int) a0, (int) a1, (int) a2, a3);
      default -> throw new IllegalArgumentException("not a SysvSem syscall: " + nr);
    };
  }

  // ---------------------------------------------------------------- semop

  private static long semtimedop(Task t, IpcNamespace ns, int semid, long sops, long nsopsArg, long timeoutPtr) {
    if (nsopsArg < 1 || semid < 0) throw new LinuxError(Errno.EINVAL);
    if (nsopsArg > ns.limits.semopm) throw new LinuxError(Errno.E2BIG);
    int n = (int) nsopsArg;
    Struct b = Struct.read(t.mmu(), sops, n * SEMBUF_SIZE);
    long timeout = timeoutPtr == 0 ? -1 : LinuxTime.readTimespec(t.mmu(), timeoutPtr);
    int[] num = new int[n], op = new int[n], flg = new int[n];
    int max = 0;
    boolean alter = false, undo = false;
    for (int i = 0; i < n; i++) {
      num[i] = b.get16(i * SEMBUF_SIZE);
      op[i] = (short) b.get16(i * SEMBUF_SIZE + 2);
      flg[i] = (short) b.get16(i * SEMBUF_SIZE + 4);
      max = Math.max(max, num[i]);
      alter |= op[i] != 0;
      undo |= (flg[i] & SEM_UNDO) != 0;
    }
    long deadline = SysvWait.deadline(timeout);
    synchronized (ns) {
      SemSet s = ns.sems.get(semid);
      if (max >= s.nsems()) throw new LinuxError(Errno.EFBIG);
      if (!s.perm.allows(alter ? WRITE : READ)) throw new LinuxError(Errno.EACCES);
      int[] adj = undo ? ns.undo(t.process, s) : null;
      while (true) {
        int blocked = attempt(s, adj, num, op, flg);
        if (blocked < 0) {
          for (int i = 0; i < n; i++) s.pid[num[i]] = t.process.pid();
          s.otime = nowSeconds();
          ns.changed();
          return 0;
        }
        int k = num[blocked];
        boolean zero = op[blocked] == 0;
        if (zero) s.zcnt[k]++;
        else s.ncnt[k]++;
        try {
          SysvWait.await(t, ns, s, deadline, Errno.EAGAIN);
        } finally {
          if (zero) s.zcnt[k]--;
          else s.ncnt[k]--;
        }
      }
    }
  }

  /**
   * perform_atomic_semop(): all the operations or none. Returns -1 when done,
   * else the index of the operation that must wait; EAGAIN instead if that one
   * has IPC_NOWAIT, ERANGE past SEMVMX or past SEMAEM of adjustment.
   */
  private static int attempt(SemSet s, int[] adj, int[] num, int[] op, int[] flg) {
    int[] v = s.value.clone();
    int[] a = adj == null ? null : adj.clone();
    for (int i = 0; i < num.length; i++) {
      int result = v[num[i]] + op[i];
      if ((op[i] == 0 && result != 0) || result < 0) {
        if ((flg[i] & IPC_NOWAIT) != 0) throw new LinuxError(Errno.EAGAIN);
        return i;
      }
      if (result > IpcLimits.SEMVMX) throw new LinuxError(Errno.ERANGE);
      if ((flg[i] & SEM_UNDO) != 0) {
        int u = a[num[i]] - op[i];
        if (u < -IpcLimits.SEMAEM - 1 || u > IpcLimits.SEMAEM) throw new LinuxError(Errno.ERANGE);
        a[num[i]] = u;
      }
      v[num[i]] = result;
    }
    System.arraycopy(v, 0, s.value, 0, v.length);
    if (a != null) System.arraycopy(a, 0, adj, 0, a.length);
    return -1;
  }

  static long nowSeconds() {
    return System.currentTimeMillis() / 1000;
  }

  // ---------------------------------------------------------------- semctl

  /**
   * What a *ctl command computed under the namespace's monitor: its result and
   * the structure to copy out after letting go of the monitor (a guest memory
   * access may wait for the address space, whose unmap may wait for the namespace).
   */
  record Reply(long value, Struct out) {
    static Reply of(long value) {
      return new Reply(value, null);
    }

    long writeTo(Mmu mmu, long addr) {
      if (out != null) out.write(mmu, addr);
      return value;
    }
  }

  private static long semctl(Task t, IpcNamespace ns, int semid, int semnum, int cmd, long arg) {
    if (semid < 0) throw new LinuxError(Errno.EINVAL);
    Mmu mmu = t.mmu();
    Struct in = null;
    if (cmd == IPC_SET) {
      in = Struct.read(mmu, arg, SEMID_DS_SIZE);
    } else if (cmd == SETALL) {
      int nsems;
      synchronized (ns) {
        SemSet s = ns.sems.get(semid);
        if (!s.perm.allows(WRITE)) throw new LinuxError(Errno.EACCES);
        nsems = s.nsems();
      }
      in = Struct.read(mmu, arg, 2 * nsems);
    }
    Reply r;
    synchronized (ns) {
      r = semctlLocked(t, ns, semid, semnum, cmd, arg, in);
    }
    return r.writeTo(mmu, arg);
  }

  private static Reply semctlLocked(Task t, IpcNamespace ns, int semid, int semnum, int cmd, long arg, Struct in) {
    switch (cmd) {
      case IPC_INFO, SEM_INFO -> {
        boolean info = cmd == SEM_INFO;
        Struct si = Struct.of(SEMINFO_SIZE);
        int[] f = {SEMMNU, ns.limits.semmni, ns.limits.semmns, SEMMNU, ns.limits.semmsl, ns.limits.semopm,
            SEMUME, info ? ns.sems.inUse() : IpcLimits.SEMUSZ, IpcLimits.SEMVMX,
            info ? (int) ns.semTotal : IpcLimits.SEMAEM};
        for (int i = 0; i < f.length; i++) si.put32(4 * i, f[i]);
        return new Reply(Math.max(0, ns.sems.maxIndex()), si);
      }
      case SEM_STAT, SEM_STAT_ANY -> {
        SemSet s = ns.sems.atIndex(semid);
        if (cmd == SEM_STAT && !s.perm.allows(READ)) throw new LinuxError(Errno.EACCES);
        return new Reply(s.id(), stat(s));
      }
      case SETVAL -> {
        int val = (int) arg;
        if (val < 0 || val > IpcLimits.SEMVMX) throw new LinuxError(Errno.ERANGE);
        SemSet s = ns.sems.get(semid);
        if (semnum < 0 || semnum >= s.nsems()) throw new LinuxError(Errno.EINVAL);
        if (!s.perm.allows(WRITE)) throw new LinuxError(Errno.EACCES);
        ns.clearUndo(s, semnum);
        s.value[semnum] = val;
        s.pid[semnum] = t.process.pid();
        s.ctime = nowSeconds();
        ns.changed();
        return Reply.of(0);
      }
      case IPC_STAT, IPC_SET, IPC_RMID, GETALL, SETALL, GETVAL, GETPID, GETNCNT, GETZCNT -> {
        return command(t, ns, ns.sems.get(semid), semnum, cmd, in);
      }
      default -> throw new LinuxError(Errno.EINVAL);
    }
  }

  private static Reply command(Task t, IpcNamespace ns, SemSet s, int semnum, int cmd, Struct in) {
    if (cmd == IPC_SET || cmd == IPC_RMID) {
      if (!s.perm.ownedByCaller()) throw new LinuxError(Errno.EPERM);
      if (cmd == IPC_RMID) {
        ns.removeSem(s);
      } else {
        s.perm.set(in, 0);
        s.ctime = nowSeconds();
      }
      return Reply.of(0);
    }
    boolean set = cmd == SETALL;
    if (!s.perm.allows(set ? WRITE : READ)) throw new LinuxError(Errno.EACCES);
    switch (cmd) {
      case IPC_STAT -> {
        return new Reply(0, stat(s));
      }
      case GETALL -> {
        Struct out = Struct.of(2 * s.nsems());
        for (int i = 0; i < s.nsems(); i++) out.put16(2 * i, s.value[i]);
        return new Reply(0, out);
      }
      case SETALL -> {
        // The set may have been removed and another made while the values were read.
        if (in.size() != 2 * s.nsems()) throw new LinuxError(Errno.EIDRM);
        for (int i = 0; i < s.nsems(); i++) if (in.get16(2 * i) > IpcLimits.SEMVMX) throw new LinuxError(Errno.ERANGE);
        for (int i = 0; i < s.nsems(); i++) {
          s.value[i] = in.get16(2 * i);
          s.pid[i] = t.process.pid();
        }
        ns.clearUndo(s, -1);
        s.ctime = nowSeconds();
        ns.changed();
        return Reply.of(0);
      }
      default -> { }
    }
    if (semnum < 0 || semnum >= s.nsems()) throw new LinuxError(Errno.EINVAL);
    return Reply.of(switch (cmd) {
      case GETVAL -> s.value[semnum];
      case GETPID -> s.pid[semnum];
      case GETNCNT -> s.ncnt[semnum];
      default -> s.zcnt[semnum];
    });
  }

  private static Struct stat(SemSet s) {
    Struct ds = Struct.of(SEMID_DS_SIZE);
    s.perm.write(ds, 0, 0);
    ds.put64(SEM_OTIME, s.otime).put64(SEM_CTIME, s.ctime).put64(SEM_NSEMS, s.nsems());
    return ds;
  }
}
