/* fuzz_suppress.c - the suppression-comment parser on a textfile of the
 * input, as a C file (byte 0 even) or a '#'-comment config file (odd). Every
 * entry must name a rule, cover lines inside the file (line <= last), and
 * lookups over every line must stay consistent with the entries. */
#include "fuzz.h"

#include <string.h>

#include "classify.h"
#include "suppress.h"
#include "textfile.h"
#include "util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1 || memchr(data + 1, '\0', size - 1))
		return 0;
	unsigned kind = data[0] % 2 ? FK_KCONFIG : FK_C;
	struct textfile *tf = textfile_new(xstrndup((const char *)data + 1, size - 1), size - 1);
	struct suppressions s = {0};
	suppress_parse(tf, kind, &s);
	FUZZ_CHECK(s.n <= s.cap || s.cap == 0, "n %zu > cap %zu", s.n, s.cap);
	for (size_t i = 0; i < s.n; i++) {
		const struct suppression *e = &s.v[i];
		FUZZ_CHECK(e->rule && *e->rule, "entry %zu without a rule id", i);
		FUZZ_CHECK(e->line >= 1 && e->line <= tf->nlines + 1, "entry %zu line %u of %zu", i,
			   e->line, tf->nlines);
		FUZZ_CHECK(e->last >= e->line, "entry %zu covers %u..%u", i, e->line, e->last);
		/* A suppression with a reason covers its own line. */
		if (e->reason)
			FUZZ_CHECK(suppress_lookup(&s, e->rule, e->line) != NULL,
				   "entry %zu (%s) does not cover its own line %u", i, e->rule, e->line);
	}
	suppress_free(&s);
	textfile_free(tf);
	return 0;
}
