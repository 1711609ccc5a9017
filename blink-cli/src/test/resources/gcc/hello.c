/* Compiled by gcc natively and under the emulator; both binaries then run natively. */
#include <stdio.h>

static unsigned long fib(unsigned n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }

int main(int argc, char **argv) {
    printf("hello from %s with %d args\n", argc > 0 ? "a compiled program" : "?", argc);
    for (unsigned i = 0; i < 30; i += 7) printf("fib(%u) = %lu\n", i, fib(i));
    printf("%.6f %e %g\n", 3.14159265358979, 1e-300 * 1e-10, 2.0 / 3.0);
    return 3;
}
