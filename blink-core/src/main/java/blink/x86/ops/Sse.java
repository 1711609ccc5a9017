package blink.x86.ops;

import blink.x86.OpcodeTable;

/**
 * The MMX, SSE, SSE2, SSE3 and SSSE3 instruction families (legacy encodings, XMM0–XMM15 and
 * MXCSR). Each concern has its own file:
 *
 * <ul>
 *   <li>{@link SseMove}: MOVAPS/MOVUPS/MOVDQA/MOVDQU, MOVSS/MOVSD, MOVLPS/MOVHPS…,
 *       MOVD/MOVQ, non-temporal stores, MOVMSKPS/PMOVMSKB, MASKMOVDQU, PEXTRW/PINSRW,
 *       PREFETCH, LDDQU and the SSE3 duplicating moves;
 *   <li>{@link SseInt}: packed integer add/sub (wrapping, saturating), compares,
 *       min/max, multiplies, averages, PSADBW, and the bitwise logic;
 *   <li>{@link SseShuffle}: PSHUFD/PSHUFLW/PSHUFHW, SHUFPS/SHUFPD, unpacks, packs;
 *   <li>{@link SseShift}: PSLL/PSRL/PSRA and PSLLDQ/PSRLDQ;
 *   <li>{@link SseFloat}: floating-point arithmetic, square root, RCP/RSQRT, SSE3
 *       horizontal add/sub; lanes in {@link SseFp}, exact slow paths in
 *       {@link SseSoftFloat};
 *   <li>{@link SseCompare}: CMPccPS/PD/SS/SD, COMIS/UCOMIS;
 *   <li>{@link SseConvert}: CVT* between integers, binary32 and binary64;
 *   <li>{@link SseMxcsr}: LDMXCSR/STMXCSR and the exception-flag protocol;
 *   <li>{@link Mmx}, {@link MmxMove}: the MMX (no-prefix 0F) forms on MM0–MM7, which
 *       alias the x87 registers ({@link MmxOperands}), EMMS, MOVQ2DQ/MOVDQ2Q, CVTPI2PS…;
 *   <li>{@link Ssse3}: the SSSE3 0F 38/0F 3A instructions, XMM and MMX forms.
 * </ul>
 */
public final class Sse {
  private Sse() {}

  public static void register(OpcodeTable t) {
    SseMove.register(t);
    SseInt.register(t);
    SseShuffle.register(t);
    SseShift.register(t);
    SseFloat.register(t);
    SseCompare.register(t);
    SseConvert.register(t);
    SseMxcsr.register(t);
    Mmx.register(t);
    MmxMove.register(t);
    Ssse3.register(t);
  }
}
