/* test_flags.c - per-file compiler arguments over temporary trees: compile
 * databases ("arguments" and shell-quoted "command" entries, kept and dropped
 * options, paths made absolute, cross compilers mapped to --target=),
 * database errors, include inference (the one folder that resolves each
 * include, nearest candidate, transitive headers), user arguments last. */
#include "testutil.h"

#include <cJSON.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "diag.h"
#include "flags.h"
#include "util.h"
#include "walk.h"

/* ---- temporary tree ------------------------------------------------------- */

struct tree {
	char tmpl[64];
	char *root; /* canonical */
};

static void tree_new(struct tree *t)
{
	strcpy(t->tmpl, "/tmp/etsilint-flags-XXXXXX");
	assert_non_null(mkdtemp(t->tmpl));
	t->root = realpath(t->tmpl, NULL);
	assert_non_null(t->root);
}

static void mkparents(const struct tree *t, char *p)
{
	for (char *s = p + strlen(t->root) + 1; (s = strchr(s, '/')) != NULL; s++) {
		*s = '\0';
		if (mkdir(p, 0700) != 0)
			assert_true(access(p, F_OK) == 0);
		*s = '/';
	}
}

/* Create rel (and its parent directories) holding text. */
static void tfile(const struct tree *t, const char *rel, const char *text)
{
	char *p = path_join(t->root, rel);
	mkparents(t, p);
	FILE *f = fopen(p, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
	free(p);
}

static void tdir(const struct tree *t, const char *rel)
{
	char *p = path_join(t->root, rel);
	char *q = xasprintf("%s/x", p);
	mkparents(t, q);
	free(q);
	free(p);
}

static int rm_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)ftw;
	return flag == FTW_DP ? rmdir(path) : unlink(path);
}

static void tree_free(struct tree *t)
{
	assert_int_equal(nftw(t->root, rm_one, 16, FTW_DEPTH | FTW_PHYS), 0);
	free(t->root);
	t->root = NULL;
}

/* "<root>/rel" as a new string, for expectations. */
static char *R(const struct tree *t, const char *prefix, const char *rel)
{
	return xasprintf("%s%s%s%s", prefix, t->root, rel[0] ? "/" : "", rel);
}

/* ---- compile databases built with cJSON ----------------------------------- */

static cJSON *entry_args(const char *dir, const char *file, const char *const *argv)
{
	cJSON *e = cJSON_CreateObject();
	cJSON_AddStringToObject(e, "directory", dir);
	cJSON_AddStringToObject(e, "file", file);
	cJSON *a = cJSON_AddArrayToObject(e, "arguments");
	for (size_t i = 0; argv[i]; i++)
		cJSON_AddItemToArray(a, cJSON_CreateString(argv[i]));
	return e;
}

static cJSON *entry_command(const char *dir, const char *file, const char *command)
{
	cJSON *e = cJSON_CreateObject();
	cJSON_AddStringToObject(e, "directory", dir);
	cJSON_AddStringToObject(e, "file", file);
	cJSON_AddStringToObject(e, "command", command);
	return e;
}

static void write_db(const struct tree *t, const char *rel, cJSON *arr)
{
	char *s = cJSON_Print(arr);
	tfile(t, rel, s);
	free(s);
	cJSON_Delete(arr);
}

/* ---- running flags_new ---------------------------------------------------- */

struct run {
	struct filelist fl;
	struct diag d;
	struct flagset *fs;
};

static void run(struct run *r, const struct tree *t, const char *cdb_dir, const char *const *user,
		size_t nuser)
{
	memset(r, 0, sizeof *r);
	diag_init(&r->d);
	const char *paths[] = {t->root};
	assert_int_equal(walk_paths(paths, 1, t->root, NULL, 0, &r->fl, &r->d), 0);
	r->fs = flags_new(t->root, cdb_dir, &r->fl, user, nuser, 0, &r->d);
	assert_non_null(r->fs);
}

static void run_free(struct run *r)
{
	flags_free(r->fs);
	filelist_free(&r->fl);
	diag_free(&r->d);
}

static void dump_diag(const struct run *r)
{
	for (size_t i = 0; i < r->d.n; i++)
		fprintf(stderr, "diag: %d %s:%u:%u: %s\n", (int)r->d.v[i].level,
			r->d.v[i].path ? r->d.v[i].path : "-", r->d.v[i].line, r->d.v[i].col,
			r->d.v[i].msg);
}

