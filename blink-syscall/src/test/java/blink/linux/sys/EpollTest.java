package blink.linux.sys;

import static blink.linux.KernelFixture.MEM;
import static org.junit.jupiter.api.Assertions.assertEquals;

import blink.linux.Errno;
import blink.linux.KernelFixture;
import blink.linux.Sysno;
import blink.linux.abi.Struct;
import org.junit.jupiter.api.Test;

class EpollTest {
  final KernelFixture k = new KernelFixture();

  int[] pipe() {
    k.sys(Sysno.PIPE, MEM + 4000);
    return new int[] {k.read32(MEM + 4000), k.read32(MEM + 4004)};
  }

  @Test
  void eventsArePacked12ByteRecordsWithTheDataWordVerbatim() {
    long ep = k.sys(Sysno.EPOLL_CREATE1, 0);
    int[] a = pipe(), b = pipe();
    Struct.of(12).put32(0, 1).put64(4, 0x8877665544332211L).write(k.cpu.mmu, MEM);
    assertEquals(0, k.sys(Sysno.EPOLL_CTL, ep, 1, a[0], MEM));
    Struct.of(12).put32(0, 4).put64(4, -2L).write(k.cpu.mmu, MEM);
    assertEquals(0, k.sys(Sysno.EPOLL_CTL, ep, 1, b[1], MEM));
    k.put(MEM + 100, new byte[] {1});
    k.sys(Sysno.WRITE, a[1], MEM + 100, 1);
    assertEquals(2, k.sys(Sysno.EPOLL_WAIT, ep, MEM + 256, 8, 0));
    // Host order is not specified: find each by its data word.
    long d0 = k.read64(MEM + 256 + 4), d1 = k.read64(MEM + 256 + 16);
    int e0 = k.read32(MEM + 256), e1 = k.read32(MEM + 268);
    if (d0 == -2L) {
      assertEquals(0x8877665544332211L, d1);
      assertEquals(4, e0);
      assertEquals(1, e1);
    } else {
      assertEquals(0x8877665544332211L, d0);
      assertEquals(-2L, d1);
      assertEquals(1, e0);
      assertEquals(4, e1);
    }
  }

  @Test
  void errorsComeInTheKernelsOrder() {
    long ep = k.sys(Sysno.EPOLL_CREATE1, 0);
    int[] a = pipe();
    assertEquals(-Errno.EINVAL, k.sys(Sysno.EPOLL_CREATE, 0));
    assertEquals(-Errno.EINVAL, k.sys(Sysno.EPOLL_CREATE1, 1));
    assertEquals(-Errno.EFAULT, k.sys(Sysno.EPOLL_CTL, 99, 1, 98, KernelFixture.UNMAPPED));
    Struct.of(12).put32(0, 1).write(k.cpu.mmu, MEM);
    assertEquals(-Errno.EBADF, k.sys(Sysno.EPOLL_CTL, 99, 1, a[0], MEM));
    assertEquals(-Errno.EINVAL, k.sys(Sysno.EPOLL_CTL, a[0], 1, a[1], MEM));
    assertEquals(-Errno.ENOENT, k.sys(Sysno.EPOLL_CTL, ep, 2, a[0], 0));
    assertEquals(0, k.sys(Sysno.EPOLL_CTL, ep, 1, a[0], MEM));
    assertEquals(-Errno.EEXIST, k.sys(Sysno.EPOLL_CTL, ep, 1, a[0], MEM));
    assertEquals(-Errno.EBADF, k.sys(Sysno.EPOLL_WAIT, 99, MEM, 0, 0));
    assertEquals(-Errno.EINVAL, k.sys(Sysno.EPOLL_WAIT, ep, MEM, 0, 0));
    assertEquals(-Errno.EINVAL, k.sys(Sysno.EPOLL_WAIT, a[0], MEM, 1, 0));
    // Nothing ready: an unmapped buffer is not looked at.
    assertEquals(0, k.sys(Sysno.EPOLL_WAIT, ep, KernelFixture.UNMAPPED, 1, 0));
    k.put(MEM + 100, new byte[] {1});
    k.sys(Sysno.WRITE, a[1], MEM + 100, 1);
    assertEquals(-Errno.EFAULT, k.sys(Sysno.EPOLL_WAIT, ep, KernelFixture.UNMAPPED, 1, 0));
  }

  @Test
  void eventfdCountsThroughReadAndWrite() {
    long fd = k.sys(Sysno.EVENTFD2, 3, EventFd.EFD_NONBLOCK);
    assertEquals(8, k.sys(Sysno.READ, fd, MEM, 8));
    assertEquals(3, k.read64(MEM));
    assertEquals(-Errno.EAGAIN, k.sys(Sysno.READ, fd, MEM, 8));
    assertEquals(-Errno.EINVAL, k.sys(Sysno.EVENTFD2, 0, 0x10));
  }

  @Test
  void timerfdReportsItsSetting() {
    long fd = k.sys(Sysno.TIMERFD_CREATE, 1, 0);
    Struct.of(32).put64(0, 2).put64(16, 100).write(k.cpu.mmu, MEM);
    assertEquals(0, k.sys(Sysno.TIMERFD_SETTIME, fd, 0, MEM, 0));
    assertEquals(0, k.sys(Sysno.TIMERFD_GETTIME, fd, MEM + 64));
    assertEquals(2, k.read64(MEM + 64));
    assertEquals(99, k.read64(MEM + 80));
    assertEquals(-Errno.EINVAL, k.sys(Sysno.TIMERFD_CREATE, 2, 0));
    assertEquals(-Errno.EINVAL, k.sys(Sysno.TIMERFD_SETTIME, 99, 4, MEM, 0));
    assertEquals(-Errno.EBADF, k.sys(Sysno.TIMERFD_SETTIME, 99, 0, MEM, 0));
  }
}
