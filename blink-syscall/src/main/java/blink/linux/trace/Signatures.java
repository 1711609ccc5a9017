package blink.linux.trace;

import blink.linux.Sysno;

/**
 * How to print each system call's arguments and result, one letter per argument
 * (after the man page synopses). Argument letters:
 * <ul>
 *   <li>{@code i} signed decimal, {@code u} unsigned decimal, {@code x} hex (pointers, masks);
 *   <li>{@code f} a file descriptor, {@code d} a directory fd (AT_FDCWD by name);
 *   <li>{@code s} a NUL-terminated string (a path);
 *   <li>{@code w} a buffer the call reads, whose length is the next argument;
 *   <li>{@code r} a buffer the call fills, printed up to the result's length;
 *   <li>{@code o} open(2) flags, {@code m} a mode in octal ({@code M}: only if the flags before it create a
 *       file), {@code W} lseek's whence, {@code g} a signal number.
 * </ul>
 * A signature may end with {@code :x} when the result is an address (mmap, brk).
 * Calls without an entry print their first three arguments in hex.
 */
final class Signatures {
  private Signatures() {}

  private static final String[] BY_NUMBER = new String[Sysno.LIMIT];

  private static void sig(int nr, String spec) {
    BY_NUMBER[nr] = spec;
  }

