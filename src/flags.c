/* flags.c - per-file compiler arguments.
 *
 * Everything is computed once in flags_new (single-threaded):
 *   1. a compile database (-p DIR, else ROOT/compile_commands.json, else
 *      ROOT/build/compile_commands.json) gives each file it names the options
 *      that change what libclang sees (-D/-U, include paths, -std=, a few -f
 *      options, --sysroot, a --target= derived from the cross compiler);
 *   2. every other C-family file gets inferred include folders: each of its
 *      #include lines (and those of the headers it reaches) that does not
 *      resolve next to the including file is looked up among the tree's
 *      headers by path suffix, and the ONE folder that resolves it is added;
 *   3. the user's -I/-D come last, for every file.
 * The result is a relpath-sorted array of entries; flags_for is a binary
 * search over read-only data, so worker threads may call it concurrently.
 * Every string is interned once in a pool owned by the flagset. */
#include "flags.h"

#include <cJSON.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <string.h>
#include <unistd.h>

#include "classify.h"
#include "util.h"

/* Sources larger than this are not scanned for #include lines. */
#define FLAGS_MAX_SOURCE (16u * 1024 * 1024)
#define NONE SIZE_MAX

/* ---- string pool: each distinct string stored once, addressed by index ---- */

struct pool {
	char **s;
	unsigned *stamp; /* scratch mark per string (deduplication in closures) */
	size_t n, cap;
	size_t *slot; /* open addressing: index + 1, 0 = empty */
	size_t nslot;
};

static size_t pool_intern(struct pool *p, const char *s)
{
	if (2 * (p->n + 1) > p->nslot) {
		size_t ns = p->nslot ? 2 * p->nslot : 256;
		size_t *slot = xcalloc(ns, sizeof *slot);
		for (size_t i = 0; i < p->n; i++) {
			size_t h = (size_t)hash_str(HASH_SEED, p->s[i]) & (ns - 1);
			while (slot[h])
				h = (h + 1) & (ns - 1);
			slot[h] = i + 1;
		}
		free(p->slot);
		p->slot = slot;
		p->nslot = ns;
	}
	size_t h = (size_t)hash_str(HASH_SEED, s) & (p->nslot - 1);
	while (p->slot[h]) {
		if (strcmp(p->s[p->slot[h] - 1], s) == 0)
			return p->slot[h] - 1;
		h = (h + 1) & (p->nslot - 1);
	}
	if (p->n == p->cap) {
		p->cap = p->cap ? 2 * p->cap : 64;
		p->s = xrealloc(p->s, p->cap * sizeof *p->s);
		p->stamp = xrealloc(p->stamp, p->cap * sizeof *p->stamp);
	}
	p->s[p->n] = xstrdup(s);
	p->stamp[p->n] = 0;
	p->slot[h] = p->n + 1;
	return p->n++;
}

static size_t pool_take(struct pool *p, char *s)
{
	size_t i = pool_intern(p, s);
	free(s);
	return i;
}

static void pool_free(struct pool *p)
{
	for (size_t i = 0; i < p->n; i++)
		free(p->s[i]);
	free(p->s);
	free(p->stamp);
	free(p->slot);
}

/* Growable vector of indices. */
struct ivec {
	size_t *v;
	size_t n, cap;
};

static void ivec_push(struct ivec *iv, size_t x)
{
	if (iv->n == iv->cap) {
		iv->cap = iv->cap ? 2 * iv->cap : 8;
		iv->v = xrealloc(iv->v, iv->cap * sizeof *iv->v);
	}
	iv->v[iv->n++] = x;
}

/* ---- the flagset ---- */

struct fentry {
	const char *relpath; /* pool string */
	const char **args;   /* specific arguments, then the user's */
	size_t n;
	uint64_t deps;       /* stamp of the in-tree headers it reaches; 0: none known */
};

struct flagset {
	struct pool pool;
	struct fentry *v; /* sorted by relpath */
	size_t n;
	const char **user;
	size_t nuser;
	char *database;
};

/* State while flags_new runs. */
struct build {
	const char *root;
	const struct filelist *files;
	struct diag *d;
	struct pool *pool;
	struct ivec *spec;  /* per file: pool indices of its arguments */
	char *from_db;      /* per file: arguments came from the database */
	size_t *byrel;      /* file indices sorted by relpath */
	/* inference */
	size_t *headers;    /* header file indices sorted by (basename, relpath) */
	size_t nheaders;
	struct inc_edges *edges; /* per file, computed on demand */
	uint64_t *stamp;    /* per file: hash of (relpath, size, mtime), 0: not yet */
	uint64_t *deps;     /* per file: stamp of the headers it reaches */
};

/* ---- paths ---- */

