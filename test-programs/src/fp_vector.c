/* The packed SSE paths the compiler's vectorizer emits (built with -O3): float
 * and double + - * / sqrt, min/max selects, fabs, narrowing and widening
 * (cvtpd2ps, cvtps2pd), int conversions (cvttpd2dq, cvttps2dq, cvtdq2pd,
 * cvtdq2ps) over arrays mixing ordinary values with zeros of both signs,
 * infinities, NaNs with payloads, denormals and overflow, in each rounding
 * mode. Each loop's results are printed as an FNV-1a hash of their bits with
 * the MXCSR flags the loop raised, so any difference in any element shows. */
#include <math.h>
#include "fp_common.h"

#define N 64
static double da[N], db[N], dr[N];
static float fa[N], fb[N], fr[N];
static int ir[N], ia[N];

static uint64_t hash(const void *p, unsigned n) {
    const unsigned char *b = p;
    uint64_t h = 0xcbf29ce484222325ULL;
    for (unsigned i = 0; i < n; i++) h = (h ^ b[i]) * 0x100000001b3ULL;
    return h;
}

static void report(const char *what, const void *p, unsigned n) {
    printf("  %-10s %016llx flags %02x\n", what, (unsigned long long)hash(p, n), get_mxcsr() & 0x3f);
    set_mxcsr(get_mxcsr() & ~0x3fu);
}

/* Each loop in its own function, so the vectorizer sees a plain loop and the
 * flags are read after it. */
#define LOOP(name, body) static __attribute__((noinline)) void name(void) { for (int i = 0; i < N; i++) body; }
LOOP(d_add, dr[i] = da[i] + db[i])
LOOP(d_sub, dr[i] = da[i] - db[i])
LOOP(d_mul, dr[i] = da[i] * db[i])
LOOP(d_div, dr[i] = da[i] / db[i])
LOOP(d_sqrt, dr[i] = __builtin_sqrt(da[i]))
LOOP(d_min, dr[i] = da[i] < db[i] ? da[i] : db[i])
LOOP(d_max, dr[i] = da[i] > db[i] ? da[i] : db[i])
LOOP(d_abs, dr[i] = fabs(da[i]))
LOOP(d_narrow, fr[i] = (float)da[i])
LOOP(d_toint, ir[i] = (int)da[i])
LOOP(d_fromint, dr[i] = (double)ia[i])
LOOP(f_add, fr[i] = fa[i] + fb[i])
LOOP(f_mul, fr[i] = fa[i] * fb[i])
LOOP(f_div, fr[i] = fa[i] / fb[i])
LOOP(f_sqrt, fr[i] = __builtin_sqrtf(fa[i]))
LOOP(f_min, fr[i] = fa[i] < fb[i] ? fa[i] : fb[i])
LOOP(f_widen, dr[i] = (double)fa[i])
LOOP(f_toint, ir[i] = (int)fa[i])
LOOP(f_fromint, fr[i] = (float)ia[i])

static const uint64_t dspecial[] = {
    0x0000000000000000, 0x8000000000000000, 0x7ff0000000000000, 0xfff0000000000000, 0x7ff8000000000123,
    0xfff4000000000456, 0x0000000000000001, 0x800fffffffffffff, 0x0010000000000000, 0x7fefffffffffffff,
    0x3ff0000000000001, 0x4340000000000001, 0x41dfffffffc00000, 0xc1e0000000100000, 0x3fe0000000000000,
    0x36a0000000000001,
};
static const uint32_t fspecial[] = {
    0x00000000, 0x80000000, 0x7f800000, 0xff800000, 0x7fc00123, 0xffa00456, 0x00000001, 0x807fffff,
    0x00800000, 0x7f7fffff, 0x3f800001, 0x4b800001, 0x4effffff, 0xcf000001, 0x3f000000, 0x0d000001,
};

int main(void) {
    uint64_t s = 0x9e3779b97f4a7c15ULL;
    for (int i = 0; i < N; i++) {
        s ^= s << 13, s ^= s >> 7, s ^= s << 17;
        int k = i % 16;
        da[i] = i < 16 ? dmake(dspecial[k]) : (double)(int64_t)(s % 2000001 - 1000000) / ((s >> 40) % 97 + 1);
        db[i] = i < 48 && i >= 32 ? dmake(dspecial[(k + 5) % 16]) : da[(i * 7 + 3) % N] * 0.75 + 1.0 / 3;
        fa[i] = i < 16 ? fmake(fspecial[k]) : (float)da[i];
        fb[i] = i < 48 && i >= 32 ? fmake(fspecial[(k + 5) % 16]) : (float)db[i];
        ia[i] = (int)(s >> 33) - (i & 1 ? 0x40000000 : 0);
    }
    db[17] = 0x1p-1070; /* denormal quotient and product operands */
    db[18] = 0x1p1000;
    for (int m = 0; m < 4; m++) {
        fesetround(fp_modes[m]);
        set_mxcsr(get_mxcsr() & ~0x3fu);
        printf("== %s\n", fp_mode_names[m]);
        d_add(); report("d add", dr, sizeof dr);
        d_sub(); report("d sub", dr, sizeof dr);
        d_mul(); report("d mul", dr, sizeof dr);
        d_div(); report("d div", dr, sizeof dr);
        d_sqrt(); report("d sqrt", dr, sizeof dr);
        d_min(); report("d min", dr, sizeof dr);
        d_max(); report("d max", dr, sizeof dr);
        d_abs(); report("d abs", dr, sizeof dr);
        d_narrow(); report("d narrow", fr, sizeof fr);
        d_toint(); report("d toint", ir, sizeof ir);
        d_fromint(); report("d fromint", dr, sizeof dr);
        f_add(); report("f add", fr, sizeof fr);
        f_mul(); report("f mul", fr, sizeof fr);
        f_div(); report("f div", fr, sizeof fr);
        f_sqrt(); report("f sqrt", fr, sizeof fr);
        f_min(); report("f min", fr, sizeof fr);
        f_widen(); report("f widen", dr, sizeof dr);
        f_toint(); report("f toint", ir, sizeof ir);
        f_fromint(); report("f fromint", fr, sizeof fr);
    }
    fesetround(FE_TONEAREST);
    return 0;
}
