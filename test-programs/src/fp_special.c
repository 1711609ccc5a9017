/* Special values through every arithmetic operation and conversion in float
 * (SSE), double (SSE) and long double (x87): NaN payloads (quiet and
 * signalling, either sign) and which operand's NaN wins, signed zeros,
 * infinities, denormals, and the x87-only encodings that can only come from
 * memory (pseudo-denormal, unnormal, pseudo-infinity, pseudo-NaN). Each result
 * is printed as raw bits with the exception flags it raised (MXCSR or x87
 * status bits 0-5, including DE), then classified and printed with printf. */
#include <float.h>
#include <math.h>
#include "fp_common.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))

static void clear_flags(void) {
    set_mxcsr(get_mxcsr() & ~0x3fu);
    __asm__ volatile("fnclex" : : : "memory");
}
static unsigned sse_flags(void) { return get_mxcsr() & 0x3f; }
static unsigned x87_flags(void) { return get_fpusw() & 0x3f; }

static const uint64_t dvals[] = {
    0x0000000000000000, 0x8000000000000000, 0x7ff0000000000000, 0xfff0000000000000,
    0x7ff8000000000123, 0xfff8000000000456, 0x7ff0000000000789, 0xfff4000000000abc,
    0x0000000000000001, 0x800fffffffffffff, 0x0010000000000000, 0x3ff8000000000000,
};
static const uint32_t fvals[] = {
    0x00000000, 0x80000000, 0x7f800000, 0xff800000, 0x7fc00123, 0xffc00456,
    0x7f800789, 0xffa00abc, 0x00000001, 0x807fffff, 0x00800000, 0xbfc00000,
};
static const struct { uint16_t se; uint64_t m; } lvals[] = {
    {0x0000, 0}, {0x8000, 0}, {0x7fff, 0x8000000000000000}, {0xffff, 0x8000000000000000},
    {0x7fff, 0xc000000000000123}, {0xffff, 0xc000000000000456}, {0x7fff, 0x8000000000000789},
    {0xffff, 0xa000000000000abc}, {0xffff, 0xc000000000000000}, /* the default NaN ("real indefinite") */
    {0x0000, 0x0000000000000001}, {0x8000, 0x7fffffffffffffff}, {0x0001, 0x8000000000000000},
    {0x3fff, 0xc000000000000000},
    {0x0000, 0x8000000000000001}, /* pseudo-denormal: exponent 0, integer bit set */
    {0x0001, 0x4000000000000000}, /* unnormal: integer bit clear, exponent not 0 */
    {0x7fff, 0x0000000000000000}, /* pseudo-infinity */
    {0x7fff, 0x4000000000000001}, /* pseudo-NaN */
};

/* Operands are read from and results written to volatile objects, so every
 * operation happens exactly between the flag reset and the flag read. */
static volatile double vd[2], rd;
static volatile float vf[2], rf;
static volatile long double vl[2], rl;
static volatile long long rll;
static volatile int ri;

/* sink = expr between a flag reset and a flag read into f; the value is sink's. */
#define ONE(sink, expr, flags, f) ({ clear_flags(); sink = (expr); f = flags(); sink; })

static void doubles(void) {
    printf("-- double\n");
    for (unsigned i = 0; i < N(dvals); i++) {
        for (unsigned j = 0; j < N(dvals); j++) {
            double a = dmake(dvals[i]), b = dmake(dvals[j]);
            double r[4];
            unsigned f[4];
            for (int k = 0; k < 4; k++) {
                clear_flags();
                vd[0] = a;
                vd[1] = b;
                switch (k) {
                case 0: rd = vd[0] + vd[1]; break;
                case 1: rd = vd[0] - vd[1]; break;
                case 2: rd = vd[0] * vd[1]; break;
                default: rd = vd[0] / vd[1]; break;
                }
                f[k] = sse_flags();
                r[k] = rd;
            }
            printf("%016llx %016llx: + %016llx/%02x - %016llx/%02x * %016llx/%02x / %016llx/%02x\n",
                   (unsigned long long)dvals[i], (unsigned long long)dvals[j], DB(r[0]), f[0], DB(r[1]), f[1],
                   DB(r[2]), f[2], DB(r[3]), f[3]);
        }
    }
    for (unsigned i = 0; i < N(dvals); i++) {
        char s[32];
        unsigned f0, f1, f2, f3, f4, f5, f6, f7, f8, f9;
        vd[0] = dmake(dvals[i]);
        double neg = ONE(rd, -vd[0], sse_flags, f0), ab = ONE(rd, fabs(vd[0]), sse_flags, f1);
        double sq = ONE(rd, sqrt(vd[0]), sse_flags, f2);
        float fl = ONE(rf, (float)vd[0], sse_flags, f3);
        long double ld = ONE(rl, vd[0], x87_flags, f4);
        long long ll = ONE(rll, (long long)vd[0], sse_flags, f5);
        int in = ONE(ri, (int)vd[0], sse_flags, f6);
        double rn = ONE(rd, rint(vd[0]), sse_flags, f7), fl2 = ONE(rd, floor(vd[0]), sse_flags, f8);
        double tr = ONE(rd, trunc(vd[0]), sse_flags, f9);
        double x = vd[0];
        printf("%016llx: neg %016llx/%02x abs %016llx/%02x sqrt %016llx/%02x float %08x/%02x ld %s/%02x"
               " ll %llx/%02x int %x/%02x rint %016llx/%02x floor %016llx/%02x trunc %016llx/%02x\n",
               (unsigned long long)dvals[i], DB(neg), f0, DB(ab), f1, DB(sq), f2, FB(fl), f3, lhex(s, ld), f4,
               (unsigned long long)ll, f5, (unsigned)in, f6, DB(rn), f7, DB(fl2), f8, DB(tr), f9);
        printf("  class %d nan %d inf %d normal %d sign %d | %a %g %.3e %f %10.4g|\n", fpclassify(x), isnan(x) != 0,
               isinf(x), isnormal(x), signbit(x) != 0, x, x, x, x, x);
    }
}

