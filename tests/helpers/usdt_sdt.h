/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * A minimal USDT probe for tests, written from the note format (not
 * systemtap's sdt.h): a nop at the probe site, and a .note.stapsdt note
 * (owner "stapsdt", type 3) whose description holds the nop's address,
 * the address of .stapsdt.base, the semaphore's address (or 0), then
 * "provider\0name\0args\0". Each argument is printed by the compiler as
 * "SIZE@OPERAND": the operand with an "nor" constraint (constant, memory
 * or register), SIZE through %n of a constant operand, which prints its
 * negation, so a signed argument gets a negative size.
 *
 *	USDT_PROBE(prov, name, a, b)		up to 3 integer arguments
 *	USDT_SEMAPHORE(prov, name);		at file scope, then
 *	USDT_PROBE_SEMA(prov, name, a, b)	counts in prov_name_semaphore
 *
 * Arguments must be integers (cast pointers to unsigned long).
 */
#ifndef USDT_SDT_H
#define USDT_SDT_H

/* The size operand: %n prints -(this), so signed types give "-SIZE". */
#define __usdt_size(x) (((__typeof__(x))-1 < 0) ? (int)sizeof(x) : -(int)sizeof(x))

#define __usdt_ops0()
#define __usdt_ops1(a) , [s1] "n"(__usdt_size(a)), [a1] "nor"(a)
#define __usdt_ops2(a, b) __usdt_ops1(a), [s2] "n"(__usdt_size(b)), [a2] "nor"(b)
#define __usdt_ops3(a, b, c) __usdt_ops2(a, b), [s3] "n"(__usdt_size(c)), [a3] "nor"(c)
#define __usdt_fmt0 ""
#define __usdt_fmt1 "%n[s1]@%[a1]"
#define __usdt_fmt2 __usdt_fmt1 " %n[s2]@%[a2]"
#define __usdt_fmt3 __usdt_fmt2 " %n[s3]@%[a3]"

#define __usdt_nth(_0, _1, _2, _3, N, ...) N
#define __usdt_narg(...) __usdt_nth(_0, ##__VA_ARGS__, 3, 2, 1, 0)
#define __usdt_cat(a, b) a##b
#define __usdt_apply(m, n) __usdt_cat(m, n)

#define __usdt_note(prov, name, sema, fmt, ...)					\
	__asm__ __volatile__(							\
		"990:	nop\n"							\
		".pushsection .note.stapsdt, \"?\", \"note\"\n"			\
		".balign 4\n"							\
		".4byte 992f-991f, 994f-993f, 3\n"				\
		"991:	.asciz \"stapsdt\"\n"					\
		"992:	.balign 4\n"						\
		"993:	.8byte 990b\n"						\
		".8byte _.stapsdt.base\n"					\
		".8byte " sema "\n"						\
		".asciz \"" #prov "\"\n"					\
		".asciz \"" #name "\"\n"					\
		".asciz \"" fmt "\"\n"						\
		"994:	.balign 4\n"						\
		".popsection\n"							\
		".ifndef _.stapsdt.base\n"					\
		".pushsection .stapsdt.base, \"aG\", \"progbits\", .stapsdt.base, comdat\n" \
		".weak _.stapsdt.base\n"					\
		".hidden _.stapsdt.base\n"					\
		"_.stapsdt.base: .space 1\n"					\
		".size _.stapsdt.base, 1\n"					\
		".popsection\n"							\
		".endif\n"							\
		:: __VA_ARGS__)

#define __usdt_probe(prov, name, sema, ...)					\
	_Pragma("GCC diagnostic push")						\
	_Pragma("GCC diagnostic ignored \"-Wtype-limits\"")			\
	__usdt_note(prov, name, sema,						\
		    __usdt_apply(__usdt_fmt, __usdt_narg(__VA_ARGS__)),		\
		    "i"(0) __usdt_apply(__usdt_ops, __usdt_narg(__VA_ARGS__))(__VA_ARGS__)); \
	_Pragma("GCC diagnostic pop")

#define USDT_PROBE(prov, name, ...) __usdt_probe(prov, name, "0", ##__VA_ARGS__)

/* The semaphore the kernel counts attached uprobes in (ref_ctr_offset). */
#define USDT_SEMAPHORE(prov, name) \
	volatile unsigned short prov##_##name##_semaphore \
	__attribute__((section(".probes"), used))

#define USDT_PROBE_SEMA(prov, name, ...) \
	__usdt_probe(prov, name, #prov "_" #name "_semaphore", ##__VA_ARGS__)

#endif /* USDT_SDT_H */
