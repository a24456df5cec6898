/* fuzz_rulepack.c - the rule-pack loader (libyaml -> validated rules) on
 * arbitrary text: rulepack_load_string must report errors, never crash,
 * leak or read outside the (not NUL-terminated) input. A pack that loads is
 * checked: sorted by id, each rule found by its id and indexed in place. */
#include "fuzz.h"

#include <string.h>

#include "diag.h"
#include "rule.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct rulepack pack = {0};
	struct diag d;
	diag_init(&d);
	int rc = rulepack_load_string(&pack, "fuzz.yaml", (const char *)data, size, &d);
	if (rc == 0) {
		for (size_t i = 0; i < pack.n; i++) {
			const struct rule *r = pack.rules[i];
			FUZZ_CHECK(r && r->id && r->ops, "rule %zu incomplete", i);
			FUZZ_CHECK(r->index == i, "rule %s: index %zu at %zu", r->id, r->index, i);
			FUZZ_CHECK(i == 0 || strcmp(pack.rules[i - 1]->id, r->id) < 0,
				   "rules not sorted/unique at %s", r->id);
			FUZZ_CHECK(rulepack_find(&pack, r->id) == r, "rulepack_find(%s)", r->id);
			(void)rule_applies_to_path(r, "src/main.c");
			(void)rule_applies_to_path(r, "release/sdkconfig.defaults");
		}
	} else {
		FUZZ_CHECK(d.nerrors > 0, "load failed (%d) without an error", rc);
	}
	rulepack_free(&pack);
	diag_free(&d);
	return 0;
}