/* Lexically normalised copy of p: no "", "." or resolvable ".." components. */
static char *normalise(const char *p)
{
	int rooted = p[0] == '/';
	size_t len = strlen(p);
	char *out = xmalloc(len + 2);
	size_t o = 0, depth = 0; /* components that ".." may remove */
	if (rooted)
		out[o++] = '/';
	const char *s = p;
	while (*s) {
		while (*s == '/')
			s++;
		const char *e = s;
		while (*e && *e != '/')
			e++;
		size_t cl = (size_t)(e - s);
		if (cl == 0 || (cl == 1 && s[0] == '.')) {
			/* skip */
		} else if (cl == 2 && s[0] == '.' && s[1] == '.' && (depth || rooted)) {
			if (depth) {
				while (o > (size_t)rooted && out[o - 1] != '/')
					o--;
				if (o > (size_t)rooted)
					o--; /* the separator */
				depth--;
			}
		} else {
			if (o > (size_t)rooted)
				out[o++] = '/';
			memcpy(out + o, s, cl);
			o += cl;
			if (!(cl == 2 && s[0] == '.' && s[1] == '.'))
				depth++;
		}
		s = e;
	}
	if (o == 0)
		out[o++] = '.';
	out[o] = '\0';
	return out;
}

/* Absolute, normalised path of name against dir; symbolic links resolved
 * when the path exists. New string. */
static char *abs_path(const char *dir, const char *name)
{
	char *j = name[0] == '/' ? xstrdup(name) : path_join(dir, name);
	char *n = normalise(j);
	free(j);
	char *r = realpath(n, NULL);
	if (r) {
		free(n);
		return r;
	}
	return n;
}

/* Absolute path of a filelist relpath (relpaths outside the root are absolute). */
static char *abs_of_rel(const char *root, const char *rel)
{
	return rel[0] == '/' ? xstrdup(rel) : path_join(root, rel);
}

/* Directory part of a relpath ("" at the top). New string. */
static char *rel_dir(const char *rel)
{
	const char *s = strrchr(rel, '/');
	return s ? xstrndup(rel, (size_t)(s - rel)) : xstrdup("");
}

/* ---- relpath lookup ---- */

/* qsort_r comparators over file indices; ctx is the filelist. */
static int cmp_byrel(const void *a, const void *b, void *ctx)
{
	const struct filelist *fl = ctx;
	size_t x = *(const size_t *)a, y = *(const size_t *)b;
	int c = strcmp(fl->v[x].relpath, fl->v[y].relpath);
	return c ? c : (x > y) - (x < y);
}

static size_t find_rel(const struct build *b, const char *rel)
{
	size_t lo = 0, hi = b->files->n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(b->files->v[b->byrel[mid]].relpath, rel);
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo < b->files->n && strcmp(b->files->v[b->byrel[lo]].relpath, rel) == 0)
		return b->byrel[lo];
	return NONE;
}

/* ---- compile database: command splitting ---- */

/* Split a shell command line into words: blanks separate, '...' is literal,
 * "..." honours \" \\ \$ \` and \newline, a backslash outside quotes takes
 * the next character literally. Returns 0, or -1 for an unterminated quote. */
static int shell_split(const char *s, struct strvec *out)
{
	struct sbuf w = {0};
	int inword = 0;
	for (; *s; s++) {
		char c = *s;
		if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
			if (inword)
				strvec_push_owned(out, sbuf_take(&w));
			inword = 0;
			continue;
		}
		inword = 1;
		if (c == '\\') {
			if (s[1] == '\n')
				s++;
			else if (s[1])
				sbuf_addc(&w, *++s);
		} else if (c == '\'') {
			const char *e = strchr(s + 1, '\'');
			if (!e)
				goto unterminated;
			sbuf_addn(&w, s + 1, (size_t)(e - s - 1));
			s = e;
		} else if (c == '"') {
			for (s++; *s != '"'; s++) {
				if (!*s)
					goto unterminated;
				if (*s == '\\' && s[1] && strchr("\"\\$`\n", s[1])) {
					if (s[1] != '\n')
						sbuf_addc(&w, s[1]);
					s++;
				} else {
					sbuf_addc(&w, *s);
				}
			}
		} else {
			sbuf_addc(&w, c);
		}
	}
	if (inword)
		strvec_push_owned(out, sbuf_take(&w));
	sbuf_free(&w);
	return 0;
unterminated:
	sbuf_free(&w);
	return -1;
}

/* ---- compile database: compiler name -> --target= ---- */

static int starts(const char *s, const char *prefix)
{
	return strncmp(s, prefix, strlen(prefix)) == 0;
}

/* Architectures clang 14 knows (xtensa is not among them). */
static int known_arch(const char *a, size_t n)
{
	static const char *const exact[] = {
		"aarch64", "aarch64_be", "arm64", "riscv32", "riscv64", "x86_64", "i386", "i486",
		"i586", "i686", "msp430", "avr", "hexagon", "bpf", "bpfel", "bpfeb", "sparc",
		"sparcel", "sparc64", "wasm32", "wasm64", "s390x", "loongarch64",
	};
	for (size_t i = 0; i < ARRAY_LEN(exact); i++)
		if (strlen(exact[i]) == n && strncmp(a, exact[i], n) == 0)
			return 1;
	static const char *const prefixes[] = {"arm", "thumb", "mips", "powerpc", "ppc"};
	for (size_t i = 0; i < ARRAY_LEN(prefixes); i++)
		if (n >= strlen(prefixes[i]) && strncmp(a, prefixes[i], strlen(prefixes[i])) == 0)
			return 1;
	return 0;
}

