/* System V shared memory in one process: shmget's key and size rules, two
 * attachments of one segment seeing each other's writes, SHM_RDONLY (mprotect
 * cannot make it writable), SHM_RND, SHM_REMAP, fixed-address EINVAL, shmdt,
 * /proc/self/maps naming, IPC_RMID while attached (SHM_DEST, key 0, still
 * attachable), shmctl IPC_STAT/IPC_SET/IPC_INFO/SHM_STAT_ANY, EFAULT. */
#include "ipc_check.h"
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/shm.h>

static void stat(int id) {
    struct shmid_ds ds;
    if (TRY(shmctl(id, IPC_STAT, &ds)) < 0) return;
    printf("segsz %lu nattch %lu mode %o dest %d key %d cpid %d lpid %d\n", (unsigned long)ds.shm_segsz,
           (unsigned long)ds.shm_nattch, ds.shm_perm.mode & 0777, (ds.shm_perm.mode & SHM_DEST) != 0,
           ds.shm_perm.__key != 0, ds.shm_cpid == getpid(), ds.shm_lpid == getpid());
}

/* The /proc/self/maps line of the mapping at p: its permissions, and whether it is named as Linux names it. */
static void maps(void *p, key_t key) {
    FILE *f = fopen("/proc/self/maps", "r");
    char line[512], want[64], name[64];
    snprintf(want, sizeof want, "%lx-", (unsigned long)p);
    snprintf(name, sizeof name, "/SYSV%08x (deleted)", key);
    while (fgets(line, sizeof line, f)) {
        if (strncmp(line, want, strlen(want)) == 0) {
            char *perms = strchr(line, ' ') + 1;
            line[strlen(line) - 1] = 0;
            printf("maps: %.4s named %d\n", perms, strstr(line, name) != NULL);
        }
    }
    fclose(f);
}

int main(void) {
    key_t key = make_key("ipc_shm.key", 'H');
    int id = TRYID(shmget(key, 10000, IPC_CREAT | IPC_EXCL | 0600));
    TRY(shmget(key, 10000, IPC_CREAT | IPC_EXCL | 0600));
    TRY(shmget(key, 20000, 0));
    printf("same id: %d\n", shmget(key, 5000, 0) == id && shmget(key, 0, IPC_CREAT) == id);
    TRY(shmget(ftok("ipc_shm.key", 'I'), 4096, 0600));
    TRY(shmget(IPC_PRIVATE, 0, 0600));
    stat(id);

    char *p = shmat(id, NULL, 0), *q = shmat(id, NULL, 0);
    printf("attached: %d %d distinct %d\n", p != (void *)-1, q != (void *)-1, p != q);
    printf("zeroed: %d\n", p[0] == 0 && p[9999] == 0 && p[12287] == 0);
    strcpy(p, "written through p");
    strcpy(q + 5000, "written through q");
    printf("q sees \"%s\", p sees \"%s\"\n", q, p + 5000);
    stat(id);
    maps(p, key);

    char *r = shmat(id, NULL, SHM_RDONLY);
    printf("read-only sees \"%s\"\n", r);
    maps(r, key);
    TRY(mprotect(r, 4096, PROT_READ | PROT_WRITE));
    TRY(shmdt(r));
    TRY(shmdt(r));
    TRY(shmdt(p + 1));
    TRY(shmdt(p + 4096));

    /* A free address, found by mapping and unmapping. */
    char *hole = mmap(NULL, 1 << 20, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    munmap(hole, 1 << 20);
    printf("at fixed: %d\n", shmat(id, hole, 0) == hole);
    printf("sees \"%s\"\n", hole);
    printf("unaligned: %d %s\n", shmat(id, hole + 8192 + 5, 0) == (void *)-1, errname(errno));
    printf("SHM_RND: %d\n", shmat(id, hole + 0x80000 + 5, SHM_RND) == hole + 0x80000);
    printf("overlap: %d %s\n", shmat(id, hole + 4096, 0) == (void *)-1, errname(errno));
    printf("SHM_REMAP: %d\n", shmat(id, hole, SHM_REMAP) == hole);
    printf("SHM_REMAP without address: %d %s\n", shmat(id, NULL, SHM_REMAP) == (void *)-1, errname(errno));
    stat(id);
    TRY(shmdt(hole + 0x80000));
    TRY(shmdt(hole));
    TRY(shmat(-1, NULL, 0) == (void *)-1 ? -1 : 0);
    TRY(shmat(id + 1000000, NULL, 0) == (void *)-1 ? -1 : 0);

    TRY(shmctl(id, IPC_RMID, NULL));
    stat(id);
    TRY(shmget(key, 4096, 0));
    char *s = shmat(id, NULL, 0);
    printf("attach after IPC_RMID: %d sees \"%s\"\n", s != (void *)-1, s);
    TRY(shmdt(s));
    TRY(shmdt(q));
    stat(id);
    TRY(shmdt(p));
    stat(id);

    struct shminfo si;
    TRY(shmctl(0, IPC_INFO, (struct shmid_ds *)&si) >= 0);
    printf("shmmax %lu shmmin %lu shmmni %lu shmseg %lu shmall %lu\n", si.shmmax, si.shmmin, si.shmmni,
           si.shmseg, si.shmall);

    int id2 = TRYID(shmget(IPC_PRIVATE, 4096, 0400));
    void *w = shmat(id2, NULL, 0);
    printf("attach writable as root or EACCES: %d\n", w != (void *)-1 ? geteuid() == 0 : errno == EACCES);
    if (w != (void *)-1) shmdt(w);
    void *ro = shmat(id2, NULL, SHM_RDONLY);
    printf("read-only attach: %d\n", ro != (void *)-1);
    struct shmid_ds ds;
    int max = shmctl(0, SHM_INFO, &ds), found = 0;
    for (int i = 0; i <= max; i++)
        if (shmctl(i, SHM_STAT_ANY, &ds) == id2) found = ds.shm_segsz == 4096;
    printf("found by SHM_STAT_ANY: %d\n", found);
    TRY(shmctl(id2, IPC_STAT, (struct shmid_ds *)8));
    shmctl(id2, IPC_STAT, &ds);
    ds.shm_perm.mode = 0640;
    TRY(shmctl(id2, IPC_SET, &ds));
    stat(id2);
    TRY(shmctl(id2, 99, &ds));
    TRY(shmctl(id2, IPC_RMID, NULL));
    shmdt(ro);
    TRY(shmctl(id2, IPC_STAT, &ds));
    unlink("ipc_shm.key");
    return 0;
}
