/* jsonw.h - cJSON construction for the JSON outputs (report_json, report_sarif,
 * `etsilint rules -f json`): out-of-memory aborts, strings made valid UTF-8.
 *
 * Ownership: every constructor returns a new item owned by the caller until
 * jsonw_add / jsonw_push hand it to its parent, and jsonw_print frees the
 * root (or the caller, with cJSON_Delete). Strings passed in are borrowed
 * (copied). No function returns NULL: out-of-memory aborts in util_oom. */
#ifndef ETSILINT_JSONW_H
#define ETSILINT_JSONW_H

#include <stdio.h>
#include <cJSON.h>

cJSON *jsonw_obj(void);
cJSON *jsonw_arr(void);
cJSON *jsonw_num(double v);
cJSON *jsonw_bool(int v);
/* A string of s, invalid UTF-8 bytes replaced by U+FFFD; NULL gives null. */
cJSON *jsonw_str(const char *s);

/* Append item (taken over) to obj under key / to the array arr. */
void jsonw_add(cJSON *obj, const char *key, cJSON *item);
void jsonw_push(cJSON *arr, cJSON *item);

/* Write root pretty-printed, then '\n', and flush; root is taken over and
 * freed. Returns 0, or -1 on an output error. */
int jsonw_print(FILE *out, cJSON *root);

/* Like jsonw_print, but the top-level key `key` of root (an empty array in
 * root) is filled while printing with item(0..n-1), each built, printed and
 * freed in turn: memory stays bounded however many items there are. The
 * bytes are those jsonw_print would write for the filled document. */
int jsonw_print_streamed(FILE *out, cJSON *root, const char *key, size_t n,
			 cJSON *(*item)(size_t i, const void *ctx), const void *ctx);

struct finding;
/* A finding's suppression and baseline state, as every JSON output writes
 * it: "justification" when suppressed, "baseline" when a baseline is used. */
void jsonw_add_finding_state(cJSON *o, const struct finding *f);
/* A finding's data-flow path, as every JSON output writes it: "steps":
 * [{"line", "column", "endLine", "endColumn", "message"}, ...] in path order
 * (source first, sink last); nothing when the finding has no steps. */
void jsonw_add_finding_steps(cJSON *o, const struct finding *f);

#endif