/* "--target=..." for a cross compiler's name, or NULL (host compiler, or an
 * architecture clang cannot target). New string. Bare-metal triples are
 * normalised: arm-zephyr-eabi -> arm-none-eabi, riscv32-esp-elf ->
 * riscv32-unknown-elf; hosted ones (…-linux-gnu) are kept as they are. */
static char *target_for(const char *compiler)
{
	static const char *const drivers[] = {"gcc", "g++", "cc", "c++", "clang", "clang++", "cpp"};
	const char *base = path_base(compiler);
	/* The triple is everything before the last driver component. */
	size_t tlen = 0;
	int found = 0;
	for (const char *s = base; *s;) {
		const char *e = strchr(s, '-');
		size_t cl = e ? (size_t)(e - s) : strlen(s);
		for (size_t i = 0; i < ARRAY_LEN(drivers); i++)
			if (strlen(drivers[i]) == cl && strncmp(s, drivers[i], cl) == 0 && s > base) {
				tlen = (size_t)(s - base) - 1;
				found = 1;
			}
		if (!e)
			break;
		s = e + 1;
	}
	if (!found || tlen == 0)
		return NULL;
	char *triple = xstrndup(base, tlen);
	const char *dash = strchr(triple, '-');
	size_t alen = dash ? (size_t)(dash - triple) : tlen;
	char *out = NULL;
	if (!known_arch(triple, alen) || !dash) {
		/* xtensa, or not a triple */
	} else if (strstr(triple, "linux") || strstr(triple, "mingw") || strstr(triple, "darwin")) {
		out = xasprintf("--target=%s", triple);
	} else {
		const char *last = strrchr(triple, '-') + 1;
		if (strcmp(last, "eabi") == 0 || strcmp(last, "eabihf") == 0)
			out = xasprintf("--target=%.*s-none-%s", (int)alen, triple, last);
		else if (strcmp(last, "elf") == 0)
			out = xasprintf("--target=%.*s-unknown-elf", (int)alen, triple);
		else
			out = xasprintf("--target=%s", triple);
	}
	free(triple);
	return out;
}

/* ---- compile database: argument filtering ---- */

/* Options taking a separate value that are dropped along with it. */
static const char *const drop_with_value[] = {
	"-o", "-x", "-MF", "-MT", "-MQ", "-MJ", "-Xlinker", "-Xassembler", "-Xpreprocessor",
	"-Xclang", "-Xarch_host", "-Xarch_device", "-T", "-u", "-z", "-L", "-l", "--param",
	"-aux-info", "-dumpbase", "-dumpdir", "-auxbase", "-auxbase-strip", "-imultilib",
	"-iprefix", "-iwithprefix", "-iwithprefixbefore", "-arch", "-mllvm", "-A", "-G",
	"-specs", "-wrapper", "-include-pch",
};

/* Path options kept, made absolute; joined forms ("-isystemdir") accepted. */
static const char *const path_opts[] = {
	"-isysroot", "-isystem", "-iquote", "-idirafter", "-include", "-imacros",
};

/* -f options that change how a file parses or what it means. */
static const char *const keep_f[] = {
	"-fshort-enums", "-fno-short-enums", "-fsigned-char", "-funsigned-char",
	"-fno-signed-char", "-fno-unsigned-char", "-fms-extensions", "-fno-ms-extensions",
	"-fshort-wchar", "-fno-short-wchar", "-ffreestanding",
};

static int in_list(const char *a, const char *const *list, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(a, list[i]) == 0)
			return 1;
	return 0;
}

/* A -std= value suits the language cparse will select for this file kind. */
static int std_fits(const char *v, unsigned kind)
{
	int cxx = strstr(v, "++") != NULL;
	return (kind == FK_CPP) == cxx;
}

static void keep(struct build *b, struct ivec *out, const char *s)
{
	ivec_push(out, pool_intern(b->pool, s));
}

static void keep_path(struct build *b, struct ivec *out, const char *opt, int joined,
		      const char *dir, const char *v)
{
	/* "=dir" and "$SYSROOT/dir" are relative to the sysroot: kept as written. */
	char *p = v[0] == '=' || v[0] == '$' ? xstrdup(v) : abs_path(dir, v);
	if (joined) {
		ivec_push(out, pool_take(b->pool, xasprintf("%s%s", opt, p)));
	} else {
		keep(b, out, opt);
		keep(b, out, p);
	}
	free(p);
}

/* The arguments of one database entry that matter to libclang, in order,
 * with a --target= first. */
