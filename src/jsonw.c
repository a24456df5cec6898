/* jsonw.c - cJSON construction: out-of-memory aborts, strings made valid UTF-8. */
#include "jsonw.h"

#include <stdlib.h>
#include <string.h>

#include "finding.h"
#include "util.h"

static cJSON *check(cJSON *j)
{
	if (!j)
		util_oom();
	return j;
}

cJSON *jsonw_obj(void)
{
	return check(cJSON_CreateObject());
}

cJSON *jsonw_arr(void)
{
	return check(cJSON_CreateArray());
}

cJSON *jsonw_num(double v)
{
	return check(cJSON_CreateNumber(v));
}

cJSON *jsonw_bool(int v)
{
	return check(cJSON_CreateBool(v != 0));
}

cJSON *jsonw_str(const char *s)
{
	if (!s)
		return check(cJSON_CreateNull());
	char *clean = utf8_clean(s);
	cJSON *j = check(cJSON_CreateString(clean));
	free(clean);
	return j;
}

void jsonw_add(cJSON *obj, const char *key, cJSON *item)
{
	if (!cJSON_AddItemToObject(obj, key, check(item)))
		util_oom();
}

void jsonw_push(cJSON *arr, cJSON *item)
{
	if (!cJSON_AddItemToArray(arr, check(item)))
		util_oom();
}

int jsonw_print(FILE *out, cJSON *root)
{
	char *text = cJSON_Print(root);
	cJSON_Delete(root);
	if (!text)
		util_oom();
	int rc = 0;
	if (fputs(text, out) == EOF || fputc('\n', out) == EOF || fflush(out) != 0)
		rc = -1;
	cJSON_free(text);
	return rc;
}

static int item_is_container(const char *text)
{
	return text[0] == '{' || text[0] == '[';
}

/* Print one array element as cJSON_Print would inside a top-level array:
 * its lines indented by two more tabs. */
static int print_element(FILE *out, cJSON *item, int first)
{
	char *text = cJSON_Print(item);
	cJSON_Delete(item);
	if (!text)
		util_oom();
	int rc = 0;
	if (!first && fputs(", ", out) == EOF)
		rc = -1;
	if (item_is_container(text)) {
		/* "{\n\t...\n}" -> "{\n\t\t\t...\n\t\t}" */
		for (const char *p = text; *p; p++) {
			if (fputc(*p, out) == EOF)
				rc = -1;
			if (*p == '\n' && fputs("\t\t", out) == EOF)
				rc = -1;
		}
	} else if (fputs(text, out) == EOF) {
		rc = -1;
	}
	cJSON_free(text);
	return rc;
}

int jsonw_print_streamed(FILE *out, cJSON *root, const char *key, size_t n,
			 cJSON *(*item)(size_t i, const void *ctx), const void *ctx)
{
	char *text = cJSON_Print(root);
	cJSON_Delete(root);
	if (!text)
		util_oom();
	struct sbuf marker = {0};
	sbuf_addf(&marker, "\n\t\"%s\":\t[]", key);
	char *at = strstr(text, sbuf_str(&marker));
	int rc = 0;
	if (!at) { /* no such top-level key: nothing to stream */
		rc = fputs(text, out) == EOF || fputc('\n', out) == EOF ? -1 : 0;
	} else {
		at += marker.len - 1; /* at the ']' */
		if (fwrite(text, 1, (size_t)(at - text), out) != (size_t)(at - text))
			rc = -1;
		for (size_t i = 0; i < n; i++)
			if (print_element(out, item(i, ctx), i == 0) != 0)
				rc = -1;
		if (fputs(at, out) == EOF || fputc('\n', out) == EOF)
			rc = -1;
	}
	if (fflush(out) != 0)
		rc = -1;
	sbuf_free(&marker);
	cJSON_free(text);
	return rc;
}

void jsonw_add_finding_state(cJSON *o, const struct finding *f)
{
	if (f->suppressed)
		jsonw_add(o, "justification", jsonw_str(f->justification ? f->justification : ""));
	if (f->baseline != BASELINE_NONE)
		jsonw_add(o, "baseline",
			  jsonw_str(f->baseline == BASELINE_UNCHANGED ? "unchanged" : "new"));
}

void jsonw_add_finding_steps(cJSON *o, const struct finding *f)
{
	if (f->nsteps == 0)
		return;
	cJSON *arr = jsonw_arr();
	for (size_t i = 0; i < f->nsteps; i++) {
		const struct flow_step *s = &f->steps[i];
		cJSON *st = jsonw_obj();
		jsonw_add(st, "line", jsonw_num(s->line));
		jsonw_add(st, "column", jsonw_num(s->col));
		jsonw_add(st, "endLine", jsonw_num(s->end_line));
		jsonw_add(st, "endColumn", jsonw_num(s->end_col));
		jsonw_add(st, "message", jsonw_str(s->message ? s->message : ""));
		jsonw_push(arr, st);
	}
	jsonw_add(o, "steps", arr);
}
