package blink.linux.sys;

import blink.linux.Errno;
import blink.linux.LinuxError;
import blink.linux.Syscall;
import blink.linux.SyscallTable;
import blink.linux.Sysno;
import blink.linux.Task;
import blink.linux.fs.FileStat;
import blink.linux.fs.OpenFile;
import blink.linux.fs.OpenFlags;
import blink.linux.fs.HostPath;
import blink.linux.host.Host;
import blink.linux.host.HostFlags;
import blink.linux.host.Libc;
import blink.linux.host.Scratch;
import blink.memory.HostMemory;
import blink.memory.Mmu;

/**
 * File data: read, write, their positional and vectored forms (preadv2 and
 * pwritev2 too), lseek, truncate, fsync, sendfile and copy_file_range.
 * A buffer inside one guest page goes to the host by address; anything larger is
 * bounced through scratch memory in chunks of at most {@link Scratch#MAX_CHUNK}.
 */
public final class FileIo implements Syscall {
  private FileIo() {}

  /** Marks a transfer at the file position rather than at an offset. */
  private static final long AT_POSITION = -1;

  private static final FileIo INSTANCE = new FileIo();

  public static void register(SyscallTable t) {
    t.add(INSTANCE, Sysno.READ, Sysno.WRITE, Sysno.PREAD64, Sysno.PWRITE64, Sysno.READV,
        Sysno.WRITEV, Sysno.PREADV, Sysno.PWRITEV, Sysno.LSEEK, Sysno.FTRUNCATE, Sysno.TRUNCATE,
        Sysno.FSYNC, Sysno.FDATASYNC, Sysno.SENDFILE, Sysno.PREADV2, Sysno.PWRITEV2, Sysno.COPY_FILE_RANGE);
  }

  @Override
  public long call(Task t, int nr, long a0, long a1, long a2, long a3, long a4, long a5) {
    return switch (nr) {
      case Sysno.READ -> read(t, a0, a1, a2, AT_POSITION);
      case Sysno.WRITE -> write(t, a0, a1, a2, AT_POSITION);
      case Sysno.PREAD64 -> read(t, a0, a1, a2, checkOffset(a3));
      case Sysno.PWRITE64 -> write(t, a0, a1, a2, checkOffset(a3));
      case Sysno.READV -> readv(t, a0, a1, a2, AT_POSITION);
      case Sysno.WRITEV -> writev(t, a0, a1, a2, AT_POSITION);
      // On x86-64 pos_l (a3) carries the whole offset.
      case Sysno.PREADV -> readv(t, a0, a1, a2, checkOffset(a3));
      case Sysno.PWRITEV -> writev(t, a0, a1, a2, checkOffset(a3));
      case Sysno.PREADV2 -> preadv2(t, a0, a1, a2, a3, (int) a5);
      case Sysno.PWRITEV2 -> pwritev2(t, a0, a1, a2, a3, (int) a5);
      case Sysno.COPY_FILE_RANGE -> copyFileRange(t, a0, a1, a2, a3, a4, a5);
      case Sysno.LSEEK -> lseek(t, a0, a1, a2);
      case Sysno.FTRUNCATE -> Host.check(Host.libc().ftruncate(t.process.fds.get((int) a0).hostFd(), a1));
      case Sysno.TRUNCATE -> truncate(t, a0, a1);
      case Sysno.SENDFILE -> sendfile(t, a0, a1, a2, a3);
      case Sysno.FSYNC -> Host.check(Host.libc().fsync(t.process.fds.get((int) a0).hostFd()));
      case Sysno.FDATASYNC -> Host.check(Host.libc().fdatasync(t.process.fds.get((int) a0).hostFd()));
      default -> throw new IllegalArgumentException("not a FileIo syscall: " + nr);
    };
  }