static void convert_args(struct build *b, struct ivec *out, char **argv, size_t argc,
			 const char *dir, unsigned kind)
{
	static const char *const wrappers[] = {"ccache", "sccache", "distcc", "icecc"};
	size_t i = 0;
	while (i + 1 < argc && in_list(path_base(argv[i]), wrappers, ARRAY_LEN(wrappers)))
		i++;
	if (i >= argc)
		return;
	char *target = target_for(argv[i]);
	size_t tpos = out->n;
	int explicit_target = 0;
	for (i++; i < argc; i++) {
		const char *a = argv[i];
		const char *next = i + 1 < argc ? argv[i + 1] : NULL;
		if (a[0] != '-' || a[1] == '\0')
			continue; /* the source file, other inputs, response files */
		if ((a[1] == 'D' || a[1] == 'U') && !(a[2] == '\0' && !next)) {
			if (a[2])
				keep(b, out, a);
			else
				ivec_push(out, pool_take(b->pool, xasprintf("-%c%s", a[1], argv[++i])));
			continue;
		}
		if (a[1] == 'I' && !(a[2] == '\0' && !next)) {
			keep_path(b, out, "-I", 1, dir, a[2] ? a + 2 : argv[++i]);
			continue;
		}
		if (in_list(a, drop_with_value, ARRAY_LEN(drop_with_value))) {
			if (next)
				i++;
			continue;
		}
		int done = 0;
		for (size_t k = 0; k < ARRAY_LEN(path_opts) && !done; k++) {
			const char *o = path_opts[k];
			size_t ol = strlen(o);
			if (strncmp(a, o, ol) != 0)
				continue;
			done = 1;
			if (a[ol])
				keep_path(b, out, o, 0, dir, a + ol); /* -isystemDIR */
			else if (next)
				keep_path(b, out, o, 0, dir, argv[++i]);
		}
		if (done)
			continue;
		if (starts(a, "--sysroot=")) {
			keep_path(b, out, "--sysroot=", 1, dir, a + 10);
		} else if (strcmp(a, "--sysroot") == 0 && next) {
			keep_path(b, out, "--sysroot=", 1, dir, argv[++i]);
		} else if (starts(a, "-std=")) {
			if (std_fits(a + 5, kind))
				keep(b, out, a);
		} else if (starts(a, "--target=")) {
			keep(b, out, a);
			explicit_target = 1;
		} else if ((strcmp(a, "-target") == 0 || strcmp(a, "--target") == 0) && next) {
			ivec_push(out, pool_take(b->pool, xasprintf("--target=%s", argv[++i])));
			explicit_target = 1;
		} else if (in_list(a, keep_f, ARRAY_LEN(keep_f))) {
			keep(b, out, a);
		}
		/* Everything else is dropped: -c, -O*, -g*, -W*, -M*, -m*, -f* (GCC-only
		 * code generation), -pipe, --specs=, -nostdlib, -nostdinc ... */
	}
	if (target && !explicit_target) {
		ivec_push(out, 0); /* make room, then shift the target to the front */
		memmove(out->v + tpos + 1, out->v + tpos, (out->n - tpos - 1) * sizeof *out->v);
		out->v[tpos] = pool_intern(b->pool, target);
	}
	free(target);
}

/* ---- compile database: loading ---- */

struct absfile {
	char *abs;
	size_t idx;
};

static int cmp_absfile(const void *a, const void *b)
{
	const struct absfile *x = a, *y = b;
	int c = strcmp(x->abs, y->abs);
	return c ? c : (x->idx > y->idx) - (x->idx < y->idx);
}

