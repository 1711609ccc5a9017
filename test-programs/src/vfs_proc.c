/* The /proc files a process reads about itself, checked against what the
 * process knows first hand: /proc/self/exe and the pid's exe name the program,
 * maps shows the stack and the program's text, stat and status carry the pid,
 * ppid and name, cmdline and environ are argv and envp, auxv has the entry
 * point, cwd and fd links name the working directory and pipes, and the
 * system files (cpuinfo, meminfo, uptime, version, mounts) have their usual
 * shape.  Only facts that hold natively and emulated are printed. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

extern char **environ;

static char buf[1 << 20];

/* Reads a whole file into buf; returns its length or -errno. */
static long slurp(const char *path) {
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) return -errno;
    long n = 0, r;
    while ((r = read(fd, buf + n, sizeof buf - 1 - n)) > 0) n += r;
    close(fd);
    buf[n] = 0;
    return r < 0 ? -errno : n;
}

static const char *yes(int b) { return b ? "yes" : "no"; }

static int ends_with(const char *s, const char *tail) {
    size_t a = strlen(s), b = strlen(tail);
    return a >= b && strcmp(s + a - b, tail) == 0;
}

static const char *base(const char *p) {
    const char *s = strrchr(p, '/');
    return s ? s + 1 : p;
}

static void check_link(const char *path, const char *want_tail) {
    char target[4096];
    ssize_t n = readlink(path, target, sizeof target - 1);
    if (n < 0) {
        printf("readlink %s: errno %d\n", path, errno);
        return;
    }
    target[n] = 0;
    printf("readlink %s ends with %s: %s\n", path, want_tail, yes(ends_with(target, want_tail)));
}

