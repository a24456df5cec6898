/* cache.c - content-addressed results cache (see cache.h). */
#include "cache.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "jsonw.h"
#include "util.h"

#ifndef ETSILINT_VERSION
#define ETSILINT_VERSION "0.0.0"
#endif
#define CACHE_FORMAT 2 /* 2: findings may have "steps" */
#define CACHE_ENTRY_MAX (8u << 20)

struct cache {
	char *dir;
	uint64_t tool; /* identity of the running binary */
};

static int mkdirs(const char *path)
{
	char *p = xstrdup(path);
	for (char *s = p + 1; *s; s++) {
		if (*s != '/')
			continue;
		*s = '\0';
		if (mkdir(p, 0700) != 0 && errno != EEXIST) {
			free(p);
			return -1;
		}
		*s = '/';
	}
	int rc = mkdir(p, 0700) == 0 || errno == EEXIST ? 0 : -1;
	free(p);
	return rc;
}

static char *default_dir(void)
{
	const char *x = getenv("XDG_CACHE_HOME");
	if (x && *x == '/')
		return path_join(x, "etsilint");
	const char *h = getenv("HOME");
	if (h && *h == '/')
		return xasprintf("%s/.cache/etsilint", h);
	return NULL;
}

/* Is path (absolute) root or inside it? */
static int inside(const char *path, const char *root)
{
	size_t rl = strlen(root);
	if (rl == 1 && root[0] == '/')
		return 1;
	return strncmp(path, root, rl) == 0 && (path[rl] == '/' || path[rl] == '\0');
}

/* An absolute form of path without requiring it to exist. */
static char *absolute(const char *path)
{
	if (path[0] == '/')
		return xstrdup(path);
	char *cwd = getcwd(NULL, 0);
	char *r = cwd ? path_join(cwd, path) : xstrdup(path);
	free(cwd);
	return r;
}

struct cache *cache_open(const char *dir, const char *root, struct diag *d)
{
	char *path = dir ? xstrdup(dir) : default_dir();
	if (!path)
		return NULL;
	if (!dir && root) {
		/* Decide before creating anything: a refused folder is never made. */
		char *abs = absolute(path);
		char *real_root = realpath(root, NULL);
		int in = inside(abs, real_root ? real_root : root);
		free(real_root);
		if (in) {
			diag_add(d, DIAG_NOTE, 0, abs, 0, 0,
				 "the default cache folder is inside the scanned tree; not used (give "
				 "--cache-dir to use it anyway)");
			free(abs);
			free(path);
			return NULL;
		}
		free(abs);
	}
	if (mkdirs(path) != 0) {
		diag_add(d, DIAG_WARNING, 0, path, 0, 0,
			 "cannot create the results cache folder (%s); scanning without a cache",
			 strerror(errno));
		free(path);
		return NULL;
	}
	char *real = realpath(path, NULL);
	if (!dir && real && root && inside(real, root)) { /* through a symbolic link */
		diag_add(d, DIAG_NOTE, 0, real, 0, 0,
			 "the default cache folder is inside the scanned tree; not used (give "
			 "--cache-dir to use it anyway)");
		free(real);
		free(path);
		return NULL;
	}
	struct cache *c = xcalloc(1, sizeof *c);
	c->dir = real ? real : xstrdup(path);
	free(path);
	c->tool = hash_str(HASH_SEED, "etsilint " ETSILINT_VERSION);
	struct stat st;
	if (stat("/proc/self/exe", &st) == 0) {
		uint64_t id[4] = {(uint64_t)st.st_size, (uint64_t)st.st_mtime,
				  (uint64_t)st.st_mtim.tv_nsec, (uint64_t)st.st_ino};
		c->tool = hash_bytes(c->tool, id, sizeof id);
	}
	return c;
}

void cache_close(struct cache *c)
{
	if (!c)
		return;
	free(c->dir);
	free(c);
}

const char *cache_dir(const struct cache *c)
{
	return c->dir;
}

