package blink.linux.abi;

/**
 * System V IPC structures in their Linux x86-64 layouts (asm-generic/ipcbuf.h,
 * asm/sembuf.h, asm-generic/msgbuf.h, asm-generic/shmbuf.h, linux/sem.h,
 * linux/msg.h, linux/shm.h) and the flags and commands of svipc(7).
 */
public final class LinuxIpc {
  private LinuxIpc() {}

  public static final int IPC_PRIVATE = 0;
  public static final int IPC_CREAT = 01000, IPC_EXCL = 02000, IPC_NOWAIT = 04000;
  public static final int IPC_RMID = 0, IPC_SET = 1, IPC_STAT = 2, IPC_INFO = 3;

  public static final int GETPID = 11, GETVAL = 12, GETALL = 13, GETNCNT = 14, GETZCNT = 15;
  public static final int SETVAL = 16, SETALL = 17, SEM_STAT = 18, SEM_INFO = 19, SEM_STAT_ANY = 20;
  public static final int SEM_UNDO = 0x1000;

  public static final int MSG_STAT = 11, MSG_INFO = 12, MSG_STAT_ANY = 13;
  public static final int MSG_NOERROR = 010000, MSG_EXCEPT = 020000, MSG_COPY = 040000;

  public static final int SHM_LOCK = 11, SHM_UNLOCK = 12, SHM_STAT = 13, SHM_INFO = 14, SHM_STAT_ANY = 15;
  public static final int SHM_RDONLY = 010000, SHM_RND = 020000, SHM_REMAP = 040000, SHM_EXEC = 0100000;
  public static final int SHM_HUGETLB = 04000, SHM_NORESERVE = 010000;
  /** Mode bits shmctl(IPC_STAT) reports: marked for removal, locked in memory. */
  public static final int SHM_DEST = 01000, SHM_LOCKED = 02000;

  /** struct ipc64_perm: key uid gid cuid cgid, u16 mode, u16 seq at 24; 48 bytes. */
  public static final int PERM_SIZE = 48;
  public static final int PERM_KEY = 0, PERM_UID = 4, PERM_GID = 8, PERM_CUID = 12, PERM_CGID = 16;
  public static final int PERM_MODE = 20, PERM_SEQ = 24;

  /** struct semid64_ds: perm, sem_otime 48, sem_ctime 64, sem_nsems 80; 104 bytes. */
  public static final int SEMID_DS_SIZE = 104, SEM_OTIME = 48, SEM_CTIME = 64, SEM_NSEMS = 80;
  /** struct sembuf: u16 sem_num, s16 sem_op, s16 sem_flg. */
  public static final int SEMBUF_SIZE = 6;
  /** struct seminfo: ten ints, semmap semmni semmns semmnu semmsl semopm semume semusz semvmx semaem. */
  public static final int SEMINFO_SIZE = 40;

  /** struct msqid64_ds: perm, stime 48, rtime 56, ctime 64, cbytes 72, qnum 80, qbytes 88, lspid 96, lrpid 100; 120 bytes. */
  public static final int MSQID_DS_SIZE = 120, MSG_STIME = 48, MSG_RTIME = 56, MSG_CTIME = 64;
  public static final int MSG_CBYTES = 72, MSG_QNUM = 80, MSG_QBYTES = 88, MSG_LSPID = 96, MSG_LRPID = 100;
  /** struct msginfo: seven ints msgpool msgmap msgmax msgmnb msgmni msgssz msgtql, u16 msgseg; 32 bytes. */
  public static final int MSGINFO_SIZE = 32;

  /** struct shmid64_ds: perm, segsz 48, atime 56, dtime 64, ctime 72, cpid 80, lpid 84, nattch 88; 112 bytes. */
  public static final int SHMID_DS_SIZE = 112, SHM_SEGSZ = 48, SHM_ATIME = 56, SHM_DTIME = 64, SHM_CTIME = 72;
  public static final int SHM_CPID = 80, SHM_LPID = 84, SHM_NATTCH = 88;
  /** struct shminfo64: shmmax shmmin shmmni shmseg shmall and four unused, all unsigned long. */
  public static final int SHMINFO64_SIZE = 72;
  /** struct shm_info: int used_ids, then shm_tot shm_rss shm_swp swap_attempts swap_successes. */
  public static final int SHM_INFO_SIZE = 48;
}
