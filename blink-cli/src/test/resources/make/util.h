int square(int x);
const char *word(int n);