uint64_t cache_key(const struct cache *c, const char *data, size_t len, const char *relpath,
		   unsigned kind, const char *const *args, size_t nargs, uint64_t pack_hash)
{
	uint64_t h = c ? c->tool : hash_str(HASH_SEED, "etsilint " ETSILINT_VERSION);
	h = hash_bytes(h, &pack_hash, sizeof pack_hash);
	h = hash_bytes(h, &kind, sizeof kind);
	h = hash_str(h, relpath);
	for (size_t i = 0; i < nargs; i++)
		h = hash_str(h, args[i]);
	h = hash_bytes(h, &len, sizeof len);
	return hash_bytes(h, data, len);
}

static char *entry_path(const struct cache *c, uint64_t key)
{
	return xasprintf("%s/%02x/%016" PRIx64 ".json", c->dir, (unsigned)(key >> 56), key);
}

static int get_uint(const cJSON *o, const char *k, unsigned *out)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, k);
	if (!cJSON_IsNumber(v) || v->valuedouble < 0 || v->valuedouble > 4e9)
		return -1;
	*out = (unsigned)v->valuedouble;
	return 0;
}

/* The "steps" of cached finding it (absent: none) into f->steps, messages
 * borrowed from the JSON. Returns 0, or -1 when ill-typed. */
static int get_steps(const cJSON *it, struct finding *f)
{
	const cJSON *arr = cJSON_GetObjectItemCaseSensitive(it, "steps");
	if (!arr)
		return 0;
	if (!cJSON_IsArray(arr) || cJSON_GetArraySize(arr) <= 0)
		return -1;
	size_t n = (size_t)cJSON_GetArraySize(arr), k = 0;
	f->steps = xcalloc(n, sizeof *f->steps);
	f->nsteps = n;
	const cJSON *st;
	cJSON_ArrayForEach(st, arr) {
		struct flow_step *s = &f->steps[k++];
		const cJSON *msg = cJSON_GetObjectItemCaseSensitive(st, "message");
		if (!cJSON_IsString(msg) || get_uint(st, "line", &s->line) ||
		    get_uint(st, "col", &s->col) || get_uint(st, "endLine", &s->end_line) ||
		    get_uint(st, "endCol", &s->end_col))
			return -1;
		s->message = msg->valuestring;
	}
	return 0;
}

int cache_get(struct cache *c, uint64_t key, const struct rulepack *pack, const char *path,
	      const char *relpath, struct findings *out)
{
	if (!c)
		return 0;
	char *file = entry_path(c, key);
	char *data;
	size_t len;
	int rc = util_read_file(file, CACHE_ENTRY_MAX, &data, &len);
	free(file);
	if (rc < 0)
		return 0;
	cJSON *root = cJSON_ParseWithLength(data, len);
	free(data);
	const cJSON *fmt = cJSON_GetObjectItemCaseSensitive(root, "format");
	const cJSON *arr = cJSON_GetObjectItemCaseSensitive(root, "findings");
	if (!cJSON_IsNumber(fmt) || fmt->valueint != CACHE_FORMAT || !cJSON_IsArray(arr)) {
		cJSON_Delete(root);
		return 0;
	}
	/* Validate everything before adding anything: a bad entry is a miss. */
	size_t n = (size_t)cJSON_GetArraySize(arr), k = 0;
	struct finding *tmp = xcalloc(n ? n : 1, sizeof *tmp);
	const cJSON *it;
	int ok = 1;
	cJSON_ArrayForEach(it, arr) {
		struct finding *f = &tmp[k++];
		const cJSON *rid = cJSON_GetObjectItemCaseSensitive(it, "rule");
		const cJSON *msg = cJSON_GetObjectItemCaseSensitive(it, "message");
		const cJSON *snip = cJSON_GetObjectItemCaseSensitive(it, "snippet");
		const cJSON *just = cJSON_GetObjectItemCaseSensitive(it, "justification");
		unsigned rec = 0, sup = 0;
		f->rule = cJSON_IsString(rid) ? rulepack_find(pack, rid->valuestring) : NULL;
		if (!f->rule || !cJSON_IsString(msg) || !cJSON_IsString(snip) ||
		    get_uint(it, "line", &f->line) || get_uint(it, "col", &f->col) ||
		    get_uint(it, "endLine", &f->end_line) || get_uint(it, "endCol", &f->end_col) ||
		    get_uint(it, "recovered", &rec) ||
		    (cJSON_GetObjectItemCaseSensitive(it, "suppressed") &&
		     get_uint(it, "suppressed", &sup)) ||
		    (sup && !cJSON_IsString(just)) || get_steps(it, f)) {
			ok = 0;
			break;
		}
		f->message = msg->valuestring;
		f->snippet = snip->valuestring;
		f->recovered = rec != 0;
		f->suppressed = sup != 0;
		f->justification = sup ? just->valuestring : NULL;
		f->path = (char *)path;
		f->relpath = (char *)relpath;
	}
	if (ok)
		for (size_t i = 0; i < n; i++)
			findings_add(out, &tmp[i]);
	for (size_t i = 0; i < n; i++)
		free(tmp[i].steps); /* the array only: messages belong to root */
	free(tmp);
	cJSON_Delete(root);
	return ok;
}

