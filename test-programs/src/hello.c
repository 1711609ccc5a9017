/* The smallest useful program: prints exactly "hello world\n". */
#include <stdio.h>

int main(void) {
    printf("hello world\n");
    return 0;
}
