/* MMX and the SSE integer additions on MM registers, the MM<->XMM moves and
 * conversions, and x87 use after EMMS. GCC lowers __m64 intrinsics to SSE in
 * 64-bit mode, so the MMX forms are written out as inline assembly. */
#include <stdint.h>
#include <stdio.h>

static uint64_t state = 0x2545f4914f6cdd1dull;

static uint64_t next(void) {
  state ^= state << 13;
  state ^= state >> 7;
  state ^= state << 17;
  uint64_t v = state;
  switch (v & 3) {
    case 0: return v & 0x8080808080808080ull;
    case 1: return v | 0x7f007f007f007f00ull;
    default: return v;
  }
}

/* insn %mm1, %mm0 (register source) and insn m64, %mm2 (memory source). */
#define MM(insn, a, b) ({ uint64_t r_; __asm__ volatile("movq %1, %%mm0\n\tmovq %2, %%mm1\n\t" insn " %%mm1, %%mm0\n\tmovq %%mm0, %0" : "=r"(r_) : "r"(a), "r"(b) : "mm0", "mm1"); r_; })
#define MMM(insn, a, b) ({ uint64_t r_, m_ = (b); __asm__ volatile("movq %1, %%mm2\n\t" insn " %2, %%mm2\n\tmovq %%mm2, %0" : "=r"(r_) : "r"(a), "m"(m_) : "mm2"); r_; })
/* insn $imm, %mm3 (shift groups) */
#define MI(insn, a) ({ uint64_t r_; __asm__ volatile("movq %1, %%mm3\n\t" insn ", %%mm3\n\tmovq %%mm3, %0" : "=r"(r_) : "r"(a) : "mm3"); r_; })

static void pm(const char *name, uint64_t v) { printf("%-14s %016llx\n", name, (unsigned long long)v); }

#define B(i) (pm(i, MM(i, a, b)), pm(i " m", MMM(i, b, a)))

int main(void) {
  for (int k = 0; k < 24; k++) {
    uint64_t a = next(), b = next();
    B("paddb"); B("paddw"); B("paddd"); B("paddq"); B("paddsb"); B("paddsw"); B("paddusb"); B("paddusw");
    B("psubb"); B("psubw"); B("psubd"); B("psubq"); B("psubsb"); B("psubsw"); B("psubusb"); B("psubusw");
    B("pcmpeqb"); B("pcmpeqw"); B("pcmpeqd"); B("pcmpgtb"); B("pcmpgtw"); B("pcmpgtd");
    B("pand"); B("pandn"); B("por"); B("pxor"); B("pmullw"); B("pmulhw"); B("pmulhuw"); B("pmuludq"); B("pmaddwd");
    B("packsswb"); B("packssdw"); B("packuswb"); B("punpcklbw"); B("punpcklwd"); B("punpckldq");
    B("punpckhbw"); B("punpckhwd"); B("punpckhdq"); B("pminub"); B("pmaxub"); B("pminsw"); B("pmaxsw");
    B("pavgb"); B("pavgw"); B("psadbw");
    uint64_t n = (uint64_t)k * 3;
    pm("psllw", MM("psllw", a, n)); pm("psrld", MM("psrld", a, n)); pm("psraw", MM("psraw", a, n));
    pm("psrad", MM("psrad", a, n)); pm("psllq", MMM("psllq", a, n)); pm("psrlq", MM("psrlq", a, n));
    pm("psllw $5", MI("psllw $5", b)); pm("psrld $13", MI("psrld $13", b)); pm("psraw $9", MI("psraw $9", b));
    pm("psrad $40", MI("psrad $40", b)); pm("psllq $33", MI("psllq $33", b)); pm("psrlq $7", MI("psrlq $7", b));
    pm("pshufw $0x1b", MI("pshufw $0x1b, %%mm3", a));
    uint64_t r;
    uint32_t e, mask;
    __asm__ volatile("movq %2, %%mm4\n\tpinsrw $2, %3, %%mm4\n\tpextrw $3, %%mm4, %1\n\tpmovmskb %%mm4, %k0\n\tmovq %%mm4, %q2"
                     : "=r"(mask), "=r"(e), "+r"(a) : "r"((uint32_t)k * 1000) : "mm4");
    printf("pinsrw %016llx pextrw %u pmovmskb %u\n", (unsigned long long)a, e, mask);
    unsigned char buf[8] = {0};
    __asm__ volatile("movq %0, %%mm5\n\tmovq %1, %%mm6\n\tmaskmovq %%mm6, %%mm5" : : "r"(a), "r"(b), "D"(buf) : "mm5", "mm6", "memory");
    uint64_t nt;
    __asm__ volatile("movq %1, %%mm7\n\tmovntq %%mm7, %0\n\tsfence" : "=m"(nt) : "r"(b) : "mm7");
    printf("maskmovq %016llx movntq %016llx\n", *(unsigned long long *)buf, (unsigned long long)nt);
    uint32_t lo;
    __asm__ volatile("movd %k1, %%mm0\n\tmovd %%mm0, %0" : "=r"(lo) : "r"(b) : "mm0");
    __asm__ volatile("movq %1, %%mm0\n\tmovq2dq %%mm0, %%xmm0\n\tpaddq %%xmm0, %%xmm0\n\tmovdq2q %%xmm0, %%mm1\n\tmovq %%mm1, %0"
                     : "=r"(r) : "r"(a) : "mm0", "mm1", "xmm0");
    printf("movd %08x movq2dq/movdq2q %016llx\n", lo, (unsigned long long)r);
    int32_t in[2] = {k - 12, k * 1000003};
    float fs[4];
    double ds[2];
    uint64_t c1, c2, c3, c4;
    __asm__ volatile("movq %4, %%mm0\n\txorps %%xmm0, %%xmm0\n\tcvtpi2ps %%mm0, %%xmm0\n\tmovups %%xmm0, %0\n\t"
                     "cvtpi2pd %4, %%xmm1\n\tmovupd %%xmm1, %1\n\t"
                     "cvtps2pi %%xmm0, %%mm1\n\tmovq %%mm1, %2\n\tcvttpd2pi %%xmm1, %%mm2\n\tmovq %%mm2, %3"
                     : "=m"(fs), "=m"(ds), "=r"(c1), "=r"(c2) : "m"(in) : "mm0", "mm1", "mm2", "xmm0", "xmm1");
    double scaled[2] = {ds[0] * 0.37, ds[1] * -0.61};
    float fscaled[4] = {fs[0] * 0.3f, fs[1] * 1.7f, 0, 0};
    __asm__ volatile("cvtpd2pi %2, %%mm3\n\tmovq %%mm3, %0\n\tcvttps2pi %3, %%mm4\n\tmovq %%mm4, %1"
                     : "=r"(c3), "=r"(c4) : "m"(scaled), "m"(fscaled) : "mm3", "mm4");
    __asm__ volatile("emms"); /* before printf: musl formats %g with x87 long doubles */
    printf("cvt %g %g %g %g %016llx %016llx %016llx %016llx\n", fs[0], fs[1], ds[0], ds[1],
           (unsigned long long)c1, (unsigned long long)c2, (unsigned long long)c3, (unsigned long long)c4);
  }
  volatile long double x = 1.0L;
  for (int k = 0; k < 10; k++) x = x * 3.0L / 2.0L;
  printf("x87 after emms: %.10Lf\n", x);
  return 0;
}
