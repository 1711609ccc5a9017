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
import blink.linux.ipc.IpcLimits;
import blink.linux.ipc.IpcNamespace;
import blink.linux.ipc.MsgQueue;
import blink.memory.Mmu;
import java.util.List;

/** System V message queues: msgget(2), msgsnd(2), msgrcv(2), msgctl(2), as ipc/msg.c. */
public final class SysvMsg implements Syscall {
  private SysvMsg() {}

  private static final SysvMsg INSTANCE = new SysvMsg();
  /** linux/msg.h's fixed MSGPOOL, MSGMAP, MSGTQL and MSGSEG (the last clipped to a u16). */
  private static final int MSGPOOL = 32000 * 16384 / 1024, MSGMAP = 16384, MSGTQL = 16384, MSGSEG = 0xffff;

  public static void register(SyscallTable t) {
    t.add(INSTANCE, Sysno.MSGGET, Sysno.MSGSND, Sysno.MSGRCV, Sysno.MSGCTL);
  }

  @Override
  public long call(Task t, int nr, long a0, long a1, long a2, long a3, long a4, long a5) {
    IpcNamespace ns = IpcNamespace.get();
    return switch (nr) {
      case Sysno.MSGGET -> ns.msgget((int) a0, (int) a1);
      case Sysno.MSGSND -> msgsnd(t, ns, (int) a0, a1, a2, (int) a3);
      case Sysno.MSGRCV -> msgrcv(t, ns, (int) a0, a1, a2, a3, (int) a4);
      case Sysno.MSGCTL -> msgctl(t, ns, (int) a0, (int) a1, a2);
      default -> throw new IllegalArgumentException("not a SysvMsg syscall: " + nr);
    };
  }

  private static long msgsnd(Task t, IpcNamespace ns, int msqid, long msgp, long msgsz, int flags) {
    Mmu mmu = t.mmu();
    long mtype = mmu.read64(msgp);
    if (msgsz > ns.limits.msgmax || msgsz < 0 || msqid < 0) throw new LinuxError(Errno.EINVAL);
    if (mtype < 1) throw new LinuxError(Errno.EINVAL);
    byte[] text = mmu.readBytes(msgp + 8, (int) msgsz);
    synchronized (ns) {
      MsgQueue q = ns.msgs.get(msqid);
      if (!q.perm.allows(SysvSem.WRITE)) throw new LinuxError(Errno.EACCES);
      while (true) {
        // msg_fits_inqueue(): the bytes and the message count both within msg_qbytes.
        if (q.cbytes + msgsz <= q.qbytes && 1 + q.messages.size() <= q.qbytes) {
          q.messages.add(new MsgQueue.Message(mtype, text));
          q.cbytes += msgsz;
          q.lspid = t.process.pid();
          q.stime = SysvSem.nowSeconds();
          ns.changed();
          return 0;
        }
        if ((flags & IPC_NOWAIT) != 0) throw new LinuxError(Errno.EAGAIN);
        SysvWait.await(t, ns, q, Long.MAX_VALUE, Errno.EAGAIN);
      }
    }
  }

  private static long msgrcv(Task t, IpcNamespace ns, int msqid, long msgp, long msgsz, long msgtyp, int flags) {
    if (msqid < 0 || msgsz < 0) throw new LinuxError(Errno.EINVAL);
    boolean copy = (flags & MSG_COPY) != 0;
    if (copy && ((flags & IPC_NOWAIT) == 0 || (flags & MSG_EXCEPT) != 0)) throw new LinuxError(Errno.EINVAL);
    MsgQueue.Message m;
    synchronized (ns) {
      MsgQueue q = ns.msgs.get(msqid);
      if (!q.perm.allows(SysvSem.READ)) throw new LinuxError(Errno.EACCES);
      int i;
      while ((i = find(q.messages, msgtyp, flags)) < 0) {
        if ((flags & IPC_NOWAIT) != 0) throw new LinuxError(Errno.ENOMSG);
        SysvWait.await(t, ns, q, Long.MAX_VALUE, Errno.EAGAIN);
      }
      m = q.messages.get(i);
      if (msgsz < m.text().length && (flags & MSG_NOERROR) == 0) throw new LinuxError(Errno.E2BIG);
      if (copy) {
        // copy_msg(): a copy must fit its buffer whole.
        if (msgsz < m.text().length) throw new LinuxError(Errno.EINVAL);
      } else {
        q.messages.remove(i);
        q.cbytes -= m.text().length;
        q.lrpid = t.process.pid();
        q.rtime = SysvSem.nowSeconds();
        ns.changed();
      }
    }
    // As Linux, a message taken off the queue is lost if the copy out faults.
    int n = (int) Math.min(msgsz, m.text().length);
    Struct out = Struct.of(8 + n).put64(0, m.type());
    System.arraycopy(m.text(), 0, out.bytes(), 8, n);
    out.write(t.mmu(), msgp);
    return n;
  }

