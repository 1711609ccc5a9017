package blink.linux;

/**
 * Thrown inside a syscall to make it return -errno. Carries no stack trace: it is
 * the ordinary error path of the guest's system call, not a host failure.
 */
public final class LinuxError extends RuntimeException {
  public final int errno;

  public LinuxError(int errno) {
    super(null, null, false, false);
    this.errno = errno;
  }

  @Override
  public String getMessage() {
    String name = Errno.name(errno);
    return name != null ? name : "errno " + errno;
  }
}
