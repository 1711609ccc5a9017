package blink.linux.sys;

import static blink.linux.abi.LinuxSocket.*;

import blink.linux.Errno;
import blink.linux.LinuxError;
import blink.linux.Task;
import blink.linux.UserMemory;
import blink.linux.abi.MessageHeader;
import blink.linux.abi.SocketAddress;
import blink.linux.abi.Struct;
import blink.linux.fs.OpenFile;
import blink.linux.host.Host;
import blink.linux.host.HostFiles;
import blink.linux.host.HostSockets;
import blink.linux.host.Scratch;
import blink.memory.HostMemory;
import blink.memory.Mmu;
import java.io.ByteArrayOutputStream;

/**
 * Sending and receiving on sockets: sendto, recvfrom, sendmsg, recvmsg and
 * their batched forms. Every call becomes one host sendmsg/recvmsg with a
 * single bounce buffer (so a datagram stays one datagram), a host address and
 * a host control buffer; SCM_RIGHTS descriptors are translated between guest
 * fds and host fds on the way.
 */
final class SocketMessages {
  private SocketMessages() {}

  /** The most control data one message carries (net.core.optmem_max's default order). */
  private static final int CONTROL_MAX = 64 * 1024;

  /** A message as the host sees it, built in scratch memory. */
  private record HostMessage(long hdr, long data, long dataLen, Sockets.HostAddress name, long control) {}

  // ---------------------------------------------------------------- send

  static long sendto(Task t, long fd, long buf, long len, int flags, long addr, long addrLen) {
    OpenFile f = Sockets.socket(t, fd);
    IoVec v = IoVec.single(buf, clamp(len));
    Sockets.HostAddress name = addr != 0 ? Sockets.hostAddress(t, addr, addrLen) : null;
    return send(t, f, v, name, 0, 0, flags);
  }

  static long sendmsg(Task t, long fd, long msgAddr, int flags) {
    OpenFile f = Sockets.socket(t, fd);
    return sendOne(t, f, MessageHeader.read(t.mmu(), msgAddr), flags);
  }

  static long sendmmsg(Task t, long fd, long vec, long vlen, int flags) {
    OpenFile f = Sockets.socket(t, fd);
    // __sys_sendmmsg: at most UIO_MAXIOV messages; an error after the first send ends the batch.
    int n = (int) Math.min(Integer.toUnsignedLong((int) vlen), IoVec.UIO_MAXIOV);
    int sent = 0;
    for (; sent < n; sent++) {
      long m = vec + (long) sent * MessageHeader.MMSGHDR_SIZE;
      long r;
      try {
        r = sendOne(t, f, MessageHeader.read(t.mmu(), m), flags);
        t.mmu().write32(m + MessageHeader.MMSG_LEN, (int) r);
      } catch (LinuxError | blink.machine.GuestFault e) {
        if (sent > 0) return sent;
        throw e;
      }
      t.scratch.reset();
    }
    return sent;
  }

  private static long sendOne(Task t, OpenFile f, MessageHeader m, int flags) {
    IoVec v = IoVec.read(t.mmu(), m.iov(), m.iovLen());
    // copy_msghdr_from_user: a negative name length is EINVAL, a long one is cut
    // to sockaddr_storage; an address is used only when pointer and length are set.
    if (m.name() != 0 && m.nameLen() < 0) throw new LinuxError(Errno.EINVAL);
    int nameLen = Math.min(m.nameLen(), SocketAddress.MAX_LENGTH);
    Sockets.HostAddress name = m.name() != 0 && nameLen != 0 ? Sockets.hostAddress(t, m.name(), nameLen) : null;
    if (Long.compareUnsigned(m.controlLen(), Integer.MAX_VALUE) > 0) throw new LinuxError(Errno.ENOBUFS);
    return send(t, f, v, name, m.control(), m.controlLen(), flags);
  }

