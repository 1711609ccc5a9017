package blink.linux.sys;

import blink.linux.Errno;
import blink.linux.LinuxError;
import blink.linux.Syscall;
import blink.linux.SyscallTable;
import blink.linux.Sysno;
import blink.linux.Task;
import blink.linux.abi.Struct;
import blink.linux.fs.OpenFile;
import blink.linux.host.Host;
import blink.linux.host.HostFlags;
import blink.memory.HostMemory;

/**
 * File locks: flock(2), and fcntl(2)'s POSIX record locks (F_GETLK, F_SETLK,
 * F_SETLKW) and open-file-description locks (F_OFD_*), plus the pipe-size and
 * owner commands. The locks are the host's on the host file: the guest process
 * is the emulator process, so lock ownership and conflicts are exactly what the
 * host kernel computes. struct flock is translated field by field.
 */
public final class Locks implements Syscall {
  private Locks() {}

  // fcntl(2) commands and struct flock values as Linux x86-64 defines them (asm-generic/fcntl.h).
  static final int F_GETLK = 5, F_SETLK = 6, F_SETLKW = 7, F_SETOWN = 8, F_GETOWN = 9;
  static final int F_OFD_GETLK = 36, F_OFD_SETLK = 37, F_OFD_SETLKW = 38;
  /** F_GETOWN_EX/F_SETOWN_EX take struct f_owner_ex {int type; pid_t pid;}; glibc's F_GETOWN uses them. */
  static final int F_SETOWN_EX = 15, F_GETOWN_EX = 16;
  static final int F_SETPIPE_SZ = 1031, F_GETPIPE_SZ = 1032;
  static final int F_RDLCK = 0, F_WRLCK = 1, F_UNLCK = 2;
  static final int LOCK_SH = 1, LOCK_EX = 2, LOCK_NB = 4, LOCK_UN = 8;
  /** Linux struct flock: short l_type, short l_whence, i64 l_start @8, i64 l_len @16, i32 l_pid @24; 32 bytes. */
  static final int FLOCK_SIZE = 32;

  private static final Locks INSTANCE = new Locks();

  public static void register(SyscallTable t) {
    t.add(INSTANCE, Sysno.FLOCK);
  }

  @Override
  public long call(Task t, int nr, long a0, long a1, long a2, long a3, long a4, long a5) {
    return switch (nr) {
      case Sysno.FLOCK -> flock(t, (int) a0, (int) a1);
      default -> throw new IllegalArgumentException("not a Locks syscall: " + nr);
    };
  }

  /** flock(2): LOCK_SH, LOCK_EX or LOCK_UN, optionally | LOCK_NB; anything else is EINVAL. */
  private static long flock(Task t, int fd, int op) {
    OpenFile f = t.process.fds.get(fd);
    int kind = op & ~LOCK_NB;
    int host = switch (kind) {
      case LOCK_SH -> HostFlags.LOCK_SH;
      case LOCK_EX -> HostFlags.LOCK_EX;
      case LOCK_UN -> HostFlags.LOCK_UN;
      default -> throw new LinuxError(Errno.EINVAL);
    };
    if ((op & LOCK_NB) != 0) host |= HostFlags.LOCK_NB;
    return Host.check(Host.libc().flock(f.hostFd(), host));
  }

  /** Whether fcntl command cmd is one of this class's. */
  static boolean handles(int cmd) {
    return switch (cmd) {
      case F_GETLK, F_SETLK, F_SETLKW, F_OFD_GETLK, F_OFD_SETLK, F_OFD_SETLKW, F_SETOWN, F_GETOWN, F_SETOWN_EX,
          F_GETOWN_EX, F_SETPIPE_SZ, F_GETPIPE_SZ -> true;
      default -> false;
    };
  }

