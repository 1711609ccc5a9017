/* x87 transcendental instructions: FSIN, FCOS, FSINCOS, FPTAN, FPATAN, F2XM1,
 * FYL2X, FYL2XP1 on special operands (exact results, flags, C2 out of range) and
 * on generated ones. The hardware is accurate to about one ulp, not correctly
 * rounded, and vendors differ in the last bit; so for generated operands only
 * the top 56 bits of the significand are printed (rounded), and the status word
 * without C1 and PE. Special cases are printed in full. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

typedef struct { uint64_t m; uint16_t e; } __attribute__((packed)) f80;

static uint64_t seed = 0x9E3779B97F4A7C15ULL;
static uint64_t rnd(void) {
    seed ^= seed >> 12;
    seed ^= seed << 25;
    seed ^= seed >> 27;
    return seed * 0x2545F4914F6CDD1DULL;
}
static f80 mk(uint16_t e, uint64_t m) { f80 r; r.m = m; r.e = e; return r; }

#define CLOB "memory", "st", "st(1)", "st(2)", "st(3)", "st(4)", "st(5)", "st(6)", "st(7)"

/* ST(0) = a, ST(1) = b; INSN; both registers and the status word. */
#define T(NAME, INSN)                                                                               \
    static void NAME(uint16_t cw, f80 a, f80 b, f80 *r0, f80 *r1, uint16_t *sw) {                 \
        static const uint16_t masked = 0x037f;                                                     \
        __asm__ volatile("fninit\n\tfldcw %[cw]\n\tfldt %[b]\n\tfldt %[a]\n\t" INSN                \
                         "\n\tfnstsw %[sw]\n\tfnclex\n\tfldcw %[mk]\n\tfstpt %[r0]\n\tfstpt %[r1]\n\tfninit" \
                         : [r0] "=m"(*r0), [r1] "=m"(*r1), [sw] "=m"(*sw)                          \
                         : [cw] "m"(cw), [a] "m"(a), [b] "m"(b), [mk] "m"(masked)                  \
                         : CLOB);                                                                  \
    }
T(fsin_, "fsin")
T(fcos_, "fcos")
T(fsincos_, "fsincos")
T(fptan_, "fptan")
T(fpatan_, "fpatan")
T(f2xm1_, "f2xm1")
T(fyl2x_, "fyl2x")
T(fyl2xp1_, "fyl2xp1")

typedef void (*op_t)(uint16_t, f80, f80, f80 *, f80 *, uint16_t *);
static const struct { const char *name; op_t fn; } ops[] = {
    {"fsin", fsin_}, {"fcos", fcos_}, {"fsincos", fsincos_}, {"fptan", fptan_},
    {"fpatan", fpatan_}, {"f2xm1", f2xm1_}, {"fyl2x", fyl2x_}, {"fyl2xp1", fyl2xp1_},
};

static int exact;

/* The significand rounded to 56 bits, so a last-bit difference rarely shows. */
static unsigned long long top56(f80 v) {
    if (exact || (v.e & 0x7fff) == 0x7fff || v.m >> 63 == 0) return v.m;
    unsigned long long r = (v.m >> 8) + ((v.m >> 7) & 1);
    return r;
}

int main(int argc, char **argv) {
    int rounds = argc > 1 ? atoi(argv[1]) : 40;
    exact = argc > 2; /* by hand: print every bit */
    /* Special operands: every instruction sees each, with 1.5 or the other special as ST(1). */
    static const f80 sp[] = {
        {0, 0}, {0, 0x8000}, {0x8000000000000000ULL, 0x7fff}, {0x8000000000000000ULL, 0xffff},
        {0xc000000000000001ULL, 0x7fff}, {0x8000000000000001ULL, 0xffff}, {0x8000000000000000ULL, 0x3fff},
        {0x8000000000000000ULL, 0xbfff}, {0x123, 0}, {0x8000000000000000ULL, 0x403e},
        {0xc90fdaa22168c235ULL, 0x4000}, {0xc90fdaa22168c234ULL, 0x4000}, {0xc90fdaa22168c235ULL, 0x3fff},
        {0x8000000000000000ULL, 0x4002}, {0x8000000000000000ULL, 0x3ffe}, {0x1234, 0x4000},
        {0x8000000000000000ULL, 0x3f00},
    };
    int n = sizeof sp / sizeof sp[0];
    for (unsigned k = 0; k < sizeof ops / sizeof ops[0]; k++) {
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < 3; j++) {
                f80 a = sp[i], b = j == 0 ? mk(0x3fff, 0xc000000000000000ULL) : j == 1 ? sp[(i + 3) % n] : sp[(i * 5 + 1) % n];
                f80 r0, r1;
                uint16_t sw;
                ops[k].fn(0x037f, a, b, &r0, &r1, &sw);
                printf("%-8s a=%04x:%016llx b=%04x:%016llx -> %04x:%014llx %04x:%014llx sw=%04x\n", ops[k].name, a.e,
                       (unsigned long long)a.m, b.e, (unsigned long long)b.m, r0.e, top56(r0), r1.e, top56(r1),
                       sw & ~0x0200);
            }
        }
    }
    /* Generated operands in each instruction's domain, under each rounding control. */
    for (int round = 0; round < rounds; round++) {
        for (unsigned k = 0; k < sizeof ops / sizeof ops[0]; k++) {
            f80 a, b = mk((rnd() & 1) << 15 | (0x3fff - 20 + rnd() % 40), (1ULL << 63) | rnd());
            int e;
            switch (k) {
            case 0: case 1: case 2: case 3: e = 0x3fff - 30 + rnd() % 90; break; /* up to 2^60 */
            case 5: e = 0x3fff - 40 + rnd() % 40; break;                        /* |x| < 1 */
            case 6: e = 0x3fff - 200 + rnd() % 400; break;
            case 7: e = 0x3fff - 60 + rnd() % 59; break;                        /* |x| < 1/4 */
            default: e = 0x3fff - 100 + rnd() % 200; break;
            }
            int neg = k == 6 ? 0 : rnd() & 1;
            a = mk(neg << 15 | e, (1ULL << 63) | rnd());
            uint16_t cw = 0x037f | (rnd() & 3) << 10;
            f80 r0, r1;
            uint16_t sw;
            ops[k].fn(cw, a, b, &r0, &r1, &sw);
            printf("%-8s cw=%04x a=%04x:%016llx b=%04x:%016llx -> %04x:%014llx %04x:%014llx sw=%04x\n", ops[k].name,
                   cw, a.e, (unsigned long long)a.m, b.e, (unsigned long long)b.m, r0.e, top56(r0), r1.e, top56(r1),
                   exact ? sw : sw & ~0x0220);
        }
    }
    return 0;
}
