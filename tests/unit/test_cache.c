/* test_cache.c - the results cache: cache_open in a temporary folder, what
 * cache_key depends on, put/get round trips of findings, bad entries (unknown
 * rule id, corrupted or ill-typed JSON) as misses that add nothing, and the
 * refusal of a default cache folder inside the scanned tree.
 */
#include "testutil.h"

#include <ftw.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cache.h"
#include "classify.h"
#include "diag.h"
#include "finding.h"
#include "rule.h"
#include "util.h"

#define RULE(ID)                                                   \
	"  - id: " ID "\n"                                         \
	"    title: Test rule " ID "\n"                            \
	"    message: 'name={name}'\n"                             \
	"    severity: high\n"                                     \
	"    provisions: [5.1-1]\n"                                \
	"    cwe: [798]\n"                                         \
	"    remediation: Fix it.\n"                               \
	"    match:\n"                                             \
	"      call: { name: strcpy }\n"

/* ---- helpers -------------------------------------------------------------- */

struct tmpdir {
	char tmpl[64];
	char *root; /* canonical */
};

static void tmpdir_new(struct tmpdir *t)
{
	strcpy(t->tmpl, "/tmp/etsilint-cache-XXXXXX");
	assert_non_null(mkdtemp(t->tmpl));
	t->root = realpath(t->tmpl, NULL);
	assert_non_null(t->root);
}

static int rm_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)ftw;
	return flag == FTW_DP ? rmdir(path) : unlink(path);
}

static void tmpdir_free(struct tmpdir *t)
{
	assert_int_equal(nftw(t->root, rm_one, 16, FTW_DEPTH | FTW_PHYS), 0);
	free(t->root);
	t->root = NULL;
}

static void load_pack(struct rulepack *pack, struct diag *d, const char *yaml)
{
	memset(pack, 0, sizeof *pack);
	int rc = rulepack_load_string(pack, "test.yaml", yaml, strlen(yaml), d);
	assert_int_equal(rc, 0);
	assert_int_equal(d->nerrors, 0);
}

/* The entry file of key in cache c (the layout of cache.c). */
static char *entry_file(const struct cache *c, uint64_t key)
{
	return xasprintf("%s/%02x/%016" PRIx64 ".json", cache_dir(c), (unsigned)(key >> 56), key);
}

static void write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

static void add_finding(struct findings *fs, const struct rule *r, unsigned line, unsigned col,
			unsigned end_line, unsigned end_col, const char *msg, const char *snippet,
			int recovered)
{
	struct finding f = {0};
	f.rule = r;
	f.path = (char *)"/abs/src/main.c";
	f.relpath = (char *)"src/main.c";
	f.line = line;
	f.col = col;
	f.end_line = end_line;
	f.end_col = end_col;
	f.message = (char *)msg;
	f.snippet = (char *)snippet;
	f.recovered = recovered;
	findings_add(fs, &f);
}

/* Environment variables restored after each test that changes them. */
struct saved_env {
	char *xdg, *home;
};

static void env_save(struct saved_env *s)
{
	const char *x = getenv("XDG_CACHE_HOME"), *h = getenv("HOME");
	s->xdg = x ? xstrdup(x) : NULL;
	s->home = h ? xstrdup(h) : NULL;
}

static void env_restore(struct saved_env *s)
{
	if (s->xdg)
		setenv("XDG_CACHE_HOME", s->xdg, 1);
	else
		unsetenv("XDG_CACHE_HOME");
	if (s->home)
		setenv("HOME", s->home, 1);
	else
		unsetenv("HOME");
	free(s->xdg);
	free(s->home);
}

static int has_note(const struct diag *d, const char *part)
{
	for (size_t i = 0; i < d->n; i++)
		if (d->v[i].level == DIAG_NOTE && strstr(d->v[i].msg, part))
			return 1;
	return 0;
}

/* ---- cache_open ----------------------------------------------------------- */

