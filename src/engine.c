/* engine.c - the generic scan: plan rules per file kind, read each file once,
 * parse C once (every AST rule shares the one visit), run text rules on the
 * shared line table, mark the findings its etsilint-ignore comments suppress,
 * collect findings per file, merge in file order. */
#define PCRE2_CODE_UNIT_WIDTH 8
#include "engine.h"

#include <errno.h>
#include <limits.h>
#include <pcre2.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "classify.h"
#include "cache.h"
#include "cparse.h"
#include "flags.h"
#include "matcher.h"
#include "suppress.h"
#include "textfile.h"

#define NKINDS FK_NKINDS
#define REGEX_MATCH_LIMIT 2000000u
#define REGEX_DEPTH_LIMIT 20000u

/* Which rules run on a file of each kind: AST rules and text rules apart. */
struct plan {
	const struct rulepack *pack;
	const struct rule **ast[NKINDS], **text[NKINDS];
	size_t nast[NKINDS], ntext[NKINDS];
};

struct match_ctx {
	const char *path, *relpath;
	const char *root, *root_display;
	unsigned kind;
	struct textfile *tf;
	struct kvfile kv;
	int kv_parsed;
	struct findings *out;
	struct diag *d;
	pcre2_match_data *md;
	pcre2_match_context *mctx;
	const struct rule *limit_reported; /* last rule whose match limit was reported */
	const struct rule *const *ast;
	size_t nast;
};

static unsigned kind_index(unsigned kind)
{
	for (unsigned i = 0; i < NKINDS; i++)
		if (kind == (1u << i))
			return i;
	return 0;
}

static void plan_build(struct plan *p, const struct rulepack *pack)
{
	memset(p, 0, sizeof *p);
	p->pack = pack;
	for (unsigned k = 0; k < NKINDS; k++) {
		p->ast[k] = xcalloc(pack->n ? pack->n : 1, sizeof *p->ast[k]);
		p->text[k] = xcalloc(pack->n ? pack->n : 1, sizeof *p->text[k]);
		for (size_t i = 0; i < pack->n; i++) {
			const struct rule *r = pack->rules[i];
			if (!(r->kinds & (1u << k)))
				continue;
			if (r->ops->on_repo)
				continue; /* run once per scan, not per file */
			if (r->ops->cev_mask) {
				if (!(FK_CFAMILY & (1u << k)))
					continue; /* AST rules only see C-family files */
				p->ast[k][p->nast[k]++] = r;
			} else {
				p->text[k][p->ntext[k]++] = r;
			}
		}
	}
}

static void plan_free(struct plan *p)
{
	for (unsigned k = 0; k < NKINDS; k++) {
		free(p->ast[k]);
		free(p->text[k]);
	}
}

/* ---- the matcher-facing API ---- */

const struct textfile *match_text(struct match_ctx *mc)
{
	return mc->tf;
}

unsigned match_kind(struct match_ctx *mc)
{
	return mc->kind;
}

const struct kvfile *match_kv(struct match_ctx *mc)
{
	if (!mc->kv_parsed) {
		kvparse(mc->tf, mc->kind == FK_YOCTO ? KV_BITBAKE : KV_KCONFIG, &mc->kv);
		mc->kv_parsed = 1;
	}
	return &mc->kv;
}

int match_regex(struct match_ctx *mc, const struct rule *r, void *code, const char *subj, size_t len,
		size_t start, size_t ovec[2])
{
	int rc = pcre2_match(code, (PCRE2_SPTR)subj, len, start, 0, mc->md, mc->mctx);
	if (rc >= 0) {
		PCRE2_SIZE *ov = pcre2_get_ovector_pointer(mc->md);
		ovec[0] = ov[0];
		ovec[1] = ov[1];
		return 1;
	}
	if (rc == PCRE2_ERROR_NOMATCH)
		return 0;
	if (mc->limit_reported != r) {
		PCRE2_UCHAR msg[128];
		pcre2_get_error_message(rc, msg, sizeof msg);
		diag_warn(mc->d, mc->path, 0, 0,
			  "rule '%s': regular expression stopped (%s); the rest of this file was not "
			  "checked by this rule", r->id, (const char *)msg);
		mc->limit_reported = r;
	}
	return -1;
}

