package blink.linux.abi;

/**
 * The kernel's struct termios as TCGETS/TCSETS move it on x86-64
 * (asm-generic/termbits.h), 36 bytes — not glibc's larger struct:
 *
 * <pre>
 *   0 c_iflag u32   4 c_oflag u32   8 c_cflag u32   12 c_lflag u32
 *  16 c_line  u8   17 c_cc[19] (NCCS = 19)
 * </pre>
 */
public final class LinuxTermios {
  private LinuxTermios() {}

  public static final int SIZE = 36;
  public static final int IFLAG = 0, OFLAG = 4, CFLAG = 8, LFLAG = 12, LINE = 16, CC = 17;
  public static final int NCCS = 19;
}
