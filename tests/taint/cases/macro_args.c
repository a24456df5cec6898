/* A web server's CGI environment (lighttpd-style): a macro that expands to two arguments
 * (a string and its length) makes a call's arguments not line up with the helper's
 * parameters; the analysis must not shift the data into the wrong parameter. Taint cases:
 * "expect: RULE" must be reported on that line, "ok: RULE" must not. */
#include <stdlib.h>
#include <string.h>

#define CONST_STR_LEN(s) (s), (sizeof(s) - 1)

struct env_buf {
	char data[512];
	size_t used;
};

/* helper: stores key and value (sink: the value's length) */
static void put_kv(struct env_buf *env, const char *k, size_t klen, size_t vlen, const char *v)
{
	memcpy(env->data, k, klen < 64 ? klen : 64);
	memcpy(env->data + 64, v, vlen); /* expect: taint-copy-length */
	env->used = 64 + vlen;
}

/* copy-length, through a helper: the value's length is the request's CONTENT_LENGTH [shape: helper-param] */
void bad_env_length(struct env_buf *env, const char *body)
{
	put_kv(env, "BODY", 4, (size_t)atoi(getenv("CONTENT_LENGTH")), body);
}

/* helper: the same store, called only with a two-argument macro (sink line: not reported) */
static void put_kv_const(struct env_buf *env, const char *k, size_t klen, size_t vlen, const char *v)
{
	memcpy(env->data, k, klen < 64 ? klen : 64);
	memcpy(env->data + 64, v, vlen); /* ok: taint-copy-length */
	env->used = 64 + vlen;
}

/* copy-length, a two-argument macro at the call: the untrusted value is the string, not a length [shape: helper-param; sanitizer: arity] */
void good_env_macro_key(struct env_buf *env)
{
	put_kv_const(env, CONST_STR_LEN("PROXY"), 16, getenv("HTTP_PROXY"));
}
