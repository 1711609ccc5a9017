/* SSSE3 on XMM and MM registers: every instruction on pseudo-random operands. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <tmmintrin.h>

static uint64_t state = 0x9e3779b97f4a7c15ull;

static uint64_t next(void) {
  state ^= state << 13;
  state ^= state >> 7;
  state ^= state << 17;
  uint64_t v = state;
  switch (v & 3) { /* bias towards lane extremes */
    case 0: return v & 0x8080808080808080ull;
    case 1: return v | 0x7f007f007f007f00ull;
    default: return v;
  }
}

static __m128i x128(void) { return _mm_set_epi64x((long long)next(), (long long)next()); }
/* GCC lowers __m64 intrinsics to SSE in 64-bit mode, so the MMX forms are written out. */
#define MM(insn, a, b) ({ uint64_t r_; __asm__ volatile("movq %1, %%mm0\n\tmovq %2, %%mm1\n\t" insn " %%mm1, %%mm0\n\tmovq %%mm0, %0" : "=r"(r_) : "r"(a), "r"(b) : "mm0", "mm1"); r_; })
#define MMM(insn, a, b) ({ uint64_t r_, m_ = (b); __asm__ volatile("movq %1, %%mm2\n\t" insn " %2, %%mm2\n\tmovq %%mm2, %0" : "=r"(r_) : "r"(a), "m"(m_) : "mm2"); r_; })

static void px(const char *name, __m128i v) {
  uint64_t q[2];
  memcpy(q, &v, 16);
  printf("%-10s %016llx %016llx\n", name, (unsigned long long)q[1], (unsigned long long)q[0]);
}

static void pm(const char *name, uint64_t v) {
  printf("%-10s %016llx\n", name, (unsigned long long)v);
}

#define X(f) px(#f, f(a, b))
#define M(i) (pm(i, MM(i, c, d)), pm(i " m", MMM(i, d, c)))

int main(void) {
  for (int k = 0; k < 24; k++) {
    __m128i a = x128(), b = x128();
    uint64_t c = next(), d = next();
    X(_mm_shuffle_epi8); X(_mm_hadd_epi16); X(_mm_hadd_epi32); X(_mm_hadds_epi16);
    X(_mm_hsub_epi16); X(_mm_hsub_epi32); X(_mm_hsubs_epi16); X(_mm_maddubs_epi16);
    X(_mm_mulhrs_epi16); X(_mm_sign_epi8); X(_mm_sign_epi16); X(_mm_sign_epi32);
    px("abs_epi8", _mm_abs_epi8(a)); px("abs_epi16", _mm_abs_epi16(a)); px("abs_epi32", _mm_abs_epi32(b));
    px("alignr3", _mm_alignr_epi8(a, b, 3)); px("alignr17", _mm_alignr_epi8(a, b, 17));
    px("alignr0", _mm_alignr_epi8(a, b, 0)); px("alignr31", _mm_alignr_epi8(a, b, 31));
    M("pshufb"); M("phaddw"); M("phaddd"); M("phaddsw"); M("phsubw"); M("phsubd"); M("phsubsw");
    M("pmaddubsw"); M("pmulhrsw"); M("psignb"); M("psignw"); M("psignd"); M("pabsb"); M("pabsw"); M("pabsd");
    M("palignr $5,"); M("palignr $9,"); M("palignr $0,"); M("palignr $16,");
    _mm_empty();
  }
  volatile long double x = 1.0L;
  for (int k = 0; k < 10; k++) x = x * 3.0L / 2.0L;
  printf("x87 after emms: %.10Lf\n", x);
  return 0;
}