/* Copy at most max bytes of s (one line, control characters as spaces). */
static void add_clipped(struct sbuf *b, const char *s, size_t max)
{
	size_t n = strlen(s);
	for (size_t i = 0; i < n && i < max; i++)
		sbuf_addc(b, (unsigned char)s[i] < 0x20 ? ' ' : s[i]);
	if (n > max)
		sbuf_adds(b, "...");
}

static char *expand_message(const struct rule *r, const struct match_hit *h)
{
	struct sbuf b = {0};
	for (const char *p = r->message; *p; p++) {
		if (*p == '{') {
			const char *e = strchr(p, '}');
			if (e) {
				size_t n = (size_t)(e - p - 1);
				const char *val = NULL;
				int secret = 0, known = 1;
				if (n == 6 && strncmp(p + 1, "callee", 6) == 0)
					val = h->callee;
				else if (n == 4 && strncmp(p + 1, "name", 4) == 0)
					val = h->name;
				else if (n == 5 && strncmp(p + 1, "value", 5) == 0)
					val = h->value, secret = r->secret;
				else if (n == 3 && strncmp(p + 1, "key", 3) == 0)
					val = h->key;
				else if (n == 5 && strncmp(p + 1, "match", 5) == 0)
					val = h->match, secret = r->secret;
				else
					known = 0;
				if (known) {
					if (!val)
						val = "";
					if (secret) {
						char *m = finding_mask_secret(val, strlen(val));
						add_clipped(&b, m, 80);
						free(m);
					} else {
						add_clipped(&b, val, 80);
					}
					p = e;
					continue;
				}
			}
		}
		sbuf_addc(&b, *p);
	}
	return sbuf_take(&b);
}

/* The trimmed source line, with the secret span masked. */
static char *make_snippet(const struct match_ctx *mc, const struct rule *r, const struct match_hit *h)
{
	if (!mc->tf || h->no_snippet || h->line == 0 || h->line > mc->tf->nlines)
		return xstrdup("");
	size_t len;
	const char *line = textfile_line(mc->tf, h->line - 1, &len);
	char *copy = xstrndup(line, len);
	if (r->secret) {
		size_t a = 0, e = 0;
		if (h->mask_line == h->line && h->mask_end_col > h->mask_col && h->mask_col >= 1) {
			a = h->mask_col - 1;
			e = h->mask_end_col - 1;
		} else {
			const char *sec = h->value ? h->value : h->match;
			const char *f = sec && *sec ? strstr(copy, sec) : NULL;
			if (f) {
				a = (size_t)(f - copy);
				e = a + strlen(sec);
			} else {
				/* Nothing to anchor on: hide the whole line. */
				a = 0;
				e = len;
			}
		}
		if (e > len)
			e = len;
		if (a < e) {
			char *m = finding_mask_secret(copy + a, e - a);
			memcpy(copy + a, m, e - a);
			free(m);
		}
	}
	const char *s = copy;
	while (*s == ' ' || *s == '\t')
		s++;
	size_t n = strlen(s);
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r'))
		n--;
	struct sbuf b = {0};
	char *t = xstrndup(s, n);
	add_clipped(&b, t, 240);
	free(t);
	free(copy);
	return sbuf_take(&b);
}