static void floats(void) {
    printf("-- float\n");
    for (unsigned i = 0; i < N(fvals); i++) {
        for (unsigned j = 0; j < N(fvals); j++) {
            float r[4];
            unsigned f[4];
            for (int k = 0; k < 4; k++) {
                clear_flags();
                vf[0] = fmake(fvals[i]);
                vf[1] = fmake(fvals[j]);
                switch (k) {
                case 0: rf = vf[0] + vf[1]; break;
                case 1: rf = vf[0] - vf[1]; break;
                case 2: rf = vf[0] * vf[1]; break;
                default: rf = vf[0] / vf[1]; break;
                }
                f[k] = sse_flags();
                r[k] = rf;
            }
            printf("%08x %08x: + %08x/%02x - %08x/%02x * %08x/%02x / %08x/%02x\n", fvals[i], fvals[j], FB(r[0]),
                   f[0], FB(r[1]), f[1], FB(r[2]), f[2], FB(r[3]), f[3]);
        }
    }
    for (unsigned i = 0; i < N(fvals); i++) {
        char s[32];
        unsigned f0, f1, f2, f3, f4, f5;
        vf[0] = fmake(fvals[i]);
        float neg = ONE(rf, -vf[0], sse_flags, f0), sq = ONE(rf, sqrtf(vf[0]), sse_flags, f1);
        double d = ONE(rd, vf[0], sse_flags, f2);
        long double ld = ONE(rl, vf[0], x87_flags, f3);
        float back = ONE(rf, (float)(double)vf[0], sse_flags, f4);
        int in = ONE(ri, (int)vf[0], sse_flags, f5);
        printf("%08x: neg %08x/%02x sqrt %08x/%02x double %016llx/%02x ld %s/%02x back %08x/%02x int %x/%02x"
               " | %a %g\n", fvals[i], FB(neg), f0, FB(sq), f1, DB(d), f2, lhex(s, ld), f3, FB(back), f4,
               (unsigned)in, f5, (double)vf[0], (double)vf[0]);
    }
}

static void long_doubles(void) {
    printf("-- long double\n");
    char s[6][32];
    for (unsigned i = 0; i < N(lvals); i++) {
        for (unsigned j = 0; j < N(lvals); j++) {
            long double r[4];
            unsigned f[4];
            for (int k = 0; k < 4; k++) {
                clear_flags();
                vl[0] = lmake(lvals[i].se, lvals[i].m);
                vl[1] = lmake(lvals[j].se, lvals[j].m);
                switch (k) {
                case 0: rl = vl[0] + vl[1]; break;
                case 1: rl = vl[0] - vl[1]; break;
                case 2: rl = vl[0] * vl[1]; break;
                default: rl = vl[0] / vl[1]; break;
                }
                f[k] = x87_flags();
                r[k] = rl;
            }
            printf("%s %s: + %s/%02x - %s/%02x * %s/%02x / %s/%02x\n", lhex(s[0], vl[0]), lhex(s[1], vl[1]),
                   lhex(s[2], r[0]), f[0], lhex(s[3], r[1]), f[1], lhex(s[4], r[2]), f[2], lhex(s[5], r[3]), f[3]);
        }
    }
    for (unsigned i = 0; i < N(lvals); i++) {
        unsigned f0, f1, f2, f3, f4, f5, f6;
        vl[0] = lmake(lvals[i].se, lvals[i].m);
        long double neg = ONE(rl, -vl[0], x87_flags, f0), ab = ONE(rl, fabsl(vl[0]), x87_flags, f1);
        long double sq = ONE(rl, sqrtl(vl[0]), x87_flags, f2);
        double d = ONE(rd, (double)vl[0], x87_flags, f3);
        float fl = ONE(rf, (float)vl[0], x87_flags, f4);
        long long ll = ONE(rll, (long long)vl[0], x87_flags, f5);
        long double rn = ONE(rl, rintl(vl[0]), x87_flags, f6);
        printf("%s: neg %s/%02x abs %s/%02x sqrt %s/%02x double %016llx/%02x float %08x/%02x ll %llx/%02x"
               " rint %s/%02x\n", lhex(s[0], vl[0]), lhex(s[1], neg), f0, lhex(s[2], ab), f1, lhex(s[3], sq), f2,
               DB(d), f3, FB(fl), f4, (unsigned long long)ll, f5, lhex(s[4], rn), f6);
        long double x = vl[0]; /* printf sees the invalid encodings too (glibc and musl differ) */
        printf("  class %d nan %d inf %d sign %d | %La %Lg %.3Le %.21Lg|\n", fpclassify(x), isnan(x) != 0,
               isinf(x), signbit(x) != 0, x, x, x, x);
    }
}

int main(void) {
    doubles();
    floats();
    long_doubles();
    return 0;
}
