package blink.linux.host;

/**
 * The host C library calls the kernel emulation makes, bound with jnr-ffi. Every
 * pointer is passed as a plain host address (a {@code long}) into memory the
 * caller owns — a {@link Scratch} buffer or a checked guest page frame — so no
 * argument is marshalled and no Java object crosses the boundary.
 *
 * <p>Functions return -1 and set errno on failure, read with {@link Host#errno()}.
 * Structures are in the host's layout; {@link HostLayout} reads them.
 */
public interface Libc {
  long read(int fd, long buf, long count);

  long mmap(long addr, long length, int prot, int flags, int fd, long offset);

  int munmap(long addr, long length);

  long write(int fd, long buf, long count);

  long pread64(int fd, long buf, long count, long offset);

  long pwrite64(int fd, long buf, long count, long offset);

  long lseek64(int fd, long offset, int whence);

  int openat(int dirfd, long path, int flags, int mode);

  int close(int fd);

  int memfd_create(long name, int flags);

  int fstat(int fd, long statbuf);

  int fstatat(int dirfd, long path, long statbuf, int flags);

  int fcntl(int fd, int cmd, long arg);

  int flock(int fd, int operation);

  // POSIX message queues (mq_overview(7)); mq_open takes the name with its leading '/'.
  int mq_open(long name, int oflag, int mode, long attr);

  int mq_unlink(long name);

  int mq_timedsend(int mqdes, long msg, long len, int prio, long abstime);

  long mq_timedreceive(int mqdes, long msg, long len, long prio, long abstime);

  int mq_notify(int mqdes, long sevp);

  int mq_getattr(int mqdes, long attr);

  int mq_setattr(int mqdes, long newattr, long oldattr);

  int ioctl(int fd, long request, long arg);

  int tcgetattr(int fd, long termios);

  int tcsetattr(int fd, int optionalActions, long termios);

  int pipe2(long fds, int flags);

  int faccessat(int dirfd, long path, int mode, int flags);

  long readlinkat(int dirfd, long path, long buf, long size);

  long getcwd(long buf, long size);

  int unlinkat(int dirfd, long path, int flags);

  int renameat2(int olddirfd, long oldpath, int newdirfd, long newpath, int flags);

  int linkat(int olddirfd, long oldpath, int newdirfd, long newpath, int flags);

  int symlinkat(long target, int newdirfd, long linkpath);

  int ftruncate(int fd, long length);

  int fsync(int fd);

  int fdatasync(int fd);

  void sync();

  int syncfs(int fd);

  int sync_file_range(int fd, long offset, long nbytes, int flags);

  /** Returns an error number (not -1 and errno), as POSIX specifies. */
  int posix_fadvise(int fd, long offset, long len, int advice);

  long copy_file_range(int fdIn, long offIn, int fdOut, long offOut, long len, int flags);

  long getxattr(long path, long name, long value, long size);

  long lgetxattr(long path, long name, long value, long size);

  long fgetxattr(int fd, long name, long value, long size);

  long listxattr(long path, long list, long size);

  long llistxattr(long path, long list, long size);

  long flistxattr(int fd, long list, long size);

  int setxattr(long path, long name, long value, long size, int flags);

  int lsetxattr(long path, long name, long value, long size, int flags);

  int fsetxattr(int fd, long name, long value, long size, int flags);

  int removexattr(long path, long name);

  int lremovexattr(long path, long name);

  int fremovexattr(int fd, long name);

  int msync(long addr, long length, int flags);

  int mkdirat(int dirfd, long path, int mode);

  int mknodat(int dirfd, long path, int mode, long dev);

  int statx(int dirfd, long path, int flags, int mask, long buf);

  long getdents64(int fd, long buf, long count);

  long getrandom(long buf, long len, int flags);

  int clock_gettime(int clockid, long ts);

  int clock_getres(int clockid, long ts);

  int getpid();

  int getpgid(int pid);

  int getsid(int pid);

  int umask(int mask);

  int getgroups(int size, long list);

  int setgroups(long size, long list);

  int setuid(int uid);

  int setgid(int gid);

  int setreuid(int ruid, int euid);

  int setregid(int rgid, int egid);

  int setresuid(int ruid, int euid, int suid);

  int setresgid(int rgid, int egid, int sgid);

  int getresuid(long ruid, long euid, long suid);

  int getresgid(long rgid, long egid, long sgid);

  int setfsuid(int fsuid);

  int setfsgid(int fsgid);

  int getpriority(int which, int who);

  int setpriority(int which, int who, int prio);

  int sched_getscheduler(int pid);

  int sched_setscheduler(int pid, int policy, long param);

  int sched_getparam(int pid, long param);

  int sched_setparam(int pid, long param);

  int sched_get_priority_max(int policy);

  int sched_get_priority_min(int policy);

  int sched_rr_get_interval(int pid, long tp);

  int fchmodat(int dirfd, long path, int mode, int flags);

  int fchmod(int fd, int mode);

  int fchownat(int dirfd, long path, int owner, int group, int flags);

  int fchown(int fd, int owner, int group);

  int utimensat(int dirfd, long path, long times, int flags);

  int futimens(int fd, long times);

  int fstatfs(int fd, long buf);

  int statfs(long path, long buf);

  long sendfile(int outFd, int inFd, long offset, long count);

  int poll(long fds, long nfds, int timeout);

  int getppid();

  int getuid();

  int geteuid();

  int getgid();

  int getegid();

  int getrlimit(int resource, long rlim);

  int sysinfo(long info);

  int gethostname(long name, long len);

  int getdomainname(long name, long len);

  // Polling and timers (sys/Epoll, EventFd, TimerFd, CpuTime), via HostEvents.

  int epoll_create1(int flags);

  int epoll_ctl(int epfd, int op, int fd, long event);

  int epoll_wait(int epfd, long events, int maxevents, int timeout);

  int eventfd(int initval, int flags);

  int timerfd_create(int clockid, int flags);

  int timerfd_settime(int fd, int flags, long newValue, long oldValue);

  int timerfd_gettime(int fd, long currValue);

  /** Returns an error number (0 on success), not -1 with errno. */
  int clock_nanosleep(int clockid, int flags, long request, long remain);

  int getrusage(int who, long usage);

  long times(long buf);

  long sysconf(int name);

  // Sockets (sys/socket.h). Addresses and lengths are host buffers in the host's layout.
  int socket(int domain, int type, int protocol);

  int socketpair(int domain, int type, int protocol, long sv);

  int bind(int fd, long addr, int addrlen);

  int connect(int fd, long addr, int addrlen);

  int listen(int fd, int backlog);

  int accept4(int fd, long addr, long addrlen, int flags);

  int getsockname(int fd, long addr, long addrlen);

  int getpeername(int fd, long addr, long addrlen);

  long sendmsg(int fd, long msg, int flags);

  long recvmsg(int fd, long msg, int flags);

  int shutdown(int fd, int how);

  int setsockopt(int fd, int level, int name, long value, int len);

  int getsockopt(int fd, int level, int name, long value, long len);
}