  static long read(Task t, long fd, long buf, long count, long offset) {
    OpenFile f = t.process.fds.get((int) fd);
    count = clamp(count);
    // Signals: a signalfd reads the pending signals; other reads that would block wait interruptibly.
    if (SignalFd.is(f)) return SignalFd.read(t, f, buf, count);
    if (count > 0) Blocking.awaitReady(t, f, Blocking.POLLIN);
    Mmu mmu = t.mmu();
    if (count > 0 && (buf & 0xfff) + count <= 4096) {
      // One page: the host reads straight into the guest's frame.
      return hostRead(f, mmu.hostRange(buf, (int) count, true), count, offset);
    }
    return readInto(t, f, IoVec.single(buf, count), offset);
  }

  static long write(Task t, long fd, long buf, long count, long offset) {
    OpenFile f = t.process.fds.get((int) fd);
    count = clamp(count);
    Mmu mmu = t.mmu();
    if (count > 0) Blocking.awaitReady(t, f, Blocking.POLLOUT);
    try {
      if (count > 0 && (buf & 0xfff) + count <= 4096) {
        return hostWrite(f, mmu.hostRange(buf, (int) count, false), count, offset);
      }
      return writeFrom(t, f, IoVec.single(buf, count), offset);
    } catch (LinuxError e) {
      throw brokenPipe(t, e);
    }
  }

  static long readv(Task t, long fd, long iov, long iovcnt, long offset) {
    OpenFile f = t.process.fds.get((int) fd);
    IoVec v = IoVec.read(t.mmu(), iov, iovcnt);
    if (v.total > 0) Blocking.awaitReady(t, f, Blocking.POLLIN);
    return readInto(t, f, v, offset);
  }

  static long writev(Task t, long fd, long iov, long iovcnt, long offset) {
    OpenFile f = t.process.fds.get((int) fd);
    IoVec v = IoVec.read(t.mmu(), iov, iovcnt);
    if (v.total > 0) Blocking.awaitReady(t, f, Blocking.POLLOUT);
    try {
      return writeFrom(t, f, v, offset);
    } catch (LinuxError e) {
      throw brokenPipe(t, e);
    }
  }

  /** A write to a pipe or socket with no reader also raises SIGPIPE in the writing thread (pipe(7)). */
  private static LinuxError brokenPipe(Task t, LinuxError e) {
    if (e.errno == Errno.EPIPE) Signals.brokenPipe(t);
    return e;
  }

  // preadv2(2)/pwritev2(2) flags (include/uapi/linux/fs.h).
  static final int RWF_HIPRI = 1, RWF_DSYNC = 2, RWF_SYNC = 4, RWF_NOWAIT = 8, RWF_APPEND = 16, RWF_NOAPPEND = 32;
  static final int RWF_SUPPORTED = RWF_HIPRI | RWF_DSYNC | RWF_SYNC | RWF_NOWAIT | RWF_APPEND | RWF_NOAPPEND;

  /**
   * preadv2(2): preadv, except that an offset of -1 reads at (and advances) the
   * file position. HIPRI and NOWAIT are hints the host's page cache satisfies.
   */
  private static long preadv2(Task t, long fd, long iov, long iovcnt, long offset, int flags) {
    if ((flags & ~RWF_SUPPORTED) != 0) throw new LinuxError(Errno.EOPNOTSUPP);
    if (offset < -1) throw new LinuxError(Errno.EINVAL);
    return readv(t, fd, iov, iovcnt, offset == -1 ? AT_POSITION : offset);
  }

