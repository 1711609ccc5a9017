package blink.linux.ipc;

import blink.linux.Errno;
import blink.linux.LinuxError;
import blink.linux.abi.LinuxIpc;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * The objects of one kind (struct ipc_ids): ids are seq * IPCMNI + index, the
 * lowest free index, and a sequence number that changes with every creation so
 * a removed object's id does not find its successor (ipc/util.c).
 */
public final class IpcTable<T extends IpcObject> {
  static final int IPCMNI = 32768, SEQ_MAX = Integer.MAX_VALUE / IPCMNI;

  private final TreeMap<Integer, T> byIndex = new TreeMap<>();
  private int seq;

  /** The object with key (not IPC_PRIVATE), or null. */
  public T findKey(int key) {
    for (T o : byIndex.values()) if (o.perm.key == key) return o;
    return null;
  }

  /** ipcget(): the semget/msgget/shmget rules of keys, IPC_CREAT, IPC_EXCL and permissions. */
  public int get(int key, int flags, int max, Supplier<T> create, java.util.function.Consumer<T> moreChecks) {
    T o = key == LinuxIpc.IPC_PRIVATE ? null : findKey(key);
    if (o == null) {
      if (key != LinuxIpc.IPC_PRIVATE && (flags & LinuxIpc.IPC_CREAT) == 0) throw new LinuxError(Errno.ENOENT);
      if (byIndex.size() >= max) throw new LinuxError(Errno.ENOSPC);
      return add(create.get());
    }
    if ((flags & LinuxIpc.IPC_CREAT) != 0 && (flags & LinuxIpc.IPC_EXCL) != 0) throw new LinuxError(Errno.EEXIST);
    moreChecks.accept(o);
    if (!o.perm.allows(flags)) throw new LinuxError(Errno.EACCES);
    return o.id;
  }

  int nextSeq() {
    int s = seq;
    seq = seq >= SEQ_MAX ? 0 : seq + 1;
    return s;
  }

  private int add(T o) {
    int index = 0;
    while (byIndex.containsKey(index)) index++;
    byIndex.put(index, o);
    o.id = o.perm.seq * IPCMNI + index;
    return o.id;
  }

  /** The object with id; EINVAL if none (or the index now holds a newer object). */
  public T get(int id) {
    if (id < 0) throw new LinuxError(Errno.EINVAL);
    T o = byIndex.get(id % IPCMNI);
    if (o == null || o.id != id) throw new LinuxError(Errno.EINVAL);
    return o;
  }

  /** The object at index (the *_STAT commands); EINVAL if none. */
  public T atIndex(int index) {
    T o = index < 0 ? null : byIndex.get(index);
    if (o == null) throw new LinuxError(Errno.EINVAL);
    return o;
  }

  public void remove(T o) {
    byIndex.remove(o.id % IPCMNI, o);
    o.removed = true;
  }

  public int inUse() {
    return byIndex.size();
  }

  /** The highest index in use, or -1 (what IPC_INFO and *_INFO return). */
  public int maxIndex() {
    return byIndex.isEmpty() ? -1 : byIndex.lastKey();
  }

  public List<T> all() {
    return new ArrayList<>(byIndex.values());
  }
}
