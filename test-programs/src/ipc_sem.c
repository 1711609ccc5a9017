/* System V semaphores in one process: semget's key rules (IPC_CREAT,
 * IPC_EXCL, EEXIST, ENOENT, EINVAL), semctl's GETVAL/SETVAL/GETALL/SETALL/
 * GETPID/GETNCNT/GETZCNT/IPC_STAT/IPC_SET/IPC_INFO/SEM_STAT_ANY/IPC_RMID,
 * semop with IPC_NOWAIT (EAGAIN), all-or-nothing operations, ERANGE, EFBIG,
 * E2BIG, EFAULT, SEM_UNDO, semtimedop's timeout (EAGAIN), EACCES. */
#include "ipc_check.h"
#include <string.h>
#include <sys/sem.h>
#include <time.h>

union semun {
    int val;
    struct semid_ds *buf;
    unsigned short *array;
    struct seminfo *info;
};

static void show(int id) {
    unsigned short v[3] = {9, 9, 9};
    union semun u = {.array = v};
    if (TRY(semctl(id, 0, GETALL, u)) == 0) printf("values: %d %d %d\n", v[0], v[1], v[2]);
}

static long op(int id, int num, int delta, int flg) {
    struct sembuf b = {.sem_num = num, .sem_op = delta, .sem_flg = flg};
    return semop(id, &b, 1);
}

int main(void) {
    key_t key = make_key("ipc_sem.key", 'S');
    int id = TRYID(semget(key, 3, IPC_CREAT | IPC_EXCL | 0600));
    TRY(semget(key, 3, IPC_CREAT | IPC_EXCL | 0600));
    TRY(semget(key, 4, 0));
    printf("same id: %d\n", semget(key, 2, 0600) == id && semget(key, 0, IPC_CREAT) == id);
    TRY(semget(ftok("ipc_sem.key", 'T'), 1, 0600));
    TRY(semget(IPC_PRIVATE, 0, 0600));
    TRY(semget(IPC_PRIVATE, -1, 0600));
    TRY(semget(IPC_PRIVATE, 1 << 20, 0600));

    union semun u;
    struct semid_ds ds;
    memset(&ds, 0, sizeof ds);
    u.buf = &ds;
    TRY(semctl(id, 0, IPC_STAT, u));
    printf("nsems %lu mode %o uid %d cuid %d key %d otime %d ctime %d\n", (unsigned long)ds.sem_nsems,
           ds.sem_perm.mode & 0777, ds.sem_perm.uid == geteuid(), ds.sem_perm.cuid == geteuid(),
           ds.sem_perm.__key == key, ds.sem_otime != 0, ds.sem_ctime != 0);
    show(id);
    TRY(semctl(id, 1, SETVAL, 5));
    TRY(semctl(id, 1, GETVAL));
    TRY(semctl(id, 1, SETVAL, -1));
    TRY(semctl(id, 1, SETVAL, 32768));
    TRY(semctl(id, 3, SETVAL, 1));
    TRY(semctl(id, -1, GETVAL));
    TRY(semctl(id, 0, 99));
    TRY(semctl(-1, 0, GETVAL));
    unsigned short all[3] = {1, 2, 3};
    u.array = all;
    TRY(semctl(id, 0, SETALL, u));
    show(id);
    printf("getpid: %d\n", semctl(id, 2, GETPID) == getpid());
    TRY(semctl(id, 0, GETNCNT));
    TRY(semctl(id, 0, GETZCNT));
    TRY(semctl(id, 7, GETZCNT));
    u.array = (unsigned short *)8;
    TRY(semctl(id, 0, GETALL, u));
    TRY(semctl(id, 0, SETALL, u));

    TRY(op(id, 0, -1, 0));
    TRY(op(id, 0, -1, IPC_NOWAIT));
    TRY(op(id, 0, 0, IPC_NOWAIT));
    TRY(op(id, 1, 0, IPC_NOWAIT));
    TRY(op(id, 2, 3, 0));
    show(id);
    /* All or nothing: the second operation cannot proceed, so the first is undone. */
    struct sembuf two[2] = {{2, -6, 0}, {0, -1, IPC_NOWAIT}};
    TRY(semop(id, two, 2));
    show(id);
    struct sembuf same[3] = {{1, 1, 0}, {1, -3, 0}, {1, 0, IPC_NOWAIT}};
    TRY(semop(id, same, 3));
    show(id);
    TRY(semop(id, two, 0));
    TRY(op(id, 3, 1, 0));
    static struct sembuf many[600];
    TRY(semop(id, many, 600));
    TRY(semop(id, (struct sembuf *)8, 1));
    TRY(semctl(id, 2, SETVAL, 32767));
    TRY(op(id, 2, 1, 0));
    TRY(op(id, 2, -32767, IPC_NOWAIT));

    struct timespec ts = {0, 50 * 1000 * 1000};
    struct sembuf w = {0, -1, 0};
    TRY(semtimedop(id, &w, 1, &ts));
    struct timespec bad = {0, 2000000000};
    TRY(semtimedop(id, &w, 1, &bad));
    TRY(semtimedop(id, &w, 1, (struct timespec *)8));
    struct sembuf z = {1, 0, 0};
    TRY(semtimedop(id, &z, 1, &ts));

    TRY(op(id, 0, 2, SEM_UNDO));
    TRY(op(id, 0, -1, SEM_UNDO | IPC_NOWAIT));
    show(id);
    memset(&ds, 0, sizeof ds);
    u.buf = &ds;
    TRY(semctl(id, 0, IPC_STAT, u));
    printf("otime %d\n", ds.sem_otime != 0);

    struct seminfo si;
    u.info = &si;
    int max = TRY(semctl(0, 0, IPC_INFO, u) >= 0);
    printf("semmsl %d semopm %d semvmx %d semmni %d semmns %d semusz %d semaem %d\n", si.semmsl, si.semopm,
           si.semvmx, si.semmni, si.semmns, si.semusz, si.semaem);
    max = semctl(0, 0, SEM_INFO, u);
    int found = 0;
    for (int i = 0; i <= max; i++) {
        u.buf = &ds;
        if (semctl(i, 0, SEM_STAT_ANY, u) == id) found = ds.sem_nsems == 3;
    }
    printf("found by SEM_STAT_ANY: %d\n", found);
    u.buf = &ds;
    TRY(semctl(max + 1, 0, SEM_STAT, u));
    u.buf = (struct semid_ds *)8;
    TRY(semctl(id, 0, IPC_STAT, u));
    TRY(semctl(id, 0, IPC_SET, u));

    /* Mode 0: only root may still look. */
    memset(&ds, 0, sizeof ds);
    u.buf = &ds;
    semctl(id, 0, IPC_STAT, u);
    ds.sem_perm.mode = 0;
    TRY(semctl(id, 0, IPC_SET, u));
    printf("getval as root or EACCES: %d\n", semctl(id, 0, GETVAL) >= 0 ? geteuid() == 0 : errno == EACCES);
    printf("semget as root or EACCES: %d\n", semget(key, 1, 0600) >= 0 ? geteuid() == 0 : errno == EACCES);
    TRYID(semget(key, 1, 0));

    TRY(semctl(id, 0, IPC_RMID));
    TRY(semctl(id, 0, GETVAL));
    TRY(op(id, 0, 1, 0));
    TRY(semctl(id, 0, IPC_RMID));
    TRY(semget(key, 1, 0));
    unlink("ipc_sem.key");
    return 0;
}