  private static long send(Task t, OpenFile f, IoVec v, Sockets.HostAddress name, long control, long controlLen,
      int flags) {
    Mmu mmu = t.mmu();
    byte[] hostControl = controlLen >= MessageHeader.CMSG_HDR ? controlToHost(t, control, controlLen) : new byte[0];
    if (v.accessiblePrefix(mmu, 0, v.total, false) < v.total) throw new LinuxError(Errno.EFAULT);
    // EPIPE raises SIGPIPE unless MSG_NOSIGNAL: see LinuxKernel.raisesSigpipe.
    int hostFlags = HostSockets.msgToHost(flags) | HostSockets.HOST_MSG_NOSIGNAL;
    // Up to MAX_CHUNK bytes go in one host call. Anything longer is a stream
    // write (no datagram is that long), sent chunk after chunk until one is short.
    long chunk = Math.min(v.total, Scratch.MAX_CHUNK);
    long data = t.scratch.alloc(Math.max(chunk, 1));
    long done = 0;
    do {
      long n = Math.min(chunk, v.total - done);
      v.gather(mmu, done, data, n);
      boolean first = done == 0;
      HostMessage hm = hostMessage(t, data, n, first ? name : null, first ? hostControl.length : 0);
      if (first) HostMemory.copyIn(hostControl, 0, hm.control(), hostControl.length);
      long put;
      try {
        put = Host.check(Host.libc().sendmsg(f.hostFd(), hm.hdr(), hostFlags));
      } catch (LinuxError e) {
        if (done > 0) return done;
        throw e;
      }
      done += put;
      if (put < n) break;
    } while (done < v.total);
    return done;
  }