/* flags_for(rel) is exactly want[] (NULL-terminated). Frees want's strings
 * that were made with R() when owned[i] is set. */
static void check_args(const struct run *r, const char *rel, const char *const *want)
{
	const char *const *args;
	size_t n, nw = 0;
	flags_for(r->fs, rel, &args, &n);
	while (want[nw])
		nw++;
	int ok = n == nw;
	for (size_t i = 0; ok && i < n; i++)
		ok = strcmp(args[i], want[i]) == 0;
	if (!ok) {
		fprintf(stderr, "%s:\n", rel);
		for (size_t i = 0; i < nw; i++)
			fprintf(stderr, "  want[%zu] %s\n", i, want[i]);
		for (size_t i = 0; i < n; i++)
			fprintf(stderr, "  got [%zu] %s\n", i, args[i]);
		dump_diag(r);
	}
	assert_true(ok);
}

/* Free a NULL-terminated list of strings made by R()/xasprintf. */
static void free_list(char **v)
{
	for (size_t i = 0; v[i]; i++)
		free(v[i]);
}

#define CHECK(r, rel, ...)                                                      \
	do {                                                                    \
		char *want_[] = {__VA_ARGS__, NULL};                            \
		check_args((r), (rel), (const char *const *)want_);             \
		free_list(want_);                                               \
	} while (0)

static size_t count_diag(const struct run *r, enum diag_level lvl, const char *path_tail,
			 const char *needle)
{
	size_t n = 0, tl = strlen(path_tail);
	for (size_t i = 0; i < r->d.n; i++) {
		const struct diag_entry *e = &r->d.v[i];
		if (e->level != lvl || !e->path)
			continue;
		size_t pl = strlen(e->path);
		if (pl >= tl && strcmp(e->path + pl - tl, path_tail) == 0 && strstr(e->msg, needle))
			n++;
	}
	return n;
}

/* ---- (a) compile databases ------------------------------------------------ */

