package blink.linux.sys;

import static blink.linux.KernelFixture.MEM;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import blink.linux.Errno;
import blink.linux.KernelFixture;
import blink.linux.Sysno;
import blink.linux.abi.LinuxSocket;
import blink.linux.abi.Struct;
import org.junit.jupiter.api.Test;

/** Socket calls at the syscall boundary: guest layouts in, guest layouts out. */
class SocketsTest {
  final KernelFixture k = new KernelFixture();

  private int[] pair(int type) {
    assertEquals(0, k.sys(Sysno.SOCKETPAIR, LinuxSocket.AF_UNIX, type, 0, MEM));
    return new int[] {k.read32(MEM), k.read32(MEM + 4)};
  }

  @Test
  void scmRightsInstallsTheHostFdInTheGuestTable() {
    int[] sv = pair(LinuxSocket.SOCK_STREAM);
    assertEquals(0, k.sys(Sysno.PIPE2, MEM + 8, 0));
    int r = k.read32(MEM + 8), w = k.read32(MEM + 12);
    // msghdr at 0x100 with one iovec at 0x200 -> "F" at 0x300, control at 0x400.
    long msg = MEM + 0x100, iov = MEM + 0x200, data = MEM + 0x300, ctl = MEM + 0x400;
    k.put(data, new byte[] {'F'});
    Struct.of(16).put64(0, data).put64(8, 1).write(k.cpu.mmu, iov);
    Struct.of(24).put64(0, 20).put32(8, LinuxSocket.SOL_SOCKET).put32(12, LinuxSocket.SCM_RIGHTS).put32(16, r)
        .write(k.cpu.mmu, ctl);
    Struct.of(56).put64(16, iov).put64(24, 1).put64(32, ctl).put64(40, 24).write(k.cpu.mmu, msg);
    assertEquals(1, k.sys(Sysno.SENDMSG, sv[0], msg, 0));
    Struct.of(64).write(k.cpu.mmu, ctl);
    Struct.of(56).put64(16, iov).put64(24, 1).put64(32, ctl).put64(40, 64).write(k.cpu.mmu, msg);
    assertEquals(1, k.sys(Sysno.RECVMSG, sv[1], msg, LinuxSocket.MSG_CMSG_CLOEXEC));
    assertEquals(20, k.read64(ctl));
    assertEquals(LinuxSocket.SCM_RIGHTS, k.read32(ctl + 12));
    int got = k.read32(ctl + 16);
    assertTrue(got > w, "a fresh guest fd");
    assertEquals(24, k.read64(msg + 40), "msg_controllen is what was written");
    assertEquals(1, k.sys(Sysno.FCNTL, got, Descriptors.F_GETFD, 0), "MSG_CMSG_CLOEXEC");
    // Reading through the received fd sees what the pipe's write end writes.
    k.put(data, new byte[] {'x', 'y'});
    assertEquals(2, k.sys(Sysno.WRITE, w, data, 2));
    assertEquals(2, k.sys(Sysno.READ, got, MEM + 0x500, 2));
    assertEquals('y', k.bytes(MEM + 0x501, 1)[0]);
  }

  @Test
  void errorsFollowLinuxOrder() {
    // Unknown flags first, then the family, then the type.
    assertEquals(-Errno.EINVAL, k.sys(Sysno.SOCKET, 4242, LinuxSocket.SOCK_STREAM | 0x100000, 0));
    assertEquals(-Errno.EAFNOSUPPORT, k.sys(Sysno.SOCKET, LinuxSocket.AF_PACKET, LinuxSocket.SOCK_RAW, 0));
    assertEquals(-Errno.EAFNOSUPPORT, k.sys(Sysno.SOCKET, LinuxSocket.AF_MAX, 15, 0));
    assertEquals(-Errno.EINVAL, k.sys(Sysno.SOCKET, LinuxSocket.AF_INET, 15, 0));
    assertEquals(-Errno.EINVAL, k.sys(Sysno.ACCEPT4, -1, 0, 0, 0x1234));
    assertEquals(-Errno.EBADF, k.sys(Sysno.ACCEPT4, -1, 0, 0, 0));
    assertEquals(0, k.sys(Sysno.PIPE2, MEM, 0));
    assertEquals(-Errno.ENOTSOCK, k.sys(Sysno.LISTEN, k.read32(MEM), 1));
    assertEquals(-Errno.EFAULT, k.sys(Sysno.SOCKETPAIR, LinuxSocket.AF_UNIX, LinuxSocket.SOCK_STREAM, 0,
        KernelFixture.UNMAPPED));
    int[] sv = pair(LinuxSocket.SOCK_DGRAM);
    assertEquals(-Errno.EFAULT, k.sys(Sysno.SENDTO, sv[0], KernelFixture.UNMAPPED, 4, 0, 0, 0));
    assertEquals(-Errno.EFAULT, k.sys(Sysno.GETSOCKNAME, sv[0], MEM, KernelFixture.UNMAPPED));
    assertEquals(-Errno.EINVAL, k.sys(Sysno.SHUTDOWN, sv[0], 3));
  }

  @Test
  void getsockoptTranslatesTypeAndFamily() {
    int[] sv = pair(LinuxSocket.SOCK_SEQPACKET);
    k.cpu.mmu.write32(MEM + 8, 4);
    assertEquals(0, k.sys(Sysno.GETSOCKOPT, sv[0], LinuxSocket.SOL_SOCKET, LinuxSocket.SO_TYPE, MEM + 4, MEM + 8));
    assertEquals(LinuxSocket.SOCK_SEQPACKET, k.read32(MEM + 4));
    assertEquals(0, k.sys(Sysno.GETSOCKOPT, sv[0], LinuxSocket.SOL_SOCKET, LinuxSocket.SO_DOMAIN, MEM + 4, MEM + 8));
    assertEquals(LinuxSocket.AF_UNIX, k.read32(MEM + 4));
    assertEquals(0, k.sys(Sysno.GETSOCKOPT, sv[0], LinuxSocket.SOL_SOCKET, LinuxSocket.SO_ERROR, MEM + 4, MEM + 8));
    assertEquals(0, k.read32(MEM + 4));
    // The unnamed socket's name is just its family.
    k.cpu.mmu.write32(MEM + 8, 16);
    assertEquals(0, k.sys(Sysno.GETSOCKNAME, sv[0], MEM + 16, MEM + 8));
    assertEquals(2, k.read32(MEM + 8));
    assertEquals(LinuxSocket.AF_UNIX, k.cpu.mmu.read16(MEM + 16));
  }
}
