/* testscan.h - fixture helpers for the matcher tests that run a rule pack end
 * to end: load a pack from a YAML string (load_pack, setup_pack), scan one
 * in-memory buffer with engine_scan_buffer (scan, scan_as, scan_len), assert
 * the exact findings as (rule id, line, column) lists (assert_findings,
 * ASSERT_FINDINGS, ASSERT_NONE; what was got is printed on a mismatch), print
 * the diagnostics (dump_diag) and free it all (fixture_free).
 *
 * Each test file defines its own RULE() macro for the rule text. */
#ifndef ETSILINT_TESTSCAN_H
#define ETSILINT_TESTSCAN_H

#include "testutil.h"

#include <stdio.h>
#include <string.h>

#include "classify.h"
#include "diag.h"
#include "engine.h"
#include "finding.h"
#include "rule.h"
#include "util.h"

struct expect {
	const char *id;
	unsigned line, col;
};

struct fixture {
	struct rulepack pack;
	struct diag d;
	struct findings out;
};

static inline int load_pack(struct fixture *fx, const char *yaml)
{
	memset(fx, 0, sizeof *fx);
	diag_init(&fx->d);
	return rulepack_load_string(&fx->pack, "test.yaml", yaml, strlen(yaml), &fx->d);
}

static inline void fixture_free(struct fixture *fx)
{
	findings_free(&fx->out);
	rulepack_free(&fx->pack);
	diag_free(&fx->d);
}

static inline void dump_diag(const struct fixture *fx)
{
	for (size_t i = 0; i < fx->d.n; i++)
		fprintf(stderr, "diag: %s:%u:%u: %s\n", fx->d.v[i].path ? fx->d.v[i].path : "-",
			fx->d.v[i].line, fx->d.v[i].col, fx->d.v[i].msg);
}

static inline void setup_pack(struct fixture *fx, const char *yaml)
{
	int rc = load_pack(fx, yaml);
	if (rc != 0)
		dump_diag(fx);
	assert_int_equal(rc, 0);
	assert_int_equal(fx->d.nerrors, 0);
}

/* Scan len bytes of data as `path` (also its relpath) of kind `kind`. */
static inline void scan_len(struct fixture *fx, const char *path, unsigned kind, const char *data,
			    size_t len)
{
	struct scan_config cfg = { .jobs = 1, .max_file_size = 0 };
	findings_free(&fx->out);
	engine_scan_buffer(&fx->pack, path, kind, data, len, &cfg, &fx->out, &fx->d);
	findings_finish(&fx->out);
}

/* Scan one in-memory file (a C string) as `path` of kind `kind`. */
static inline void scan_as(struct fixture *fx, const char *path, unsigned kind, const char *src)
{
	scan_len(fx, path, kind, src, strlen(src));
}

/* Scan one in-memory C file as src/main.c. */
static inline void scan(struct fixture *fx, const char *src)
{
	scan_as(fx, "src/main.c", FK_C, src);
}

static inline void assert_findings(const struct fixture *fx, const struct expect *want, size_t n)
{
	if (fx->out.n != n) {
		for (size_t i = 0; i < fx->out.n; i++)
			fprintf(stderr, "got: %s %s %u:%u %s\n", fx->out.v[i].rule->id,
				fx->out.v[i].relpath, fx->out.v[i].line, fx->out.v[i].col,
				fx->out.v[i].message);
	}
	assert_int_equal(fx->out.n, n);
	for (size_t i = 0; i < n; i++) {
		const struct finding *f = &fx->out.v[i];
		if (strcmp(f->rule->id, want[i].id) != 0 || f->line != want[i].line ||
		    f->col != want[i].col)
			fprintf(stderr, "finding %zu: got %s %u:%u, want %s %u:%u\n", i, f->rule->id,
				f->line, f->col, want[i].id, want[i].line, want[i].col);
		assert_string_equal(f->rule->id, want[i].id);
		assert_int_equal(f->line, want[i].line);
		assert_int_equal(f->col, want[i].col);
	}
}

#define ASSERT_NONE(fx) assert_findings((fx), NULL, 0)
#define ASSERT_FINDINGS(fx, ...)                                              \
	do {                                                                  \
		static const struct expect want_[] = { __VA_ARGS__ };         \
		assert_findings((fx), want_, ARRAY_LEN(want_));               \
	} while (0)

#endif