static void test_database(void **state)
{
	(void)state;
	struct tree t;
	tree_new(&t);
	tfile(&t, "src/a.c", "int a;\n");
	tfile(&t, "src/b.c", "int b;\n");
	tfile(&t, "src/c.c", "int c;\n");
	tfile(&t, "src/d.c", "int d;\n");
	tfile(&t, "src/cxx.cpp", "int e;\n");
	tfile(&t, "inc/cfg.h", "#define CFG 1\n");
	tdir(&t, "inc dir");
	tdir(&t, "build");

	char *bdir = R(&t, "", "build");
	char *b_abs = R(&t, "", "src/b.c");
	cJSON *arr = cJSON_CreateArray();
	const char *xtensa[] = {
		"/opt/esp/xtensa-esp32-elf/bin/xtensa-esp32-elf-gcc", "-DA=1", "-D", "B", "-UC",
		"-I../inc", "-I", "/abs/inc", "-isystem", "../sys", "-include", "../inc/cfg.h",
		"-std=gnu11", "-mlongcalls", "-fstrict-volatile-bitfields",
		"-mfix-esp32-psram-cache-issue", "-fno-shrink-wrap", "-mtext-section-literals",
		"-Wall", "-Werror=all", "-O2", "-g3", "-MD", "-MF", "a.d", "-MT", "a.o",
		"-fshort-enums", "-ffunction-sections", "-x", "c", "-c", "-o", "a.o", "../src/a.c",
		NULL,
	};
	cJSON_AddItemToArray(arr, entry_args(bdir, "../src/a.c", xtensa));
	/* A second entry for the same file: the first one wins. */
	const char *again[] = {"gcc", "-DSECOND", "-c", "../src/a.c", NULL};
	cJSON_AddItemToArray(arr, entry_args(bdir, "../src/a.c", again));
	cJSON_AddItemToArray(
		arr, entry_command(t.root, b_abs,
				   "ccache /usr/bin/arm-none-eabi-gcc -DNAME=\"a b\" \"-DQ=\\\"x y\\\"\" "
				   "'-DS=it'\\''s' -I'inc dir' -Iinc\\ dir2 -std=c99 -mcpu=cortex-m4 "
				   "-mthumb --sysroot=sys -fsigned-char -c src/b.c -o b.o"));
	cJSON_AddItemToArray(arr, entry_command(t.root, "src/c.c",
						"riscv32-esp-elf-gcc -std=c++17 -DC -c src/c.c"));
	cJSON_AddItemToArray(arr, entry_command(t.root, "src/cxx.cpp",
						"aarch64-linux-gnu-g++ -std=gnu++17 -c src/cxx.cpp"));
	/* Not scanned: ignored. */
	cJSON_AddItemToArray(arr, entry_command(t.root, "elsewhere/x.c", "gcc -DX -c x.c"));
	write_db(&t, "compile_commands.json", arr);

	const char *user[] = {"-I/user/inc", "-DUSER=1"};
	struct run r;
	run(&r, &t, NULL, user, 2);
	if (r.d.n)
		dump_diag(&r);
	assert_int_equal(r.d.n, 0);
	char *dbpath = R(&t, "", "compile_commands.json");
	assert_non_null(flags_database(r.fs));
	assert_string_equal(flags_database(r.fs), dbpath);
	free(dbpath);

	/* xtensa: no --target (clang 14 has none); GCC-only options dropped. */
	CHECK(&r, "src/a.c", xstrdup("-DA=1"), xstrdup("-DB"), xstrdup("-UC"), R(&t, "-I", "inc"),
	      xstrdup("-I/abs/inc"), xstrdup("-isystem"), R(&t, "", "sys"), xstrdup("-include"),
	      R(&t, "", "inc/cfg.h"), xstrdup("-std=gnu11"), xstrdup("-fshort-enums"),
	      xstrdup("-I/user/inc"), xstrdup("-DUSER=1"));
	/* command: shell quoting, the wrapper skipped, target first. */
	CHECK(&r, "src/b.c", xstrdup("--target=arm-none-eabi"), xstrdup("-DNAME=a b"),
	      xstrdup("-DQ=\"x y\""), xstrdup("-DS=it's"), R(&t, "-I", "inc dir"),
	      R(&t, "-I", "inc dir2"), xstrdup("-std=c99"), R(&t, "--sysroot=", "sys"), xstrdup("-fsigned-char"),
	      xstrdup("-I/user/inc"), xstrdup("-DUSER=1"));
	/* a C++ -std= does not fit a C file. */
	CHECK(&r, "src/c.c", xstrdup("--target=riscv32-unknown-elf"), xstrdup("-DC"),
	      xstrdup("-I/user/inc"), xstrdup("-DUSER=1"));
	CHECK(&r, "src/cxx.cpp", xstrdup("--target=aarch64-linux-gnu"), xstrdup("-std=gnu++17"),
	      xstrdup("-I/user/inc"), xstrdup("-DUSER=1"));
	/* Not in the database, nothing to infer: the user's arguments. */
	CHECK(&r, "src/d.c", xstrdup("-I/user/inc"), xstrdup("-DUSER=1"));
	run_free(&r);
	free(bdir);
	free(b_abs);
	tree_free(&t);
}

/* ROOT/build/compile_commands.json is found; -p names another folder. */
static void test_database_locations(void **state)
{
	(void)state;
	struct tree t;
	tree_new(&t);
	tfile(&t, "main.c", "int m;\n");
	cJSON *arr = cJSON_CreateArray();
	cJSON_AddItemToArray(arr, entry_command(t.root, "main.c", "arm-zephyr-eabi-gcc -DZ -c main.c"));
	write_db(&t, "build/compile_commands.json", arr);
	arr = cJSON_CreateArray();
	cJSON_AddItemToArray(arr, entry_command(t.root, "main.c", "x86_64-linux-gnu-gcc -DP -c main.c"));
	write_db(&t, "other/compile_commands.json", arr);

	struct run r;
	run(&r, &t, NULL, NULL, 0);
	assert_int_equal(r.d.n, 0);
	char *p = R(&t, "", "build/compile_commands.json");
	assert_string_equal(flags_database(r.fs), p);
	free(p);
	CHECK(&r, "main.c", xstrdup("--target=arm-none-eabi"), xstrdup("-DZ"));
	run_free(&r);

	char *other = R(&t, "", "other");
	run(&r, &t, other, NULL, 0);
	assert_int_equal(r.d.n, 0);
	CHECK(&r, "main.c", xstrdup("--target=x86_64-linux-gnu"), xstrdup("-DP"));
	run_free(&r);
	free(other);
	tree_free(&t);
}