void match_report(struct match_ctx *mc, const struct rule *r, const struct match_hit *h)
{
	struct finding f = {0};
	f.rule = r;
	f.path = (char *)mc->path;
	f.relpath = (char *)mc->relpath;
	f.line = h->line ? h->line : 1;
	f.col = h->col ? h->col : 1;
	f.end_line = h->end_line ? h->end_line : f.line;
	if (h->end_col)
		f.end_col = h->end_col;
	else if (mc->tf && f.end_line <= mc->tf->nlines) {
		size_t len;
		textfile_line(mc->tf, f.end_line - 1, &len);
		f.end_col = (unsigned)len + 1;
	}
	if (f.end_line == f.line && f.end_col <= f.col)
		f.end_col = f.col + 1;
	/* Valid UTF-8 from the start: every output and the cache see the same text. */
	char *m = expand_message(r, h), *sn = make_snippet(mc, r, h);
	f.message = utf8_clean(m);
	f.snippet = utf8_clean(sn);
	free(m);
	free(sn);
	f.recovered = h->recovered;
	/* The data-flow path: positions made 1-based and non-empty as the
	 * finding's, messages valid UTF-8; findings_add copies them. */
	struct flow_step *steps = h->nsteps && h->steps ? xcalloc(h->nsteps, sizeof *steps) : NULL;
	for (size_t i = 0; steps && i < h->nsteps; i++) {
		const struct flow_step *s = &h->steps[i];
		struct flow_step *t = &steps[i];
		t->line = s->line ? s->line : 1;
		t->col = s->col ? s->col : 1;
		t->end_line = s->end_line < t->line ? t->line : s->end_line;
		t->end_col = s->end_col ? s->end_col : (t->col < UINT_MAX ? t->col + 1 : t->col);
		if (t->end_line == t->line && t->end_col <= t->col)
			t->end_col = t->col < UINT_MAX ? t->col + 1 : t->col;
		t->message = utf8_clean(s->message ? s->message : "");
	}
	f.steps = steps;
	f.nsteps = steps ? h->nsteps : 0;
	findings_add(mc->out, &f);
	for (size_t i = 0; i < f.nsteps; i++)
		free(steps[i].message);
	free(steps);
	free(f.message);
	free(f.snippet);
}

void match_report_path(struct match_ctx *mc, const struct rule *r, const char *relpath,
		       const struct match_hit *h)
{
	char *path = strcmp(relpath, ".") == 0 ? xstrdup(mc->root_display)
						: path_join(mc->root_display, relpath);
	const char *save_path = mc->path, *save_rel = mc->relpath;
	struct textfile *save_tf = mc->tf;
	mc->path = path;
	mc->relpath = relpath;
	mc->tf = NULL;
	match_report(mc, r, h);
	mc->path = save_path;
	mc->relpath = save_rel;
	mc->tf = save_tf;
	free(path);
}

const char *match_root(struct match_ctx *mc)
{
	return mc->root;
}

/* ---- per file ---- */

static void on_event(const struct cev *ev, void *ud)
{
	struct match_ctx *mc = ud;
	for (size_t i = 0; i < mc->nast; i++) {
		const struct rule *r = mc->ast[i];
		if (r->ops->cev_mask & ev->kind)
			r->ops->on_event(r, r->mstate, ev, mc);
	}
}

static void count(size_t *counter)
{
	__atomic_fetch_add(counter, 1, __ATOMIC_RELAXED);
}

