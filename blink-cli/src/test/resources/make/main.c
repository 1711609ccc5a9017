#include <stdio.h>
#include <stdlib.h>
#include "util.h"

int main(int argc, char **argv) {
    int n = argc > 1 ? atoi(argv[1]) : 3;
    for (int i = 0; i <= n; i++) printf("%s squared is %d\n", word(i), square(i));
    return 0;
}
