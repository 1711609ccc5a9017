/* x87 differential test: thousands of operations on generated 80-bit operands
 * (normals, extremes, denormals, pseudo-denormals, zeros, infinities, QNaNs,
 * SNaNs, unnormals, exact and tie-making values) under every rounding control,
 * precision control and some unmasked exceptions. Each line shows the operands,
 * the two top registers afterwards and the status word (and RFLAGS where the
 * instruction writes it) in hex, so any bit of difference shows. The generator
 * is a fixed xorshift, so the run is the same natively and emulated. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

typedef struct { uint64_t m; uint16_t e; } __attribute__((packed)) f80;
typedef struct { f80 r0, r1; uint16_t sw; uint64_t fl; } out_t;

static uint64_t seed = 0x243F6A8885A308D3ULL;
static uint64_t rnd(void) {
    seed ^= seed >> 12;
    seed ^= seed << 25;
    seed ^= seed >> 27;
    return seed * 0x2545F4914F6CDD1DULL;
}

static f80 mk(uint16_t e, uint64_t m) { f80 r; r.m = m; r.e = e; return r; }

/* An operand of an interesting kind. */
static f80 gen(void) {
    uint64_t r = rnd(), s = (rnd() & 1) << 15;
    switch (r % 24) {
    case 0: case 1: case 2: case 3: case 4:
        return mk(s | (0x3fff - 40 + rnd() % 80), (1ULL << 63) | rnd());
    case 5: return mk(s | (1 + rnd() % 80), (1ULL << 63) | rnd());
    case 6: return mk(s | (0x7ffe - rnd() % 80), (1ULL << 63) | rnd());
    case 7: return mk(s | (1 + rnd() % 0x7ffe), (1ULL << 63) | rnd());
    case 8: return mk(s, rnd() >> (1 + rnd() % 63));                      /* denormal */
    case 9: return mk(s, 0);                                               /* zero */
    case 10: return mk(s | 0x7fff, 1ULL << 63);                            /* infinity */
    case 11: return mk(s | 0x7fff, (3ULL << 62) | (rnd() >> (rnd() % 64 + 2))); /* QNaN */
    case 12: return mk(s | 0x7fff, (1ULL << 63) | ((rnd() >> 2) | 1));     /* SNaN */
    case 13: {                                                             /* small integer or half */
        int64_t v = (int64_t)(rnd() % 2001) - 1000;
        if (v == 0) v = 7;
        uint64_t a = v < 0 ? -v : v;
        int z = __builtin_clzll(a);
        int half = rnd() & 1;
        return mk((v < 0 ? 0x8000 : 0) | (0x3fff + 63 - z - half), a << z);
    }
    case 14: switch (rnd() % 3) {                                          /* unsupported */
        case 0: return mk(s | (1 + rnd() % 0x7ffe), rnd() >> 1);           /* unnormal */
        case 1: return mk(s | 0x7fff, rnd() >> 1);                          /* pseudo-NaN */
        default: return mk(s | 0x7fff, 0);                                  /* pseudo-infinity */
        }
    case 15: return mk(s, (1ULL << 63) | (rnd() >> (rnd() % 64)));         /* pseudo-denormal */
    case 16: case 17:                                                      /* few significant bits */
        return mk(s | (0x3fff - 8 + rnd() % 16), (1ULL << 63) | (rnd() & (~0ULL << (40 + rnd() % 24))));
    case 18: return mk(s | (0x3fff - 16383 - 1 + rnd() % 130 + 16383 - 64), (1ULL << 63) | rnd());
    case 19: return mk(s | 0x3fff, (1ULL << 63) | (rnd() & 0xff) | (rnd() & 1 ? 0x7fffffffffffff00ULL : 0));
    case 20: return mk(s | (0x3fff + 62 + rnd() % 4), (1ULL << 63) | rnd());     /* near 2^63 */
    case 21: return mk(s | (0x3fff + rnd() % 70), (1ULL << 63) | (rnd() & (~0ULL << (rnd() % 64))));
    default: return mk(s | (0x3fff - 2 + rnd() % 5), (1ULL << 63) | rnd());
    }
}