static void scan_one(const struct plan *p, struct cparse *cp,
		     const struct scan_config *cfg, const char *path, const char *relpath,
		     unsigned kind, char *data, size_t len, pcre2_match_data *md,
		     pcre2_match_context *mctx, struct findings *out, struct diag *d)
{
	unsigned k = kind_index(kind);
	const char *const *args = cfg->cflags;
	size_t nargs = cfg->ncflags;
	if (cfg->flags)
		flags_for(cfg->flags, relpath, &args, &nargs);
	if (cfg->stats)
		count(&cfg->stats->files);
	uint64_t key = 0;
	size_t before = out->n;
	if (cfg->cache) {
		key = cache_key(cfg->cache, data, len, relpath, kind, args, nargs, p->pack->hash);
		if (cfg->flags) { /* the headers it includes */
			uint64_t deps = flags_deps(cfg->flags, relpath);
			key = hash_bytes(key, &deps, sizeof deps);
		}
		if (cache_get(cfg->cache, key, p->pack, path, relpath, out)) {
			if (cfg->stats)
				count(&cfg->stats->cached);
			free(data);
			return;
		}
	}
	struct match_ctx mc = {.path = path, .relpath = relpath, .kind = kind, .out = out, .d = d,
			       .md = md, .mctx = mctx};
	mc.tf = textfile_new(data, len); /* takes data */
	if (mc.tf->binary) {
		diag_warn(d, path, 0, 0, "binary content (NUL bytes); skipped");
		textfile_free(mc.tf);
		return;
	}
	/* The AST rules whose paths admit this file share one parse. */
	const struct rule **sel = NULL;
	unsigned wanted = 0;
	if (p->nast[k]) {
		sel = xcalloc(p->nast[k], sizeof *sel);
		for (size_t i = 0; i < p->nast[k]; i++) {
			const struct rule *r = p->ast[k][i];
			if (rule_applies_to_path(r, relpath)) {
				sel[mc.nast++] = r;
				wanted |= r->ops->cev_mask;
			}
		}
		mc.ast = sel;
	}
	int timed_out = 0;
	if (mc.nast) {
		timed_out = cparse_file(cp, path, mc.tf->data, mc.tf->len, kind == FK_CPP, args, nargs,
					wanted, on_event, &mc, d) == -2;
		if (cfg->stats)
			count(&cfg->stats->parsed);
	}
	free(sel);
	for (size_t i = 0; i < p->ntext[k]; i++) {
		const struct rule *r = p->text[k][i];
		if (rule_applies_to_path(r, relpath))
			r->ops->on_text(r, r->mstate, &mc);
	}
	if (out->n > before) { /* inline suppressions, from the text at hand */
		struct suppressions sup = {0};
		suppress_parse(mc.tf, kind, &sup);
		suppress_apply(&sup, out, before);
		suppress_free(&sup);
	}
	if (mc.kv_parsed)
		kvfile_free(&mc.kv);
	textfile_free(mc.tf);
	if (cfg->cache && !timed_out) /* an incomplete result is not kept */
		cache_put(cfg->cache, key, out, before);
}

struct worker_state {
	const struct plan *plan;
	const struct scan_config *cfg;
	const struct filelist *files;
	struct findings *slots; /* one per file */
	struct diag *d;
	pthread_mutex_t lock;
	size_t next, done, nfindings;
};

static void progress(struct worker_state *ws, int final)
{
	if (!ws->cfg->progress)
		return;
	fprintf(stderr, "\r\033[Ketsilint: %zu/%zu files, %zu findings", ws->done, ws->files->n,
		ws->nfindings);
	if (final)
		fputs("\r\033[K", stderr);
	fflush(stderr);
}

static void *worker(void *arg)
{
	struct worker_state *ws = arg;
	struct cparse *cp = cparse_new();
	cparse_set_timeout(cp, ws->cfg->file_timeout_ms);
	pcre2_match_data *md = pcre2_match_data_create(32, NULL);
	pcre2_match_context *mctx = pcre2_match_context_create(NULL);
	pcre2_set_match_limit(mctx, REGEX_MATCH_LIMIT);
	pcre2_set_depth_limit(mctx, REGEX_DEPTH_LIMIT);
	for (;;) {
		pthread_mutex_lock(&ws->lock);
		size_t i = ws->next++;
		pthread_mutex_unlock(&ws->lock);
		if (i >= ws->files->n)
			break;
		const struct scanfile *sf = &ws->files->v[i];
		char *data;
		size_t len;
		int rc = util_read_file(sf->path, ws->cfg->max_file_size, &data, &len);
		if (rc == -EFBIG)
			diag_warn(ws->d, sf->path, 0, 0, "larger than the size limit (%zu bytes); skipped",
				  ws->cfg->max_file_size);
		else if (rc < 0)
			diag_error(ws->d, sf->path, 0, 0, "cannot read: %s", strerror(-rc));
		else
			scan_one(ws->plan, cp, ws->cfg, sf->path, sf->relpath, sf->kind, data, len, md, mctx,
				 &ws->slots[i], ws->d);
		/* Every file's findings wait for the merge: keep no spare room. */
		struct findings *slot = &ws->slots[i];
		if (slot->n == 0) {
			free(slot->v);
			slot->v = NULL;
			slot->cap = 0;
		} else if (slot->cap > slot->n) {
			slot->v = xrealloc(slot->v, slot->n * sizeof *slot->v);
			slot->cap = slot->n;
		}
		pthread_mutex_lock(&ws->lock);
		ws->done++;
		ws->nfindings += ws->slots[i].n;
		if (ws->cfg->progress && (ws->done % 16 == 0 || ws->done == ws->files->n))
			progress(ws, 0);
		pthread_mutex_unlock(&ws->lock);
	}
	pcre2_match_context_free(mctx);
	pcre2_match_data_free(md);
	cparse_free(cp);
	return NULL;
}

