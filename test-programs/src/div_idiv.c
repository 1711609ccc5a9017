/* DIV/IDIV at 8/16/32/64 bits with dividends that do not overflow; quotient
 * and remainder signs, edge values.  Flags are undefined and not printed. */
#include "flags.h"
#include <limits.h>

static void div8(uint16_t ax, uint8_t s) {
    uint16_t r = ax;
    __asm__ volatile("divb %1" : "+a"(r) : "q"(s) : "cc");
    printf("div8  %04x / %02x -> q=%02x r=%02x\n", ax, s, r & 0xff, r >> 8);
}
static void idiv8(int16_t ax, int8_t s) {
    uint16_t r = (uint16_t)ax;
    __asm__ volatile("idivb %1" : "+a"(r) : "q"(s) : "cc");
    printf("idiv8 %6d / %4d -> q=%4d r=%4d\n", ax, s, (int8_t)(r & 0xff), (int8_t)(r >> 8));
}
static void div16(uint16_t hi, uint16_t lo, uint16_t s) {
    uint16_t a = lo, d = hi;
    __asm__ volatile("divw %2" : "+a"(a), "+d"(d) : "r"(s) : "cc");
    printf("div16  %04x:%04x / %04x -> q=%04x r=%04x\n", hi, lo, s, a, d);
}
static void idiv16(int32_t n, int16_t s) {
    uint16_t a = (uint16_t)n, d = (uint16_t)((uint32_t)n >> 16);
    __asm__ volatile("idivw %2" : "+a"(a), "+d"(d) : "r"(s) : "cc");
    printf("idiv16 %d / %d -> q=%d r=%d\n", n, s, (int16_t)a, (int16_t)d);
}
static void div32(uint32_t hi, uint32_t lo, uint32_t s) {
    uint64_t a = 0xaaaaaaaa00000000ULL | lo, d = 0xbbbbbbbb00000000ULL | hi;
    __asm__ volatile("divl %k2" : "+a"(a), "+d"(d) : "r"(s) : "cc");
    printf("div32  %08x:%08x / %08x -> q=%016llx r=%016llx\n", hi, lo, s, (unsigned long long)a, (unsigned long long)d);
}
static void idiv32(int64_t n, int32_t s) {
    uint32_t a = (uint32_t)n, d = (uint32_t)((uint64_t)n >> 32);
    __asm__ volatile("idivl %2" : "+a"(a), "+d"(d) : "r"(s) : "cc");
    printf("idiv32 %lld / %d -> q=%d r=%d\n", (long long)n, s, (int32_t)a, (int32_t)d);
}
static void div64(uint64_t hi, uint64_t lo, uint64_t s) {
    uint64_t a = lo, d = hi;
    __asm__ volatile("divq %2" : "+a"(a), "+d"(d) : "r"(s) : "cc");
    printf("div64  %016llx:%016llx / %016llx -> q=%016llx r=%016llx\n", (unsigned long long)hi,
           (unsigned long long)lo, (unsigned long long)s, (unsigned long long)a, (unsigned long long)d);
}
static void idiv64(int64_t n, int64_t s) {
    uint64_t a = (uint64_t)n, d = n < 0 ? ~0ULL : 0;
    __asm__ volatile("idivq %2" : "+a"(a), "+d"(d) : "r"(s) : "cc");
    printf("idiv64 %lld / %lld -> q=%lld r=%lld\n", (long long)n, (long long)s, (long long)a, (long long)d);
}
static void idiv128(int64_t hi, uint64_t lo, int64_t s) {
    uint64_t a = lo, d = (uint64_t)hi;
    __asm__ volatile("idivq %2" : "+a"(a), "+d"(d) : "r"(s) : "cc");
    printf("idiv128 %016llx:%016llx / %lld -> q=%lld r=%lld\n", (unsigned long long)hi,
           (unsigned long long)lo, (long long)s, (long long)a, (long long)d);
}