static void test_open_explicit_dir(void **state)
{
	(void)state;
	struct tmpdir t;
	tmpdir_new(&t);
	struct diag d;
	diag_init(&d);
	char *dir = path_join(t.root, "a/b/cache");
	struct cache *c = cache_open(dir, NULL, &d);
	assert_non_null(c);
	assert_string_equal(cache_dir(c), dir);
	struct stat st;
	assert_int_equal(stat(dir, &st), 0);
	assert_true(S_ISDIR(st.st_mode));
	assert_int_equal(d.n, 0);
	cache_close(c);
	/* A folder that cannot be created: NULL and a warning. */
	char *file = path_join(t.root, "plain");
	write_file(file, "x");
	char *bad = path_join(file, "cache");
	c = cache_open(bad, NULL, &d);
	assert_null(c);
	assert_int_equal(d.n, 1);
	assert_int_equal(d.v[0].level, DIAG_WARNING);
	free(bad);
	free(file);
	free(dir);
	diag_free(&d);
	tmpdir_free(&t);
}

static void test_open_default_inside_root_refused(void **state)
{
	(void)state;
	struct saved_env env;
	env_save(&env);
	struct tmpdir t, other;
	tmpdir_new(&t);
	tmpdir_new(&other);
	struct diag d;
	diag_init(&d);

	/* $XDG_CACHE_HOME/etsilint inside the root: refused with a note. */
	char *xdg = path_join(t.root, ".cache");
	setenv("XDG_CACHE_HOME", xdg, 1);
	struct cache *c = cache_open(NULL, t.root, &d);
	assert_null(c);
	assert_true(has_note(&d, "inside the scanned tree"));
	assert_int_equal(d.nerrors, 0);
	/* The root itself as the default folder. */
	diag_free(&d);
	diag_init(&d);
	setenv("XDG_CACHE_HOME", t.root, 1);
	char *as_root = path_join(t.root, "etsilint");
	assert_int_equal(mkdir(as_root, 0700), 0);
	assert_null(cache_open(NULL, as_root, &d));
	assert_true(has_note(&d, "inside the scanned tree"));
	free(as_root);
	setenv("XDG_CACHE_HOME", xdg, 1);

	/* The same folder named explicitly is accepted. */
	diag_free(&d);
	diag_init(&d);
	char *explicit_dir = path_join(xdg, "etsilint");
	c = cache_open(explicit_dir, t.root, &d);
	assert_non_null(c);
	assert_string_equal(cache_dir(c), explicit_dir);
	assert_int_equal(d.n, 0);
	cache_close(c);
	free(explicit_dir);

	/* A default folder outside the root is used, even when the root's
	 * name is a prefix of it. */
	setenv("XDG_CACHE_HOME", other.root, 1);
	c = cache_open(NULL, t.root, &d);
	assert_non_null(c);
	char *want = path_join(other.root, "etsilint");
	assert_string_equal(cache_dir(c), want);
	free(want);
	cache_close(c);
	char *sibling = xasprintf("%s-sibling", t.root);
	char *sib_xdg = path_join(sibling, "xdg");
	setenv("XDG_CACHE_HOME", sib_xdg, 1);
	c = cache_open(NULL, t.root, &d);
	assert_non_null(c);
	cache_close(c);
	assert_int_equal(d.n, 0);

	/* Without XDG_CACHE_HOME (or with a relative one): $HOME/.cache/etsilint. */
	unsetenv("XDG_CACHE_HOME");
	setenv("HOME", t.root, 1);
	assert_null(cache_open(NULL, t.root, &d));
	assert_true(has_note(&d, "inside the scanned tree"));
	setenv("XDG_CACHE_HOME", "relative/cache", 1);
	setenv("HOME", other.root, 1);
	c = cache_open(NULL, t.root, &d);
	assert_non_null(c);
	want = path_join(other.root, ".cache/etsilint");
	assert_string_equal(cache_dir(c), want);
	free(want);
	cache_close(c);
	/* No root given: nothing to refuse. */
	setenv("HOME", t.root, 1);
	unsetenv("XDG_CACHE_HOME");
	c = cache_open(NULL, NULL, &d);
	assert_non_null(c);
	cache_close(c);

	struct tmpdir sib = { .root = sibling };
	tmpdir_free(&sib);
	free(sib_xdg);
	free(xdg);
	diag_free(&d);
	tmpdir_free(&other);
	tmpdir_free(&t);
	env_restore(&env);
}

