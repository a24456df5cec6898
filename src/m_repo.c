/* m_repo.c - the `repo` matcher: presence or absence of repository files,
 * checked once per scan from the scan root (evidence such as a vulnerability
 * disclosure policy, EN 303 645 5.2-1).
 *
 *     match:
 *       repo:
 *         files: [SECURITY.md, .github/SECURITY.md, .well-known/security.txt]
 *         contains: '^Contact:'     # optional: a line of the file must match
 *         report: present           # present (evidence) | missing
 *
 * present: one finding at the first listed file that exists (and contains a
 * matching line: the finding is placed there). missing: one finding, at the
 * first listed path, when none qualifies. */
#include <stdlib.h>
#include <string.h>

#include "matcher.h"

#define REPO_FILE_MAX (1u << 20)

struct repo_state {
	char **files; /* NULL-terminated */
	void *contains;
	int report_missing;
};

static void repo_free(void *state)
{
	struct repo_state *st = state;
	if (!st)
		return;
	yparam_strlist_free(st->files);
	matcher_regex_free(st->contains);
	free(st);
}

static int repo_compile(const struct yparam *p, void **state)
{
	struct repo_state *st = xcalloc(1, sizeof *st);
	*state = st;
	if (!yparam_is_map(p)) {
		yparam_error(p, "'repo' parameters must be a mapping with 'files'");
		return -1;
	}
	static const char *const keys[] = {"files", "contains", "report"};
	if (yparam_unknown_keys(p, keys, ARRAY_LEN(keys), " in 'repo'"))
		return -1;
	size_t n;
	if (yparam_strlist(p, "files", 1, &st->files, &n) < 0)
		return -1;
	for (size_t i = 0; i < n; i++) {
		if (st->files[i][0] == '/' || strstr(st->files[i], "..")) {
			yparam_error(p, "'repo': files must be relative to the repository root ('%s')",
				     st->files[i]);
			return -1;
		}
	}
	int absent;
	st->contains = matcher_regex_param(p, "contains", 0, 0, &absent);
	if (!st->contains && !absent)
		return -1;
	char *report = NULL;
	int rc = yparam_str(p, "report", 0, &report);
	if (rc < 0)
		return -1;
	if (rc == 0) {
		if (strcmp(report, "missing") == 0)
			st->report_missing = 1;
		else if (strcmp(report, "present") != 0) {
			yparam_error(p, "'repo': 'report' must be present or missing");
			free(report);
			return -1;
		}
		free(report);
	}
	return 0;
}

/* 0 when the file does not qualify; else the 1-based line to report. */
static unsigned qualifies(const struct repo_state *st, const char *root, const char *rel)
{
	char *path = path_join(root, rel);
	char *data;
	size_t len;
	int rc = util_read_file(path, REPO_FILE_MAX, &data, &len);
	free(path);
	if (rc < 0)
		return 0;
	unsigned line = 1;
	if (st->contains) {
		line = 0;
		unsigned n = 1;
		for (char *p = data; p <= data + len && !line; n++) {
			char *e = memchr(p, '\n', (size_t)(data + len - p));
			size_t l = e ? (size_t)(e - p) : (size_t)(data + len - p);
			if (matcher_regex_test(st->contains, p, l))
				line = n;
			if (!e)
				break;
			p = e + 1;
		}
	}
	free(data);
	return line;
}

static void repo_check(const struct rule *r, const void *state, struct match_ctx *mc)
{
	const struct repo_state *st = state;
	for (size_t i = 0; st->files[i]; i++) {
		unsigned line = qualifies(st, match_root(mc), st->files[i]);
		if (!line)
			continue;
		if (!st->report_missing) {
			struct match_hit h = {.line = line, .col = 1, .name = st->files[i]};
			match_report_path(mc, r, st->files[i], &h);
		}
		return;
	}
	if (st->report_missing) {
		struct match_hit h = {.line = 1, .col = 1, .name = st->files[0]};
		match_report_path(mc, r, st->files[0], &h);
	}
}

const struct matcher_ops matcher_repo = {
	.name = "repo",
	.default_kinds = 0,
	.compile = repo_compile,
	.free = repo_free,
	.on_repo = repo_check,
};
