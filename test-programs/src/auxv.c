/* The auxiliary vector: values that are the same natively and under an
 * emulator.  AT_RANDOM must point at 16 readable bytes (not printed). */
#include <elf.h>
#include <stdio.h>
#include <string.h>
#include <sys/auxv.h>
#include <unistd.h>

extern char **environ;

int main(int argc, char **argv) {
    printf("AT_PAGESZ=%lu\n", getauxval(AT_PAGESZ));
    printf("AT_UID==getuid: %d\n", getauxval(AT_UID) == (unsigned long)getuid());
    printf("AT_EUID==geteuid: %d\n", getauxval(AT_EUID) == (unsigned long)geteuid());
    printf("AT_GID==getgid: %d\n", getauxval(AT_GID) == (unsigned long)getgid());
    printf("AT_EGID==getegid: %d\n", getauxval(AT_EGID) == (unsigned long)getegid());
    printf("AT_SECURE=%lu\n", getauxval(AT_SECURE));
    printf("AT_PHENT=%lu\n", getauxval(AT_PHENT));
    printf("AT_PHNUM>0: %d\n", getauxval(AT_PHNUM) > 0);
    /* static non-PIE: the program headers and entry point are at link-time addresses */
    Elf64_Ehdr *eh = (Elf64_Ehdr *)0x400000;
    printf("AT_PHDR==0x400000+e_phoff: %d\n", getauxval(AT_PHDR) == 0x400000 + eh->e_phoff);
    printf("AT_PHNUM==e_phnum: %d\n", getauxval(AT_PHNUM) == eh->e_phnum);
    printf("AT_ENTRY==e_entry: %d\n", getauxval(AT_ENTRY) == eh->e_entry);
    printf("ELF magic at 0x400000: %d\n", memcmp(eh->e_ident, ELFMAG, SELFMAG) == 0);
    printf("AT_BASE=%lu\n", getauxval(AT_BASE));
    const unsigned char *rnd = (const unsigned char *)getauxval(AT_RANDOM);
    printf("AT_RANDOM non-NULL: %d\n", rnd != NULL);
    volatile unsigned char x = 0;
    for (int i = 0; rnd && i < 16; i++) x ^= rnd[i]; /* must be readable; value not shown */
    printf("AT_RANDOM readable: %d\n", rnd != NULL);
    const char *execfn = (const char *)getauxval(AT_EXECFN);
    printf("AT_EXECFN non-NULL: %d\n", execfn != NULL);
    printf("sysconf(_SC_PAGESIZE)=%ld\n", sysconf(_SC_PAGESIZE));
    printf("getpagesize()=%d\n", getpagesize());
    /* initial stack layout: argv and envp are contiguous, argv[argc] == NULL */
    printf("argv[argc]==NULL: %d\n", argv[argc] == NULL);
    printf("environ==argv+argc+1: %d\n", environ == argv + argc + 1);
    char **e = environ;
    while (*e) e++;
    Elf64_auxv_t *av = (Elf64_auxv_t *)(e + 1);
    int n = 0, have_pagesz = 0;
    for (; av->a_type != AT_NULL; av++, n++)
        if (av->a_type == AT_PAGESZ) have_pagesz = av->a_un.a_val == 4096;
    printf("auxv walk finds AT_PAGESZ=4096: %d (entries>5: %d)\n", have_pagesz, n > 5);
    /* stack alignment at main: 16 bytes */
    printf("argv 8-aligned: %d\n", ((unsigned long)argv & 7) == 0);
    return 0;
}