/* ---- (b) database errors -------------------------------------------------- */

static void test_database_errors(void **state)
{
	(void)state;
	struct tree t;
	tree_new(&t);
	tfile(&t, "src/main.c", "#include \"lib/x.h\"\n");
	tfile(&t, "third/lib/x.h", "\n");
	tfile(&t, "bad/compile_commands.json", "[\n  {\"directory\": \"/\",\n  \"file\": }\n]\n");
	tfile(&t, "notarray/compile_commands.json", "{\"directory\": \"/\"}\n");

	/* -p to a missing folder: an error naming the path; inference still runs. */
	char *missing = R(&t, "", "nope");
	struct run r;
	run(&r, &t, missing, NULL, 0);
	assert_int_equal(r.d.nerrors, 1);
	assert_int_equal(count_diag(&r, DIAG_ERROR, "/nope/compile_commands.json", "-p"), 1);
	assert_null(flags_database(r.fs));
	CHECK(&r, "src/main.c", R(&t, "-I", "third"));
	run_free(&r);
	free(missing);

	/* Malformed JSON: an error at its line. */
	char *bad = R(&t, "", "bad");
	run(&r, &t, bad, NULL, 0);
	assert_int_equal(r.d.nerrors, 1);
	assert_int_equal(count_diag(&r, DIAG_ERROR, "bad/compile_commands.json", "not valid JSON"), 1);
	assert_int_equal(r.d.v[0].line, 3);
	assert_null(flags_database(r.fs));
	run_free(&r);
	free(bad);

	char *na = R(&t, "", "notarray");
	run(&r, &t, na, NULL, 0);
	assert_int_equal(r.d.nerrors, 1);
	assert_int_equal(count_diag(&r, DIAG_ERROR, "notarray/compile_commands.json", "array"), 1);
	run_free(&r);
	free(na);

	/* Found by itself at the root and malformed: a warning, flags inferred. */
	tfile(&t, "compile_commands.json", "[{]");
	run(&r, &t, NULL, NULL, 0);
	assert_int_equal(r.d.nerrors, 0);
	assert_int_equal(count_diag(&r, DIAG_WARNING, "/compile_commands.json", "not valid JSON"), 1);
	assert_null(flags_database(r.fs));
	CHECK(&r, "src/main.c", R(&t, "-I", "third"));
	run_free(&r);

	/* Entries without the required members: skipped with a warning. */
	tfile(&t, "compile_commands.json", "[{\"file\": \"src/main.c\"}, 3]");
	run(&r, &t, NULL, NULL, 0);
	assert_int_equal(r.d.nerrors, 0);
	assert_int_equal(count_diag(&r, DIAG_WARNING, "/compile_commands.json", "2 of 2 entries"), 1);
	run_free(&r);
	tree_free(&t);
}

/* ---- (c) include inference ------------------------------------------------ */

