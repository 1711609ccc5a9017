/* Shared helpers for the sse_*.c instruction tests: 128-bit values as two
 * 64-bit halves, one-instruction inline-asm wrappers that load MXCSR first and
 * store it after (so the exception flags the instruction raised are visible and
 * the compiler cannot fold or move the operation), and value generators.
 * Everything is printed in hex, so floating-point results compare exactly. */
#ifndef BLINK_TEST_SSE_COMMON_H
#define BLINK_TEST_SSE_COMMON_H

#include <emmintrin.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

typedef struct { uint64_t lo, hi; } v128;

#define CSR_DEFAULT 0x1f80u
static const unsigned csr_default = CSR_DEFAULT;

static inline __m128i ld128(v128 v) { return _mm_set_epi64x((long long)v.hi, (long long)v.lo); }
static inline v128 st128(__m128i x) { v128 v; _mm_storeu_si128((__m128i *)&v, x); return v; }
static inline v128 mk(uint64_t lo, uint64_t hi) { v128 v = {lo, hi}; return v; }
static inline void pv(v128 v) { printf(" %016llx:%016llx", (unsigned long long)v.hi, (unsigned long long)v.lo); }

/* d = d INSN s with MXCSR = csr; *flags receives MXCSR afterwards. INSN may carry
 * an immediate: "cmpps $3,". */
#define XOP(insn, d, s, csr, flags)                                                          \
    do {                                                                                     \
        __m128i a_ = ld128(d), b_ = ld128(s);                                                \
        unsigned c_ = (csr), o_;                                                             \
        __asm__ volatile("ldmxcsr %[c]\n\t" insn " %[b],%[a]\n\tstmxcsr %[o]\n\tldmxcsr %[z]" \
                         : [a] "+x"(a_), [o] "=m"(o_)                                        \
                         : [b] "x"(b_), [c] "m"(c_), [z] "m"(csr_default));                 \
        (d) = st128(a_);                                                                     \
        (flags) = o_;                                                                        \
    } while (0)

/* The same with the source in memory (16-byte aligned). */
#define XOPM(insn, d, s, csr, flags)                                                          \
    do {                                                                                      \
        __m128i a_ = ld128(d);                                                                \
        static __m128i m_;                                                                    \
        m_ = ld128(s);                                                                        \
        unsigned c_ = (csr), o_;                                                              \
        __asm__ volatile("ldmxcsr %[c]\n\t" insn " %[m],%[a]\n\tstmxcsr %[o]\n\tldmxcsr %[z]" \
                         : [a] "+x"(a_), [o] "=m"(o_)                                         \
                         : [m] "m"(m_), [c] "m"(c_), [z] "m"(csr_default));                  \
        (d) = st128(a_);                                                                      \
        (flags) = o_;                                                                         \
    } while (0)

/* Small deterministic PRNG (64-bit LCG, top bits). */
static uint64_t sse_lcg = 0x9E3779B97F4A7C15ULL;
static inline uint64_t rnd64(void) {
    uint64_t r;
    sse_lcg = sse_lcg * 6364136223846793005ULL + 1442695040888963407ULL;
    r = sse_lcg >> 32;
    sse_lcg = sse_lcg * 6364136223846793005ULL + 1442695040888963407ULL;
    return (r << 32) | (sse_lcg >> 32);
}

/* Interesting binary64 and binary32 bit patterns: zeros, ones, infinities, quiet
 * and signaling NaNs with payloads, extremes, denormals, ties, integer limits. */
static const uint64_t f64s[] = {
    0, 0x8000000000000000ULL, 0x3ff0000000000000ULL, 0xbff0000000000000ULL, 0x7ff0000000000000ULL,
    0xfff0000000000000ULL, 0x7ff8000000000000ULL, 0xfff8000000000001ULL, 0x7ff4000000000001ULL,
    0x7ff0000000000001ULL, 0x7fefffffffffffffULL, 0xffefffffffffffffULL, 0x0010000000000000ULL,
    0x000fffffffffffffULL, 0x0000000000000001ULL, 0x8000000000000003ULL, 0x3fe0000000000000ULL,
    0x4004000000000000ULL, 0x43e0000000000000ULL, 0xc1e0000000000000ULL, 0x41dfffffffc00000ULL,
    0x3fd5555555555555ULL, 0x3ca0000000000000ULL, 0x7fe0000000000000ULL, 0x0018000000000001ULL};
static const uint32_t f32s[] = {
    0, 0x80000000, 0x3f800000, 0xbf800000, 0x7f800000, 0xff800000, 0x7fc00000, 0xffc00001, 0x7fa00001,
    0x7f800001, 0x7f7fffff, 0xff7fffff, 0x00800000, 0x007fffff, 0x00000001, 0x80000003, 0x3f000000,
    0x40200000, 0x4f000000, 0xcf000000, 0x5f000000, 0x3eaaaaab, 0x33800000, 0x7f000000, 0x00c00001};
#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

/* A random-ish binary64: a special value, a "nice" number, or random bits. */
static inline uint64_t any64(void) {
    uint64_t r = rnd64();
    switch (r & 7) {
    case 0: case 1: return f64s[(r >> 8) % NELEM(f64s)];
    case 2: { double d = (double)(int64_t)(rnd64() % 2001) / 8 - 125; uint64_t u; memcpy(&u, &d, 8); return u; }
    case 3: return (rnd64() & 0x800fffffffffffffULL) | ((uint64_t)(1000 + (r >> 8) % 48) << 52);
    default: return rnd64();
    }
}
static inline uint32_t any32(void) {
    uint64_t r = rnd64();
    switch (r & 7) {
    case 0: case 1: return f32s[(r >> 8) % NELEM(f32s)];
    case 2: { float f = (float)(int)(rnd64() % 2001) / 8 - 125; uint32_t u; memcpy(&u, &f, 4); return u; }
    case 3: return ((uint32_t)rnd64() & 0x807fffffu) | ((uint32_t)(120 + (r >> 8) % 16) << 23);
    default: return (uint32_t)rnd64();
    }
}

#endif