static void test_open_refused_leaves_tree_alone(void **state)
{
	(void)state;
	/* Regression (was a bug): cache_open creates the default folder (mkdirs) before it checks
	 * whether it lies inside the scanned tree, so a refused default cache
	 * still leaves empty folders in the tree. Input: XDG_CACHE_HOME=<root>/.cache,
	 * cache_open(NULL, <root>, d). Expected: NULL, a note, and no
	 * <root>/.cache; actual: NULL, a note, and <root>/.cache/etsilint
	 * created. */
	struct saved_env env;
	env_save(&env);
	struct tmpdir t;
	tmpdir_new(&t);
	struct diag d;
	diag_init(&d);
	char *xdg = path_join(t.root, ".cache");
	setenv("XDG_CACHE_HOME", xdg, 1);
	struct cache *c = cache_open(NULL, t.root, &d);
	int noted = has_note(&d, "inside the scanned tree");
	int created = access(xdg, F_OK) == 0;
	cache_close(c);
	free(xdg);
	diag_free(&d);
	tmpdir_free(&t);
	env_restore(&env);
	assert_null(c);
	assert_true(noted);
	assert_false(created);
}

static void test_open_default_under_filesystem_root(void **state)
{
	(void)state;
	/* Regression (was a bug): with the scan root "/", no default folder is found to be inside
	 * it: the prefix test wants real[strlen(root)] to be '/' or '\0', and
	 * after "/" it is the first letter of the next component. Input:
	 * XDG_CACHE_HOME=<tmp>, cache_open(NULL, "/", d). Expected: NULL and a
	 * note (every folder is inside "/"); actual: the cache <tmp>/etsilint is
	 * opened. */
	struct saved_env env;
	env_save(&env);
	struct tmpdir t;
	tmpdir_new(&t);
	struct diag d;
	diag_init(&d);
	setenv("XDG_CACHE_HOME", t.root, 1);
	struct cache *c = cache_open(NULL, "/", &d);
	int opened = c != NULL;
	int noted = has_note(&d, "inside the scanned tree");
	cache_close(c);
	diag_free(&d);
	tmpdir_free(&t);
	env_restore(&env);
	assert_false(opened);
	assert_true(noted);
}

/* ---- cache_key ------------------------------------------------------------ */

static void test_key(void **state)
{
	(void)state;
	static const char data[] = "int main(void) { return 0; }\n";
	const char *args[] = { "-DA=1", "-Iinclude" };
	uint64_t k = cache_key(NULL, data, strlen(data), "src/main.c", FK_C, args, 2, 42);
	/* Deterministic. */
	assert_true(k == cache_key(NULL, data, strlen(data), "src/main.c", FK_C, args, 2, 42));
	uint64_t other[24];
	size_t n = 0;
	static const char data2[] = "int main(void) { return 1; }\n";
	other[n++] = cache_key(NULL, data2, strlen(data2), "src/main.c", FK_C, args, 2, 42);      /* content */
	other[n++] = cache_key(NULL, data, strlen(data) - 1, "src/main.c", FK_C, args, 2, 42);    /* length */
	other[n++] = cache_key(NULL, data, strlen(data), "src/main2.c", FK_C, args, 2, 42);       /* relpath */
	other[n++] = cache_key(NULL, data, strlen(data), "main.c", FK_C, args, 2, 42);
	other[n++] = cache_key(NULL, data, strlen(data), "src/main.c", FK_CPP, args, 2, 42);      /* kind */
	other[n++] = cache_key(NULL, data, strlen(data), "src/main.c", FK_C, args, 1, 42);        /* nargs */
	other[n++] = cache_key(NULL, data, strlen(data), "src/main.c", FK_C, NULL, 0, 42);
	const char *args2[] = { "-DA=2", "-Iinclude" };
	other[n++] = cache_key(NULL, data, strlen(data), "src/main.c", FK_C, args2, 2, 42);       /* arg value */
	const char *args3[] = { "-Iinclude", "-DA=1" };
	other[n++] = cache_key(NULL, data, strlen(data), "src/main.c", FK_C, args3, 2, 42);       /* arg order */
	const char *args4[] = { "-DA=1-Iinclude" };
	other[n++] = cache_key(NULL, data, strlen(data), "src/main.c", FK_C, args4, 1, 42);       /* split */
	other[n++] = cache_key(NULL, data, strlen(data), "src/main.c", FK_C, args, 2, 43);        /* pack */
	other[n++] = cache_key(NULL, data, strlen(data), "src/main.c", FK_C, args, 2, 0);
	/* Boundary between relpath and the first argument. */
	const char *a_bc[] = { "bc" }, *a_c[] = { "c" };
	assert_true(cache_key(NULL, data, 3, "a", FK_C, a_bc, 1, 1) !=
		    cache_key(NULL, data, 3, "ab", FK_C, a_c, 1, 1));
	/* With a cache: the running binary is part of the key; the same binary
	 * gives the same key through any cache. */
	struct tmpdir t;
	tmpdir_new(&t);
	struct diag d;
	diag_init(&d);
	char *d1 = path_join(t.root, "c1"), *d2 = path_join(t.root, "c2");
	struct cache *c1 = cache_open(d1, NULL, &d), *c2 = cache_open(d2, NULL, &d);
	assert_non_null(c1);
	assert_non_null(c2);
	uint64_t kc = cache_key(c1, data, strlen(data), "src/main.c", FK_C, args, 2, 42);
	assert_true(kc == cache_key(c2, data, strlen(data), "src/main.c", FK_C, args, 2, 42));
	other[n++] = kc;
	other[n++] = cache_key(c1, data2, strlen(data2), "src/main.c", FK_C, args, 2, 42);
	other[n++] = cache_key(c1, data, strlen(data), "src/main.c", FK_C, args, 2, 43);
	cache_close(c1);
	cache_close(c2);
	free(d1);
	free(d2);
	diag_free(&d);
	tmpdir_free(&t);
	for (size_t i = 0; i < n; i++) {
		if (other[i] == k)
			fprintf(stderr, "variant %zu has the same key\n", i);
		assert_true(other[i] != k);
		for (size_t j = i + 1; j < n; j++)
			assert_true(other[i] != other[j]);
	}
}

