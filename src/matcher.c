/* matcher.c - the registry of matcher kinds and PCRE2 helpers they share. */
#define PCRE2_CODE_UNIT_WIDTH 8
#include "matcher.h"

#include <pcre2.h>
#include <string.h>

extern const struct matcher_ops matcher_absent, matcher_assign, matcher_call, matcher_config,
	matcher_define, matcher_initializer, matcher_regex, matcher_repo, matcher_taint;

const struct matcher_ops *const matcher_table[] = {
	&matcher_absent,
	&matcher_assign,
	&matcher_call,
	&matcher_config,
	&matcher_define,
	&matcher_initializer,
	&matcher_regex,
	&matcher_repo,
	&matcher_taint,
	NULL,
};

const struct matcher_ops *matcher_find(const char *name)
{
	for (size_t i = 0; matcher_table[i]; i++)
		if (strcmp(matcher_table[i]->name, name) == 0)
			return matcher_table[i];
	return NULL;
}

void *matcher_regex_param(const struct yparam *p, const char *key, int required, int caseless,
			  int *absent)
{
	struct yparam v = yparam_get(p, key);
	if (absent)
		*absent = 0;
	if (!v.node) {
		if (required)
			yparam_error(p, "missing required key '%s'", key);
		else if (absent)
			*absent = 1;
		return NULL;
	}
	const char *pat = yparam_scalar(&v);
	if (!pat) {
		yparam_error(&v, "'%s' must be a string (a PCRE2 regular expression)", key);
		return NULL;
	}
	return matcher_regex_compile(&v, pat, caseless);
}

void *matcher_regex_compile(const struct yparam *at, const char *pat, int caseless)
{
	int err;
	PCRE2_SIZE erroff;
	uint32_t opts = PCRE2_UTF | PCRE2_MATCH_INVALID_UTF | (caseless ? PCRE2_CASELESS : 0);
	pcre2_code *code = pcre2_compile((PCRE2_SPTR)pat, PCRE2_ZERO_TERMINATED, opts, &err, &erroff, NULL);
	if (!code) {
		PCRE2_UCHAR msg[256];
		pcre2_get_error_message(err, msg, sizeof msg);
		yparam_error(at, "invalid regular expression '%s' at offset %zu: %s", pat, (size_t)erroff,
			     (const char *)msg);
		return NULL;
	}
	return code;
}

void matcher_regex_free(void *code)
{
	pcre2_code_free(code);
}

int matcher_regex_test(void *code, const char *subj, size_t len)
{
	if (!code)
		return 0;
	pcre2_match_data *md = pcre2_match_data_create_from_pattern(code, NULL);
	pcre2_match_context *mctx = pcre2_match_context_create(NULL);
	pcre2_set_match_limit(mctx, 1000000);
	pcre2_set_depth_limit(mctx, 10000);
	int rc = pcre2_match(code, (PCRE2_SPTR)subj, len, 0, 0, md, mctx);
	pcre2_match_context_free(mctx);
	pcre2_match_data_free(md);
	return rc >= 0;
}
