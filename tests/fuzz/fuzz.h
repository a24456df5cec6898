/* fuzz.h - shared declarations of the libFuzzer targets in tests/fuzz/.
 *
 * Each fuzz_*.c is one libFuzzer target (LLVMFuzzerTestOneInput) linked
 * against the project's objects built with -fsanitize=fuzzer-no-link,
 * address,undefined (see the fuzz block at the end of the Makefile).
 * A broken invariant calls FUZZ_CHECK, which prints and aborts, so libFuzzer
 * records the input as a crash like any sanitizer report. */
#ifndef ETSILINT_FUZZ_H
#define ETSILINT_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define FUZZ_CHECK(cond, ...)                                                         \
	do {                                                                          \
		if (!(cond)) {                                                        \
			fprintf(stderr, "%s:%d: invariant failed: %s: ", __FILE__,    \
				__LINE__, #cond);                                     \
			fprintf(stderr, __VA_ARGS__);                                 \
			fputc('\n', stderr);                                          \
			abort();                                                      \
		}                                                                     \
	} while (0)

#endif