/* ---- put / get ------------------------------------------------------------ */

struct cfix {
	struct tmpdir t;
	struct diag d;
	struct rulepack pack;
	struct cache *c;
	struct findings in, out;
};

static void cfix_new(struct cfix *x, const char *yaml)
{
	memset(x, 0, sizeof *x);
	tmpdir_new(&x->t);
	diag_init(&x->d);
	load_pack(&x->pack, &x->d, yaml);
	char *dir = path_join(x->t.root, "cache");
	x->c = cache_open(dir, NULL, &x->d);
	free(dir);
	assert_non_null(x->c);
}

static void cfix_free(struct cfix *x)
{
	cache_close(x->c);
	findings_free(&x->in);
	findings_free(&x->out);
	rulepack_free(&x->pack);
	diag_free(&x->d);
	tmpdir_free(&x->t);
}

static const char two_rules[] = "rules:\n" RULE("alpha") RULE("beta");

static void test_round_trip(void **state)
{
	(void)state;
	struct cfix x;
	cfix_new(&x, two_rules);
	const struct rule *alpha = rulepack_find(&x.pack, "alpha");
	const struct rule *beta = rulepack_find(&x.pack, "beta");
	assert_non_null(alpha);
	assert_non_null(beta);
	add_finding(&x.in, alpha, 3, 5, 4, 2, "name=x \"quoted\" \\ back\ttab \xc3\xa9t\xc3\xa9",
		    "strcpy(d, \"hu******2\");", 0);
	add_finding(&x.in, beta, 10, 1, 10, 80, "", "", 1);
	uint64_t key = cache_key(x.c, "abc", 3, "src/main.c", FK_C, NULL, 0, x.pack.hash);
	/* A miss before the put. */
	assert_int_equal(cache_get(x.c, key, &x.pack, "p", "r", &x.out), 0);
	assert_int_equal(x.out.n, 0);
	cache_put(x.c, key, &x.in, 0);
	char *file = entry_file(x.c, key);
	assert_int_equal(access(file, R_OK), 0);
	free(file);
	/* Appended after what out holds. */
	add_finding(&x.out, alpha, 1, 1, 1, 2, "before", "", 0);
	assert_int_equal(cache_get(x.c, key, &x.pack, "/root/src/main.c", "src/main.c", &x.out), 1);
	assert_int_equal(x.out.n, 3);
	for (size_t i = 0; i < 2; i++) {
		const struct finding *a = &x.in.v[i], *b = &x.out.v[i + 1];
		assert_ptr_equal(b->rule, a->rule);
		assert_int_equal(b->line, a->line);
		assert_int_equal(b->col, a->col);
		assert_int_equal(b->end_line, a->end_line);
		assert_int_equal(b->end_col, a->end_col);
		assert_string_equal(b->message, a->message);
		assert_string_equal(b->snippet, a->snippet);
		assert_int_equal(b->recovered, a->recovered);
		assert_string_equal(b->path, "/root/src/main.c");
		assert_string_equal(b->relpath, "src/main.c");
	}
	/* Another key: a miss. */
	findings_free(&x.out);
	assert_int_equal(cache_get(x.c, key ^ 1, &x.pack, "p", "r", &x.out), 0);
	assert_int_equal(x.out.n, 0);
	/* `from`: only the findings from that index on are stored; an entry
	 * without findings is a hit that adds nothing. */
	uint64_t k2 = key + 0x0100000000000000ull;
	cache_put(x.c, k2, &x.in, 1);
	assert_int_equal(cache_get(x.c, k2, &x.pack, "p", "r", &x.out), 1);
	assert_int_equal(x.out.n, 1);
	assert_string_equal(x.out.v[0].rule->id, "beta");
	findings_free(&x.out);
	uint64_t k3 = key + 2;
	cache_put(x.c, k3, &x.in, 2);
	assert_int_equal(cache_get(x.c, k3, &x.pack, "p", "r", &x.out), 1);
	assert_int_equal(x.out.n, 0);
	/* Overwriting an entry. */
	cache_put(x.c, key, &x.in, 1);
	assert_int_equal(cache_get(x.c, key, &x.pack, "p", "r", &x.out), 1);
	assert_int_equal(x.out.n, 1);
	/* No cache: always a miss, put is a no-op. */
	findings_free(&x.out);
	assert_int_equal(cache_get(NULL, key, &x.pack, "p", "r", &x.out), 0);
	cache_put(NULL, key, &x.in, 0);
	assert_int_equal(x.out.n, 0);
	cfix_free(&x);
}