/* A second operand, often related to the first (cancellation, equality, ties). */
static f80 gen2(f80 a) {
    switch (rnd() % 8) {
    case 0: return a;
    case 1: a.e ^= 0x8000; return a;
    case 2: a.m += (rnd() % 3) - 1; return a;
    case 3: a.e = (a.e & 0x8000) | (((a.e & 0x7fff) + (rnd() % 130) - 65) & 0x7fff); return a;
    default: return gen();
    }
}

/* Control words: every RC and PC (01 reserved included), now and then an unmasked exception. */
static uint16_t gencw(void) {
    uint16_t cw = 0x037f & ~0x0f00;
    cw |= (rnd() & 3) << 10;
    cw |= (rnd() & 3) << 8;
    if (rnd() % 8 == 0) cw &= ~(1 << (rnd() % 6));
    return cw;
}

static const uint16_t masked = 0x037f;

#define CLOB "memory", "st", "st(1)", "st(2)", "st(3)", "st(4)", "st(5)", "st(6)", "st(7)"

/* ST(0) = a, ST(1) = b, run INSN, then store both (with a masked control word). */
#define OP2(NAME, INSN)                                                              \
    static void NAME(uint16_t cw, const f80 *a, const f80 *b, out_t *o) {            \
        __asm__ volatile("fninit\n\tfldcw %[cw]\n\tfldt %[b]\n\tfldt %[a]\n\t" INSN  \
                         "\n\tfnstsw %[sw]\n\tfnclex\n\tfldcw %[mk]\n\t"            \
                         "fstpt %[r0]\n\tfstpt %[r1]\n\tfninit"                      \
                         : [r0] "+m"(o->r0), [r1] "+m"(o->r1), [sw] "=m"(o->sw)     \
                         : [cw] "m"(cw), [mk] "m"(masked), [a] "m"(*a), [b] "m"(*b) \
                         : CLOB);                                                    \
    }

/* As OP2, capturing RFLAGS (set to fin first) after INSN. */
#define OP2F(NAME, INSN)                                                                    \
    static void NAME(uint16_t cw, const f80 *a, const f80 *b, out_t *o, uint64_t fin) {     \
        uint64_t fl;                                                                        \
        __asm__ volatile("fninit\n\tfldcw %[cw]\n\tfldt %[b]\n\tfldt %[a]\n\t"              \
                         "lea -128(%%rsp), %%rsp\n\tpush %[fin]\n\tpopfq\n\t" INSN          \
                         "\n\tpushfq\n\tpop %[fl]\n\tlea 128(%%rsp), %%rsp\n\t"             \
                         "fnstsw %[sw]\n\tfnclex\n\tfldcw %[mk]\n\t"                       \
                         "fstpt %[r0]\n\tfstpt %[r1]\n\tfninit"                             \
                         : [r0] "+m"(o->r0), [r1] "+m"(o->r1), [sw] "=m"(o->sw), [fl] "=&r"(fl) \
                         : [cw] "m"(cw), [mk] "m"(masked), [a] "m"(*a), [b] "m"(*b),        \
                           [fin] "r"(fin)                                                   \
                         : CLOB, "cc");                                                     \
        o->fl = fl & 0x8d5;                                                                 \
    }

/* ST(0) = a, then INSN with a memory operand m of type T (a load or arithmetic). */
#define OPM(NAME, INSN, T)                                                          \
    static void NAME(uint16_t cw, const f80 *a, const T *m, out_t *o) {             \
        __asm__ volatile("fninit\n\tfldcw %[cw]\n\tfldt %[a]\n\t" INSN " %[m]"      \
                         "\n\tfnstsw %[sw]\n\tfnclex\n\tfldcw %[mk]\n\t"           \
                         "fstpt %[r0]\n\tfstpt %[r1]\n\tfninit"                     \
                         : [r0] "+m"(o->r0), [r1] "+m"(o->r1), [sw] "=m"(o->sw)    \
                         : [cw] "m"(cw), [mk] "m"(masked), [a] "m"(*a), [m] "m"(*m) \
                         : CLOB);                                                   \
    }

/* ST(0) = a, then INSN storing to memory m of type T. */
#define OPS(NAME, INSN, T)                                                          \
    static void NAME(uint16_t cw, const f80 *a, T *m, out_t *o) {                   \
        __asm__ volatile("fninit\n\tfldcw %[cw]\n\tfldt %[a]\n\t" INSN " %[m]"      \
                         "\n\tfnstsw %[sw]\n\tfnclex\n\tfldcw %[mk]\n\t"           \
                         "fstpt %[r0]\n\tfninit"                                    \
                         : [r0] "+m"(o->r0), [sw] "=m"(o->sw), [m] "+m"(*m)        \
                         : [cw] "m"(cw), [mk] "m"(masked), [a] "m"(*a)              \
                         : CLOB);                                                   \
    }