  static {
    sig(Sysno.READ, "fru"); sig(Sysno.WRITE, "fwu"); sig(Sysno.PREAD64, "frui"); sig(Sysno.PWRITE64, "fwui");
    sig(Sysno.READV, "fxi"); sig(Sysno.WRITEV, "fxi"); sig(Sysno.PREADV, "fxii"); sig(Sysno.PWRITEV, "fxii");
    sig(Sysno.OPEN, "soM"); sig(Sysno.OPENAT, "dsoM"); sig(Sysno.CREAT, "sm"); sig(Sysno.CLOSE, "f");
    sig(Sysno.STAT, "sx"); sig(Sysno.LSTAT, "sx"); sig(Sysno.FSTAT, "fx"); sig(Sysno.NEWFSTATAT, "dsxx");
    sig(Sysno.LSEEK, "fiW"); sig(Sysno.MMAP, "xuxxfx:x"); sig(Sysno.MPROTECT, "xux"); sig(Sysno.MUNMAP, "xu");
    sig(Sysno.BRK, "x:x"); sig(Sysno.MREMAP, "xuuxx:x"); sig(Sysno.MADVISE, "xui");
    sig(Sysno.RT_SIGACTION, "gxxu"); sig(Sysno.RT_SIGPROCMASK, "ixxu"); sig(Sysno.IOCTL, "fxx");
    sig(Sysno.ACCESS, "si"); sig(Sysno.FACCESSAT, "dsi"); sig(Sysno.FACCESSAT2, "dsix"); sig(Sysno.PIPE, "x");
    sig(Sysno.PIPE2, "xo"); sig(Sysno.DUP, "f"); sig(Sysno.DUP2, "ff"); sig(Sysno.DUP3, "ffo");
    sig(Sysno.NANOSLEEP, "xx"); sig(Sysno.GETPID, ""); sig(Sysno.GETTID, ""); sig(Sysno.GETPPID, "");
    sig(Sysno.EXIT, "i"); sig(Sysno.EXIT_GROUP, "i"); sig(Sysno.KILL, "ig"); sig(Sysno.TKILL, "ig");
    sig(Sysno.TGKILL, "iig"); sig(Sysno.UNAME, "x"); sig(Sysno.FCNTL, "fix"); sig(Sysno.FSYNC, "f");
    sig(Sysno.FDATASYNC, "f"); sig(Sysno.TRUNCATE, "si"); sig(Sysno.FTRUNCATE, "fi"); sig(Sysno.GETDENTS64, "fxu");
    sig(Sysno.GETCWD, "xu"); sig(Sysno.CHDIR, "s"); sig(Sysno.FCHDIR, "f"); sig(Sysno.RENAME, "ss");
    sig(Sysno.RENAMEAT, "dsds"); sig(Sysno.RENAMEAT2, "dsdsx"); sig(Sysno.MKDIR, "sm"); sig(Sysno.MKDIRAT, "dsm");
    sig(Sysno.RMDIR, "s"); sig(Sysno.LINK, "ss"); sig(Sysno.LINKAT, "dsdsx"); sig(Sysno.UNLINK, "s");
    sig(Sysno.UNLINKAT, "dsx"); sig(Sysno.SYMLINK, "ss"); sig(Sysno.SYMLINKAT, "sds"); sig(Sysno.READLINK, "sru");
    sig(Sysno.READLINKAT, "dsru"); sig(Sysno.CHMOD, "sm"); sig(Sysno.FCHMOD, "fm"); sig(Sysno.FCHMODAT, "dsm");
    sig(Sysno.CHOWN, "sii"); sig(Sysno.FCHOWN, "fii"); sig(Sysno.LCHOWN, "sii"); sig(Sysno.FCHOWNAT, "dsiix");
    sig(Sysno.UMASK, "m"); sig(Sysno.STATFS, "sx"); sig(Sysno.FSTATFS, "fx"); sig(Sysno.UTIMENSAT, "dsxx");
    sig(Sysno.POLL, "xui"); sig(Sysno.PPOLL, "xuxx"); sig(Sysno.SELECT, "ixxxx"); sig(Sysno.PSELECT6, "ixxxxx");
    sig(Sysno.SENDFILE, "ffxu"); sig(Sysno.ARCH_PRCTL, "xx"); sig(Sysno.SET_TID_ADDRESS, "x");
    sig(Sysno.SET_ROBUST_LIST, "xu"); sig(Sysno.GET_ROBUST_LIST, "ixx"); sig(Sysno.RSEQ, "xuxx");
    sig(Sysno.PRLIMIT64, "iixx"); sig(Sysno.GETRLIMIT, "ix"); sig(Sysno.SETRLIMIT, "ix"); sig(Sysno.GETRANDOM, "xux");
    sig(Sysno.CLOCK_GETTIME, "ix"); sig(Sysno.CLOCK_GETRES, "ix"); sig(Sysno.CLOCK_NANOSLEEP, "iixx");
    sig(Sysno.GETTIMEOFDAY, "xx"); sig(Sysno.TIME, "x"); sig(Sysno.SYSINFO, "x"); sig(Sysno.SIGALTSTACK, "xx");
    sig(Sysno.SCHED_GETAFFINITY, "iux"); sig(Sysno.SCHED_YIELD, ""); sig(Sysno.PRCTL, "ixxxx");
    sig(Sysno.GETUID, ""); sig(Sysno.GETEUID, ""); sig(Sysno.GETGID, ""); sig(Sysno.GETEGID, "");
    sig(Sysno.GETGROUPS, "ix"); sig(Sysno.GETRESUID, "xxx"); sig(Sysno.GETRESGID, "xxx"); sig(Sysno.GETPGID, "i");
    sig(Sysno.GETPGRP, ""); sig(Sysno.GETSID, "i"); sig(Sysno.RT_SIGPENDING, "xu");
    sig(Sysno.WAIT4, "ixix"); sig(Sysno.WAITID, "iixix"); sig(Sysno.SETUID, "i"); sig(Sysno.SETGID, "i");
    sig(Sysno.SETREUID, "ii"); sig(Sysno.SETREGID, "ii"); sig(Sysno.SETRESUID, "iii"); sig(Sysno.SETRESGID, "iii");
    sig(Sysno.SETFSUID, "i"); sig(Sysno.SETFSGID, "i"); sig(Sysno.SETGROUPS, "ix"); sig(Sysno.GETPRIORITY, "ii");
    sig(Sysno.SETPRIORITY, "iii"); sig(Sysno.SCHED_GETSCHEDULER, "i"); sig(Sysno.SCHED_SETSCHEDULER, "iix");
    sig(Sysno.SCHED_GETPARAM, "ix"); sig(Sysno.SCHED_SETPARAM, "ix"); sig(Sysno.SCHED_SETAFFINITY, "iux");
    sig(Sysno.FLOCK, "fi"); sig(Sysno.CLOSE_RANGE, "uux"); sig(Sysno.COPY_FILE_RANGE, "fxfxux");
    sig(Sysno.PREADV2, "fxiiix"); sig(Sysno.PWRITEV2, "fxiiix"); sig(Sysno.SYNC, ""); sig(Sysno.SYNCFS, "f");
    sig(Sysno.SYNC_FILE_RANGE, "fiix"); sig(Sysno.FADVISE64, "fiii"); sig(Sysno.MSYNC, "xux");
    sig(Sysno.EPOLL_CREATE, "i"); sig(Sysno.EPOLL_CREATE1, "x"); sig(Sysno.EPOLL_CTL, "fifx");
    sig(Sysno.EPOLL_WAIT, "fxii"); sig(Sysno.EPOLL_PWAIT, "fxiixu"); sig(Sysno.EPOLL_PWAIT2, "fxixxu");
    sig(Sysno.EVENTFD, "u"); sig(Sysno.EVENTFD2, "ux"); sig(Sysno.TIMERFD_CREATE, "ix");
    sig(Sysno.TIMERFD_SETTIME, "fixx"); sig(Sysno.TIMERFD_GETTIME, "fx"); sig(Sysno.ALARM, "u");
    sig(Sysno.FUTEX, "xixxxi"); sig(Sysno.SHMGET, "xux"); sig(Sysno.SHMAT, "ixx"); sig(Sysno.SHMDT, "x");
    sig(Sysno.SHMCTL, "iix"); sig(Sysno.SEMGET, "xix"); sig(Sysno.SEMOP, "ixu"); sig(Sysno.SEMTIMEDOP, "ixux");
    sig(Sysno.SEMCTL, "iiix"); sig(Sysno.MSGGET, "xx"); sig(Sysno.MSGSND, "ixux"); sig(Sysno.MSGRCV, "ixuix");
    sig(Sysno.MSGCTL, "iix"); sig(Sysno.GETXATTR, "ssxu"); sig(Sysno.LGETXATTR, "ssxu"); sig(Sysno.FGETXATTR, "fsxu");
    sig(Sysno.SETXATTR, "ssxux"); sig(Sysno.LISTXATTR, "sxu"); sig(Sysno.REMOVEXATTR, "ss");
    sig(Sysno.STATX, "dsxxx"); sig(Sysno.MKNOD, "smx"); sig(Sysno.MKNODAT, "dsmx"); sig(Sysno.UTIME, "sx");
    sig(Sysno.UTIMES, "sx"); sig(Sysno.FUTIMESAT, "dsx"); sig(Sysno.GETITIMER, "ix"); sig(Sysno.SETITIMER, "ixx"); sig(Sysno.TIMES, "x"); sig(Sysno.GETRUSAGE, "ix");
  }

  /** The signature of nr, or null if it has none. */
  static String of(int nr) {
    return nr >= 0 && nr < BY_NUMBER.length ? BY_NUMBER[nr] : null;
  }
}