static void test_unknown_rule_is_miss(void **state)
{
	(void)state;
	struct cfix x;
	cfix_new(&x, two_rules);
	add_finding(&x.in, rulepack_find(&x.pack, "alpha"), 1, 1, 1, 5, "m", "s", 0);
	add_finding(&x.in, rulepack_find(&x.pack, "beta"), 2, 1, 2, 5, "m", "s", 0);
	uint64_t key = 0x1234567890abcdefull;
	cache_put(x.c, key, &x.in, 0);
	/* A pack without "beta" (the rules changed): a miss, nothing added,
	 * although "alpha" comes first and is known. */
	struct rulepack only_alpha;
	load_pack(&only_alpha, &x.d, "rules:\n" RULE("alpha"));
	add_finding(&x.out, rulepack_find(&only_alpha, "alpha"), 9, 9, 9, 10, "kept", "", 0);
	assert_int_equal(cache_get(x.c, key, &only_alpha, "p", "r", &x.out), 0);
	assert_int_equal(x.out.n, 1);
	assert_string_equal(x.out.v[0].message, "kept");
	/* The full pack still hits. */
	findings_free(&x.out);
	assert_int_equal(cache_get(x.c, key, &x.pack, "p", "r", &x.out), 1);
	assert_int_equal(x.out.n, 2);
	rulepack_free(&only_alpha);
	cfix_free(&x);
}

/* An entry of one finding of rule alpha whose "steps" are STEPS. */
#define STEPS_ENTRY(STEPS)                                                                  \
	"{\"format\":2,\"findings\":[{\"rule\":\"alpha\",\"line\":1,\"col\":1,\"endLine\":1," \
	"\"endCol\":5,\"message\":\"m\",\"snippet\":\"s\",\"recovered\":0,\"steps\":" STEPS "}]}"