  /**
   * pwritev2(2): pwritev with an offset of -1 meaning the file position; RWF_APPEND
   * writes at the end of the file whatever the offset; RWF_DSYNC/RWF_SYNC make this
   * one write durable as O_DSYNC/O_SYNC would.
   */
  private static long pwritev2(Task t, long fd, long iov, long iovcnt, long offset, int flags) {
    if ((flags & ~RWF_SUPPORTED) != 0) throw new LinuxError(Errno.EOPNOTSUPP);
    if ((flags & (RWF_APPEND | RWF_NOAPPEND)) == (RWF_APPEND | RWF_NOAPPEND)) throw new LinuxError(Errno.EINVAL);
    if (offset < -1) throw new LinuxError(Errno.EINVAL);
    OpenFile f = t.process.fds.get((int) fd);
    long at = offset == -1 ? AT_POSITION : offset;
    // The end of the file from fstat: seeking there would move the file position.
    if ((flags & RWF_APPEND) != 0) at = f.stat(t.scratch).size();
    long n = writev(t, fd, iov, iovcnt, at);
    if ((flags & RWF_APPEND) != 0 && offset == -1) Host.libc().lseek64(f.hostFd(), 0, HostFlags.SEEK_END);
    if ((flags & RWF_SYNC) != 0) Host.check(Host.libc().fsync(f.hostFd()));
    else if ((flags & RWF_DSYNC) != 0) Host.check(Host.libc().fdatasync(f.hostFd()));
    return n;
  }

  /**
   * copy_file_range(2): the host copies between the two host fds. Each offset
   * pointer, when given, is read first and advanced by the count copied, and that
   * file's position stays put; flags must be 0. No guest buffer is involved, so
   * the count goes to the host as given (it clamps huge ones itself: cat asks for
   * 0x7fffffffc0000000 bytes).
   */
  private static long copyFileRange(Task t, long inFd, long offInAddr, long outFd, long offOutAddr, long len,
      long flags) {
    if (flags != 0) throw new LinuxError(Errno.EINVAL);
    OpenFile in = t.process.fds.get((int) inFd), out = t.process.fds.get((int) outFd);
    long offIn = offsetIn(t, offInAddr), offOut = offsetIn(t, offOutAddr);
    long n = Host.check(Host.libc().copy_file_range(in.hostFd(), offIn, out.hostFd(), offOut, len, 0));
    if (offInAddr != 0) t.mmu().write64(offInAddr, HostMemory.get64(offIn));
    if (offOutAddr != 0) t.mmu().write64(offOutAddr, HostMemory.get64(offOut));
    return n;
  }

  /** A guest loff_t pointer's value in host scratch memory (0 for a NULL pointer); checked writable first. */
  private static long offsetIn(Task t, long addr) {
    if (addr == 0) return 0;
    long host = t.scratch.alloc(8);
    HostMemory.put64(host, t.mmu().read64(addr));
    t.mmu().checkWritable(addr, 8);
    return host;
  }

  private static long lseek(Task t, long fd, long offset, long whence) {
    OpenFile f = t.process.fds.get((int) fd);
    // whence is an unsigned int; the host rejects values it does not know with EINVAL.
    return Host.check(Host.libc().lseek64(f.hostFd(), offset, (int) whence));
  }

  /**
   * sendfile(2): the host copies between the two host fds. With an offset pointer
   * the input position stays put and the pointer's value advances instead. The
   * count goes to the host as given, which applies rw_verify_area()'s rules.
   */
  private static long sendfile(Task t, long outFd, long inFd, long offsetAddr, long count) {
    OpenFile out = t.process.fds.get((int) outFd), in = t.process.fds.get((int) inFd);
    long off = offsetIn(t, offsetAddr);
    long n = Host.check(Host.libc().sendfile(out.hostFd(), in.hostFd(), off, count));
    if (offsetAddr != 0) t.mmu().write64(offsetAddr, HostMemory.get64(off));
    return n;
  }

  /**
   * truncate(2) by path, done as open + ftruncate so a relative path starts at the
   * guest's working directory. O_NONBLOCK keeps a FIFO from blocking the open.
   */
  private static long truncate(Task t, long pathAddr, long length) {
    if (length < 0) throw new LinuxError(Errno.EINVAL);
    HostPath hp = Directories.resolve(t, OpenFlags.AT_FDCWD, pathAddr, true);
    if (hp.readOnly()) throw new LinuxError(Errno.EACCES);
    int flags = OpenFlags.O_WRONLY | OpenFlags.O_NONBLOCK | OpenFlags.O_NOCTTY | OpenFlags.O_CLOEXEC;
    int fd = Host.check(Host.libc().openat(hp.dirfd(), t.scratch.cString(hp.path()), HostFlags.openToHost(hp.openFlags(flags)), 0));
    try {
      return Host.check(Host.libc().ftruncate(fd, length));
    } finally {
      Host.libc().close(fd);
    }
  }