OP2(fadd_st, "fadd %%st(1), %%st")
OP2(fsub_st, "fsub %%st(1), %%st")
OP2(fsubr_st, "fsubr %%st(1), %%st")
OP2(fmul_st, "fmul %%st(1), %%st")
OP2(fdiv_st, "fdiv %%st(1), %%st")
OP2(fdivr_st, "fdivr %%st(1), %%st")
OP2(fadd_sti, "fadd %%st, %%st(1)")
OP2(fsub_sti, "fsub %%st, %%st(1)")
OP2(fsubr_sti, "fsubr %%st, %%st(1)")
OP2(fmul_sti, "fmul %%st, %%st(1)")
OP2(fdiv_sti, "fdiv %%st, %%st(1)")
OP2(fdivr_sti, "fdivr %%st, %%st(1)")
OP2(faddp_, "faddp %%st, %%st(1)")
OP2(fsubp_, "fsubp %%st, %%st(1)")
OP2(fsubrp_, "fsubrp %%st, %%st(1)")
OP2(fmulp_, "fmulp %%st, %%st(1)")
OP2(fdivp_, "fdivp %%st, %%st(1)")
OP2(fdivrp_, "fdivrp %%st, %%st(1)")
OP2(fsqrt_, "fsqrt")
OP2(frndint_, "frndint")
OP2(fscale_, "fscale")
OP2(fprem_, "fprem")
OP2(fprem1_, "fprem1")
OP2(fxtract_, "fxtract")
OP2(fchs_, "fchs")
OP2(fabs_, "fabs")
OP2(fxch_, "fxch %%st(1)")
OP2(fcom_, "fcom %%st(1)")
OP2(fcomp_, "fcomp %%st(1)")
OP2(fcompp_, "fcompp")
OP2(fucom_, "fucom %%st(1)")
OP2(fucomp_, "fucomp %%st(1)")
OP2(fucompp_, "fucompp")
OP2(ftst_, "ftst")
OP2(fxam_, "fxam")
OP2(fst_st1, "fst %%st(1)")
OP2(fstp_st1, "fstp %%st(1)")
OP2F(fcomi_, "fcomi %%st(1), %%st")
OP2F(fcomip_, "fcomip %%st(1), %%st")
OP2F(fucomi_, "fucomi %%st(1), %%st")
OP2F(fucomip_, "fucomip %%st(1), %%st")
OP2F(fcmovb_, "fcmovb %%st(1), %%st")
OP2F(fcmove_, "fcmove %%st(1), %%st")
OP2F(fcmovbe_, "fcmovbe %%st(1), %%st")
OP2F(fcmovu_, "fcmovu %%st(1), %%st")
OP2F(fcmovnb_, "fcmovnb %%st(1), %%st")
OP2F(fcmovne_, "fcmovne %%st(1), %%st")
OP2F(fcmovnbe_, "fcmovnbe %%st(1), %%st")
OP2F(fcmovnu_, "fcmovnu %%st(1), %%st")

OPM(fadds_, "fadds", uint32_t)
OPM(fsubs_, "fsubs", uint32_t)
OPM(fsubrs_, "fsubrs", uint32_t)
OPM(fmuls_, "fmuls", uint32_t)
OPM(fdivs_, "fdivs", uint32_t)
OPM(fdivrs_, "fdivrs", uint32_t)
OPM(faddl_, "faddl", uint64_t)
OPM(fsubl_, "fsubl", uint64_t)
OPM(fmull_, "fmull", uint64_t)
OPM(fdivl_, "fdivl", uint64_t)
OPM(fdivrl_, "fdivrl", uint64_t)
OPM(fiaddl_, "fiaddl", uint32_t)
OPM(fimull_, "fimull", uint32_t)
OPM(fidivl_, "fidivl", uint32_t)
OPM(fisubrs_, "fisubrs", uint16_t)
OPM(fidivrs_, "fidivrs", uint16_t)
OPM(fcoms_, "fcoms", uint32_t)
OPM(fcompl_, "fcompl", uint64_t)
OPM(ficoml_, "ficoml", uint32_t)
OPM(ficomps_, "ficomps", uint16_t)
OPM(flds_, "flds", uint32_t)
OPM(fldl_, "fldl", uint64_t)
OPM(filds_, "filds", uint16_t)
OPM(fildl_, "fildl", uint32_t)
OPM(fildll_, "fildll", uint64_t)