int main(int argc, char **argv) {
    char path[256], want[256];
    const char *name = base(argv[0]);
    snprintf(want, sizeof want, "/%s", name);

    check_link("/proc/self/exe", want);
    snprintf(path, sizeof path, "/proc/%d/exe", (int)getpid());
    char target0[4096];
    ssize_t n0 = readlink(path, target0, sizeof target0 - 1);
    target0[n0 < 0 ? 0 : n0] = 0;
    printf("readlink /proc/PID/exe ends with %s: %s\n", want, yes(n0 > 0 && ends_with(target0, want)));
    struct stat st;
    printf("stat /proc/self/exe is the program: %s\n",
           yes(stat("/proc/self/exe", &st) == 0 && S_ISREG(st.st_mode) && (st.st_mode & 0111)));

    /* maps: the stack, and the program's text mapped executable with its name. */
    long n = slurp("/proc/self/maps");
    int stack = 0, text = 0;
    for (char *line = strtok(buf, "\n"); line; line = strtok(NULL, "\n")) {
        if (ends_with(line, "[stack]") && strstr(line, " rw-p ")) stack = 1;
        if (ends_with(line, want) && strstr(line, " r-xp ")) text = 1;
    }
    printf("maps read: %s, has [stack] rw-p: %s, has text r-xp: %s\n", yes(n > 0), yes(stack), yes(text));

    /* A file mapped by a relative name shows in maps by its absolute path. */
    int mf = open("vfs_proc.tmp", O_RDWR | O_CREAT | O_TRUNC, 0644);
    if (mf < 0 || write(mf, "mapped\n", 7) != 7) return 1;
    void *m = mmap(NULL, 4096, PROT_READ, MAP_PRIVATE, mf, 0);
    close(mf);
    char prefix[64], tmpname[4200];
    snprintf(prefix, sizeof prefix, "%08lx-", (unsigned long)m);
    char cwd0[4096];
    if (!getcwd(cwd0, sizeof cwd0)) return 1;
    snprintf(tmpname, sizeof tmpname, " %s/vfs_proc.tmp", cwd0);
    slurp("/proc/self/maps");
    int named = 0;
    for (char *line = strtok(buf, "\n"); line; line = strtok(NULL, "\n")) {
        if (strncmp(line, prefix, strlen(prefix)) == 0 && ends_with(line, tmpname)) named = 1;
    }
    printf("file mapping named by its absolute path: %s\n", yes(named));
    munmap(m, 4096);
    unlink("vfs_proc.tmp");

    /* stat: pid (comm) state ppid ... */
    slurp("/proc/self/stat");
    int pid = 0, ppid = 0;
    char comm[64] = "", state = 0;
    sscanf(buf, "%d (%63[^)]) %c %d", &pid, comm, &state, &ppid);
    printf("stat pid ok: %s, comm: %s, state R: %s, ppid ok: %s\n", yes(pid == getpid()), comm,
           yes(state == 'R'), yes(ppid == getppid()));

    slurp("/proc/self/status");
    char line[128];
    snprintf(line, sizeof line, "\nPid:\t%d\n", (int)getpid());
    int has_pid = strstr(buf, line) != NULL;
    snprintf(line, sizeof line, "Name:\t%.15s\n", name);
    int has_name = strncmp(buf, line, strlen(line)) == 0;
    snprintf(line, sizeof line, "\nUid:\t%d\t", (int)getuid());
    printf("status Name: %s, Pid: %s, Uid: %s\n", yes(has_name), yes(has_pid), yes(strstr(buf, line) != NULL));

    /* cmdline and environ: the strings, each NUL-terminated. */
    n = slurp("/proc/self/cmdline");
    long k = 0;
    int same = 1;
    for (int i = 0; i < argc; i++) {
        size_t len = strlen(argv[i]) + 1;
        if (k + (long)len > n || memcmp(buf + k, argv[i], len) != 0) same = 0;
        k += len;
    }
    printf("cmdline is argv: %s\n", yes(same && k == n));
    n = slurp("/proc/self/environ");
    k = 0;
    same = 1;
    for (char **e = environ; *e; e++) {
        size_t len = strlen(*e) + 1;
        if (k + (long)len > n || memcmp(buf + k, *e, len) != 0) same = 0;
        k += len;
    }
    printf("environ is envp: %s\n", yes(same && k == n));

    /* auxv: pairs of longs up to AT_NULL. */
    n = slurp("/proc/self/auxv");
    unsigned long *av = (unsigned long *)buf;
    int entry = 0, pagesz = 0, ended = 0;
    for (long i = 0; i + 1 < n / 8; i += 2) {
        if (av[i] == AT_ENTRY && av[i + 1] == getauxval(AT_ENTRY)) entry = 1;
        if (av[i] == AT_PAGESZ && av[i + 1] == 4096) pagesz = 1;
        if (av[i] == AT_NULL) ended = 1;
    }
    printf("auxv AT_ENTRY: %s, AT_PAGESZ 4096: %s, AT_NULL: %s\n", yes(entry), yes(pagesz), yes(ended));

    /* cwd, root and fd links. */
    char cwd[4096], target[4096];
    if (!getcwd(cwd, sizeof cwd)) return 1;
    ssize_t t = readlink("/proc/self/cwd", target, sizeof target - 1);
    target[t < 0 ? 0 : t] = 0;
    printf("cwd link is getcwd: %s\n", yes(strcmp(cwd, target) == 0));
    t = readlink("/proc/self/root", target, sizeof target - 1);
    target[t < 0 ? 0 : t] = 0;
    printf("root link: %s\n", target);
    int dfd = open(".", O_RDONLY | O_DIRECTORY);
    snprintf(path, sizeof path, "/proc/self/fd/%d", dfd);
    t = readlink(path, target, sizeof target - 1);
    target[t < 0 ? 0 : t] = 0;
    printf("fd link of . is getcwd: %s\n", yes(strcmp(cwd, target) == 0));
    snprintf(path, sizeof path, "/proc/self/fd/%d/.", dfd);
    printf("fd link of . as a directory: %s\n", yes(stat(path, &st) == 0 && S_ISDIR(st.st_mode)));
    close(dfd);
    int p[2];
    if (pipe(p) != 0) return 1;
    snprintf(path, sizeof path, "/proc/self/fd/%d", p[0]);
    t = readlink(path, target, sizeof target - 1);
    target[t < 0 ? 0 : t] = 0;
    printf("pipe link starts with pipe:[ %s\n", yes(strncmp(target, "pipe:[", 6) == 0));
    /* Opening the write end's link gives a new description on the same pipe. */
    snprintf(path, sizeof path, "/proc/self/fd/%d", p[1]);
    int w = open(path, O_WRONLY);
    if (w < 0 || write(w, "xy", 2) != 2) return 1;
    char got[3] = "";
    printf("pipe reopened through /proc: %s\n", yes(read(p[0], got, 2) == 2 && memcmp(got, "xy", 2) == 0));
    close(w);
    close(p[0]);
    close(p[1]);
    snprintf(path, sizeof path, "/proc/self/fd/%d", 999);
    printf("readlink of a closed fd: errno %d\n", readlink(path, target, sizeof target) < 0 ? errno : 0);
    printf("/proc/self/nonexistent: errno %d\n", open("/proc/self/nonexistent", O_RDONLY) < 0 ? errno : 0);
    printf("/proc/self/maps/x: errno %d\n", open("/proc/self/maps/x", O_RDONLY) < 0 ? errno : 0);

    /* A provided file reads the same after lseek back to the start; fstat says regular. */
    int fd = open("/proc/self/status", O_RDONLY);
    long a = read(fd, buf, 4096);
    char first[64];
    memcpy(first, buf, 64);
    lseek(fd, 0, SEEK_SET);
    long b = read(fd, buf, 4096);
    printf("status reread: %s, fstat regular: %s\n", yes(a > 64 && b > 64 && memcmp(first, buf, 64) == 0),
           yes(fstat(fd, &st) == 0 && S_ISREG(st.st_mode)));
    close(fd);
    printf("stat /proc/self/maps regular: %s, /proc/self directory: %s\n",
           yes(stat("/proc/self/maps", &st) == 0 && S_ISREG(st.st_mode)),
           yes(stat("/proc/self", &st) == 0 && S_ISDIR(st.st_mode)));

    /* System files. */
    slurp("/proc/cpuinfo");
    printf("cpuinfo: processor: %s, flags with sse2: %s\n", yes(strncmp(buf, "processor\t: 0\n", 14) == 0),
           yes(strstr(buf, "\nflags\t\t:") && strstr(buf, " sse2")));
    slurp("/proc/meminfo");
    printf("meminfo starts with MemTotal: %s\n", yes(strncmp(buf, "MemTotal:", 9) == 0));
    slurp("/proc/uptime");
    double up = 0, idle = 0;
    printf("uptime two numbers: %s\n", yes(sscanf(buf, "%lf %lf", &up, &idle) == 2 && up > 0));
    slurp("/proc/version");
    printf("version starts with Linux version: %s\n", yes(strncmp(buf, "Linux version ", 14) == 0));
    n = slurp("/proc/mounts");
    printf("mounts has /: %s\n", yes(n > 0 && strstr(buf, " / ") != NULL));
    return 0;
}