static void test_inference(void **state)
{
	(void)state;
	struct tree t;
	tree_new(&t);
	tfile(&t, "src/main.c",
	      "#include \"lwip/opt.h\"\n"
	      "#include \"local.h\"\n"
	      "  #  include \"nowhere/none.h\"\n"
	      "#include <stdint.h>\n"
	      "#include <cfg.h>\n"
	      "// #include is text, not a directive\n"
	      "int main(void) { return 0; }\n");
	tfile(&t, "src/local.h", "\n");
	tfile(&t, "src/cfg.h", "\n");
	/* A vendored libc copy is never used for <stdint.h>. */
	tfile(&t, "third_party/newlib/include/stdint.h", "\n");
	tfile(&t, "third_party/lwip/src/include/lwip/opt.h", "#include \"lwipopts.h\"\n");
	tfile(&t, "port/include/lwipopts.h", "#define LWIP_X 1\n");
	/* Two candidates: the one sharing the longer prefix wins. */
	tfile(&t, "src/app/x.c", "#include \"board.h\"\n");
	tfile(&t, "boards/a/board.h", "\n");
	tfile(&t, "src/boards/board.h", "\n");
	/* No shared prefix: the shorter path wins. */
	tfile(&t, "lib/z.c", "#include \"util.h\"\n");
	tfile(&t, "aa/bb/util.h", "\n");
	tfile(&t, "cc/util.h", "\n");
	/* Suffixes match whole components: "b/q.h" is not "ab/q.h". */
	tfile(&t, "m/y.c", "#include \"b/q.h\"\n#include \"sub/q.h\"\n");
	tfile(&t, "k/ab/q.h", "\n");
	tfile(&t, "sub/q.h", "\n");

	struct run r;
	run(&r, &t, NULL, NULL, 0);
	assert_int_equal(r.d.n, 0);
	assert_null(flags_database(r.fs));
	/* Its own includes' folders (lwip/opt.h, then <cfg.h> next to it), then
	 * those of the headers they reach (lwipopts.h). */
	CHECK(&r, "src/main.c", R(&t, "-I", "third_party/lwip/src/include"), R(&t, "-I", "src"),
	      R(&t, "-I", "port/include"));
	CHECK(&r, "third_party/lwip/src/include/lwip/opt.h", R(&t, "-I", "port/include"));
	CHECK(&r, "src/app/x.c", R(&t, "-I", "src/boards"));
	CHECK(&r, "lib/z.c", R(&t, "-I", "cc"));
	/* "sub/q.h" found at the root: -I root. */
	CHECK(&r, "m/y.c", R(&t, "-I", ""));
	/* Nothing to add. */
	const char *const *args;
	size_t n;
	flags_for(r.fs, "src/local.h", &args, &n);
	assert_int_equal(n, 0);
	flags_for(r.fs, "port/include/lwipopts.h", &args, &n);
	assert_int_equal(n, 0);
	run_free(&r);
	tree_free(&t);
}

/* An include cycle terminates; each folder appears once. */
static void test_inference_cycle(void **state)
{
	(void)state;
	struct tree t;
	tree_new(&t);
	tfile(&t, "a/inc/p/a.h", "#include \"q/b.h\"\n#include \"q/b.h\"\n");
	tfile(&t, "b/inc/q/b.h", "#include \"p/a.h\"\n");
	tfile(&t, "main.c", "#include \"p/a.h\"\n#include \"q/b.h\"\n");
	struct run r;
	run(&r, &t, NULL, NULL, 0);
	CHECK(&r, "main.c", R(&t, "-I", "a/inc"), R(&t, "-I", "b/inc"));
	CHECK(&r, "a/inc/p/a.h", R(&t, "-I", "b/inc"), R(&t, "-I", "a/inc"));
	run_free(&r);
	tree_free(&t);
}

/* ---- (d, e) user arguments ------------------------------------------------ */

static void test_user_args(void **state)
{
	(void)state;
	struct tree t;
	tree_new(&t);
	tfile(&t, "src/main.c", "#include \"lib/x.h\"\n");
	tfile(&t, "third/lib/x.h", "\n");
	tfile(&t, "README", "#include \"lib/x.h\"\n");
	const char *user[] = {"-I/u", "-DU=1"};
	struct run r;
	run(&r, &t, NULL, user, 2);
	CHECK(&r, "src/main.c", R(&t, "-I", "third"), xstrdup("-I/u"), xstrdup("-DU=1"));
	/* Unknown relpath, or a file that is not C: the user's arguments only. */
	CHECK(&r, "no/such.c", xstrdup("-I/u"), xstrdup("-DU=1"));
	CHECK(&r, "README", xstrdup("-I/u"), xstrdup("-DU=1"));
	run_free(&r);

	run(&r, &t, NULL, NULL, 0);
	const char *const *args;
	size_t n = 99;
	flags_for(r.fs, "no/such.c", &args, &n);
	assert_int_equal(n, 0);
	run_free(&r);

	/* An empty file list. */
	struct filelist empty = {0};
	struct diag d;
	diag_init(&d);
	struct flagset *fs = flags_new(t.root, NULL, &empty, user, 2, 0, &d);
	flags_for(fs, "x.c", &args, &n);
	assert_int_equal(n, 2);
	assert_string_equal(args[1], "-DU=1");
	flags_free(fs);
	flags_free(NULL);
	diag_free(&d);
	tree_free(&t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_database),
		cmocka_unit_test(test_database_locations),
		cmocka_unit_test(test_database_errors),
		cmocka_unit_test(test_inference),
		cmocka_unit_test(test_inference_cycle),
		cmocka_unit_test(test_user_args),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