void cache_put(struct cache *c, uint64_t key, const struct findings *fs, size_t from)
{
	if (!c)
		return;
	cJSON *root = jsonw_obj();
	jsonw_add(root, "format", jsonw_num(CACHE_FORMAT));
	cJSON *arr = jsonw_arr();
	for (size_t i = from; i < fs->n; i++) {
		const struct finding *f = &fs->v[i];
		cJSON *o = jsonw_obj();
		jsonw_add(o, "rule", jsonw_str(f->rule->id));
		jsonw_add(o, "line", jsonw_num(f->line));
		jsonw_add(o, "col", jsonw_num(f->col));
		jsonw_add(o, "endLine", jsonw_num(f->end_line));
		jsonw_add(o, "endCol", jsonw_num(f->end_col));
		jsonw_add(o, "message", jsonw_str(f->message));
		jsonw_add(o, "snippet", jsonw_str(f->snippet));
		jsonw_add(o, "recovered", jsonw_num(f->recovered));
		if (f->suppressed) { /* absent: not suppressed */
			jsonw_add(o, "suppressed", jsonw_num(1));
			jsonw_add(o, "justification", jsonw_str(f->justification ? f->justification : ""));
		}
		if (f->nsteps) { /* absent: no data-flow path */
			cJSON *steps = jsonw_arr();
			for (size_t k = 0; k < f->nsteps; k++) {
				const struct flow_step *s = &f->steps[k];
				cJSON *so = jsonw_obj();
				jsonw_add(so, "line", jsonw_num(s->line));
				jsonw_add(so, "col", jsonw_num(s->col));
				jsonw_add(so, "endLine", jsonw_num(s->end_line));
				jsonw_add(so, "endCol", jsonw_num(s->end_col));
				jsonw_add(so, "message", jsonw_str(s->message ? s->message : ""));
				jsonw_push(steps, so);
			}
			jsonw_add(o, "steps", steps);
		}
		jsonw_push(arr, o);
	}
	jsonw_add(root, "findings", arr);
	char *text = cJSON_PrintUnformatted(root);
	cJSON_Delete(root);
	if (!text)
		util_oom();
	char *file = entry_path(c, key);
	char *slash = strrchr(file, '/');
	*slash = '\0';
	mkdir(file, 0700);
	*slash = '/';
	char *tmp = xasprintf("%s.%ld.%p.tmp", file, (long)getpid(), (void *)text);
	FILE *out = fopen(tmp, "w");
	if (out) {
		int bad = fputs(text, out) < 0;
		bad |= fclose(out) != 0;
		if (bad || rename(tmp, file) != 0)
			unlink(tmp);
	}
	free(tmp);
	free(file);
	free(text);
}