  /** find_msg(): the index of the message msgtyp and the flags select (convert_mode()), or -1. */
  private static int find(List<MsgQueue.Message> msgs, long msgtyp, int flags) {
    if ((flags & MSG_COPY) != 0) return msgtyp >= 0 && msgtyp < msgs.size() ? (int) msgtyp : -1;
    if (msgtyp == 0) return msgs.isEmpty() ? -1 : 0;
    if (msgtyp > 0) {
      boolean except = (flags & MSG_EXCEPT) != 0;
      for (int i = 0; i < msgs.size(); i++) if ((msgs.get(i).type() == msgtyp) != except) return i;
      return -1;
    }
    // Negative: the first of the lowest types not above |msgtyp| (LONG_MIN counts as -LONG_MAX).
    long limit = msgtyp == Long.MIN_VALUE ? Long.MAX_VALUE : -msgtyp;
    int best = -1;
    for (int i = 0; i < msgs.size(); i++) {
      long type = msgs.get(i).type();
      if (type <= limit && (best < 0 || type < msgs.get(best).type())) best = i;
    }
    return best;
  }

  private static long msgctl(Task t, IpcNamespace ns, int msqid, int cmd, long buf) {
    if (msqid < 0) throw new LinuxError(Errno.EINVAL);
    Mmu mmu = t.mmu();
    Struct in = cmd == IPC_SET ? Struct.read(mmu, buf, MSQID_DS_SIZE) : null;
    SysvSem.Reply r;
    synchronized (ns) {
      r = msgctlLocked(ns, msqid, cmd, in);
    }
    return r.writeTo(mmu, buf);
  }

  private static SysvSem.Reply msgctlLocked(IpcNamespace ns, int msqid, int cmd, Struct in) {
    {
      switch (cmd) {
        case IPC_INFO, MSG_INFO -> {
          boolean info = cmd == MSG_INFO;
          long hdrs = 0, bytes = 0;
          for (MsgQueue q : ns.msgs.all()) {
            hdrs += q.messages.size();
            bytes += q.cbytes;
          }
          Struct mi = Struct.of(MSGINFO_SIZE);
          int[] f = {info ? ns.msgs.inUse() : MSGPOOL, info ? (int) hdrs : MSGMAP, ns.limits.msgmax,
              ns.limits.msgmnb, ns.limits.msgmni, IpcLimits.MSGSSZ, info ? (int) bytes : MSGTQL};
          for (int i = 0; i < f.length; i++) mi.put32(4 * i, f[i]);
          mi.put16(28, MSGSEG);
          return new SysvSem.Reply(Math.max(0, ns.msgs.maxIndex()), mi);
        }
        case MSG_STAT, MSG_STAT_ANY -> {
          MsgQueue q = ns.msgs.atIndex(msqid);
          if (cmd == MSG_STAT && !q.perm.allows(SysvSem.READ)) throw new LinuxError(Errno.EACCES);
          return new SysvSem.Reply(q.id(), stat(q));
        }
        case IPC_STAT -> {
          MsgQueue q = ns.msgs.get(msqid);
          if (!q.perm.allows(SysvSem.READ)) throw new LinuxError(Errno.EACCES);
          return new SysvSem.Reply(0, stat(q));
        }
        case IPC_SET, IPC_RMID -> {
          MsgQueue q = ns.msgs.get(msqid);
          if (!q.perm.ownedByCaller()) throw new LinuxError(Errno.EPERM);
          if (cmd == IPC_RMID) {
            ns.removeMsg(q);
            return SysvSem.Reply.of(0);
          }
          long qbytes = in.get64(MSG_QBYTES);
          // Raising msg_qbytes past MSGMNB takes CAP_SYS_RESOURCE.
          if (qbytes > ns.limits.msgmnb && Host.libc().geteuid() != 0) throw new LinuxError(Errno.EPERM);
          q.qbytes = qbytes;
          q.perm.set(in, 0);
          q.ctime = SysvSem.nowSeconds();
          ns.changed();
          return SysvSem.Reply.of(0);
        }
        default -> throw new LinuxError(Errno.EINVAL);
      }
    }
  }

  private static Struct stat(MsgQueue q) {
    Struct ds = Struct.of(MSQID_DS_SIZE);
    q.perm.write(ds, 0, 0);
    ds.put64(MSG_STIME, q.stime).put64(MSG_RTIME, q.rtime).put64(MSG_CTIME, q.ctime)
        .put64(MSG_CBYTES, q.cbytes).put64(MSG_QNUM, q.messages.size()).put64(MSG_QBYTES, q.qbytes)
        .put32(MSG_LSPID, q.lspid).put32(MSG_LRPID, q.lrpid);
    return ds;
  }
}
