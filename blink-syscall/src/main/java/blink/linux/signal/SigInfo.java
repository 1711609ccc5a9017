package blink.linux.signal;

import blink.linux.abi.Struct;

/**
 * One siginfo_t as the kernel records it when a signal is generated (x86-64
 * layout, 128 bytes, asm-generic/siginfo.h): si_signo, si_errno, si_code, then
 * a union at offset 16 whose meaning si_code and the signal select.
 */
public final class SigInfo {
  public static final int SIZE = 128;

  // si_code values (asm-generic/siginfo.h).
  public static final int SI_USER = 0, SI_KERNEL = 0x80, SI_QUEUE = -1, SI_TIMER = -2, SI_TKILL = -6;
  public static final int SEGV_MAPERR = 1, SEGV_ACCERR = 2;
  public static final int BUS_ADRERR = 2;
  public static final int ILL_ILLOPN = 2;
  public static final int FPE_INTDIV = 1, FPE_INTOVF = 2, FPE_FLTDIV = 3, FPE_FLTOVF = 4, FPE_FLTUND = 5;
  public static final int FPE_FLTRES = 6, FPE_FLTINV = 7;
  public static final int TRAP_BRKPT = 1;
  public static final int CLD_EXITED = 1, CLD_KILLED = 2, CLD_DUMPED = 3, CLD_STOPPED = 5, CLD_CONTINUED = 6;

  // Offsets in the union.
  static final int PID = 16, UID = 20, VALUE = 24, STATUS = 24, UTIME = 32, STIME = 40, ADDR = 16;

  private final byte[] image;

  private SigInfo(byte[] image) {
    this.image = image;
  }

  /** kill(2), tkill(2) and the like: si_pid and si_uid of the sender. */
  public static SigInfo user(int sig, int code, int pid, int uid) {
    return new SigInfo(head(sig, code).put32(PID, pid).put32(UID, uid).bytes());
  }

  /** A signal the kernel generates for itself (SI_KERNEL, or a timer's SIGALRM as SI_KERNEL too). */
  public static SigInfo kernel(int sig) {
    return new SigInfo(head(sig, SI_KERNEL).bytes());
  }

  /** A processor exception: the address of the fault (or of the instruction). */
  public static SigInfo fault(int sig, int code, long addr) {
    return new SigInfo(head(sig, code).put64(ADDR, addr).bytes());
  }

  /** SIGCHLD (or another exit signal): the child, its status and CPU times in clock ticks. */
  public static SigInfo child(int sig, int code, int pid, int uid, int status, long utimeTicks, long stimeTicks) {
    return new SigInfo(head(sig, code).put32(PID, pid).put32(UID, uid).put32(STATUS, status)
        .put64(UTIME, utimeTicks).put64(STIME, stimeTicks).bytes());
  }

  /** A siginfo the guest supplied (rt_sigqueueinfo(2)): taken as is, with si_signo forced to sig. */
  public static SigInfo fromGuest(int sig, byte[] bytes) {
    byte[] b = bytes.clone();
    SigInfo s = new SigInfo(b);
    s.put32(0, sig);
    return s;
  }

  private static Struct head(int sig, int code) {
    return Struct.of(SIZE).put32(0, sig).put32(8, code);
  }

  private void put32(int off, int v) {
    image[off] = (byte) v;
    image[off + 1] = (byte) (v >> 8);
    image[off + 2] = (byte) (v >> 16);
    image[off + 3] = (byte) (v >> 24);
  }

  private int get32(int off) {
    return (image[off] & 0xff) | (image[off + 1] & 0xff) << 8 | (image[off + 2] & 0xff) << 16
        | (image[off + 3] & 0xff) << 24;
  }

  private long get64(int off) {
    return (get32(off) & 0xffffffffL) | (long) get32(off + 4) << 32;
  }

  public int signo() {
    return get32(0);
  }

  public int errno() {
    return get32(4);
  }

  public int code() {
    return get32(8);
  }

  public int pid() {
    return get32(PID);
  }

  public int uid() {
    return get32(UID);
  }

  public int status() {
    return get32(STATUS);
  }

  /** si_value (sigval: int or pointer) for SI_QUEUE and timers; si_addr for faults. */
  public long value() {
    return get64(VALUE);
  }

  public long addr() {
    return get64(ADDR);
  }

  public long utime() {
    return get64(UTIME);
  }

  public long stime() {
    return get64(STIME);
  }

  /** The 128 bytes the guest sees. */
  public byte[] bytes() {
    return image.clone();
  }
}
