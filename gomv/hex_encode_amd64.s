#include "textflag.h"

// Sixteen copies of each constant the nibble-to-digit step needs.
DATA hexLowNibble<>+0(SB)/8, $0x0f0f0f0f0f0f0f0f
DATA hexLowNibble<>+8(SB)/8, $0x0f0f0f0f0f0f0f0f
GLOBL hexLowNibble<>(SB), RODATA|NOPTR, $16
DATA hexNine<>+0(SB)/8, $0x0909090909090909
DATA hexNine<>+8(SB)/8, $0x0909090909090909
GLOBL hexNine<>(SB), RODATA|NOPTR, $16
DATA hexDigitZero<>+0(SB)/8, $0x3030303030303030
DATA hexDigitZero<>+8(SB)/8, $0x3030303030303030
GLOBL hexDigitZero<>(SB), RODATA|NOPTR, $16
DATA hexLetterGap<>+0(SB)/8, $0x2727272727272727
DATA hexLetterGap<>+8(SB)/8, $0x2727272727272727
GLOBL hexLetterGap<>(SB), RODATA|NOPTR, $16

// func hexEncodeBlocksSSE2(dst, src *byte, blocks int)
// Each block of 16 bytes at src becomes 32 digits at dst. A nibble n
// becomes '0'+n, plus 'a'-'0'-10 where n > 9; the high and low digits are
// then interleaved with the unpack instructions. SSE2 is part of every
// amd64 CPU, so no feature check is needed.
TEXT ·hexEncodeBlocksSSE2(SB), NOSPLIT, $0-24
	MOVQ  dst+0(FP), DI
	MOVQ  src+8(FP), SI
	MOVQ  blocks+16(FP), CX
	TESTQ CX, CX
	JZ    done
	MOVOU hexLowNibble<>(SB), X8
	MOVOU hexNine<>(SB), X9
	MOVOU hexDigitZero<>(SB), X10
	MOVOU hexLetterGap<>(SB), X11

loop:
	MOVOU (SI), X0
	MOVO  X0, X1
	PSRLW $4, X1
	PAND  X8, X1     // X1: high nibbles
	PAND  X8, X0     // X0: low nibbles

	MOVO    X1, X2
	PCMPGTB X9, X2   // 0xff where the nibble > 9
	PAND    X11, X2
	PADDB   X10, X1
	PADDB   X2, X1   // X1: high digits

	MOVO    X0, X3
	PCMPGTB X9, X3
	PAND    X11, X3
	PADDB   X10, X0
	PADDB   X3, X0   // X0: low digits

	MOVO      X1, X4
	PUNPCKLBW X0, X4 // digits of bytes 0-7, high first
	PUNPCKHBW X0, X1 // digits of bytes 8-15
	MOVOU     X4, (DI)
	MOVOU     X1, 16(DI)

	ADDQ $16, SI
	ADDQ $32, DI
	DECQ CX
	JNZ  loop

done:
	RET
