package blink.linux.abi;

import blink.memory.Mmu;

/**
 * The x86-64 Linux struct msghdr (56 bytes), struct mmsghdr (64) and the
 * cmsghdr framing of control messages (linux/socket.h):
 *
 * <pre>
 *   msghdr   0 msg_name *     8 msg_namelen u32   16 msg_iov *     24 msg_iovlen u64
 *           32 msg_control * 40 msg_controllen u64 48 msg_flags int 52 pad
 *   mmsghdr  0 msg_hdr       56 msg_len u32        60 pad
 *   cmsghdr  0 cmsg_len u64   8 cmsg_level int     12 cmsg_type int 16 data, padded to 8
 * </pre>
 */
public record MessageHeader(long name, int nameLen, long iov, long iovLen, long control, long controlLen,
    int flags) {

  public static final int SIZE = 56;
  public static final int NAMELEN = 8, CONTROLLEN = 40, FLAGS = 48;
  public static final int MMSGHDR_SIZE = 64, MMSG_LEN = 56;
  public static final int CMSG_HDR = 16, CMSG_ALIGN = 8;
  public static final int CMSG_LEN = 0, CMSG_LEVEL = 8, CMSG_TYPE = 12;

  public static MessageHeader read(Mmu mmu, long va) {
    Struct s = Struct.read(mmu, va, SIZE);
    return new MessageHeader(s.get64(0), s.get32(8), s.get64(16), s.get64(24), s.get64(32), s.get64(40),
        s.get32(48));
  }

  /** CMSG_ALIGN: control message lengths round up to a multiple of 8. */
  public static long cmsgAlign(long n) {
    return (n + CMSG_ALIGN - 1) & -CMSG_ALIGN;
  }
}