int main(void) {
    for (unsigned i = 0; i < NELEM(vals8); i++)
        for (unsigned j = 1; j < NELEM(vals8); j++) {
            uint8_t s = (uint8_t)vals8[j];
            uint16_t ax = (uint16_t)((vals8[i] << 8 | vals8[(i + 3) % NELEM(vals8)]));
            if ((ax >> 8) < s) div8(ax, s);
            div8((uint16_t)vals8[i], s);
        }
    static const int16_t n8[] = {0, 1, -1, 7, -7, 100, -100, 127, -128, 255, -255, 16383, -16384, 32767, -32768};
    static const int8_t d8[] = {1, -1, 2, -2, 3, -3, 7, -7, 127, -128};
    for (unsigned i = 0; i < NELEM(n8); i++)
        for (unsigned j = 0; j < NELEM(d8); j++) {
            int q = n8[i] / d8[j];
            if (q >= -128 && q <= 127) idiv8(n8[i], d8[j]);
        }
    for (unsigned i = 0; i < NELEM(vals16); i++)
        for (unsigned j = 1; j < NELEM(vals16); j++) {
            uint16_t s = (uint16_t)vals16[j], hi = (uint16_t)vals16[(i + 5) % NELEM(vals16)];
            if (hi < s) div16(hi, (uint16_t)vals16[i], s);
            div16(0, (uint16_t)vals16[i], s);
        }
    static const int32_t n16[] = {0, 1, -1, 1000, -1000, 32767, -32768, 65535, -65536, 1000000, -1000000,
                                  0x3fffffff, -0x40000000};
    static const int16_t d16[] = {1, -1, 3, -3, 10, -10, 255, -256, 32767, -32768};
    for (unsigned i = 0; i < NELEM(n16); i++)
        for (unsigned j = 0; j < NELEM(d16); j++) {
            long q = (long)n16[i] / d16[j];
            if (q >= -32768 && q <= 32767) idiv16(n16[i], d16[j]);
        }
    for (unsigned i = 0; i < NELEM(vals32); i++)
        for (unsigned j = 1; j < NELEM(vals32); j++) {
            uint32_t s = (uint32_t)vals32[j], hi = (uint32_t)vals32[(i + 4) % NELEM(vals32)];
            if (hi < s) div32(hi, (uint32_t)vals32[i], s);
            div32(0, (uint32_t)vals32[i], s);
        }
    static const int64_t n32[] = {0, 1, -1, 12345678, -12345678, INT_MAX, INT_MIN, 0xffffffffLL,
                                  -0x100000000LL, 0x3fffffffffffffffLL, -0x4000000000000000LL};
    static const int32_t d32[] = {1, -1, 7, -7, 65536, -65536, INT_MAX, INT_MIN};
    for (unsigned i = 0; i < NELEM(n32); i++)
        for (unsigned j = 0; j < NELEM(d32); j++) {
            __int128 q = (__int128)n32[i] / d32[j];
            if (q >= INT_MIN && q <= INT_MAX) idiv32(n32[i], d32[j]);
        }
    for (unsigned i = 0; i < NELEM(vals64); i++)
        for (unsigned j = 1; j < NELEM(vals64); j++) {
            uint64_t s = vals64[j], hi = vals64[(i + 2) % NELEM(vals64)];
            if (hi < s) div64(hi, vals64[i], s);
            div64(0, vals64[i], s);
        }
    static const int64_t n64[] = {0, 1, -1, 99, -99, LLONG_MAX, LLONG_MIN, 0x123456789abcdefLL, -0x123456789abcdefLL};
    static const int64_t d64[] = {1, -1, 10, -10, 0x100000000LL, -0x100000000LL, LLONG_MAX, LLONG_MIN};
    for (unsigned i = 0; i < NELEM(n64); i++)
        for (unsigned j = 0; j < NELEM(d64); j++)
            if (!(n64[i] == LLONG_MIN && d64[j] == -1)) idiv64(n64[i], d64[j]);
    idiv128(-1, 0x8000000000000000ULL, 1); /* -2^63 / 1 */
    idiv128(0x3fffffffffffffffLL, 0, LLONG_MAX);
    idiv128(-0x4000000000000000LL, 1, LLONG_MIN);
    idiv128(0, 0xffffffffffffffffULL, -3);
    return 0;
}