void engine_scan(const struct scan_config *cfg, const struct rulepack *pack,
		 const struct filelist *files, struct findings *out, struct diag *d)
{
	struct plan p;
	plan_build(&p, pack);
	struct worker_state ws = {.plan = &p, .cfg = cfg, .files = files, .d = d};
	ws.slots = xcalloc(files->n ? files->n : 1, sizeof *ws.slots);
	pthread_mutex_init(&ws.lock, NULL);
	unsigned jobs = cfg->jobs ? cfg->jobs : 1;
	if (jobs > files->n)
		jobs = files->n ? (unsigned)files->n : 1;
	if (jobs == 1) {
		worker(&ws);
	} else {
		pthread_t *th = xcalloc(jobs, sizeof *th);
		unsigned started = 0;
		for (unsigned i = 0; i < jobs; i++)
			if (pthread_create(&th[i], NULL, worker, &ws) == 0)
				started++;
			else
				break;
		if (started == 0)
			worker(&ws);
		for (unsigned i = 0; i < started; i++)
			pthread_join(th[i], NULL);
		free(th);
	}
	progress(&ws, 1);
	for (size_t i = 0; i < files->n; i++)
		findings_move(out, &ws.slots[i]);
	if (cfg->root) {
		struct match_ctx mc = {.path = cfg->root_display ? cfg->root_display : cfg->root,
				       .relpath = ".", .root = cfg->root,
				       .root_display = cfg->root_display ? cfg->root_display : cfg->root,
				       .out = out, .d = d};
		for (size_t i = 0; i < pack->n; i++) {
			const struct rule *r = pack->rules[i];
			if (r->ops->on_repo)
				r->ops->on_repo(r, r->mstate, &mc);
		}
	}
	free(ws.slots);
	pthread_mutex_destroy(&ws.lock);
	plan_free(&p);
	findings_finish(out);
}

void engine_scan_buffer(const struct rulepack *pack, const char *path, unsigned kind,
			const char *data, size_t len, const struct scan_config *cfg,
			struct findings *out, struct diag *d)
{
	static const struct scan_config defaults = {.jobs = 1};
	struct plan p;
	plan_build(&p, pack);
	if (!kind)
		kind = classify_path(path);
	if (kind && !cfg)
		cfg = &defaults;
	if (kind) {
		struct cparse *cp = cparse_new();
		pcre2_match_data *md = pcre2_match_data_create(32, NULL);
		pcre2_match_context *mctx = pcre2_match_context_create(NULL);
		pcre2_set_match_limit(mctx, REGEX_MATCH_LIMIT);
		pcre2_set_depth_limit(mctx, REGEX_DEPTH_LIMIT);
		scan_one(&p, cp, cfg, path, path, kind, xstrndup(data, len), len, md, mctx, out, d);
		pcre2_match_context_free(mctx);
		pcre2_match_data_free(md);
		cparse_free(cp);
	}
	plan_free(&p);
}