  /**
   * The guest's control messages in host form (__scm_send, cmsghdr_from_user):
   * a header whose length is short or overruns the buffer is EINVAL; SCM_RIGHTS
   * guest fds become host fds (EBADF for a closed one, EINVAL past SCM_MAX_FD);
   * messages of levels no socket reads are dropped.
   */
  private static byte[] controlToHost(Task t, long control, long controlLen) {
    if (controlLen > CONTROL_MAX) throw new LinuxError(Errno.ENOBUFS);
    Struct c = Struct.read(t.mmu(), control, (int) controlLen);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int off = 0; off + MessageHeader.CMSG_HDR <= controlLen; ) {
      long len = c.get64(off + MessageHeader.CMSG_LEN);
      if (len < MessageHeader.CMSG_HDR || len > controlLen - off) throw new LinuxError(Errno.EINVAL);
      int level = c.get32(off + MessageHeader.CMSG_LEVEL), type = c.get32(off + MessageHeader.CMSG_TYPE);
      int dataLen = (int) len - MessageHeader.CMSG_HDR;
      byte[] data = new byte[dataLen];
      System.arraycopy(c.bytes(), off + MessageHeader.CMSG_HDR, data, 0, dataLen);
      int hostLevel = HostSockets.levelToHost(level), hostType;
      if (level == SOL_SOCKET) {
        hostType = HostSockets.scmToHost(type);
        if (hostType < 0) throw new LinuxError(Errno.EINVAL);
        if (type == SCM_RIGHTS) data = fdsToHost(t, data);
      } else if (hostLevel >= 0 && level != IPPROTO_TCP && level != IPPROTO_UDP) {
        hostType = HostSockets.optionToHost(level, type);
        if (hostType < 0) throw new LinuxError(Errno.EINVAL);
      } else {
        Unsupported.once("control message level " + level + " type " + type);
        off += (int) MessageHeader.cmsgAlign(len);
        continue;
      }
      putCmsg(out, HostSockets.CMSG_HDR, hostLevel, hostType, data);
      off += (int) MessageHeader.cmsgAlign(len);
    }
    return out.toByteArray();
  }

  private static byte[] fdsToHost(Task t, byte[] data) {
    int n = data.length / 4;
    if (n > SCM_MAX_FD) throw new LinuxError(Errno.EINVAL);
    Struct in = Struct.of(data.length), out = Struct.of(4 * n);
    System.arraycopy(data, 0, in.bytes(), 0, data.length);
    for (int i = 0; i < n; i++) out.put32(4 * i, t.process.fds.get(in.get32(4 * i)).hostFd());
    return out.bytes();
  }

  /** Appends one control message: a header of hdrSize bytes, the data, padding to CMSG_ALIGN. */
  private static void putCmsg(ByteArrayOutputStream out, int hdrSize, int level, int type, byte[] data) {
    Struct h = Struct.of(hdrSize).put64(0, hdrSize + data.length).put32(8, level).put32(12, type);
    out.writeBytes(h.bytes());
    out.writeBytes(data);
    int pad = (int) (HostSockets.cmsgAlign(hdrSize + data.length) - hdrSize - data.length);
    out.writeBytes(new byte[pad]);
  }

  // ---------------------------------------------------------------- receive

  static long recvfrom(Task t, long fd, long buf, long len, int flags, long addr, long addrLenAddr) {
    OpenFile f = Sockets.socket(t, fd);
    IoVec v = IoVec.single(buf, clamp(len));
    Received r = receive(t, f, v, addr != 0, 0, flags);
    if (addr != 0) Sockets.copyAddressOut(t, r.name, addr, addrLenAddr);
    return r.count;
  }

  static long recvmsg(Task t, long fd, long msgAddr, int flags) {
    OpenFile f = Sockets.socket(t, fd);
    return recvOne(t, f, msgAddr, flags);
  }

  static long recvmmsg(Task t, long fd, long vec, long vlen, int flags, long timeoutAddr) {
    OpenFile f = Sockets.socket(t, fd);
    long deadline = 0, timeout = -1;
    if (timeoutAddr != 0) {
      Struct ts = Struct.read(t.mmu(), timeoutAddr, 16);
      long sec = ts.get64(0), nsec = ts.get64(8);
      if (sec < 0 || nsec < 0 || nsec >= 1_000_000_000L) throw new LinuxError(Errno.EINVAL);
      timeout = sec >= Long.MAX_VALUE / 1_000_000_000L ? Long.MAX_VALUE / 2 : sec * 1_000_000_000L + nsec;
      deadline = System.nanoTime() + timeout;
    }
    int n = (int) Math.min(Integer.toUnsignedLong((int) vlen), IoVec.UIO_MAXIOV);
    int got = 0;
    // do_recvmmsg: after the first message MSG_WAITFORONE turns into MSG_DONTWAIT;
    // the timeout is checked only between messages.
    for (; got < n; got++) {
      long m = vec + (long) got * MessageHeader.MMSGHDR_SIZE;
      try {
        long r = recvOne(t, f, m, flags);
        t.mmu().write32(m + MessageHeader.MMSG_LEN, (int) r);
      } catch (LinuxError | blink.machine.GuestFault e) {
        if (got > 0) break;
        throw e;
      }
      t.scratch.reset();
      if ((flags & MSG_WAITFORONE) != 0) flags |= MSG_DONTWAIT;
      if (timeout >= 0 && System.nanoTime() - deadline >= 0) {
        got++;
        break;
      }
    }
    // __sys_recvmmsg writes the time left back only after receiving something.
    if (timeoutAddr != 0 && got > 0) {
      long left = Math.max(0, deadline - System.nanoTime());
      Struct.of(16).put64(0, left / 1_000_000_000L).put64(8, left % 1_000_000_000L).write(t.mmu(), timeoutAddr);
    }
    return got;
  }

  private static long recvOne(Task t, OpenFile f, long msgAddr, int flags) {
    Mmu mmu = t.mmu();
    MessageHeader m = MessageHeader.read(mmu, msgAddr);
    // copy_msghdr_from_user: a negative name length is EINVAL.
    if (m.name() != 0 && m.nameLen() < 0) throw new LinuxError(Errno.EINVAL);
    IoVec v = IoVec.read(mmu, m.iov(), m.iovLen());
    long controlCap = Long.compareUnsigned(m.controlLen(), CONTROL_MAX) > 0 ? CONTROL_MAX : m.controlLen();
    Received r = receive(t, f, v, m.name() != 0, m.control() != 0 ? controlCap : 0, flags);
    int outFlags = r.flags;
    long controlLen = 0;
    if (m.control() != 0 && controlCap > 0) {
      byte[] cm = controlToGuest(t, r, (int) controlCap, (flags & MSG_CMSG_CLOEXEC) != 0);
      if (r.truncatedControl) outFlags |= MSG_CTRUNC;
      if (cm.length > 0) mmu.writeBytes(m.control(), cm, 0, cm.length);
      controlLen = cm.length;
    }
    // ____sys_recvmsg writes msg_namelen only when there is a msg_name.
    if (m.name() != 0) Sockets.copyAddressOut(t, r.name, m.name(), msgAddr + MessageHeader.NAMELEN);
    mmu.write64(msgAddr + MessageHeader.CONTROLLEN, controlLen);
    mmu.write32(msgAddr + MessageHeader.FLAGS, outFlags);
    return r.count;
  }

  /** What one host recvmsg returned, in guest terms except the host control bytes. */
  private static final class Received {
    long count;
    byte[] name = new byte[0];
    int flags;
    long control;
    int controlLen;
    boolean truncatedControl;
  }

  private static Received receive(Task t, OpenFile f, IoVec v, boolean wantName, long controlCap, int flags) {
    Mmu mmu = t.mmu();
    // Signals: a receive that would block waits interruptibly first.
    if ((flags & MSG_DONTWAIT) == 0 && v.total > 0) Blocking.awaitReceive(t, f);
    // Bytes land only where the guest can take them: a buffer that turns bad part
    // way receives up to the bad page; one bad from the start is EFAULT.
    long want = v.accessiblePrefix(mmu, 0, Math.min(v.total, Scratch.MAX_CHUNK), true);
    if (want == 0 && v.total > 0) {
      // A datagram that cannot be copied out is still taken off the queue
      // (udp_recvmsg); stream data stays for the next read (tcp_recvmsg).
      if (Sockets.type(t, f) != SOCK_STREAM) discard(t, f, Math.min(v.total, Scratch.MAX_CHUNK), flags);
      throw new LinuxError(Errno.EFAULT);
    }
    long data = t.scratch.alloc(Math.max(want, 1));
    Sockets.HostAddress name = wantName ? Sockets.hostAddressBuffer(t) : null;
    HostMessage hm = hostMessage(t, data, want, name, (int) controlCap);
    if (name != null) HostMemory.put32(hm.hdr() + HostSockets.MSG_NAMELEN, HostSockets.SOCKADDR_MAX);
    int hostFlags = HostSockets.msgToHost(flags) | HostSockets.HOST_MSG_CMSG_CLOEXEC;
    long n = Host.check(Host.libc().recvmsg(f.hostFd(), hm.hdr(), hostFlags));
    Received r = new Received();
    r.count = n;
    // With MSG_TRUNC a datagram's real length comes back, more than was stored;
    // a stream socket discards the bytes and stores nothing (tcp(7)).
    boolean discarded = (flags & MSG_TRUNC) != 0 && Sockets.type(t, f) == SOCK_STREAM;
    if (!discarded) v.scatter(mmu, data, 0, Math.min(n, want));
    r.flags = HostSockets.msgFromHost(HostMemory.get32(hm.hdr() + HostSockets.MSG_FLAGS_OFF));
    if (name != null) r.name = Sockets.guestAddress(name.buf(), HostMemory.get32(hm.hdr() + HostSockets.MSG_NAMELEN));
    r.control = hm.control();
    r.controlLen = (int) HostMemory.get64(hm.hdr() + HostSockets.MSG_CONTROLLEN);
    return r;
  }

  /** Receives one message into scratch and drops it. */
  private static void discard(Task t, OpenFile f, long len, int flags) {
    long buf = t.scratch.alloc(len);
    HostMessage hm = hostMessage(t, buf, len, null, 0);
    int hostFlags = HostSockets.msgToHost(flags) | HostSockets.HOST_MSG_CMSG_CLOEXEC;
    Host.check(Host.libc().recvmsg(f.hostFd(), hm.hdr(), hostFlags));
  }

  /**
   * The host's control messages in guest form (put_cmsg, scm_detach_fds):
   * received host fds are installed in the guest's table; what does not fit in
   * cap bytes is dropped (fds closed) and flagged MSG_CTRUNC.
   */
  private static byte[] controlToGuest(Task t, Received r, int cap, boolean cloexec) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    long c = r.control;
    for (int off = 0; off + HostSockets.CMSG_HDR <= r.controlLen; ) {
      long len = HostMemory.get64(c + off);
      if (len < HostSockets.CMSG_HDR || len > r.controlLen - off) break;
      int level = HostSockets.levelFromHost(HostMemory.get32(c + off + 8));
      int hostType = HostMemory.get32(c + off + 12);
      byte[] data = new byte[(int) len - HostSockets.CMSG_HDR];
      HostMemory.copyOut(c + off + HostSockets.CMSG_HDR, data, 0, data.length);
      off += (int) HostSockets.cmsgAlign(len);
      int room = cap - out.size() - MessageHeader.CMSG_HDR;
      int type = level == SOL_SOCKET ? HostSockets.scmFromHost(hostType)
          : level >= 0 ? HostSockets.optionFromHost(level, hostType) : -1;
      if (level == SOL_SOCKET && type == SCM_RIGHTS) {
        int fit = Math.max(0, Math.min(data.length / 4, room / 4));
        data = fdsToGuest(t, data, fit, cloexec);
        if (fit < (int) (len - HostSockets.CMSG_HDR) / 4) r.truncatedControl = true;
        if (fit == 0) continue;
      } else if (level < 0 || type < 0) {
        Unsupported.once("received control message level " + level + " type " + hostType);
        continue;
      } else if (room < data.length) {
        r.truncatedControl = true;
        continue;
      }
      putCmsg(out, MessageHeader.CMSG_HDR, level, type, data);
    }
    byte[] b = out.toByteArray();
    // The last message's padding need not fit (put_cmsg caps the advance at the buffer).
    return b.length > cap ? java.util.Arrays.copyOf(b, cap) : b;
  }

  /** Installs the first fit host fds of an SCM_RIGHTS payload, closing the rest; returns the guest fds. */
  private static byte[] fdsToGuest(Task t, byte[] data, int fit, boolean cloexec) {
    Struct in = Struct.of(data.length), out = Struct.of(4 * fit);
    System.arraycopy(data, 0, in.bytes(), 0, data.length);
    int installed = 0;
    for (int i = 0; i < data.length / 4; i++) {
      int hostFd = in.get32(4 * i);
      if (i >= fit) {
        Host.libc().close(hostFd);
        continue;
      }
      OpenFile file = new OpenFile(hostFd, true, describe(t, hostFd));
      try {
        out.put32(4 * installed, Descriptors.install(t, file, cloexec, 0));
        installed++;
      } catch (LinuxError e) {
        // EMFILE: scm_detach_fds stops installing; the rest are closed.
        fit = i;
      }
    }
    return java.util.Arrays.copyOf(out.bytes(), 4 * installed);
  }

  private static String describe(Task t, int hostFd) {
    try {
      return new String(HostFiles.pathOf(hostFd, t.scratch), java.nio.charset.StandardCharsets.UTF_8);
    } catch (LinuxError e) {
      return "socket:";
    }
  }

  // ---------------------------------------------------------------- host message

  /** A host msghdr with one iovec over data, the name buffer (if any) and controlLen bytes of control space. */
  private static HostMessage hostMessage(Task t, long data, long dataLen, Sockets.HostAddress name, int controlLen) {
    long hdr = t.scratch.calloc(HostSockets.MSGHDR_SIZE + HostSockets.IOVEC_SIZE);
    long iov = hdr + HostSockets.MSGHDR_SIZE;
    HostMemory.put64(iov, data);
    HostMemory.put64(iov + 8, dataLen);
    long control = controlLen > 0 ? t.scratch.calloc(controlLen) : 0;
    if (name != null) {
      HostMemory.put64(hdr + HostSockets.MSG_NAME, name.buf());
      HostMemory.put32(hdr + HostSockets.MSG_NAMELEN, name.len());
    }
    HostMemory.put64(hdr + HostSockets.MSG_IOV, iov);
    HostMemory.put64(hdr + HostSockets.MSG_IOVLEN, 1);
    HostMemory.put64(hdr + HostSockets.MSG_CONTROL, control);
    HostMemory.put64(hdr + HostSockets.MSG_CONTROLLEN, controlLen);
    return new HostMessage(hdr, data, dataLen, name, control);
  }

  private static long clamp(long len) {
    if (Long.compareUnsigned(len, UserMemory.TASK_SIZE_MAX) > 0) throw new LinuxError(Errno.EFAULT);
    return Math.min(len, IoVec.MAX_RW_COUNT);
  }
}
