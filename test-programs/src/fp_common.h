/* Shared helpers for the fp_*.c programs: exact bit patterns of float, double
 * and long double (x87 80-bit: sign+exponent word, 64-bit significand), the
 * four rounding modes, and the raw MXCSR / x87 control and status words, so
 * every difference from the host shows. */
#ifndef BLINK_TEST_FP_COMMON_H
#define BLINK_TEST_FP_COMMON_H

#include <fenv.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

static inline uint32_t fbits(float f) { uint32_t u; memcpy(&u, &f, 4); return u; }
static inline uint64_t dbits(double d) { uint64_t u; memcpy(&u, &d, 8); return u; }
static inline float fmake(uint32_t u) { float f; memcpy(&f, &u, 4); return f; }
static inline double dmake(uint64_t u) { double d; memcpy(&d, &u, 8); return d; }

typedef struct { uint64_t m; uint16_t se; } __attribute__((packed)) f80;

static inline f80 lbits(long double x) { f80 r; memcpy(&r, &x, 10); return r; }
static inline long double lmake(uint16_t se, uint64_t m) {
    long double x = 0;
    f80 r = {m, se};
    memcpy(&x, &r, 10);
    return x;
}

/* "%08x", "%016llx" and "%04x:%016llx" into a caller's buffer. */
#define FB(f) ((unsigned)fbits(f))
#define DB(d) ((unsigned long long)dbits(d))
static inline const char *lhex(char *buf, long double x) {
    f80 r = lbits(x);
    sprintf(buf, "%04x:%016llx", r.se, (unsigned long long)r.m);
    return buf;
}

static const int fp_modes[4] = {FE_TONEAREST, FE_UPWARD, FE_DOWNWARD, FE_TOWARDZERO};
static const char *const fp_mode_names[4] = {"nearest", "upward", "downward", "towardzero"};

/* The "memory" clobbers keep stores of results to volatile objects before and
 * after these, so an operation's flags are read after it and nowhere else. */
static inline unsigned get_mxcsr(void) { unsigned v; __asm__ volatile("stmxcsr %0" : "=m"(v) : : "memory"); return v; }
static inline void set_mxcsr(unsigned v) { __asm__ volatile("ldmxcsr %0" : : "m"(v) : "memory"); }
static inline unsigned get_fpucw(void) { uint16_t v; __asm__ volatile("fnstcw %0" : "=m"(v) : : "memory"); return v; }
static inline unsigned get_fpusw(void) { uint16_t v; __asm__ volatile("fnstsw %0" : "=m"(v) : : "memory"); return v; }

/* fetestexcept as letters: Invalid, Zero-divide, Overflow, Underflow, ineXact. */
static inline const char *except_letters(char *buf, int e) {
    char *p = buf;
    if (e & FE_INVALID) *p++ = 'I';
    if (e & FE_DIVBYZERO) *p++ = 'Z';
    if (e & FE_OVERFLOW) *p++ = 'O';
    if (e & FE_UNDERFLOW) *p++ = 'U';
    if (e & FE_INEXACT) *p++ = 'X';
    if (p == buf) *p++ = '-';
    *p = 0;
    return buf;
}

#endif
