package blink.linux.sys;

import blink.linux.Errno;
import blink.linux.LinuxError;
import blink.linux.UserMemory;
import blink.linux.abi.Struct;
import blink.machine.GuestFault;
import blink.memory.Mmu;

/**
 * A guest buffer list (struct iovec[]: iov_base, iov_len), seen as one run of
 * bytes so host transfers can be chunked across it.
 */
final class IoVec {
  /** UIO_MAXIOV: the most iovecs one call takes (IOV_MAX). */
  static final int UIO_MAXIOV = 1024;
  /** MAX_RW_COUNT: one read or write transfers at most INT_MAX rounded down to a page (fs/read_write.c). */
  static final long MAX_RW_COUNT = 0x7ffff000L;

  final long[] base;
  final long[] len;
  final long total;

  private IoVec(long[] base, long[] len, long total) {
    this.base = base;
    this.len = len;
    this.total = total;
  }

  /** One buffer, as read(2) and write(2) have; count is already clamped. */
  static IoVec single(long buf, long count) {
    if (!UserMemory.accessOk(buf, count)) throw new LinuxError(Errno.EFAULT);
    return new IoVec(new long[] {buf}, new long[] {count}, count);
  }

  /** Reads and validates a guest iovec array, as import_iovec() does. */
  static IoVec read(Mmu mmu, long iov, long iovcnt) {
    int n = (int) iovcnt;
    if (n < 0 || n > UIO_MAXIOV) throw new LinuxError(Errno.EINVAL);
    Struct s = Struct.read(mmu, iov, 16 * n);
    long[] base = new long[n], len = new long[n];
    long total = 0;
    for (int i = 0; i < n; i++) {
      base[i] = s.get64(16 * i);
      long l = s.get64(16 * i + 8);
      // iov_len is a size_t that must fit ssize_t; the sum is clamped to MAX_RW_COUNT.
      if (l < 0) throw new LinuxError(Errno.EINVAL);
      if (!UserMemory.accessOk(base[i], l)) throw new LinuxError(Errno.EFAULT);
      l = Math.min(l, MAX_RW_COUNT - total);
      len[i] = l;
      total += l;
    }
    return new IoVec(base, len, total);
  }

  /** Copies the logical bytes [pos, pos+n) to host memory. */
  void gather(Mmu mmu, long pos, long host, long n) {
    forRange(pos, n, (va, off, k) -> UserMemory.copyIn(mmu, va, host + off, k));
  }

  /** Copies n host bytes into the logical range starting at pos. */
  void scatter(Mmu mmu, long host, long pos, long n) {
    forRange(pos, n, (va, off, k) -> UserMemory.copyOut(mmu, host + off, va, k));
  }

  /**
   * How many bytes from pos (at most n) can be accessed before the first page that
   * cannot. Linux copies up to a bad page and returns the short count, so a
   * transfer is cut there rather than refused.
   */
  long accessiblePrefix(Mmu mmu, long pos, long n, boolean write) {
    long[] ok = {0};
    try {
      forRange(pos, n, (va, off, k) -> {
        for (long p = va; p < va + k; p = (p | 0xfff) + 1) {
          long chunk = Math.min(va + k, (p | 0xfff) + 1) - p;
          if (write) mmu.checkWritable(p, chunk);
          else mmu.checkReadable(p, chunk);
          ok[0] += chunk;
        }
      });
    } catch (GuestFault f) {
      // ok holds the accessible prefix
    }
    return ok[0];
  }

  private interface Piece {
    void at(long va, long off, long n);
  }

  private void forRange(long pos, long n, Piece p) {
    long off = 0;
    for (int i = 0; i < base.length && n > 0; i++) {
      if (pos >= len[i]) {
        pos -= len[i];
        continue;
      }
      long k = Math.min(len[i] - pos, n);
      p.at(base[i] + pos, off, k);
      off += k;
      n -= k;
      pos = 0;
    }
  }
}