  /** fcntl(fd, cmd, arg) for the commands {@link #handles} accepts. */
  static long fcntl(Task t, OpenFile f, int cmd, long arg) {
    var libc = Host.libc();
    return switch (cmd) {
      case F_GETLK -> record(t, f, HostFlags.F_GETLK, arg, true);
      case F_SETLK -> record(t, f, HostFlags.F_SETLK, arg, false);
      case F_SETLKW -> record(t, f, HostFlags.F_SETLKW, arg, false);
      case F_OFD_GETLK -> record(t, f, HostFlags.F_OFD_GETLK, arg, true);
      case F_OFD_SETLK -> record(t, f, HostFlags.F_OFD_SETLK, arg, false);
      case F_OFD_SETLKW -> record(t, f, HostFlags.F_OFD_SETLKW, arg, false);
      case F_GETOWN -> Host.check(libc.fcntl(f.hostFd(), HostFlags.F_GETOWN, 0));
      case F_SETOWN -> Host.check(libc.fcntl(f.hostFd(), HostFlags.F_SETOWN, (int) arg));
      case F_GETOWN_EX, F_SETOWN_EX -> ownerEx(t, f, cmd == F_GETOWN_EX, arg);
      case F_GETPIPE_SZ -> Host.check(libc.fcntl(f.hostFd(), HostFlags.F_GETPIPE_SZ, 0));
      case F_SETPIPE_SZ -> Host.check(libc.fcntl(f.hostFd(), HostFlags.F_SETPIPE_SZ, (int) arg));
      default -> throw new IllegalArgumentException("not a lock command: " + cmd);
    };
  }

  /** F_GETOWN_EX/F_SETOWN_EX: the owner type (F_OWNER_TID 0, PID 1, PGRP 2: the same numbers on the host) and id. */
  private static long ownerEx(Task t, OpenFile f, boolean get, long addr) {
    long h = t.scratch.alloc(8);
    if (!get) {
      Struct o = Struct.read(t.mmu(), addr, 8);
      HostMemory.put32(h, o.get32(0));
      HostMemory.put32(h + 4, o.get32(4));
    }
    Host.check(Host.libc().fcntl(f.hostFd(), get ? HostFlags.F_GETOWN_EX : HostFlags.F_SETOWN_EX, h));
    if (get) Struct.of(8).put32(0, HostMemory.get32(h)).put32(4, HostMemory.get32(h + 4)).write(t.mmu(), addr);
    return 0;
  }

  /** A record-lock command: the guest's struct flock in, and for the GETLK forms the answer back out. */
  private static long record(Task t, OpenFile f, int hostCmd, long addr, boolean get) {
    Struct lk = Struct.read(t.mmu(), addr, FLOCK_SIZE);
    int type = switch (lk.get16(0)) {
      case F_RDLCK -> HostFlags.F_RDLCK;
      case F_WRLCK -> HostFlags.F_WRLCK;
      case F_UNLCK -> HostFlags.F_UNLCK;
      default -> throw new LinuxError(Errno.EINVAL);
    };
    long h = t.scratch.alloc(HostFlags.FLOCK_SIZE);
    HostMemory.put16(h, type);
    HostMemory.put16(h + 2, lk.get16(2)); // SEEK_SET/CUR/END: the same numbers on every host
    HostMemory.put64(h + HostFlags.FLOCK_START, lk.get64(8));
    HostMemory.put64(h + HostFlags.FLOCK_LEN, lk.get64(16));
    HostMemory.put32(h + HostFlags.FLOCK_PID, lk.get32(24));
    Host.check(Host.libc().fcntl(f.hostFd(), hostCmd, h));
    if (get) {
      int back = HostMemory.get16(h);
      lk.put16(0, back == HostFlags.F_RDLCK ? F_RDLCK : back == HostFlags.F_WRLCK ? F_WRLCK : F_UNLCK);
      lk.put16(2, HostMemory.get16(h + 2));
      lk.put64(8, HostMemory.get64(h + HostFlags.FLOCK_START));
      lk.put64(16, HostMemory.get64(h + HostFlags.FLOCK_LEN));
      lk.put32(24, HostMemory.get32(h + HostFlags.FLOCK_PID));
      lk.write(t.mmu(), addr);
    }
    return 0;
  }
}