  /** pread(2): a negative offset is EINVAL. */
  private static long checkOffset(long offset) {
    if (offset < 0) throw new LinuxError(Errno.EINVAL);
    return offset;
  }

  private static long clamp(long count) {
    // count is a size_t; access_ok() rejects sizes beyond user space, then
    // rw_verify_area() clamps to MAX_RW_COUNT.
    if (Long.compareUnsigned(count, blink.linux.UserMemory.TASK_SIZE_MAX) > 0) {
      throw new LinuxError(Errno.EFAULT);
    }
    return Math.min(count, IoVec.MAX_RW_COUNT);
  }

  /**
   * Reads into a guest buffer list. Regular files are read until the request is
   * met or EOF; other files return after one host read, which may be short, as
   * pipes and terminals do. A buffer that turns bad part way gets the bytes
   * before the bad page and a short count, as on Linux; EFAULT if none fit.
   */
  private static long readInto(Task t, OpenFile f, IoVec v, long offset) {
    Mmu mmu = t.mmu();
    long chunk = Math.min(v.total, Scratch.MAX_CHUNK);
    long buf = t.scratch.alloc(Math.max(chunk, 1));
    if (v.total == 0) return hostRead(f, buf, 0, offset);
    boolean regular = v.total > chunk && f.type(t.scratch) == FileStat.S_IFREG;
    long done = 0;
    while (done < v.total) {
      long n = v.accessiblePrefix(mmu, done, Math.min(v.total - done, chunk), true);
      if (n == 0) {
        if (done > 0) return done;
        throw new LinuxError(Errno.EFAULT);
      }
      long got;
      try {
        got = hostRead(f, buf, n, offset == AT_POSITION ? AT_POSITION : offset + done);
      } catch (LinuxError e) {
        if (done > 0) return done;
        throw e;
      }
      v.scatter(mmu, buf, done, got);
      done += got;
      if (got < n || !regular) break;
    }
    return done;
  }

  /** Writes a guest buffer list, chunk by chunk, stopping at a short write. */
  private static long writeFrom(Task t, OpenFile f, IoVec v, long offset) {
    Mmu mmu = t.mmu();
    long chunk = Math.min(v.total, Scratch.MAX_CHUNK);
    long buf = t.scratch.alloc(Math.max(chunk, 1));
    if (v.total == 0) return hostWrite(f, buf, 0, offset);
    long done = 0;
    while (done < v.total) {
      long want = Math.min(v.total - done, chunk);
      long n = v.accessiblePrefix(mmu, done, want, false);
      if (n == 0) {
        if (done > 0) return done;
        throw new LinuxError(Errno.EFAULT);
      }
      v.gather(mmu, done, buf, n);
      long put;
      try {
        put = hostWrite(f, buf, n, offset == AT_POSITION ? AT_POSITION : offset + done);
      } catch (LinuxError e) {
        if (done > 0) return done;
        throw e;
      }
      done += put;
      if (put < want) break;
    }
    return done;
  }

  private static long hostRead(OpenFile f, long buf, long n, long offset) {
    Libc c = Host.libc();
    return Host.check(offset == AT_POSITION ? c.read(f.hostFd(), buf, n) : c.pread64(f.hostFd(), buf, n, offset));
  }

  private static long hostWrite(OpenFile f, long buf, long n, long offset) {
    Libc c = Host.libc();
    return Host.check(offset == AT_POSITION ? c.write(f.hostFd(), buf, n) : c.pwrite64(f.hostFd(), buf, n, offset));
  }
}
