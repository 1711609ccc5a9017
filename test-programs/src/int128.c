/* 128-bit integer arithmetic (ADC/SBB chains, MUL, SHLD/SHRD, and libgcc's
 * __udivti3/__divti3/__umodti3), factorials and a 128-bit LCG, printed in
 * decimal by hand. */
#include <stdint.h>
#include <stdio.h>

typedef unsigned __int128 u128;
typedef __int128 s128;

static void print_u128(const char *label, u128 v) {
    char buf[48];
    int i = 47;
    buf[i] = 0;
    do {
        buf[--i] = (char)('0' + (int)(v % 10));
        v /= 10;
    } while (v);
    printf("%s%s\n", label, buf + i);
}

static void print_s128(const char *label, s128 v) {
    if (v < 0) {
        printf("%s-", label);
        print_u128("", (u128)0 - (u128)v);
    } else {
        print_u128(label, (u128)v);
    }
}

int main(void) {
    u128 f = 1;
    for (int i = 1; i <= 34; i++) f *= (u128)i;
    print_u128("34! = ", f);
    u128 max = ~(u128)0;
    print_u128("2^128-1 = ", max);
    print_u128("max/3 = ", max / 3);
    print_u128("max%1000000007 = ", max % 1000000007);
    s128 smin = (s128)((u128)1 << 127);
    print_s128("int128 min = ", smin);
    print_s128("min/7 = ", smin / 7);
    print_s128("min%7 = ", smin % 7);
    print_s128("-10^30/-3 = ", -(s128)1000000000000000LL * 1000000000000000LL / -3);
    u128 x = ((u128)0x0123456789abcdefULL << 64) | 0xfedcba9876543210ULL;
    for (int s = 0; s < 128; s += 17) {
        u128 l = x << s, r = x >> s;
        s128 ar = (s128)~x >> s;
        printf("shift %3d: %016llx%016llx %016llx%016llx %016llx%016llx\n", s, (unsigned long long)(l >> 64),
               (unsigned long long)l, (unsigned long long)(r >> 64), (unsigned long long)r,
               (unsigned long long)((u128)ar >> 64), (unsigned long long)ar);
    }
    u128 state = 1;
    u128 mul = ((u128)0x2360ed051fc65da4ULL << 64) | 0x4385df649fccf645ULL;
    u128 inc = ((u128)0x5851f42d4c957f2dULL << 64) | 0x14057b7ef767814fULL;
    uint64_t acc = 0;
    for (int i = 0; i < 10000; i++) {
        state = state * mul + inc;
        acc ^= (uint64_t)(state >> 64) + (uint64_t)(state % 1000003);
    }
    printf("lcg128 acc=%016llx\n", (unsigned long long)acc);
    /* division edge cases */
    u128 d[] = {1, 3, 0xffffffffULL, 0x100000000ULL, ((u128)1 << 64) - 1, (u128)1 << 64, ((u128)1 << 64) + 1, max};
    for (unsigned i = 0; i < sizeof d / sizeof d[0]; i++) {
        u128 q = x / d[i], r = x % d[i];
        printf("x / d[%u]: q=%016llx%016llx r=%016llx%016llx ok=%d\n", i, (unsigned long long)(q >> 64),
               (unsigned long long)q, (unsigned long long)(r >> 64), (unsigned long long)r, q * d[i] + r == x);
    }
    /* overflow checks */
    uint64_t a = 0xffffffffffffffffULL, b = 2, res;
    printf("mul overflow: %d\n", __builtin_mul_overflow(a, b, &res));
    int ov = __builtin_add_overflow(a, b, &res);
    printf("add overflow: %d %llu\n", ov, (unsigned long long)res);
    int64_t sa = INT64_MAX, sres;
    printf("signed add overflow: %d\n", __builtin_add_overflow(sa, (int64_t)1, &sres));
    printf("signed sub overflow: %d\n", __builtin_sub_overflow(INT64_MIN, (int64_t)1, &sres));
    return 0;
}