OPS(fsts_, "fsts", uint32_t)
OPS(fstps_, "fstps", uint32_t)
OPS(fstl_, "fstl", uint64_t)
OPS(fstpl_, "fstpl", uint64_t)
OPS(fists_, "fists", uint16_t)
OPS(fistpl_, "fistpl", uint32_t)
OPS(fistpll_, "fistpll", uint64_t)
OPS(fisttps_, "fisttps", uint16_t)
OPS(fisttpl_, "fisttpl", uint32_t)
OPS(fisttpll_, "fisttpll", uint64_t)

static void show(const char *name, uint16_t cw, const f80 *a, const f80 *b, const out_t *o) {
    printf("%-9s cw=%04x a=%04x:%016llx", name, cw, a->e, (unsigned long long)a->m);
    if (b) printf(" b=%04x:%016llx", b->e, (unsigned long long)b->m);
    printf(" -> %04x:%016llx %04x:%016llx sw=%04x", o->r0.e, (unsigned long long)o->r0.m, o->r1.e,
           (unsigned long long)o->r1.m, o->sw);
}

static void reset(out_t *o) { memset(o, 0x5a, sizeof *o); }

typedef void (*op2_t)(uint16_t, const f80 *, const f80 *, out_t *);
typedef void (*op2f_t)(uint16_t, const f80 *, const f80 *, out_t *, uint64_t);

static const struct { const char *name; op2_t fn; } ops2[] = {
    {"fadd", fadd_st}, {"fsub", fsub_st}, {"fsubr", fsubr_st}, {"fmul", fmul_st}, {"fdiv", fdiv_st},
    {"fdivr", fdivr_st}, {"fadd2", fadd_sti}, {"fsub2", fsub_sti}, {"fsubr2", fsubr_sti},
    {"fmul2", fmul_sti}, {"fdiv2", fdiv_sti}, {"fdivr2", fdivr_sti}, {"faddp", faddp_}, {"fsubp", fsubp_},
    {"fsubrp", fsubrp_}, {"fmulp", fmulp_}, {"fdivp", fdivp_}, {"fdivrp", fdivrp_}, {"fsqrt", fsqrt_},
    {"frndint", frndint_}, {"fscale", fscale_}, {"fprem", fprem_}, {"fprem1", fprem1_},
    {"fxtract", fxtract_}, {"fchs", fchs_}, {"fabs", fabs_}, {"fxch", fxch_}, {"fcom", fcom_},
    {"fcomp", fcomp_}, {"fcompp", fcompp_}, {"fucom", fucom_}, {"fucomp", fucomp_},
    {"fucompp", fucompp_}, {"ftst", ftst_}, {"fxam", fxam_}, {"fst", fst_st1}, {"fstp", fstp_st1},
};
static const struct { const char *name; op2f_t fn; } ops2f[] = {
    {"fcomi", fcomi_}, {"fcomip", fcomip_}, {"fucomi", fucomi_}, {"fucomip", fucomip_},
    {"fcmovb", fcmovb_}, {"fcmove", fcmove_}, {"fcmovbe", fcmovbe_}, {"fcmovu", fcmovu_},
    {"fcmovnb", fcmovnb_}, {"fcmovne", fcmovne_}, {"fcmovnbe", fcmovnbe_}, {"fcmovnu", fcmovnu_},
};

/* Memory operands: random bit patterns, biased towards special encodings. */
static uint32_t gen32(void) {
    uint32_t r = (uint32_t)rnd();
    switch (rnd() % 6) {
    case 0: return r & 0x807fffff;                 /* zero or denormal */
    case 1: return r | 0x7f800000;                 /* infinity or NaN */
    case 2: return (r & 0x80000000) | 0x7f800000 | ((r & 1) ? 1 : 0x400000);
    default: return r;
    }
}
static uint64_t gen64(void) {
    uint64_t r = rnd();
    switch (rnd() % 6) {
    case 0: return r & 0x800fffffffffffffULL;
    case 1: return r | 0x7ff0000000000000ULL;
    case 2: return r >> (rnd() % 64);
    default: return r;
    }
}

