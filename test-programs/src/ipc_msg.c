/* System V message queues in one process: msgget's key rules, msgsnd and
 * msgrcv with msgtyp 0, positive, negative, MSG_EXCEPT, MSG_NOERROR, MSG_COPY,
 * IPC_NOWAIT (ENOMSG, EAGAIN on a full queue), E2BIG, EINVAL, EFAULT, and
 * msgctl IPC_STAT/IPC_SET/IPC_INFO/MSG_STAT_ANY/IPC_RMID. */
#include "ipc_check.h"
#include <string.h>
#include <sys/msg.h>

#ifndef MSG_COPY
#define MSG_COPY 040000
#endif

struct m {
    long type;
    char text[200];
};

static long snd(int id, long type, const char *text, int flags) {
    struct m b = {.type = type};
    strcpy(b.text, text);
    return msgsnd(id, &b, strlen(text), flags);
}

static void rcv(int id, size_t size, long type, int flags) {
    struct m b;
    memset(&b, 0, sizeof b);
    long n = msgrcv(id, &b, size, type, flags);
    if (n < 0) printf("msgrcv(%zu, %ld, %#o): -1 %s\n", size, type, flags, errname(errno));
    else printf("msgrcv(%zu, %ld, %#o): %ld type %ld \"%.*s\"\n", size, type, flags, n, b.type, (int)n, b.text);
}

static void stat(int id) {
    struct msqid_ds ds;
    if (TRY(msgctl(id, IPC_STAT, &ds)) < 0) return;
    printf("qnum %lu cbytes %lu qbytes %lu mode %o key %d lspid %d lrpid %d stime %d rtime %d\n",
           (unsigned long)ds.msg_qnum, (unsigned long)ds.__msg_cbytes, (unsigned long)ds.msg_qbytes,
           ds.msg_perm.mode & 0777, ds.msg_perm.__key != 0, ds.msg_lspid == getpid(),
           ds.msg_lrpid == getpid(), ds.msg_stime != 0, ds.msg_rtime != 0);
}

int main(void) {
    key_t key = make_key("ipc_msg.key", 'M');
    int id = TRYID(msgget(key, IPC_CREAT | IPC_EXCL | 0600));
    TRY(msgget(key, IPC_CREAT | IPC_EXCL | 0600));
    printf("same id: %d\n", msgget(key, 0) == id && msgget(key, IPC_CREAT | 0600) == id);
    TRY(msgget(ftok("ipc_msg.key", 'N'), 0600));
    stat(id);

    TRY(snd(id, 3, "three", 0));
    TRY(snd(id, 1, "one", 0));
    TRY(snd(id, 2, "two", 0));
    TRY(snd(id, 1, "uno", 0));
    TRY(snd(id, 5, "five", IPC_NOWAIT));
    TRY(snd(id, 0, "zero", 0));
    TRY(snd(id, -1, "minus", 0));
    stat(id);

    rcv(id, 100, 1, 0);
    rcv(id, 100, -2, 0);
    rcv(id, 100, 2, MSG_EXCEPT);
    rcv(id, 100, 9, IPC_NOWAIT);
    rcv(id, 100, 1, MSG_COPY | IPC_NOWAIT);
    rcv(id, 100, 0, MSG_COPY);
    rcv(id, 100, 0, MSG_COPY | IPC_NOWAIT | MSG_EXCEPT);
    rcv(id, 100, 7, MSG_COPY | IPC_NOWAIT);
    rcv(id, 2, 5, 0);
    rcv(id, 2, 5, MSG_NOERROR);
    TRY(snd(id, 6, "six", 0));
    rcv(id, 100, -100, 0);
    rcv(id, 100, 0, 0);
    rcv(id, 100, 0, IPC_NOWAIT);
    rcv(id, 100, -5, IPC_NOWAIT);
    rcv(id, (size_t)-1, 0, IPC_NOWAIT);
    stat(id);

    struct m big = {.type = 1};
    TRY(msgsnd(id, &big, 8193, 0));
    TRY(msgsnd(id, &big, (size_t)-1, 0));
    TRY(msgsnd(id, (void *)8, 1, 0));
    TRY(msgsnd(-1, &big, 1, 0));
    TRY(msgsnd(id + 1000000, &big, 1, 0));
    TRY(msgrcv(-1, &big, 1, 0, 0));
    TRY(snd(id, 4, "four", 0));
    TRY(msgrcv(id, (void *)8, 100, 0, IPC_NOWAIT));
    rcv(id, 100, 0, IPC_NOWAIT);

    /* A full queue: msg_qbytes caps the bytes. */
    struct msqid_ds ds;
    msgctl(id, IPC_STAT, &ds);
    ds.msg_qbytes = 100;
    TRY(msgctl(id, IPC_SET, &ds));
    stat(id);
    memset(big.text, 'x', 60);
    TRY(msgsnd(id, &big, 60, 0));
    TRY(msgsnd(id, &big, 60, IPC_NOWAIT));
    TRY(msgsnd(id, &big, 40, IPC_NOWAIT));
    TRY(msgsnd(id, &big, 0, IPC_NOWAIT));
    stat(id);
    ds.msg_qbytes = 1 << 30;
    printf("raise qbytes as root or EPERM: %d\n",
           msgctl(id, IPC_SET, &ds) == 0 ? geteuid() == 0 : errno == EPERM);
    TRY(msgctl(id, IPC_SET, (struct msqid_ds *)8));
    TRY(msgctl(id, IPC_STAT, (struct msqid_ds *)8));
    TRY(msgctl(id, 99, &ds));

    struct msginfo mi;
    TRY(msgctl(0, IPC_INFO, (struct msqid_ds *)&mi) >= 0);
    printf("msgmax %d msgmnb %d msgmni %d msgssz %d msgpool %d msgmap %d msgtql %d msgseg %d\n", mi.msgmax,
           mi.msgmnb, mi.msgmni, mi.msgssz, mi.msgpool, mi.msgmap, mi.msgtql, mi.msgseg);
    int max = msgctl(0, MSG_INFO, (struct msqid_ds *)&mi);
    int found = 0;
    for (int i = 0; i <= max; i++)
        if (msgctl(i, MSG_STAT_ANY, &ds) == id) found = ds.msg_qnum == 3;
    printf("found by MSG_STAT_ANY: %d\n", found);

    TRY(msgctl(id, IPC_RMID, NULL));
    TRY(msgctl(id, IPC_RMID, NULL));
    TRY(snd(id, 1, "gone", 0));
    rcv(id, 100, 0, IPC_NOWAIT);
    TRY(msgget(key, 0));
    unlink("ipc_msg.key");
    return 0;
}