static void test_corrupted_entries_are_misses(void **state)
{
	(void)state;
	struct cfix x;
	cfix_new(&x, two_rules);
	add_finding(&x.in, rulepack_find(&x.pack, "alpha"), 1, 1, 1, 5, "m", "s", 0);
	uint64_t key = 0xfedcba0987654321ull;
	cache_put(x.c, key, &x.in, 0);
	char *file = entry_file(x.c, key);
	static const char *const bad[] = {
		"",
		"not json",
		"{\"format\":2,\"findings\":[",
		"{\"format\":2,\"findings\":[{\"rule\":\"alpha\",\"line\":1,\"col\":1,\"endLine\":1,"
		"\"endCol\":5,\"message\":\"m\",\"snippet\":\"s\",\"recovered\":0}",       /* truncated */
		"[]",
		"{\"format\":1,\"findings\":[]}",         /* format 1 (before steps): a miss */
		"{\"findings\":[]}",
		"{\"format\":2,\"findings\":{}}",
		"{\"format\":2,\"findings\":[1]}",
		"{\"format\":2,\"findings\":[{\"rule\":\"alpha\",\"line\":\"1\",\"col\":1,\"endLine\":1,"
		"\"endCol\":5,\"message\":\"m\",\"snippet\":\"s\",\"recovered\":0}]}",      /* line: string */
		"{\"format\":2,\"findings\":[{\"rule\":\"alpha\",\"line\":-1,\"col\":1,\"endLine\":1,"
		"\"endCol\":5,\"message\":\"m\",\"snippet\":\"s\",\"recovered\":0}]}",      /* negative */
		"{\"format\":2,\"findings\":[{\"rule\":\"alpha\",\"line\":1,\"col\":1,\"endLine\":1,"
		"\"endCol\":5,\"message\":7,\"snippet\":\"s\",\"recovered\":0}]}",          /* message */
		"{\"format\":2,\"findings\":[{\"rule\":\"alpha\",\"line\":1,\"col\":1,\"endLine\":1,"
		"\"endCol\":5,\"message\":\"m\",\"recovered\":0}]}",                         /* no snippet */
		"{\"format\":2,\"findings\":[{\"rule\":\"alpha\",\"line\":1,\"col\":1,\"endLine\":1,"
		"\"endCol\":5,\"message\":\"m\",\"snippet\":\"s\",\"recovered\":0},"
		"{\"rule\":\"gamma\",\"line\":1,\"col\":1,\"endLine\":1,"
		"\"endCol\":5,\"message\":\"m\",\"snippet\":\"s\",\"recovered\":0}]}",      /* unknown 2nd */
		"{\"format\":2,\"findings\":[{\"rule\":null,\"line\":1,\"col\":1,\"endLine\":1,"
		"\"endCol\":5,\"message\":\"m\",\"snippet\":\"s\",\"recovered\":0}]}",
		/* ill-typed data-flow steps */
		STEPS_ENTRY("{}"),
		STEPS_ENTRY("[]"),
		STEPS_ENTRY("[1]"),
		STEPS_ENTRY("[{\"line\":2,\"col\":1,\"endLine\":2,\"endCol\":3}]"), /* no message */
		STEPS_ENTRY("[{\"line\":\"2\",\"col\":1,\"endLine\":2,\"endCol\":3,\"message\":\"m\"}]"),
		STEPS_ENTRY("[{\"line\":2,\"col\":-1,\"endLine\":2,\"endCol\":3,\"message\":\"m\"}]"),
		STEPS_ENTRY("[{\"line\":2,\"col\":1,\"endCol\":3,\"message\":\"m\"}]"), /* no endLine */
		STEPS_ENTRY("[{\"line\":2,\"col\":1,\"endLine\":2,\"endCol\":3,\"message\":\"m\"},"
			    "{\"line\":2,\"col\":1,\"endLine\":2,\"endCol\":3,\"message\":null}]"),
	};
	for (size_t i = 0; i < ARRAY_LEN(bad); i++) {
		write_file(file, bad[i]);
		int rc = cache_get(x.c, key, &x.pack, "p", "r", &x.out);
		if (rc != 0 || x.out.n != 0)
			fprintf(stderr, "entry %zu was a hit: %s\n", i, bad[i]);
		assert_int_equal(rc, 0);
		assert_int_equal(x.out.n, 0);
	}
	/* The well-formed variant of the same entry is a hit. */
	write_file(file, "{\"format\":2,\"findings\":[{\"rule\":\"alpha\",\"line\":7,\"col\":3,\"endLine\":7,"
			 "\"endCol\":9,\"message\":\"m\",\"snippet\":\"s\",\"recovered\":1}]}");
	assert_int_equal(cache_get(x.c, key, &x.pack, "p", "r", &x.out), 1);
	assert_int_equal(x.out.n, 1);
	assert_int_equal(x.out.v[0].line, 7);
	assert_int_equal(x.out.v[0].col, 3);
	assert_int_equal(x.out.v[0].recovered, 1);
	assert_int_equal(x.out.v[0].nsteps, 0);
	assert_null(x.out.v[0].steps);
	/* ... and so is one with well-formed steps. */
	findings_free(&x.out);
	write_file(file, STEPS_ENTRY("[{\"line\":2,\"col\":4,\"endLine\":2,\"endCol\":9,"
				     "\"message\":\"from here\"}]"));
	assert_int_equal(cache_get(x.c, key, &x.pack, "p", "r", &x.out), 1);
	assert_int_equal(x.out.n, 1);
	assert_int_equal(x.out.v[0].nsteps, 1);
	assert_int_equal(x.out.v[0].steps[0].line, 2);
	assert_int_equal(x.out.v[0].steps[0].col, 4);
	assert_int_equal(x.out.v[0].steps[0].end_line, 2);
	assert_int_equal(x.out.v[0].steps[0].end_col, 9);
	assert_string_equal(x.out.v[0].steps[0].message, "from here");
	free(file);
	cfix_free(&x);
}

