/* fuzz_statement.c - the conformance statement loader (etsilint-statement.yaml)
 * from memory. A statement that loads names only catalogue provisions, each
 * at most once, with a position; a failure always comes with an error. */
#include "fuzz.h"

#include <string.h>

#include "diag.h"
#include "provisions.h"
#include "statement.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct statement st = {0};
	struct diag d;
	diag_init(&d);
	int rc = statement_load_string(&st, "fuzz-statement.yaml", (const char *)data, size, &d);
	if (rc != 0) {
		FUZZ_CHECK(d.nerrors > 0, "load failed without an error");
	} else {
		for (size_t i = 0; i < st.n; i++) {
			const struct stmt_entry *e = &st.v[i];
			FUZZ_CHECK(e->prov && provision_find(e->prov->id) == e->prov,
				   "entry %zu: not a catalogue provision", i);
			FUZZ_CHECK(e->line >= 1, "entry %s without a line", e->prov->id);
			FUZZ_CHECK(statement_find(&st, e->prov->id) == e, "entry %s twice", e->prov->id);
			FUZZ_CHECK(e->evidence != NULL, "entry %s: evidence NULL", e->prov->id);
			FUZZ_CHECK(e->supported >= STMT_YES && e->supported <= STMT_NA,
				   "entry %s: support %d", e->prov->id, (int)e->supported);
		}
	}
	statement_free(&st);
	diag_free(&d);
	return 0;
}
