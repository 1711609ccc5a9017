#include "util.h"

int square(int x) { return x * x; }

const char *word(int n) {
    static const char *words[] = {"zero", "one", "two", "three", "four", "five"};
    return n >= 0 && n < 6 ? words[n] : "many";
}
