/* stdio on files: fopen modes, fprintf/fscanf, fgets/fputs, fread/fwrite of
 * binary records, fseek/ftell/rewind, ungetc, setvbuf, tmpfile, mkstemp in
 * TMPDIR (or the current directory), feof/ferror. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct rec {
    int id;
    double v;
    char name[12];
};

int main(void) {
    const char *path = "stdio_file.tmp";
    FILE *f = fopen(path, "w");
    if (!f) { perror("fopen"); return 1; }
    for (int i = 0; i < 100; i++) fprintf(f, "line %03d value %d\n", i, i * i - 50);
    fclose(f);

    f = fopen(path, "r");
    char line[128];
    int count = 0;
    long sum = 0;
    while (fgets(line, sizeof line, f)) {
        int a, b;
        if (sscanf(line, "line %d value %d", &a, &b) == 2) sum += a * 1000L + b;
        count++;
    }
    printf("lines=%d sum=%ld feof=%d ferror=%d\n", count, sum, feof(f), ferror(f));
    rewind(f);
    printf("ftell after rewind: %ld\n", ftell(f));
    fseek(f, -20, SEEK_END);
    fgets(line, sizeof line, f);
    printf("tail: %s", line);
    fseek(f, 5, SEEK_SET);
    int c = fgetc(f);
    ungetc('#', f);
    int c2 = fgetc(f);
    long pos = ftell(f);
    printf("fgetc=%c after ungetc=%c ftell=%ld\n", c, c2, pos);
    int a, b;
    fseek(f, 0, SEEK_SET);
    printf("fscanf: %d", fscanf(f, "line %d value %d", &a, &b));
    printf(" -> %d %d\n", a, b);
    fclose(f);

    /* append and read-write modes */
    f = fopen(path, "a+");
    fputs("appended\n", f);
    fseek(f, 0, SEEK_END);
    printf("size after append: %ld\n", ftell(f));
    fclose(f);
    f = fopen(path, "r+");
    fseek(f, 0, SEEK_SET);
    fputs("LINE", f);
    fflush(f);
    fseek(f, 0, SEEK_SET);
    fgets(line, sizeof line, f);
    printf("r+ overwrite: %s", line);
    fclose(f);

    /* binary records */
    f = fopen(path, "wb+");
    setvbuf(f, NULL, _IOFBF, 64); /* tiny buffer: many flushes */
    for (int i = 0; i < 50; i++) {
        struct rec r = {i, i / 4.0, ""};
        snprintf(r.name, sizeof r.name, "rec%d", i);
        fwrite(&r, sizeof r, 1, f);
    }
    fseek(f, 17 * (long)sizeof(struct rec), SEEK_SET);
    struct rec r;
    size_t got = fread(&r, sizeof r, 1, f);
    printf("record 17: got=%zu id=%d v=%.2f name=%s\n", got, r.id, r.v, r.name);
    fseek(f, 0, SEEK_END);
    printf("binary size: %ld\n", ftell(f));
    got = fread(&r, sizeof r, 1, f);
    printf("read at end: %zu feof=%d\n", got, feof(f));
    fclose(f);
    remove(path);
    printf("removed: %d\n", access(path, F_OK) != 0);

    /* tmpfile and mkstemp */
    f = tmpfile();
    if (f) {
        fprintf(f, "temporary %d\n", 42);
        rewind(f);
        fgets(line, sizeof line, f);
        printf("tmpfile: %s", line);
        fclose(f);
    } else {
        printf("tmpfile failed: %s\n", strerror(errno));
    }
    const char *tmpdir = getenv("TMPDIR");
    char templ[4096];
    snprintf(templ, sizeof templ, "%s/blinkXXXXXX", tmpdir && *tmpdir ? tmpdir : ".");
    int fd = mkstemp(templ);
    if (fd < 0) { perror("mkstemp"); return 1; }
    printf("mkstemp suffix replaced: %d\n", strstr(templ, "XXXXXX") == NULL);
    write(fd, "abc", 3);
    close(fd);
    FILE *g = fopen(templ, "r");
    int g1 = fgetc(g), g2 = fgetc(g), g3 = fgetc(g);
    printf("mkstemp content: %c%c%c\n", g1, g2, g3);
    fclose(g);
    unlink(templ);

    /* errors */
    errno = 0;
    f = fopen("no/such/dir/file", "r");
    printf("fopen missing: %s errno=%s\n", f ? "ok" : "NULL", strerror(errno));
    return 0;
}