#include <stdlib.h>

/* Optional arguments (for longer runs by hand): seed and number of rounds. */
int main(int argc, char **argv) {
    out_t o;
    int rounds = 150;
    if (argc > 1) seed = strtoull(argv[1], NULL, 0);
    if (argc > 2) rounds = atoi(argv[2]);
    for (int n = 0; n < rounds; n++) {
        for (unsigned k = 0; k < sizeof ops2 / sizeof ops2[0]; k++) {
            f80 a = gen(), b = gen2(a);
            if (k == 20 && rnd() % 2) b = mk((rnd() & 1) << 15 | (0x3fff + rnd() % 16), (1ULL << 63) | rnd()); /* fscale */
            if ((k == 21 || k == 22) && rnd() % 2) a.e = (a.e & 0x8000) | ((b.e & 0x7fff) + rnd() % 200);   /* fprem */
            uint16_t cw = gencw();
            reset(&o);
            ops2[k].fn(cw, &a, &b, &o);
            show(ops2[k].name, cw, &a, &b, &o);
            printf("\n");
        }
        for (unsigned k = 0; k < sizeof ops2f / sizeof ops2f[0]; k++) {
            f80 a = gen(), b = gen2(a);
            uint16_t cw = gencw();
            uint64_t fin = 0x202 | (rnd() & 0x8d5);
            reset(&o);
            ops2f[k].fn(cw, &a, &b, &o, fin);
            show(ops2f[k].name, cw, &a, &b, &o);
            printf(" fin=%03llx fl=%03llx\n", (unsigned long long)fin, (unsigned long long)o.fl);
        }
#define M32(fn, gen_)                                                    \
    do {                                                                 \
        f80 a = gen();                                                   \
        uint32_t m = gen_;                                               \
        uint16_t cw = gencw();                                           \
        reset(&o);                                                       \
        fn(cw, &a, &m, &o);                                              \
        show(#fn, cw, &a, NULL, &o);                                     \
        printf(" m=%llx\n", (unsigned long long)m);                      \
    } while (0)
#define M64(fn, gen_)                                                    \
    do {                                                                 \
        f80 a = gen();                                                   \
        uint64_t m = gen_;                                               \
        uint16_t cw = gencw();                                           \
        reset(&o);                                                       \
        fn(cw, &a, &m, &o);                                              \
        show(#fn, cw, &a, NULL, &o);                                     \
        printf(" m=%llx\n", (unsigned long long)m);                      \
    } while (0)
#define M16(fn, gen_)                                                    \
    do {                                                                 \
        f80 a = gen();                                                   \
        uint16_t m = gen_;                                               \
        uint16_t cw = gencw();                                           \
        reset(&o);                                                       \
        fn(cw, &a, &m, &o);                                              \
        show(#fn, cw, &a, NULL, &o);                                     \
        printf(" m=%llx\n", (unsigned long long)m);                      \
    } while (0)
        M32(fadds_, gen32()); M32(fsubs_, gen32()); M32(fsubrs_, gen32()); M32(fmuls_, gen32());
        M32(fdivs_, gen32()); M32(fdivrs_, gen32());
        M64(faddl_, gen64()); M64(fsubl_, gen64()); M64(fmull_, gen64()); M64(fdivl_, gen64());
        M64(fdivrl_, gen64());
        M32(fiaddl_, (uint32_t)gen64()); M32(fimull_, (uint32_t)gen64()); M32(fidivl_, (uint32_t)gen64());
        M16(fisubrs_, (uint16_t)rnd()); M16(fidivrs_, (uint16_t)rnd());
        M32(fcoms_, gen32()); M64(fcompl_, gen64()); M32(ficoml_, (uint32_t)rnd()); M16(ficomps_, (uint16_t)rnd());
        M32(flds_, gen32()); M64(fldl_, gen64()); M16(filds_, (uint16_t)rnd()); M32(fildl_, (uint32_t)gen64());
        M64(fildll_, gen64());
        M32(fsts_, 0); M32(fstps_, 0); M64(fstl_, 0); M64(fstpl_, 0);
        M16(fists_, 0); M32(fistpl_, 0); M64(fistpll_, 0);
        M16(fisttps_, 0); M32(fisttpl_, 0); M64(fisttpll_, 0);
    }
    return 0;
}
