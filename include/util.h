/* util.h - allocation wrappers, growable buffers, hashing, file reading.
 *
 * Ownership: every function that returns a pointer documented as "new"
 * hands ownership to the caller; everything else is borrowed.
 * Out-of-memory aborts the process in one place (util_oom). */
#ifndef ETSILINT_UTIL_H
#define ETSILINT_UTIL_H

#include <stddef.h>
#include <stdint.h>
#include <stdarg.h>

#if defined(__GNUC__)
#define UTIL_PRINTF(a, b) __attribute__((format(printf, a, b)))
#else
#define UTIL_PRINTF(a, b)
#endif

#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

void util_oom(void);
void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
char *xasprintf(const char *fmt, ...) UTIL_PRINTF(1, 2);

/* Growable NUL-terminated string. Zero-initialise ({0}) before use. */
struct sbuf {
	char *s;
	size_t len, cap;
};
void sbuf_addn(struct sbuf *b, const char *s, size_t n);
void sbuf_adds(struct sbuf *b, const char *s);
void sbuf_addc(struct sbuf *b, char c);
void sbuf_addf(struct sbuf *b, const char *fmt, ...) UTIL_PRINTF(2, 3);
const char *sbuf_str(const struct sbuf *b); /* never NULL */
char *sbuf_take(struct sbuf *b);            /* new string; buffer reset */
void sbuf_free(struct sbuf *b);

/* Growable vector of owned strings. Zero-initialise before use. */
struct strvec {
	char **v;
	size_t n, cap;
};
void strvec_push(struct strvec *sv, const char *s); /* copies s */
void strvec_push_owned(struct strvec *sv, char *s);
void strvec_sort(struct strvec *sv);
void strvec_free(struct strvec *sv);

/* 64-bit FNV-1a. Chain by passing the previous result as seed. */
#define HASH_SEED UINT64_C(0xcbf29ce484222325)
uint64_t hash_bytes(uint64_t seed, const void *p, size_t n);
uint64_t hash_str(uint64_t seed, const char *s);

/* Read a whole file into a new NUL-terminated buffer. Returns 0, or a
 * negative errno value (buffer untouched). Files larger than max_size
 * (0: no limit) fail with -EFBIG. */
int util_read_file(const char *path, size_t max_size, char **out, size_t *len);

/* s with every byte that is not part of valid UTF-8 replaced by U+FFFD.
 * New string. */
char *utf8_clean(const char *s);

/* The conversion letter of each argument a printf-style format (its text as
 * written, backslash escapes included) consumes, in order, into out
 * (NUL-terminated): '*' for a width or precision given as an argument, %S
 * as 's'. Returns their count, or -1 when the format is cut short or out is
 * too small. */
int util_format_conversions(const char *f, char *out, size_t cap);

/* Join directory and name with one '/'. New string. */
char *path_join(const char *dir, const char *name);
/* Last component of a path (borrowed pointer into p). */
const char *path_base(const char *p);
/* Case-sensitive fnmatch-style glob with "**" across '/'. */
int glob_match(const char *pat, const char *str);

#endif
