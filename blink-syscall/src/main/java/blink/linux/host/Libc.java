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

  int fstat(int fd, long statbuf);

  int fstatat(int dirfd, long path, long statbuf, int flags);

  int fcntl(int fd, int cmd, long arg);

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

  int mkdirat(int dirfd, long path, int mode);

  long getdents64(int fd, long buf, long count);

  long getrandom(long buf, long len, int flags);

  int clock_gettime(int clockid, long ts);

  int clock_getres(int clockid, long ts);

  int getpid();

  int getpgid(int pid);

  int getsid(int pid);

  int umask(int mask);

  int getgroups(int size, long list);

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