static size_t find_abs(const struct absfile *v, size_t n, const char *want)
{
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (strcmp(v[mid].abs, want) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < n && strcmp(v[lo].abs, want) == 0 ? v[lo].idx : NONE;
}

static void offset_to_linecol(const char *data, size_t off, unsigned *line, unsigned *col)
{
	*line = 1;
	*col = 1;
	for (size_t i = 0; i < off && data[i]; i++) {
		if (data[i] == '\n') {
			(*line)++;
			*col = 1;
		} else {
			(*col)++;
		}
	}
}

static const char *const regenerate =
	"regenerate it (CMake: -DCMAKE_EXPORT_COMPILE_COMMANDS=ON; Make: bear -- make)";

/* Read the database at path and fill b->spec for the files it names.
 * Returns 0, or -1 when it could not be used. */
static int load_database(struct build *b, const char *path, int explicit)
{
	char *data;
	size_t len;
	int rc = util_read_file(path, 0, &data, &len);
	if (rc != 0) {
		if (explicit)
			diag_error(b->d, path, 0, 0,
				   "cannot read the compile database: %s; -p takes the build folder "
				   "that holds compile_commands.json (CMake: "
				   "-DCMAKE_EXPORT_COMPILE_COMMANDS=ON; Make: bear -- make)",
				   strerror(-rc));
		else
			diag_warn(b->d, path, 0, 0,
				  "cannot read the compile database: %s; flags are inferred instead",
				  strerror(-rc));
		return -1;
	}
	const char *end = NULL;
	cJSON *root = cJSON_ParseWithOpts(data, &end, 0);
	if (!root || !cJSON_IsArray(root)) {
		unsigned line = 0, col = 0;
		if (!root && end && end >= data && end <= data + len)
			offset_to_linecol(data, (size_t)(end - data), &line, &col);
		const char *what = root ? "is not a JSON array of compile commands"
					: "is not valid JSON";
		if (explicit)
			diag_error(b->d, path, line, col, "compile database %s; %s", what, regenerate);
		else
			diag_warn(b->d, path, line, col,
				  "compile database %s; flags are inferred instead (%s)", what,
				  regenerate);
		cJSON_Delete(root);
		free(data);
		return -1;
	}
	free(data);

	/* Canonical absolute path -> file index, for the C-family files. */
	const struct filelist *fl = b->files;
	struct absfile *known = xcalloc(fl->n ? fl->n : 1, sizeof *known);
	size_t nabs = 0;
	for (size_t i = 0; i < fl->n; i++) {
		if (!(fl->v[i].kind & FK_CFAMILY))
			continue;
		char *p = realpath(fl->v[i].path, NULL);
		if (!p) {
			char *a = abs_of_rel(b->root, fl->v[i].relpath);
			p = normalise(a);
			free(a);
		}
		known[nabs].abs = p;
		known[nabs++].idx = i;
	}
	qsort(known, nabs, sizeof *known, cmp_absfile);

	char *dbdir = rel_dir(path);
	char *dbdir_abs = abs_path(".", dbdir[0] ? dbdir : ".");
	size_t nbad = 0, nentries = 0, nmatched = 0;
	const cJSON *e;
	cJSON_ArrayForEach(e, root) {
		nentries++;
		const cJSON *jd = cJSON_GetObjectItemCaseSensitive(e, "directory");
		const cJSON *jf = cJSON_GetObjectItemCaseSensitive(e, "file");
		const cJSON *ja = cJSON_GetObjectItemCaseSensitive(e, "arguments");
		const cJSON *jc = cJSON_GetObjectItemCaseSensitive(e, "command");
		if (!cJSON_IsString(jd) || !cJSON_IsString(jf) ||
		    !(cJSON_IsArray(ja) || cJSON_IsString(jc))) {
			nbad++;
			continue;
		}
		char *dir = abs_path(dbdir_abs, jd->valuestring);
		char *file = abs_path(dir, jf->valuestring);
		size_t idx = find_abs(known, nabs, file);
		free(file);
		if (idx == NONE || b->from_db[idx]) {
			free(dir); /* not scanned, or named twice (the first entry wins) */
			continue;
		}
		struct strvec argv = {0};
		int ok = 1;
		if (cJSON_IsArray(ja)) {
			const cJSON *x;
			cJSON_ArrayForEach(x, ja) {
				if (cJSON_IsString(x))
					strvec_push(&argv, x->valuestring);
				else
					ok = 0;
			}
		} else {
			ok = shell_split(jc->valuestring, &argv) == 0;
		}
		if (ok && argv.n) {
			convert_args(b, &b->spec[idx], argv.v, argv.n, dir, fl->v[idx].kind);
			b->from_db[idx] = 1;
			nmatched++;
		} else {
			nbad++;
		}
		strvec_free(&argv);
		free(dir);
	}
	if (nbad)
		diag_warn(b->d, path, 0, 0,
			  "%zu of %zu entries lack a \"directory\", \"file\", or well-formed "
			  "\"arguments\"/\"command\"; those were skipped",
			  nbad, nentries);
	if (!nmatched && nabs)
		diag_warn(b->d, path, 0, 0,
			  "none of its %zu entries names a scanned file (is it from another checkout "
			  "or build?); flags are inferred instead",
			  nentries);
	for (size_t i = 0; i < nabs; i++)
		free(known[i].abs);
	free(known);
	free(dbdir);
	free(dbdir_abs);
	cJSON_Delete(root);
	return 0;
}

/* ---- include inference ---- */

struct inc_edge {
	size_t target; /* file index of the header reached, or NONE */
	size_t iarg;   /* pool index of the "-I..." it needs, or NONE */
};

struct inc_edges {
	struct inc_edge *v;
	size_t n, cap;
	int computed;
};

static int is_header(const struct scanfile *f)
{
	if (f->kind == FK_HEADER)
		return 1;
	if (f->kind != FK_CPP)
		return 0;
	const char *dot = strrchr(path_base(f->relpath), '.');
	return dot && (strcmp(dot, ".hpp") == 0 || strcmp(dot, ".hh") == 0 ||
		       strcmp(dot, ".hxx") == 0 || strcmp(dot, ".h++") == 0);
}

static int cmp_header(const void *a, const void *b, void *ctx)
{
	const struct filelist *fl = ctx;
	size_t x = *(const size_t *)a, y = *(const size_t *)b;
	const char *rx = fl->v[x].relpath, *ry = fl->v[y].relpath;
	int c = strcmp(path_base(rx), path_base(ry));
	if (!c)
		c = strcmp(rx, ry);
	return c ? c : (x > y) - (x < y);
}

static void build_header_index(struct build *b)
{
	const struct filelist *fl = b->files;
	b->headers = xcalloc(fl->n ? fl->n : 1, sizeof *b->headers);
	for (size_t i = 0; i < fl->n; i++)
		if (is_header(&fl->v[i]))
			b->headers[b->nheaders++] = i;
	qsort_r(b->headers, b->nheaders, sizeof *b->headers, cmp_header, (void *)fl);
}

/* Leading path components two directories share. */
static size_t common_components(const char *a, const char *b)
{
	size_t n = 0, i = 0;
	for (;; i++) {
		int ea = a[i] == '\0' || a[i] == '/', eb = b[i] == '\0' || b[i] == '/';
		if (ea && eb) {
			if (i > 0)
				n++;
			if (a[i] == '\0' || b[i] == '\0')
				return n;
			continue;
		}
		if (ea || eb || a[i] != b[i])
			return n;
	}
}

/* The header whose relpath ends with "/name" (or is name) nearest to the
 * including file: longest shared folder prefix, then shortest path. */
static size_t find_header(const struct build *b, const char *name, const char *incdir)
{
	const struct filelist *fl = b->files;
	const char *base = path_base(name);
	size_t nl = strlen(name);
	size_t lo = 0, hi = b->nheaders;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (strcmp(path_base(fl->v[b->headers[mid]].relpath), base) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	size_t best = NONE, best_common = 0, best_len = 0;
	for (size_t k = lo; k < b->nheaders; k++) {
		const char *rel = fl->v[b->headers[k]].relpath;
		if (strcmp(path_base(rel), base) != 0)
			break;
		size_t rl = strlen(rel);
		if (rl < nl || strcmp(rel + rl - nl, name) != 0 || (rl > nl && rel[rl - nl - 1] != '/'))
			continue;
		char *hdir = rel_dir(rel);
		size_t common = common_components(hdir, incdir);
		free(hdir);
		/* Candidates come in relpath order: ties keep the first. */
		if (best == NONE || common > best_common || (common == best_common && rl < best_len)) {
			best = b->headers[k];
			best_common = common;
			best_len = rl;
		}
	}
	return best;
}

static void edge_add(struct inc_edges *es, size_t target, size_t iarg)
{
	for (size_t i = 0; i < es->n; i++)
		if (es->v[i].target == target && es->v[i].iarg == iarg)
			return;
	if (es->n == es->cap) {
		es->cap = es->cap ? 2 * es->cap : 8;
		es->v = xrealloc(es->v, es->cap * sizeof *es->v);
	}
	es->v[es->n].target = target;
	es->v[es->n++].iarg = iarg;
}

/* The C11 library headers: <x.h> of these comes from the compiler and the
 * host, never from a copy somewhere in the tree (a vendored libc would
 * shadow the host's and pull in its machine headers). */
static const char *const std_headers[] = {
	"assert.h", "complex.h", "ctype.h", "errno.h", "fenv.h", "float.h", "inttypes.h",
	"iso646.h", "limits.h", "locale.h", "math.h", "setjmp.h", "signal.h", "stdalign.h",
	"stdarg.h", "stdatomic.h", "stdbool.h", "stddef.h", "stdint.h", "stdio.h", "stdlib.h",
	"stdnoreturn.h", "string.h", "tgmath.h", "threads.h", "time.h", "uchar.h", "wchar.h",
	"wctype.h",
};

/* One #include of file i. */
static void resolve_include(struct build *b, size_t i, const char *name, int angle)
{
	const struct filelist *fl = b->files;
	struct inc_edges *es = &b->edges[i];
	while (name[0] == '.' && name[1] == '/')
		name += 2;
	if (!name[0] || (angle && in_list(name, std_headers, ARRAY_LEN(std_headers))))
		return;
	char *dir = rel_dir(fl->v[i].relpath);
	char *absdir = dir[0] ? abs_of_rel(b->root, dir) : xstrdup(b->root);
	/* Next to the including file? */
	char *j = name[0] == '/' ? xstrdup(name) : path_join(absdir, name);
	char *next = normalise(j);
	free(j);
	char *nrel = walk_relpath(b->root, next);
	size_t target = find_rel(b, nrel);
	int here = target != NONE || access(next, F_OK) == 0;
	free(nrel);
	free(next);
	if (here) {
		/* <x.h> does not search the includer's folder: it needs a -I. */
		size_t iarg = angle ? pool_take(b->pool, xasprintf("-I%s", absdir)) : NONE;
		if (target != NONE || iarg != NONE)
			edge_add(es, target, iarg);
	} else if (name[0] != '/' && !strstr(name, "../")) {
		size_t h = find_header(b, name, dir);
		if (h != NONE) {
			const char *rel = fl->v[h].relpath;
			size_t pl = strlen(rel) - strlen(name);
			char *prefix = xstrndup(rel, pl ? pl - 1 : 0);
			char *inc = prefix[0] ? abs_of_rel(b->root, prefix) : xstrdup(b->root);
			edge_add(es, h, pool_take(b->pool, xasprintf("-I%s", inc)));
			free(inc);
			free(prefix);
		}
	}
	free(absdir);
	free(dir);
}

/* Scan file i's #include "..." and #include <...> lines (once). */
static void compute_edges(struct build *b, size_t i)
{
	struct inc_edges *es = &b->edges[i];
	if (es->computed)
		return;
	es->computed = 1;
	char *data;
	size_t len;
	if (util_read_file(b->files->v[i].path, FLAGS_MAX_SOURCE, &data, &len) != 0)
		return; /* the scan reports unreadable files */
	for (const char *p = data; p < data + len;) {
		const char *eol = memchr(p, '\n', (size_t)(data + len - p));
		if (!eol)
			eol = data + len;
		const char *s = p;
		while (s < eol && (*s == ' ' || *s == '\t'))
			s++;
		if (s < eol && *s == '#') {
			s++;
			while (s < eol && (*s == ' ' || *s == '\t'))
				s++;
			if (eol - s > 7 && strncmp(s, "include", 7) == 0) {
				s += 7;
				while (s < eol && (*s == ' ' || *s == '\t'))
					s++;
				if (s < eol && (*s == '"' || *s == '<')) {
					char close = *s == '"' ? '"' : '>';
					const char *e = memchr(s + 1, close, (size_t)(eol - s - 1));
					if (e && e > s + 1) {
						char *name = xstrndup(s + 1, (size_t)(e - s - 1));
						resolve_include(b, i, name, close == '>');
						free(name);
					}
				}
			}
		}
		p = eol + 1;
	}
	free(data);
}

/* A file's identity for dependency stamps: path, size and modification time. */
static uint64_t file_stamp(struct build *b, size_t i)
{
	if (!b->stamp[i]) {
		const struct scanfile *f = &b->files->v[i];
		uint64_t h = hash_str(HASH_SEED, f->relpath);
		struct stat st;
		if (stat(f->path, &st) == 0) {
			uint64_t id[3] = {(uint64_t)st.st_size, (uint64_t)st.st_mtim.tv_sec,
					  (uint64_t)st.st_mtim.tv_nsec};
			h = hash_bytes(h, id, sizeof id);
		}
		b->stamp[i] = h ? h : 1;
	}
	return b->stamp[i];
}

/* File i's -I folders: those of its own includes, then (breadth first) those
 * of the headers they reach, each once. The headers reached give its
 * dependency stamp, so a changed header invalidates the files including it. */
static void infer_file(struct build *b, size_t i, unsigned *visited, unsigned gen,
		       struct ivec *queue)
{
	struct ivec *out = &b->spec[i];
	queue->n = 0;
	ivec_push(queue, i);
	visited[i] = gen;
	for (size_t q = 0; q < queue->n; q++) {
		size_t f = queue->v[q];
		compute_edges(b, f);
		const struct inc_edges *es = &b->edges[f];
		for (size_t k = 0; k < es->n; k++) {
			size_t a = es->v[k].iarg, t = es->v[k].target;
			if (a != NONE && b->pool->stamp[a] != gen) {
				b->pool->stamp[a] = gen;
				ivec_push(out, a);
			}
			if (t != NONE && visited[t] != gen) {
				visited[t] = gen;
				ivec_push(queue, t);
			}
		}
	}
	/* In BFS order, which is deterministic for a given tree. */
	uint64_t h = 0;
	for (size_t q = 1; q < queue->n; q++) {
		uint64_t s = file_stamp(b, queue->v[q]);
		h = hash_bytes(h ? h : HASH_SEED, &s, sizeof s);
	}
	b->deps[i] = h;
}

static void infer_all(struct build *b)
{
	const struct filelist *fl = b->files;
	build_header_index(b);
	b->edges = xcalloc(fl->n ? fl->n : 1, sizeof *b->edges);
	b->stamp = xcalloc(fl->n ? fl->n : 1, sizeof *b->stamp);
	unsigned *visited = xcalloc(fl->n ? fl->n : 1, sizeof *visited);
	struct ivec queue = {0};
	unsigned gen = 0;
	/* Pool stamps start at 0: generations start at 1. */
	for (size_t k = 0; k < fl->n; k++) {
		size_t i = b->byrel[k];
		if (!(fl->v[i].kind & FK_CFAMILY) || b->from_db[i])
			continue;
		infer_file(b, i, visited, ++gen, &queue);
	}
	for (size_t i = 0; i < fl->n; i++)
		free(b->edges[i].v);
	free(b->edges);
	free(b->stamp);
	free(visited);
	free(queue.v);
	free(b->headers);
}

/* ---- the interface ---- */

static char *find_database(const char *root, const char *cdb_dir, int *explicit)
{
	*explicit = cdb_dir != NULL;
	if (cdb_dir) {
		size_t l = strlen(cdb_dir);
		if (l >= 5 && strcmp(cdb_dir + l - 5, ".json") == 0)
			return xstrdup(cdb_dir); /* -p given the file itself */
		return path_join(cdb_dir, "compile_commands.json");
	}
	static const char *const cand[] = {"compile_commands.json", "build/compile_commands.json"};
	for (size_t i = 0; i < ARRAY_LEN(cand); i++) {
		char *p = path_join(root, cand[i]);
		if (access(p, F_OK) == 0)
			return p;
		free(p);
	}
	return NULL;
}

struct flagset *flags_new(const char *root, const char *cdb_dir, const struct filelist *files,
			  const char *const *user, size_t nuser, unsigned opts, struct diag *d)
{
	struct flagset *fs = xcalloc(1, sizeof *fs);
	static const struct filelist empty = {0};
	if (!files)
		files = &empty;
	size_t nf = files->n;
	struct build b = {
		.root = root,
		.files = files,
		.d = d,
		.pool = &fs->pool,
		.spec = xcalloc(nf ? nf : 1, sizeof *b.spec),
		.from_db = xcalloc(nf ? nf : 1, 1),
		.byrel = xcalloc(nf ? nf : 1, sizeof *b.byrel),
		.deps = xcalloc(nf ? nf : 1, sizeof *b.deps),
	};
	for (size_t i = 0; i < nf; i++)
		b.byrel[i] = i;
	qsort_r(b.byrel, nf, sizeof *b.byrel, cmp_byrel, (void *)files);

	int explicit;
	char *db = find_database(root, cdb_dir, &explicit);
	if (db) {
		if (load_database(&b, db, explicit) == 0)
			fs->database = db;
		else
			free(db);
	}
	if (!(opts & FLAGS_NO_INFER))
		infer_all(&b);

	/* User arguments: interned, appended to every entry. */
	struct ivec uidx = {0};
	for (size_t i = 0; i < nuser; i++)
		ivec_push(&uidx, pool_intern(&fs->pool, user[i]));

	fs->v = xcalloc(nf ? nf : 1, sizeof *fs->v);
	for (size_t k = 0; k < nf; k++) {
		size_t i = b.byrel[k];
		if (!b.spec[i].n && !b.deps[i])
			continue;
		if (fs->n && strcmp(fs->v[fs->n - 1].relpath, files->v[i].relpath) == 0)
			continue; /* a relpath listed twice: the first wins */
		/* Index the pool's array only after interning: the array may move
		 * (its strings do not). */
		size_t ri = pool_intern(&fs->pool, files->v[i].relpath);
		struct fentry *e = &fs->v[fs->n++];
		e->relpath = fs->pool.s[ri];
		e->deps = b.deps[i];
		e->n = b.spec[i].n + uidx.n;
		e->args = xcalloc(e->n, sizeof *e->args);
		for (size_t a = 0; a < b.spec[i].n; a++)
			e->args[a] = fs->pool.s[b.spec[i].v[a]];
		for (size_t a = 0; a < uidx.n; a++)
			e->args[b.spec[i].n + a] = fs->pool.s[uidx.v[a]];
	}
	fs->user = xcalloc(uidx.n ? uidx.n : 1, sizeof *fs->user);
	for (size_t a = 0; a < uidx.n; a++)
		fs->user[a] = fs->pool.s[uidx.v[a]];
	fs->nuser = uidx.n;

	free(uidx.v);
	for (size_t i = 0; i < nf; i++)
		free(b.spec[i].v);
	free(b.spec);
	free(b.from_db);
	free(b.byrel);
	free(b.deps);
	return fs;
}

void flags_free(struct flagset *fs)
{
	if (!fs)
		return;
	for (size_t i = 0; i < fs->n; i++)
		free(fs->v[i].args);
	free(fs->v);
	free(fs->user);
	free(fs->database);
	pool_free(&fs->pool);
	free(fs);
}

static const struct fentry *find_entry(const struct flagset *fs, const char *relpath)
{
	size_t lo = 0, hi = fs->n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(fs->v[mid].relpath, relpath);
		if (c == 0)
			return &fs->v[mid];
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

void flags_for(const struct flagset *fs, const char *relpath, const char *const **args, size_t *n)
{
	const struct fentry *e = find_entry(fs, relpath);
	if (e) {
		*args = e->args;
		*n = e->n;
	} else {
		*args = fs->user;
		*n = fs->nuser;
	}
}

uint64_t flags_deps(const struct flagset *fs, const char *relpath)
{
	const struct fentry *e = find_entry(fs, relpath);
	return e ? e->deps : 0;
}

const char *flags_database(const struct flagset *fs)
{
	return fs->database;
}