/* Data-flow steps survive a round trip exactly: positions, messages (quotes,
 * escapes, UTF-8), order, and the findings without steps stay without. */
static void test_steps_round_trip(void **state)
{
	(void)state;
	struct cfix x;
	cfix_new(&x, two_rules);
	const struct rule *alpha = rulepack_find(&x.pack, "alpha");
	const struct flow_step steps[] = {
		{4, 9, 4, 12, (char *)"recv() writes untrusted data into 'buf'"},
		{7, 5, 8, 2, (char *)"'n' = \"len\" \\ of 'buf' (\xc3\xa9)"},
		{4000000000u, 1, 4000000000u, 2, (char *)""},
	};
	add_finding(&x.in, alpha, 9, 3, 9, 20, "m", "strcpy(d, buf);", 0);
	add_finding(&x.in, alpha, 12, 1, 12, 2, "no path", "", 0);
	x.in.v[0].steps = xcalloc(ARRAY_LEN(steps), sizeof *steps);
	x.in.v[0].nsteps = ARRAY_LEN(steps);
	for (size_t i = 0; i < ARRAY_LEN(steps); i++) {
		x.in.v[0].steps[i] = steps[i];
		x.in.v[0].steps[i].message = xstrdup(steps[i].message);
	}
	uint64_t key = 0x0badc0ffee000001ull;
	cache_put(x.c, key, &x.in, 0);
	assert_int_equal(cache_get(x.c, key, &x.pack, "/r/src/main.c", "src/main.c", &x.out), 1);
	assert_int_equal(x.out.n, 2);
	const struct finding *f = &x.out.v[0];
	assert_int_equal(f->nsteps, ARRAY_LEN(steps));
	assert_ptr_not_equal(f->steps, x.in.v[0].steps);
	for (size_t i = 0; i < ARRAY_LEN(steps); i++) {
		assert_int_equal(f->steps[i].line, steps[i].line);
		assert_int_equal(f->steps[i].col, steps[i].col);
		assert_int_equal(f->steps[i].end_line, steps[i].end_line);
		assert_int_equal(f->steps[i].end_col, steps[i].end_col);
		assert_string_equal(f->steps[i].message, steps[i].message);
	}
	assert_int_equal(x.out.v[1].nsteps, 0);
	assert_null(x.out.v[1].steps);
	/* The entry stores steps only where there are some. */
	char *file = entry_file(x.c, key), *text;
	size_t len;
	assert_int_equal(util_read_file(file, 0, &text, &len), 0);
	const char *first = strstr(text, "\"steps\":");
	assert_non_null(first);
	assert_null(strstr(first + 1, "\"steps\":"));
	free(text);
	free(file);
	cfix_free(&x);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_open_explicit_dir),
		cmocka_unit_test(test_open_default_inside_root_refused),
		cmocka_unit_test(test_open_refused_leaves_tree_alone),
		cmocka_unit_test(test_open_default_under_filesystem_root),
		cmocka_unit_test(test_key),
		cmocka_unit_test(test_round_trip),
		cmocka_unit_test(test_unknown_rule_is_miss),
		cmocka_unit_test(test_corrupted_entries_are_misses),
		cmocka_unit_test(test_steps_round_trip),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
