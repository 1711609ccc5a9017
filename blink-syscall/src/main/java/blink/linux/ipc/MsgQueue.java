package blink.linux.ipc;

import java.util.ArrayList;
import java.util.List;

/** One message queue (struct msg_queue): messages in arrival order and their byte count. */
public final class MsgQueue extends IpcObject {
  public record Message(long type, byte[] text) {}

  public final List<Message> messages = new ArrayList<>();
  public long cbytes, qbytes;
  public long stime, rtime;
  public int lspid, lrpid;

  MsgQueue(IpcPerm perm, long qbytes) {
    super(perm);
    this.qbytes = qbytes;
  }
}
